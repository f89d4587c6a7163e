package org.connectdoctor.sys;

/**
 * The type of a routing-table entry, as {@code ip route} names it. Each backend maps its own
 * kernel's numbers or flags onto these names (Linux: RTN_* in sys.linux.RtNetlink).
 */
public enum RouteType {
    UNSPEC("unspec"),
    /** A real route: via a gateway or directly to an attached network. */
    UNICAST("unicast"),
    /** An address of this computer (table local). */
    LOCAL("local"),
    /** A broadcast address: sent as link broadcast. */
    BROADCAST("broadcast"),
    ANYCAST("anycast"),
    MULTICAST("multicast"),
    /** Drops silently; connect(2) fails with EINVAL. */
    BLACKHOLE("blackhole"),
    /** Refuses with "host unreachable"; connect(2) fails with EHOSTUNREACH (IPv4) or ENETUNREACH (IPv6). */
    UNREACHABLE("unreachable"),
    /** Refuses with "administratively prohibited"; connect(2) fails with EACCES. */
    PROHIBIT("prohibit"),
    /** Ends the lookup in this table: the next policy rule's table is tried. */
    THROW("throw"),
    NAT("nat"),
    XRESOLVE("xresolve");

    private final String word;

    RouteType(String word) {
        this.word = word;
    }

    /** The word {@code ip route} prints: blackhole, unreachable, … */
    public String word() {
        return word;
    }

    /** A route that never delivers: blackhole, unreachable, prohibit or throw. */
    public boolean rejects() {
        return this == BLACKHOLE || this == UNREACHABLE || this == PROHIBIT || this == THROW;
    }
}
