package org.connectdoctor.probe;

import static org.connectdoctor.probe.Probes.build;
import static org.connectdoctor.probe.Probes.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.testing.TestNamespace;
import org.connectdoctor.testing.UdpEcho;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Datagram verdicts that need more than one host, built from namespaces of the test's own (root
 * only; every address below exists only inside them, and they are deleted afterwards):
 *
 * <pre>
 *  broadcast LAN:   lan (br0 10.93.0.1/24) ── veth ── resp1 (10.93.0.11/24, UDP echo on port 7)
 *                                         └─ veth ── resp2 (10.93.0.12/24, UDP echo on port 7)
 *
 *  routed:  client 10.94.1.2/24 fd94:1::2/64 ── router 10.94.1.1, fd94:1::1 | 10.94.2.1, fd94:2::1 ── server 10.94.2.2/24 fd94:2::2/64
 *           router: forwarding on; unreachable 10.94.3.0/24 and fd94:3::/64, prohibit 10.94.4.0/24 and fd94:4::/64
 * </pre>
 *
 * Nothing listens on the server, so it answers port unreachable itself.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceDatagramTest {

    private static final List<TestNamespace> NAMESPACES = new ArrayList<>();
    private static final List<UdpEcho> ECHOES = new ArrayList<>();
    private static TestNamespace lan;
    private static TestNamespace client;

    private final ProbeEngine engine = ProbeEngine.system();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @BeforeAll
    static void buildTheNetworks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        lan = made(TestNamespace.create("cd-lan"));
        TestNamespace resp1 = made(TestNamespace.create("cd-resp1"));
        TestNamespace resp2 = made(TestNamespace.create("cd-resp2"));
        lan.ip("link", "set", "lo", "up")
                .ip("link", "add", "br0", "type", "bridge")
                .ip("addr", "add", "10.93.0.1/24", "dev", "br0")
                .ip("link", "set", "br0", "up");
        int n = 1;
        for (TestNamespace resp : List.of(resp1, resp2)) {
            lan.ip("link", "add", "e" + n, "type", "veth", "peer", "name", "f" + n)
                    .ip("link", "set", "f" + n, "netns", resp.name())
                    .ip("link", "set", "e" + n, "master", "br0")
                    .ip("link", "set", "e" + n, "up");
            resp.ip("link", "set", "lo", "up")
                    .ip("addr", "add", "10.93.0.1" + n + "/24", "dev", "f" + n)
                    .ip("link", "set", "f" + n, "up");
            String name = "resp" + n;
            DatagramChannel channel = resp.inside(() -> DatagramChannel.open(StandardProtocolFamily.INET)
                    .bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 7)));
            ECHOES.add(UdpEcho.start(channel, name + ":"));
            n++;
        }

        client = made(TestNamespace.create("cd-client"));
        TestNamespace router = made(TestNamespace.create("cd-router"));
        TestNamespace server = made(TestNamespace.create("cd-server"));
        client.ip("link", "set", "lo", "up")
                .ip("link", "add", "c0", "type", "veth", "peer", "name", "r0")
                .ip("link", "set", "r0", "netns", router.name());
        router.ip("link", "set", "lo", "up")
                .ip("link", "add", "r1", "type", "veth", "peer", "name", "s0")
                .ip("link", "set", "s0", "netns", server.name());
        client.ip("addr", "add", "10.94.1.2/24", "dev", "c0")
                .ip("-6", "addr", "add", "fd94:1::2/64", "dev", "c0", "nodad")
                .ip("link", "set", "c0", "up")
                .ip("route", "add", "default", "via", "10.94.1.1")
                .ip("-6", "route", "add", "default", "via", "fd94:1::1");
        router.ip("addr", "add", "10.94.1.1/24", "dev", "r0")
                .ip("addr", "add", "10.94.2.1/24", "dev", "r1")
                .ip("-6", "addr", "add", "fd94:1::1/64", "dev", "r0", "nodad")
                .ip("-6", "addr", "add", "fd94:2::1/64", "dev", "r1", "nodad")
                .ip("link", "set", "r0", "up")
                .ip("link", "set", "r1", "up")
                .ip("route", "add", "unreachable", "10.94.3.0/24")
                .ip("route", "add", "prohibit", "10.94.4.0/24")
                .ip("-6", "route", "add", "unreachable", "fd94:3::/64")
                .ip("-6", "route", "add", "prohibit", "fd94:4::/64");
        sysctl(router, "net.ipv4.ip_forward=1");
        sysctl(router, "net.ipv6.conf.all.forwarding=1");
        server.ip("link", "set", "lo", "up")
                .ip("addr", "add", "10.94.2.2/24", "dev", "s0")
                .ip("-6", "addr", "add", "fd94:2::2/64", "dev", "s0", "nodad")
                .ip("link", "set", "s0", "up")
                .ip("route", "add", "default", "via", "10.94.2.1")
                .ip("-6", "route", "add", "default", "via", "fd94:2::1");
        // Neighbour entries made permanent on every link: on a busy machine neighbour discovery
        // between the router and the server could time out, and the router then answered a probe
        // meant for the server's port with "address unreachable" (EHOSTUNREACH) instead.
        neighbours(client, "c0", router, "r0", "10.94.1", "fd94:1::", "02:94:01:00:00:02", "02:94:01:00:00:01");
        neighbours(router, "r1", server, "s0", "10.94.2", "fd94:2::", "02:94:02:00:00:01", "02:94:02:00:00:02");
    }

    /** Fixed hardware addresses on a veth pair, and each end's neighbour entry for the other made permanent. */
    private static void neighbours(TestNamespace a, String aDev, TestNamespace b, String bDev, String v4, String v6,
                                   String aMac, String bMac) throws Exception {
        a.ip("link", "set", aDev, "address", aMac);
        b.ip("link", "set", bDev, "address", bMac);
        String aHost = aDev.equals("c0") || aDev.equals("s0") ? "2" : "1";
        String bHost = aHost.equals("2") ? "1" : "2";
        a.ip("neigh", "replace", v4 + "." + bHost, "lladdr", bMac, "dev", aDev, "nud", "permanent")
                .ip("-6", "neigh", "replace", v6 + bHost, "lladdr", bMac, "dev", aDev, "nud", "permanent");
        b.ip("neigh", "replace", v4 + "." + aHost, "lladdr", aMac, "dev", bDev, "nud", "permanent")
                .ip("-6", "neigh", "replace", v6 + aHost, "lladdr", aMac, "dev", bDev, "nud", "permanent");
    }

    private static TestNamespace made(TestNamespace ns) {
        NAMESPACES.add(ns);
        return ns;
    }

    /** sysctl inside the router's own namespace only: forwarding there, nowhere else. */
    private static void sysctl(TestNamespace ns, String setting) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "sysctl", "-qw", setting)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "sysctl did not finish");
        assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @AfterAll
    static void removeThem() throws Exception {
        for (UdpEcho echo : ECHOES) {
            echo.close();
        }
        for (TestNamespace ns : NAMESPACES) {
            ns.close();
        }
    }

    private ProbeReport probeIn(TestNamespace where, ProbeRequest.Builder request) throws Exception {
        ProbeRequest r = build(request.type(SocketType.DGRAM).payload(Payload.ofText("hi")));
        return where.inside(() -> engine.run(r));
    }

    @Test
    void broadcastAnsweredByTwoRespondersListsBoth() throws Exception {
        ProbeReport r = probeIn(lan, to("10.93.0.255:7").broadcast(true).timeout(Duration.ofMillis(700)));
        Attempt a = r.decisive();
        assertEquals(Outcome.ANSWERED, r.outcome());
        Set<String> hosts = new TreeSet<>();
        Set<String> replies = new TreeSet<>();
        for (Responder responder : a.responders()) {
            hosts.add(responder.address().host());
            replies.add(responder.reply().textOrNull());
            assertEquals(7, responder.address().port());
        }
        assertEquals(Set.of("10.93.0.11", "10.93.0.12"), hosts);
        assertEquals(Set.of("resp1:hi", "resp2:hi"), replies);
        assertEquals(2, a.responders().size(), "each responder once");
        assertEquals(2, a.datagramLines().size());
        assertTrue(a.datagramLines().stream().allMatch(l -> l.startsWith("reply from 10.93.0.1")), a.datagramLines().toString());
    }

    @Test
    void routerHostUnreachableIsReportedWithTheRoutersAddress() throws Exception {
        ProbeReport r = probeIn(client, to("10.94.3.5:9").timeout(Duration.ofSeconds(5)));
        Attempt a = r.decisive();
        assertEquals(Outcome.FAILED, r.outcome(), "a connected UDP socket without IP_RECVERR would call this no reply");
        assertEquals(Errno.EHOSTUNREACH, a.error().errno());
        IcmpError icmp = a.icmp();
        assertNotNull(icmp);
        assertEquals(3, icmp.type());
        assertEquals(1, icmp.code());
        assertEquals("10.94.1.1", icmp.offender().host());
        assertFalse(icmp.fromTarget());
        assertEquals("ICMP host unreachable (type 3, code 1) from router 10.94.1.1", icmp.describe());
    }

    @Test
    void routerProhibitedIsReportedAsAdministrativelyProhibited() throws Exception {
        ProbeReport r = probeIn(client, to("10.94.4.5:9").anySource(true).timeout(Duration.ofSeconds(5)));
        IcmpError icmp = r.decisive().icmp();
        assertEquals(Outcome.FAILED, r.outcome());
        assertNotNull(icmp);
        assertEquals(3, icmp.type());
        assertEquals(13, icmp.code());
        assertEquals(Errno.EHOSTUNREACH, r.decisive().error().errno());
        assertEquals("ICMP communication administratively prohibited (type 3, code 13) from router 10.94.1.1",
                icmp.describe());
    }

    @Test
    void serverPortUnreachableComesFromTheServerAcrossTheRouter() throws Exception {
        ProbeReport r = probeIn(client, to("10.94.2.2:9").timeout(Duration.ofSeconds(5)));
        IcmpError icmp = r.decisive().icmp();
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
        assertNotNull(icmp);
        assertEquals(3, icmp.code());
        assertEquals("ICMP port unreachable (type 3, code 3) from 10.94.2.2, the target itself", icmp.describe());
    }

    @Test
    void ipv6RouterUnreachableAndProhibitedAreIcmpv6FromTheRouter() throws Exception {
        ProbeReport unreachable = probeIn(client, to("[fd94:3::5]:9").timeout(Duration.ofSeconds(5)));
        IcmpError u = unreachable.decisive().icmp();
        assertNotNull(u, String.valueOf(unreachable.decisive()));
        assertEquals(Family.INET6, u.family());
        assertEquals(1, u.type());
        assertEquals(0, u.code());
        assertEquals(Errno.ENETUNREACH, unreachable.decisive().error().errno());
        assertEquals("ICMPv6 no route to destination (type 1, code 0) from router fd94:1::1", u.describe());

        ProbeReport prohibited = probeIn(client, to("[fd94:4::5]:9").anySource(true).timeout(Duration.ofSeconds(5)));
        IcmpError p = prohibited.decisive().icmp();
        assertNotNull(p, String.valueOf(prohibited.decisive()));
        assertEquals(1, p.code());
        assertEquals(Errno.EACCES, prohibited.decisive().error().errno());
        assertEquals("ICMPv6 communication administratively prohibited (type 1, code 1) from router fd94:1::1",
                p.describe());

        ProbeReport port = probeIn(client, to("[fd94:2::2]:9").timeout(Duration.ofSeconds(5)));
        assertEquals(Errno.ECONNREFUSED, port.decisive().error().errno());
        assertEquals("ICMPv6 port unreachable (type 1, code 4) from fd94:2::2, the target itself",
                port.decisive().icmp().describe());
    }
}
