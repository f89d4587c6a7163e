package org.connectdoctor.probe;

/** How one attempt, or a whole probe, ended. */
public enum Outcome {
    /** A stream or seqpacket connection was made. */
    CONNECTED(true),
    /** A datagram got a reply. */
    ANSWERED(true),
    /** A datagram got neither reply nor error within the time limit: open, or filtered. */
    NO_REPLY(false),
    /** A system call reported an error: the attempt's errno says which. */
    FAILED(false),
    /** The user's time limit passed while the connection was still being made. */
    TIMED_OUT(false),
    /** The name could not be resolved (the whole probe only). */
    RESOLUTION_FAILED(false),
    /** The name lookup did not finish within the user's time limit (the whole probe only). */
    LOOKUP_TIMED_OUT(false),
    /** The user cancelled. */
    CANCELLED(false);

    private final boolean success;

    Outcome(boolean success) {
        this.success = success;
    }

    public boolean isSuccess() {
        return success;
    }
}
