package org.connectdoctor.sys;

import org.connectdoctor.net.SockAddr;

/**
 * This computer's routing and neighbour tables, asked of the kernel in the calling thread's
 * network namespace. Only reads; never sends anything off the computer.
 */
public interface HostRoutes {

    /**
     * The route the kernel would use for {@code destination} (as {@code ip route get}); for an
     * IPv6 address with a zone (scope id), the route on that interface. When the kernel refuses,
     * the tables are read to name the entry that refuses.
     */
    RouteLookup route(SockAddr destination);

    /** The neighbour-table entry for {@code address} on {@code device} (null: any interface). */
    NeighbourLookup neighbour(SockAddr address, String device);

    /** The running system's reader, as {@link Platform} picks it (rtnetlink on Linux; elsewhere one that says it cannot look). */
    static HostRoutes system() {
        return Platform.current().routes();
    }
}
