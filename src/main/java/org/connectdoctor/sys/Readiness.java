package org.connectdoctor.sys;

/** How a wait on a socket ended. */
public enum Readiness {
    /** The socket became ready (or has an error or hang-up to report). */
    READY,
    /** The time limit passed first. */
    TIMED_OUT,
    /** The {@link Waker} was woken: somebody cancelled. */
    WOKEN
}
