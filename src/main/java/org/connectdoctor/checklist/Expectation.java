package org.connectdoctor.checklist;

import java.util.Locale;

/**
 * What a check is supposed to find. {@code reachable} for a service that must answer;
 * {@code refused} and {@code blocked} for firewall verification, where a port must stay closed.
 */
public enum Expectation {
    /** A connection is made (stream, seqpacket) or a datagram is answered. */
    REACHABLE("reachable"),
    /** The peer answers with a refusal (ECONNREFUSED: a reset, or ICMP port unreachable). */
    REFUSED("refused"),
    /**
     * Nothing gets through: refused, timed out, no datagram reply, or a network error on the way
     * (unreachable, prohibited). A failure on this computer (no descriptor left) or a name that
     * does not resolve proves nothing about the path, and does not meet it.
     */
    BLOCKED("blocked");

    private final String word;

    Expectation(String word) {
        this.word = word;
    }

    /** The word a profile uses. */
    public String word() {
        return word;
    }

    /** The expectation a profile word names, or null. */
    public static Expectation fromWord(String word) {
        for (Expectation e : values()) {
            if (e.word.equals(word.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        return null;
    }
}
