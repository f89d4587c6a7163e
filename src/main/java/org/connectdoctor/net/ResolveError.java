package org.connectdoctor.net;

/**
 * A getaddrinfo(3) failure: its EAI_* name and number, gai_strerror's text, and for EAI_SYSTEM
 * the errno that came with it.
 *
 * @param code             the symbolic code, {@link GaiError#UNKNOWN} when the table lacks the number
 * @param number           the number getaddrinfo returned
 * @param message          gai_strerror(3)'s English text ("Name or service not known"), whatever
 *                         the locale
 * @param system           for EAI_SYSTEM, the errno; otherwise null
 * @param localizedMessage gai_strerror(3) in the process locale's language, or null when it is
 *                         the English one
 */
public record ResolveError(GaiError code, int number, String message, SysError system, String localizedMessage) {

    public ResolveError {
        if (localizedMessage != null && localizedMessage.equals(message)) {
            localizedMessage = null;
        }
    }

    /** A failure with its English text only. */
    public ResolveError(GaiError code, int number, String message, SysError system) {
        this(code, number, message, system, null);
    }

    public String symbol() {
        return code == GaiError.UNKNOWN ? "getaddrinfo " + number : code.name();
    }

    /**
     * The name the reporting system uses: WSAHOST_NOT_FOUND for Windows' 11001, the EAI_ name
     * elsewhere. Windows' getaddrinfo codes are Winsock errors (10000 and up), which no other
     * system's EAI_ values reach.
     */
    public String nativeSymbol() {
        return NumberTable.nativeSymbol(symbol(), number);
    }

    @Override
    public String toString() {
        return nativeSymbol() + " (" + number + ") " + message + (system == null ? "" : ": " + system);
    }
}
