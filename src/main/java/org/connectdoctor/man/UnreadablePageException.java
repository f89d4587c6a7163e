package org.connectdoctor.man;

/**
 * A page that cannot be read as a man page: too large, nested too deep, a .so chain that does not
 * end. The message completes "the page … cannot be read: …" and is shown to the user as it is.
 */
public final class UnreadablePageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadablePageException(String reason) {
        super(reason, null, false, false);
    }
}
