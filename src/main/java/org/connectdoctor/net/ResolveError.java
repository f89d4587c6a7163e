package org.connectdoctor.net;

/**
 * A getaddrinfo(3) failure: its EAI_* name and number, gai_strerror's text, and for EAI_SYSTEM
 * the errno that came with it.
 *
 * @param code    the symbolic code, {@link GaiError#UNKNOWN} when the table lacks the number
 * @param number  the number getaddrinfo returned
 * @param message gai_strerror(3) text
 * @param system  for EAI_SYSTEM, the errno; otherwise null
 */
public record ResolveError(GaiError code, int number, String message, SysError system) {

    public String symbol() {
        return code == GaiError.UNKNOWN ? "getaddrinfo " + number : code.name();
    }

    @Override
    public String toString() {
        return symbol() + " (" + number + ") " + message + (system == null ? "" : ": " + system);
    }
}
