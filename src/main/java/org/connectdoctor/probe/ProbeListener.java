package org.connectdoctor.probe;

import org.connectdoctor.net.SockAddr;

/**
 * Progress of a running probe, reported on the probing thread as it happens (the window streams
 * rows from it). Every method has an empty default.
 */
public interface ProbeListener {
    ProbeListener NONE = new ProbeListener() { };

    default void resolving(String host) { }

    default void resolved(Resolution resolution) { }

    /** An attempt starts: round, position, address and how many addresses there are. */
    default void attempting(int round, int index, int of, SockAddr address) { }

    default void attempted(Attempt attempt) { }
}
