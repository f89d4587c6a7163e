package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rtnetlink reader: the parser on bytes captured from a real kernel (a namespace with
 * 10.77.0.1/24 on v0, index 3, and blackhole 10.82.0.0/24, unreachable 10.78.0.0/24, prohibit
 * 10.79.0.0/24, throw 10.81.0.0/24 in table 100), and the live calls on loopback and in
 * namespaces of the test's own.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NetlinkTest {

    private static final IntFunction<String> NAMES = i -> Map.of(1, "lo", 2, "v1", 3, "v0").getOrDefault(i, "#" + i);
    private final HostRoutes routes = HostRoutes.system();

    private static byte[] captured(String name) throws IOException {
        try (InputStream in = NetlinkTest.class.getResourceAsStream(name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            return HexFormat.of().parseHex(hex);
        }
    }

    private static List<RtNetlink.Message> messages(String name) throws IOException {
        byte[] b = captured(name);
        return RtNetlink.messages(b, b.length);
    }

    private static SockAddr v4(String text) {
        String[] p = text.split("\\.");
        return SockAddr.Inet4.of(new byte[] {(byte) Integer.parseInt(p[0]), (byte) Integer.parseInt(p[1]),
                (byte) Integer.parseInt(p[2]), (byte) Integer.parseInt(p[3])}, 0);
    }

    @Test
    void routeRequestIsLaidOutAsRtnetlinkWantsIt() {
        byte[] req = RtNetlink.routeRequest(42, Family.INET6, new byte[16], 3);
        ByteBuffer b = ByteBuffer.wrap(req).order(ByteOrder.nativeOrder());
        // nlmsghdr (16) + rtmsg (12) + RTA_DST with 16 bytes (20) + RTA_OIF (8)
        assertEquals(56, b.getInt(0));
        assertEquals(RtNetlink.RTM_GETROUTE, b.getShort(4));
        assertEquals(RtNetlink.NLM_F_REQUEST, b.getShort(6));
        assertEquals(42, b.getInt(8));
        assertEquals(10, req[16], "rtm_family AF_INET6");
        assertEquals(128, req[17] & 0xff, "rtm_dst_len");
        assertEquals(20, b.getShort(28), "rta_len of RTA_DST");
        assertEquals(RtNetlink.RTA_DST, b.getShort(30));
        assertEquals(RtNetlink.RTA_OIF, b.getShort(50));
        assertEquals(3, b.getInt(52));
        ByteBuffer dump = ByteBuffer.wrap(RtNetlink.routeDump(1, Family.INET)).order(ByteOrder.nativeOrder());
        assertEquals(RtNetlink.NLM_F_REQUEST | RtNetlink.NLM_F_DUMP, dump.getShort(6));
    }

    @Test
    void capturedAnswerForAnOnLinkAddressNamesDeviceAndSource() throws IOException {
        List<RtNetlink.Message> m = messages("route-get-onlink.hex");
        assertEquals(1, m.size());
        assertEquals(RtNetlink.RTM_NEWROUTE, m.get(0).type());
        Route r = RtNetlink.toRoute(RtNetlink.route(m.get(0)), NAMES);
        assertEquals(RouteType.UNICAST, r.type());
        assertEquals("main", r.tableName());
        assertEquals("v0", r.device());
        assertNull(r.gateway());
        assertEquals("10.77.0.1", r.preferredSource().host());
        assertEquals("10.77.0.9", r.destinationText());
    }

    @Test
    void capturedRefusalOfABlackholeCarriesEinval() throws IOException {
        List<RtNetlink.Message> m = messages("route-get-blackhole.hex");
        assertEquals(RtNetlink.NLMSG_ERROR, m.get(0).type());
        assertEquals(8, m.get(0).seq());
        assertEquals(22, RtNetlink.error(m.get(0)));
    }

    @Test
    void capturedTableDumpNamesEveryRejectTypeAndItsTable() throws IOException {
        List<RtNetlink.Message> m = messages("route-dump-ipv4.hex");
        assertEquals(RtNetlink.NLMSG_DONE, m.get(m.size() - 1).type());
        List<String> lines = m.stream().filter(x -> x.type() == RtNetlink.RTM_NEWROUTE)
                .map(x -> RtNetlink.toRoute(RtNetlink.route(x), NAMES).display()).toList();
        assertTrue(lines.contains("blackhole 10.82.0.0/24"), lines.toString());
        assertTrue(lines.contains("unreachable 10.78.0.0/24"), lines.toString());
        assertTrue(lines.contains("prohibit 10.79.0.0/24"), lines.toString());
        assertTrue(lines.contains("throw 10.81.0.0/24 table 100"), lines.toString());
        assertTrue(lines.contains("10.77.0.0/24 dev v0 src 10.77.0.1"), lines.toString());
        assertTrue(lines.contains("local 10.77.0.1 dev v0 src 10.77.0.1 table local"), lines.toString());
    }

    @Test
    void capturedNeighbourTableHasTheHostThatNeverAnswered() throws IOException {
        List<RtNetlink.RawNeighbour> n = messages("neigh-dump-ipv4.hex").stream()
                .filter(x -> x.type() == RtNetlink.RTM_NEWNEIGH).map(RtNetlink::neighbour).toList();
        RtNetlink.RawNeighbour failed = n.stream().filter(x -> x.ifindex() == 3).findFirst().orElseThrow();
        assertEquals("10.77.0.9", RtNetlink.address(Family.INET, failed.address()).host());
        assertEquals(Neighbour.State.FAILED, RtNetlink.state(failed.state()));
        assertTrue(RtNetlink.state(failed.state()).unanswered());
    }

    @Test
    void truncatedAnswerIsRejectedNotMisread() throws IOException {
        byte[] b = captured("route-get-onlink.hex");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RtNetlink.messages(b, b.length - 8));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    @Test
    void coveringIsDecidedByPrefix() {
        Route r = new Route(Family.INET, RouteType.UNICAST, Route.TABLE_MAIN, v4("10.77.0.0"), 20, null, "v0", null, 0);
        assertTrue(r.covers(v4("10.77.15.255")));
        assertTrue(!r.covers(v4("10.77.16.0")));
        assertTrue(!r.covers(SockAddr.Inet6.of(new byte[16], 0, 0, 0)));
    }

    @Test
    void loopbackIsALocalRoute() {
        RouteLookup.Routed r = assertInstanceOf(RouteLookup.Routed.class, routes.route(v4("127.0.0.1")));
        // the table is "local" only with policy rules of one's own: without them the kernel merges local into main
        assertEquals(RouteType.LOCAL, r.route().type());
        assertEquals("lo", r.route().device());
    }

    @Test
    void ipv6LoopbackIsLocalToo() {
        byte[] one = new byte[16];
        one[15] = 1;
        RouteLookup lookup = routes.route(SockAddr.Inet6.of(one, 0, 0, 0));
        assumeTrue(!(lookup instanceof RouteLookup.NoRoute), "IPv6 is disabled on this host's loopback");
        RouteLookup.Routed r = assertInstanceOf(RouteLookup.Routed.class, lookup);
        assertEquals(RouteType.LOCAL, r.route().type());
        assertEquals("lo", r.route().device());
    }

    @Test
    void unixAddressIsUnknownNotNoRoute() {
        RouteLookup.Unknown u = assertInstanceOf(RouteLookup.Unknown.class, routes.route(new SockAddr.Unix("/x", false)));
        assertTrue(u.reason().contains("IP addresses only"), u.reason());
    }

    @Test
    void everyRejectTypeIsNamedInANamespaceOfOurOwn() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.routed("cd-netlink")) {
            ns.ip("route", "add", "blackhole", "10.82.0.0/24")
                    .ip("rule", "add", "to", "10.81.0.0/16", "table", "100", "pref", "100")
                    .ip("route", "add", "throw", "10.81.0.0/24", "table", "100");
            ns.inside(() -> {
                assertRejected(routes.route(v4("10.82.0.1")), RouteType.BLACKHOLE, "EINVAL", "blackhole 10.82.0.0/24");
                assertRejected(routes.route(v4("10.78.0.1")), RouteType.UNREACHABLE, "EHOSTUNREACH", "unreachable 10.78.0.0/24");
                assertRejected(routes.route(v4("10.79.0.1")), RouteType.PROHIBIT, "EACCES", "prohibit 10.79.0.0/24");
                assertRejected(routes.route(v4("10.81.0.1")), RouteType.THROW, "ENETUNREACH", "throw 10.81.0.0/24 table 100");
                RouteLookup.NoRoute none = assertInstanceOf(RouteLookup.NoRoute.class, routes.route(v4("10.80.0.1")));
                assertEquals("ENETUNREACH", none.kernelAnswer());
                assertTrue(none.defaults().isEmpty());
                RouteLookup.Routed on = assertInstanceOf(RouteLookup.Routed.class, routes.route(v4("10.77.0.9")));
                assertEquals("10.77.0.9 dev v0 src 10.77.0.1", on.route().display());
                assertInstanceOf(NeighbourLookup.Absent.class, routes.neighbour(v4("10.77.0.9"), "v0"));
                return null;
            });
        }
    }

    private static void assertRejected(RouteLookup lookup, RouteType type, String errno, String display) {
        RouteLookup.Rejected r = assertInstanceOf(RouteLookup.Rejected.class, lookup, lookup.toString());
        assertEquals(type, r.route().type());
        assertEquals(errno, r.kernelAnswer());
        assertEquals(display, r.route().display());
    }
}
