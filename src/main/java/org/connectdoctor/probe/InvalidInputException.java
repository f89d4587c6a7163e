package org.connectdoctor.probe;

/**
 * Input that cannot be probed: the message says what was wrong and what is accepted, in words
 * fit to show a help-desk user as they are. Thrown before any system call is made.
 */
public final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message, null, false, false);
    }
}
