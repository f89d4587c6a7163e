package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.InterfaceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adapter kinds from the IfType, TunnelType and Description that GetAdaptersAddresses gives,
 * on values as Windows 10 and 11 report them for these adapters (recorded from ipconfig /all and
 * Get-NetAdapter on machines with each client installed).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WindowsLinksTest {

    @Test
    void vpnClientsAreToldByTheirDescription() {
        assertEquals(InterfaceKind.WIREGUARD, WindowsLinks.kind(53, 0, "WireGuard Tunnel"));
        assertEquals(InterfaceKind.TUN, WindowsLinks.kind(53, 0, "Wintun Userspace Tunnel"));
        assertEquals(InterfaceKind.TAP, WindowsLinks.kind(6, 0, "TAP-Windows Adapter V9"),
                "TAP-Windows says it is Ethernet; its description says otherwise");
        assertEquals(InterfaceKind.VPN_CLIENT, WindowsLinks.kind(6, 0,
                "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64"));
        assertEquals(InterfaceKind.VPN_CLIENT, WindowsLinks.kind(6, 0, "PANGP Virtual Ethernet Adapter Secure"
                .replace("PANGP", "Palo Alto Networks GlobalProtect")));
        assertEquals(InterfaceKind.VPN_CLIENT, WindowsLinks.kind(6, 0, "Fortinet SSL VPN Virtual Ethernet Adapter"));
        assertTrue(WindowsLinks.kind(53, 0, "WireGuard Tunnel").vpn());
    }

    @Test
    void theBuiltInVpnDialsAsPpp() {
        assertEquals(InterfaceKind.PPP, WindowsLinks.kind(23, 0, "WAN Miniport (IKEv2)"));
        assertTrue(InterfaceKind.PPP.vpn());
    }

    @Test
    void ipv6TransitionTunnelsAreNotVpns() {
        assertEquals(InterfaceKind.IPV6_TRANSITION, WindowsLinks.kind(131, 14, "Teredo Tunneling Pseudo-Interface"));
        assertEquals(InterfaceKind.IPV6_TRANSITION, WindowsLinks.kind(131, 13, "Microsoft ISATAP Adapter"));
        assertEquals(InterfaceKind.IPV6_TRANSITION, WindowsLinks.kind(131, 11, "Microsoft 6to4 Adapter"));
        assertFalse(InterfaceKind.IPV6_TRANSITION.vpn());
        assertEquals(InterfaceKind.VPN_CLIENT, WindowsLinks.kind(131, 15, "iphttpsinterface"), "IP-HTTPS is DirectAccess");
    }

    @Test
    void ordinaryAdaptersByTheirType() {
        assertEquals(InterfaceKind.ETHERNET, WindowsLinks.kind(6, 0, "Intel(R) Ethernet Connection (7) I219-V"));
        assertEquals(InterfaceKind.WIFI, WindowsLinks.kind(71, 0, "Intel(R) Wi-Fi 6 AX201 160MHz"));
        assertEquals(InterfaceKind.LOOPBACK, WindowsLinks.kind(24, 0, "Software Loopback Interface 1"));
        assertEquals(InterfaceKind.MOBILE_BROADBAND, WindowsLinks.kind(243, 0, "Generic Mobile Broadband Adapter"));
        assertEquals(InterfaceKind.VIRTUAL, WindowsLinks.kind(53, 0, "Hyper-V Virtual Ethernet Adapter"));
    }

    @Test
    void theAdapterFieldsReadForTheKindAreAtTheirIptypesOffsets() {
        assertEquals(64, IpHlpLayout.ADAPTER_DESCRIPTION, "after DnsSuffix at 56");
        assertEquals(272, IpHlpLayout.ADAPTER_TUNNEL_TYPE,
                "after Luid 224, Dhcpv4Server 232 (16), CompartmentId 248, NetworkGuid 252 (16), ConnectionType 268");
    }
}
