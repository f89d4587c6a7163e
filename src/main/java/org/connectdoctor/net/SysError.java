package org.connectdoctor.net;

/**
 * One failure a system call reported: the symbolic name, the operating system's number, and the
 * C library's own text for it (strerror(3) or gai_strerror(3)).
 *
 * <p>{@code message} is always the C library's English text, whatever the user's locale, so
 * reports, tickets and JSON read the same everywhere and can be searched for. The text in the
 * user's language, when the system has one that differs, travels beside it.
 *
 * @param errno            the symbolic name, {@link Errno#UNKNOWN} when the table lacks the number
 * @param number           the number the operating system used
 * @param message          the C library's English text ("Connection refused")
 * @param localizedMessage the same text in the language of the process locale (LC_MESSAGES),
 *                         or null when it is the English one
 */
public record SysError(Errno errno, int number, String message, String localizedMessage) {

    public SysError {
        if (localizedMessage != null && localizedMessage.equals(message)) {
            localizedMessage = null;
        }
    }

    /** An error with its English text only. */
    public SysError(Errno errno, int number, String message) {
        this(errno, number, message, null);
    }

    /** ECONNREFUSED, or "errno 200" for a number no table names. */
    public String symbol() {
        return errno == Errno.UNKNOWN ? "errno " + number : errno.name();
    }

    /**
     * The portable cause (refused, timed out, …), empty when this errno has none. On a datagram
     * socket use {@link Cause#of(Errno, SocketType)}: there a reset is a refusal.
     */
    public java.util.Optional<Cause> cause() {
        return Cause.of(errno);
    }

    /**
     * True when the number is a Winsock code: Winsock codes (10000 and up) never overlap the
     * errno values of Linux and macOS, so a number the Windows table gives this errno is a Windows
     * one. Linux and macOS share many errno values (EACCES is 13 on both) and spell them alike.
     */
    public boolean isWinsock() {
        // Below 10000 it cannot be one: answered without loading the Windows table, which matters
        // when this error is EMFILE and no descriptor is left to read the table's resource.
        return number >= 10000 && errno != Errno.UNKNOWN
                && NumberTable.errno(Os.WINDOWS).number(errno).orElse(Integer.MIN_VALUE) == number;
    }

    /**
     * The name the reporting system uses: WSAECONNREFUSED for a Winsock code, the errno name
     * (ECONNREFUSED) for Linux and macOS, "errno 200" for a number no table names.
     */
    public String nativeSymbol() {
        return isWinsock() ? NumberTable.errno(Os.WINDOWS).nativeName(errno) : symbol();
    }

    /**
     * ECONNREFUSED (111) Connection refused; WSAECONNREFUSED (10061) … on Windows. Always English:
     * the localised text is not part of it.
     */
    @Override
    public String toString() {
        return nativeSymbol() + " (" + number + ") " + message;
    }
}
