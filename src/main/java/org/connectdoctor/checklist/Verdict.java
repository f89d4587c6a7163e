package org.connectdoctor.checklist;

/** A check's result in one word or two, as a row shows it. */
public enum Verdict {
    CONNECTED("connected"),
    ANSWERED("answered"),
    REFUSED("refused"),
    TIMED_OUT("timed out"),
    NO_REPLY("no reply"),
    /** Another errno: unreachable, prohibited, permission, a local limit. */
    FAILED("failed"),
    NOT_RESOLVED("not resolved"),
    /** The check's own deadline passed before its probe ended (several addresses, each slow). */
    DEADLINE("deadline"),
    CANCELLED("cancelled"),
    /** Connected, but the TLS check the profile asked for (tls: true) found a problem; the cause says which. */
    TLS_FAILED("TLS failed");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean reachable() {
        return this == CONNECTED || this == ANSWERED;
    }
}
