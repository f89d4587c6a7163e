package org.connectdoctor.sys.darwin;

import org.connectdoctor.sys.InterfaceKind;

/**
 * The kind of a macOS interface by construction, from its name: XNU names each interface after
 * its driver family and unit (ifnet's if_name + if_unit), and the tunnel families are the kernel
 * control interfaces of bsd/net/if_utun.h (utunN, used by WireGuard, OpenVPN, Tailscale and the
 * built-in IKEv2 client) and bsd/net/if_ipsec.h (ipsecN, the built-in IPsec client), the PPP
 * family (pppN, L2TP and PPTP) and gif/stf of bsd/net/if_gif.h and if_stf.h. An enN interface
 * is Ethernet or Wi-Fi alike; which it is, the name does not say (SystemConfiguration would),
 * so it stays {@link InterfaceKind#OTHER}.
 */
public final class DarwinLinks {

    private DarwinLinks() {
    }

    public static InterfaceKind kind(String name) {
        String family = name.replaceAll("\\d+$", "");
        return switch (family) {
            case "lo" -> InterfaceKind.LOOPBACK;
            case "utun" -> InterfaceKind.TUN;
            case "ipsec" -> InterfaceKind.IPSEC;
            case "ppp" -> InterfaceKind.PPP;
            case "gif" -> InterfaceKind.IP_TUNNEL;
            case "stf" -> InterfaceKind.IPV6_TRANSITION;
            case "awdl", "llw" -> InterfaceKind.WIFI; // Apple Wireless Direct Link, low-latency WLAN
            case "pdp_ip" -> InterfaceKind.MOBILE_BROADBAND;
            case "bridge", "vlan", "bond", "feth", "anpi", "ap" -> InterfaceKind.VIRTUAL;
            default -> InterfaceKind.OTHER;
        };
    }
}
