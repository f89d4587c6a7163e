package org.connectdoctor.report;

/** One line about something that went wrong inside the program, for a user to read and to quote. */
public final class Failure {
    private Failure() {
    }

    /** "StackOverflowError", "IllegalStateException: pipe2: EMFILE (24) Too many open files". */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.strip().replace('\n', ' ');
    }
}
