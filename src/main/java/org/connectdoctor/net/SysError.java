package org.connectdoctor.net;

/**
 * One failure a system call reported: the symbolic name, the operating system's number, and the
 * C library's own text for it (strerror(3) or gai_strerror(3)).
 *
 * @param errno   the symbolic name, {@link Errno#UNKNOWN} when the table lacks the number
 * @param number  the number the operating system used
 * @param message the C library's text
 */
public record SysError(Errno errno, int number, String message) {

    /** ECONNREFUSED, or "errno 200" for a number no table names. */
    public String symbol() {
        return errno == Errno.UNKNOWN ? "errno " + number : errno.name();
    }

    /** ECONNREFUSED (111) Connection refused. */
    @Override
    public String toString() {
        return symbol() + " (" + number + ") " + message;
    }
}
