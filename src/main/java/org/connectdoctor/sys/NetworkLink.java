package org.connectdoctor.sys;

/**
 * One network interface and what kind it is.
 *
 * @param name        its name as routes name it (eth0, wg0; on Windows the adapter's friendly name)
 * @param index       the interface index, 0 when the system gives none
 * @param kind        what kind of interface it is
 * @param up          administratively up (IFF_UP; on Windows the operational status is up)
 * @param detail      the system's own word for it, or null: the Linux link kind ("vti6", "tun"),
 *                    the Windows adapter description ("WireGuard Tunnel", "Cisco AnyConnect …")
 * @param source      where the kind was read: "rtnetlink IFLA_INFO_KIND", "GetAdaptersAddresses"
 * @param mtu         the link's MTU in bytes (rtnetlink IFLA_MTU, the adapter's Mtu); 0 when not read
 */
public record NetworkLink(String name, int index, InterfaceKind kind, boolean up, String detail, String source,
                          int mtu) {

    /** A link whose MTU was not read. */
    public NetworkLink(String name, int index, InterfaceKind kind, boolean up, String detail, String source) {
        this(name, index, kind, up, detail, source, 0);
    }

    /** This link with its MTU. */
    public NetworkLink withMtu(int bytes) {
        return new NetworkLink(name, index, kind, up, detail, source, bytes);
    }

    /** "wg0 (WireGuard)", "Ethernet 2 (VPN: Cisco AnyConnect Virtual Miniport Adapter)". */
    public String display() {
        String what = kind.words();
        if (detail != null && !detail.isBlank() && !detail.equalsIgnoreCase(what) && !detail.equals(name)) {
            what = what + ": " + detail;
        }
        return name + " (" + what + ")";
    }
}
