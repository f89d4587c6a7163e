package org.connectdoctor.sys.windows;

import java.util.List;
import java.util.Locale;
import org.connectdoctor.sys.InterfaceKind;

/**
 * Places a Windows adapter in an {@link InterfaceKind} from what GetAdaptersAddresses says of it:
 * the description first, since VPN clients install adapters of ordinary types (WireGuard and
 * Wintun as IF_TYPE_PROP_VIRTUAL, TAP-Windows as IF_TYPE_ETHERNET_CSMACD) whose description
 * names the client; then the interface type (ipifcons.h) and the tunnel type (ifdef.h).
 */
final class WindowsLinks {

    // ipifcons.h
    static final int IF_TYPE_ETHERNET_CSMACD = 6;
    static final int IF_TYPE_PPP = 23;
    static final int IF_TYPE_SOFTWARE_LOOPBACK = 24;
    static final int IF_TYPE_PROP_VIRTUAL = 53;
    static final int IF_TYPE_IEEE80211 = 71;
    static final int IF_TYPE_TUNNEL = 131;
    static final int IF_TYPE_IEEE1394 = 144;
    static final int IF_TYPE_WWANPP = 243;
    static final int IF_TYPE_WWANPP2 = 244;
    // ifdef.h TUNNEL_TYPE
    static final int TUNNEL_TYPE_NONE = 0;
    static final int TUNNEL_TYPE_6TO4 = 11;
    static final int TUNNEL_TYPE_ISATAP = 13;
    static final int TUNNEL_TYPE_TEREDO = 14;
    static final int TUNNEL_TYPE_IPHTTPS = 15;

    /** Words in adapter descriptions that name a VPN client's adapter (lower case). */
    private static final List<String> VPN_CLIENTS = List.of("anyconnect", "cisco", "globalprotect", "palo alto",
            "fortinet", "forticlient", "juniper", "pulse secure", "ivanti", "sonicwall", "check point", "checkpoint",
            "zscaler", "netextender", "openconnect", "nordlynx", "nordvpn", "expressvpn", "protonvpn", "mullvad",
            "tailscale", "zerotier", "hamachi", "f5 ", "big-ip", "citrix", "vpn", "wan miniport");

    private WindowsLinks() {
    }

    static InterfaceKind kind(int ifType, int tunnelType, String description) {
        String d = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (ifType == IF_TYPE_SOFTWARE_LOOPBACK) {
            return InterfaceKind.LOOPBACK;
        }
        if (d.contains("wireguard")) {
            return InterfaceKind.WIREGUARD;
        }
        if (d.contains("tap-windows") || d.contains("tap-win32")) {
            return InterfaceKind.TAP;
        }
        if (d.contains("wintun") || d.contains("openvpn")) {
            return InterfaceKind.TUN;
        }
        if (ifType == IF_TYPE_TUNNEL) {
            return switch (tunnelType) {
                case TUNNEL_TYPE_6TO4, TUNNEL_TYPE_ISATAP, TUNNEL_TYPE_TEREDO -> InterfaceKind.IPV6_TRANSITION;
                case TUNNEL_TYPE_IPHTTPS -> InterfaceKind.VPN_CLIENT; // DirectAccess
                default -> InterfaceKind.IP_TUNNEL;
            };
        }
        if (ifType == IF_TYPE_PPP) {
            return InterfaceKind.PPP; // the built-in VPN (RAS: PPTP, L2TP, SSTP, IKEv2) dials as PPP
        }
        if (VPN_CLIENTS.stream().anyMatch(d::contains)) {
            return InterfaceKind.VPN_CLIENT;
        }
        return switch (ifType) {
            case IF_TYPE_ETHERNET_CSMACD -> InterfaceKind.ETHERNET;
            case IF_TYPE_IEEE80211 -> InterfaceKind.WIFI;
            case IF_TYPE_WWANPP, IF_TYPE_WWANPP2 -> InterfaceKind.MOBILE_BROADBAND;
            case IF_TYPE_PROP_VIRTUAL, IF_TYPE_IEEE1394 -> InterfaceKind.VIRTUAL;
            default -> InterfaceKind.OTHER;
        };
    }
}
