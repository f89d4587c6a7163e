package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.sys.Read;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The link reader: RTM_NEWLINK parsing on bytes laid out as linux/if_link.h says, the kinds of
 * link types and hardware types, and the live dump in a namespace of the test's own holding a
 * tun, a tap, a veth pair, an ipip and a GRE tunnel (and WireGuard where the kernel has it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinuxLinksTest {

    /** An RTM_NEWLINK payload: ifinfomsg, IFLA_IFNAME, IFLA_LINKINFO { IFLA_INFO_KIND }. */
    private static byte[] newLink(int index, int type, int flags, String name, String kind) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        b.put((byte) 0).put((byte) 0).putShort((short) type).putInt(index).putInt(flags).putInt(0);
        attr(b, RtNetlink.IFLA_IFNAME, (name + "\0").getBytes(StandardCharsets.US_ASCII));
        if (kind != null) {
            ByteBuffer nested = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
            attr(nested, RtNetlink.IFLA_INFO_KIND, (kind + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] n = new byte[nested.position()];
            nested.flip().get(n);
            attr(b, RtNetlink.IFLA_LINKINFO | 0x8000, n); // NLA_F_NESTED, as the kernel sets it
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void attr(ByteBuffer b, int type, byte[] value) {
        int start = b.position();
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        b.position(start + RtNetlink.align(4 + value.length));
    }

    @Test
    void aWireGuardLinkIsReadFromItsLinkKind() {
        RtNetlink.RawLink raw = RtNetlink.link(new RtNetlink.Message(RtNetlink.RTM_NEWLINK, 0, 1,
                newLink(7, LinuxLinks.ARPHRD_NONE, LinuxLinks.IFF_UP, "wg0", "wireguard")));
        assertEquals(7, raw.index());
        assertEquals("wg0", raw.name());
        assertEquals("wireguard", raw.kind());
        NetworkLink link = LinuxLinks.link(raw, r -> null);
        assertEquals(InterfaceKind.WIREGUARD, link.kind());
        assertTrue(link.up());
        assertEquals("wg0 (WireGuard)", link.display());
        assertTrue(link.kind().vpn());
    }

    @Test
    void aPhysicalDeviceWithoutLinkKindIsEthernetOrWifiAsSysfsSays() {
        RtNetlink.RawLink raw = RtNetlink.link(new RtNetlink.Message(RtNetlink.RTM_NEWLINK, 0, 1,
                newLink(3, LinuxLinks.ARPHRD_ETHER, 0, "wlp2s0", null)));
        assertNull(raw.kind());
        assertEquals(InterfaceKind.ETHERNET, LinuxLinks.link(raw, r -> null).kind(),
                "when /sys is another namespace's, the hardware type alone says Ethernet");
        assertEquals(InterfaceKind.WIFI, LinuxLinks.link(raw, r -> new LinuxLinks.Sysfs("wlan", false)).kind());
        assertEquals(InterfaceKind.WIFI, LinuxLinks.link(raw, r -> new LinuxLinks.Sysfs(null, true)).kind());
        assertEquals(InterfaceKind.MOBILE_BROADBAND, LinuxLinks.link(raw, r -> new LinuxLinks.Sysfs("wwan", false)).kind());
        assertFalse(LinuxLinks.link(raw, r -> null).up());
    }

    @Test
    void theLinkKindsOfTunnelsAreVpnsAndTheOthersAreNot() {
        Map<String, InterfaceKind> kinds = Map.ofEntries(Map.entry("wireguard", InterfaceKind.WIREGUARD),
                Map.entry("ppp", InterfaceKind.PPP), Map.entry("ipip", InterfaceKind.IP_TUNNEL),
                Map.entry("sit", InterfaceKind.IP_TUNNEL), Map.entry("gre", InterfaceKind.GRE),
                Map.entry("ip6gre", InterfaceKind.GRE), Map.entry("xfrm", InterfaceKind.IPSEC),
                Map.entry("vti", InterfaceKind.IPSEC), Map.entry("vti6", InterfaceKind.IPSEC),
                Map.entry("veth", InterfaceKind.VIRTUAL), Map.entry("bridge", InterfaceKind.VIRTUAL),
                Map.entry("vxlan", InterfaceKind.VIRTUAL), Map.entry("something-new", InterfaceKind.OTHER));
        kinds.forEach((kind, expected) -> assertEquals(expected, LinuxLinks.byKind(kind, LinuxLinks.ARPHRD_NONE), kind));
        assertEquals(InterfaceKind.TUN, LinuxLinks.byKind("tun", LinuxLinks.ARPHRD_NONE));
        assertEquals(InterfaceKind.TAP, LinuxLinks.byKind("tun", LinuxLinks.ARPHRD_ETHER), "a tap is a tun with an Ethernet header");
        assertEquals(InterfaceKind.PPP, LinuxLinks.byType(LinuxLinks.ARPHRD_PPP), "pppd's links register no link kind");
        assertEquals(InterfaceKind.LOOPBACK, LinuxLinks.byType(LinuxLinks.ARPHRD_LOOPBACK));
        assertEquals(InterfaceKind.WIFI, LinuxLinks.byType(LinuxLinks.ARPHRD_IEEE80211));
    }

    @Test
    void theKindsOfTheLinksInANamespace() throws Exception {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, why);
        try (TestNamespace ns = TestNamespace.create("cd-links")) {
            ns.ip("link", "set", "lo", "up")
                    .ip("tuntap", "add", "dev", "tun7", "mode", "tun")
                    .ip("tuntap", "add", "dev", "tap7", "mode", "tap")
                    .ip("link", "add", "v7", "type", "veth", "peer", "name", "v8")
                    .ip("link", "set", "v7", "mtu", "1420")
                    .ip("link", "set", "tun7", "up");
            // tunnel drivers that a kernel may lack: checked where it has them
            boolean wireguard = tryIp(ns, "link", "add", "wg7", "type", "wireguard");
            boolean ipip = tryIp(ns, "link", "add", "ipip7", "type", "ipip", "local", "10.77.7.1", "remote", "10.77.7.2");
            boolean gre = tryIp(ns, "link", "add", "gre7", "type", "gre", "local", "10.77.7.1", "remote", "10.77.7.2");
            Read<List<NetworkLink>> read = ns.inside(() -> LinuxHostState.INSTANCE.links());
            List<NetworkLink> links = assertInstanceOf(Read.Known.class, read).value() instanceof List<?> l
                    ? l.stream().map(NetworkLink.class::cast).toList() : List.of();
            Map<String, NetworkLink> byName = links.stream().collect(Collectors.toMap(NetworkLink::name, x -> x, (a, b) -> a));
            assertEquals(InterfaceKind.LOOPBACK, byName.get("lo").kind());
            assertEquals(InterfaceKind.TUN, byName.get("tun7").kind());
            assertTrue(byName.get("tun7").up());
            assertEquals("tun", byName.get("tun7").detail());
            assertEquals(InterfaceKind.TAP, byName.get("tap7").kind());
            assertFalse(byName.get("tap7").up());
            assertEquals(InterfaceKind.VIRTUAL, byName.get("v7").kind());
            assertEquals(1420, byName.get("v7").mtu(), "IFLA_MTU");
            assertEquals(65536, byName.get("lo").mtu());
            optional(wireguard, "wireguard", InterfaceKind.WIREGUARD, byName.get("wg7"));
            optional(ipip, "ipip", InterfaceKind.IP_TUNNEL, byName.get("ipip7"));
            optional(gre, "gre", InterfaceKind.GRE, byName.get("gre7"));
        }
    }

    private static void optional(boolean made, String type, InterfaceKind expected, NetworkLink link) {
        if (made) {
            assertEquals(expected, link.kind(), type);
        } else {
            System.out.println("LinuxLinksTest: " + type + " not checked live: this kernel has no " + type
                    + " link type (ip link add type " + type + ": Unknown device type); checked on bytes above");
        }
    }

    private static boolean tryIp(TestNamespace ns, String... args) throws InterruptedException {
        try {
            ns.ip(args);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
