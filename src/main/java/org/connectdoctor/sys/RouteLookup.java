package org.connectdoctor.sys;

import java.util.List;

/**
 * What the kernel says about the way to one destination: the route it would use, the reject
 * route that refuses it, no route at all, or that it could not be asked. Unknown is not "no
 * route": a check that gets it says it could not look.
 */
public sealed interface RouteLookup {

    /**
     * The kernel would send by {@code route} (unicast, local, broadcast, …).
     *
     * @param route the route the kernel answered with (table, gateway, device, source), its
     *              destination the address asked for
     * @param entry the routing-table entry it came from (10.0.0.0/8, default), or null when the
     *              tables could not be matched to it
     */
    record Routed(Route route, Route entry) implements RouteLookup {
    }

    /**
     * A reject route (blackhole, unreachable, prohibit, throw) is the most specific entry that
     * covers the destination.
     *
     * @param route         that route, from the routing tables
     * @param kernelAnswer  the errno the kernel answered the route request with (EINVAL, …), or null
     */
    record Rejected(Route route, String kernelAnswer) implements RouteLookup {
    }

    /**
     * No entry of any routing table covers the destination.
     *
     * @param kernelAnswer the errno the kernel answered with (ENETUNREACH), or null
     * @param defaults     the default routes there are (none when the tables have no default route)
     */
    record NoRoute(String kernelAnswer, List<Route> defaults) implements RouteLookup {
        public NoRoute {
            defaults = List.copyOf(defaults);
        }
    }

    /** The kernel could not be asked, or answered in a way not understood. */
    record Unknown(String reason) implements RouteLookup {
    }
}
