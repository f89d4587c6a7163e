package org.connectdoctor.sys;

/**
 * The type of a routing-table entry, as {@code ip route} names it. The numbers are Linux's
 * {@code RTN_*} (linux/rtnetlink.h); other systems map their own flags onto the same names.
 */
public enum RouteType {
    UNSPEC("unspec", 0),
    /** A real route: via a gateway or directly to an attached network. */
    UNICAST("unicast", 1),
    /** An address of this computer (table local). */
    LOCAL("local", 2),
    /** A broadcast address: sent as link broadcast. */
    BROADCAST("broadcast", 3),
    ANYCAST("anycast", 4),
    MULTICAST("multicast", 5),
    /** Drops silently; connect(2) fails with EINVAL. */
    BLACKHOLE("blackhole", 6),
    /** Refuses with "host unreachable"; connect(2) fails with EHOSTUNREACH (IPv4) or ENETUNREACH (IPv6). */
    UNREACHABLE("unreachable", 7),
    /** Refuses with "administratively prohibited"; connect(2) fails with EACCES. */
    PROHIBIT("prohibit", 8),
    /** Ends the lookup in this table: the next policy rule's table is tried. */
    THROW("throw", 9),
    NAT("nat", 10),
    XRESOLVE("xresolve", 11);

    private final String word;
    private final int linuxNumber;

    RouteType(String word, int linuxNumber) {
        this.word = word;
        this.linuxNumber = linuxNumber;
    }

    /** The word {@code ip route} prints: blackhole, unreachable, … */
    public String word() {
        return word;
    }

    /** A route that never delivers: blackhole, unreachable, prohibit or throw. */
    public boolean rejects() {
        return this == BLACKHOLE || this == UNREACHABLE || this == PROHIBIT || this == THROW;
    }

    static RouteType ofLinux(int rtn) {
        for (RouteType t : values()) {
            if (t.linuxNumber == rtn) {
                return t;
            }
        }
        return UNSPEC;
    }
}
