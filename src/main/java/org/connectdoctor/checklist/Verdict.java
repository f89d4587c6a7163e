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
    CANCELLED("cancelled");

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
