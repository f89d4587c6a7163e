package org.connectdoctor.sys;

import org.connectdoctor.net.SockAddr;

/**
 * An entry of the neighbour table (ARP for IPv4, neighbour discovery for IPv6): whether a host
 * on an attached network answered when this computer asked for its link-layer address.
 *
 * @param address the neighbour's IP address
 * @param device  the interface it was asked on
 * @param state   the entry's state
 */
public record Neighbour(SockAddr address, String device, State state) {

    /** The neighbour-table states ({@code NUD_*} of linux/neighbour.h), as {@code ip neigh} names them. */
    public enum State {
        /** Asked, no answer yet. */
        INCOMPLETE,
        REACHABLE,
        STALE,
        DELAY,
        PROBE,
        /** Asked, never answered: the kernel gave up. */
        FAILED,
        NOARP,
        PERMANENT,
        NONE;

        /** The host was asked for its link-layer address and has not answered. */
        public boolean unanswered() {
            return this == INCOMPLETE || this == FAILED;
        }
    }
}
