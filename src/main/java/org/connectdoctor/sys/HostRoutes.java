package org.connectdoctor.sys;

import org.connectdoctor.net.Os;
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

    /** rtnetlink on Linux; elsewhere a reader that says it cannot look. */
    static HostRoutes system() {
        if (Os.current() == Os.LINUX) {
            return org.connectdoctor.sys.linux.LinuxNetlink.INSTANCE;
        }
        String os = System.getProperty("os.name");
        return new HostRoutes() {
            @Override
            public RouteLookup route(SockAddr destination) {
                return new RouteLookup.Unknown("reading the routing table is not written yet for " + os);
            }

            @Override
            public NeighbourLookup neighbour(SockAddr address, String device) {
                return new NeighbourLookup.Unknown("reading the neighbour table is not written yet for " + os);
            }
        };
    }
}
