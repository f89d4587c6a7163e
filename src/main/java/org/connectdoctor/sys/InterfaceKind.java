package org.connectdoctor.sys;

/**
 * What kind of network interface a route leaves through, as the running OS's backend tells it
 * (Linux: the rtnetlink link kind and hardware type; Windows: the adapter's interface type, tunnel
 * type and description; macOS: the interface's name family). The explanation and the history
 * decide "through the VPN or not" on {@link #vpn()} alone, never on names.
 */
public enum InterfaceKind {
    LOOPBACK("loopback", false),
    ETHERNET("Ethernet", false),
    WIFI("Wi-Fi", false),
    MOBILE_BROADBAND("mobile broadband", false),
    /** A virtual interface that is not a tunnel: veth, bridge, VLAN, bond, dummy, macvlan, vxlan. */
    VIRTUAL("virtual", false),
    WIREGUARD("WireGuard", true),
    /** A layer-3 tun device (OpenVPN, many VPN clients; macOS utun). */
    TUN("tun", true),
    /** A layer-2 tap device (OpenVPN in bridged mode, TAP-Windows). */
    TAP("tap", true),
    PPP("PPP", true),
    /** IP-in-IP tunnels: ipip, sit, ip6tnl. */
    IP_TUNNEL("IP-in-IP tunnel", true),
    GRE("GRE tunnel", true),
    /** IPsec interfaces: xfrm, vti, vti6, macOS ipsec. */
    IPSEC("IPsec", true),
    /** An adapter that the OS or its description names as a VPN client's, of no more specific kind. */
    VPN_CLIENT("VPN", true),
    /** Teredo, ISATAP, 6to4: IPv6 carried over IPv4, not a private network. */
    IPV6_TRANSITION("IPv6 transition tunnel", false),
    /** An interface the reader could not place. */
    OTHER("other", false);

    private final String words;
    private final boolean vpn;

    InterfaceKind(String words, boolean vpn) {
        this.words = words;
        this.vpn = vpn;
    }

    /** How a help-desk person names it: "WireGuard", "Wi-Fi". */
    public String words() {
        return words;
    }

    /** A tunnel or VPN: traffic through it goes to a private network on the far side. */
    public boolean vpn() {
        return vpn;
    }

    /** The lower-case name written to JSON and the history ("wireguard", "wifi"). */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind with {@link #id()}, or null. */
    public static InterfaceKind ofId(String id) {
        for (InterfaceKind k : values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }
}
