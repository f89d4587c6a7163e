package org.connectdoctor.net;

import java.util.List;

/**
 * A network interface as getifaddrs(3) reports it in the calling thread's network namespace.
 *
 * @param name      eth0, lo, …
 * @param up        IFF_UP: administratively up
 * @param running   IFF_RUNNING: the link is operational
 * @param loopback  IFF_LOOPBACK
 * @param addresses its IPv4 and IPv6 addresses
 */
public record NetInterface(String name, boolean up, boolean running, boolean loopback, List<Address> addresses) {
    public NetInterface {
        addresses = List.copyOf(addresses);
    }

    /**
     * One address of an interface.
     *
     * @param address   the address (port 0)
     * @param prefix    the prefix length of its network
     * @param broadcast the IPv4 broadcast address, or null
     */
    public record Address(SockAddr address, int prefix, SockAddr broadcast) {
        public String display() {
            return address.host() + "/" + prefix;
        }
    }
}
