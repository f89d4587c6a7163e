package org.connectdoctor.report;

/** One line about something that went wrong inside the program, for a user to read and to quote. */
public final class Failure {
    private Failure() {
    }

    /** "StackOverflowError", "IllegalStateException: pipe2: EMFILE (24) Too many open files". */
    /**
     * Rethrows the JVM's own failures (InternalError, UnknownError), which no caller can work
     * around; a StackOverflowError or OutOfMemoryError from building an explanation is survivable,
     * because everything that work allocated is gone once it unwinds.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError v && !(t instanceof StackOverflowError) && !(t instanceof OutOfMemoryError)) {
            throw v;
        }
    }

    public static String describe(Throwable t) {
        String message = t.getMessage();
        String name = t.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.strip().replace('\n', ' ');
    }
}
