package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.report.JsonReport;
import org.connectdoctor.report.TextReport;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path MTU the kernel reports after a connect (getsockopt IP_MTU / IPV6_MTU, and TCP_MAXSEG):
 * on loopback it is lo's MTU (for IPv4 at most 65535, the largest IPv4 packet); through a veth of MTU 1400 (root, a namespace of the test's own) it is
 * 1400. An attempt that did not connect carries none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PathMtuTest {

    private static PathMtu known(Attempt a) {
        assertTrue(a.path() instanceof Read.Known, String.valueOf(a.path()));
        return ((Read.Known<PathMtu>) a.path()).value();
    }

    private static ProbeReport probe(String target) throws Exception {
        try (ProbeEngine engine = ProbeEngine.system()) {
            return engine.run(ProbeRequest.builder(TargetParser.parse(target)).build());
        }
    }

    @Test
    void loopbackReportsTheLoopbackMtu() throws Exception {
        assumeTrue(Os.current() == Os.LINUX, "IP_MTU as Linux reports it");
        // an IPv4 packet is at most 65535 bytes: the kernel caps the route's MTU there (IP_MAX_MTU),
        // below lo's 65536
        int lo = Math.min(NetworkInterface.getByName("lo").getMTU(), 65535);
        try (ServerSocket server = Loopback.acceptingServer(5)) {
            ProbeReport r = probe("127.0.0.1:" + server.getLocalPort());
            assertEquals(Outcome.CONNECTED, r.outcome());
            PathMtu p = known(r.decisive());
            assertEquals(lo, p.mtu());
            assertEquals("IP_MTU", p.option());
            assertTrue(p.maxSegment() > 0 && p.maxSegment() < lo, p.toString());
            String line = TextReport.attemptLine(r.request(), r.decisive());
            assertTrue(line.endsWith("; path MTU " + lo + " (IP_MTU), MSS " + p.maxSegment()), line);
            com.fasterxml.jackson.databind.JsonNode path = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(JsonReport.render(r, "test")).at("/attempts/0/path_mtu");
            assertTrue(path.get("known").asBoolean(), path.toString());
            assertEquals(lo, path.get("mtu").asInt());
            assertEquals("IP_MTU", path.get("option").asText());
            assertEquals(p.maxSegment(), path.get("mss").asInt());
            String ticket = org.connectdoctor.report.TicketReport.markdown(r, null,
                    org.connectdoctor.report.SystemInfo.current());
            assertTrue(ticket.contains("## Path MTU after the connect\n\n- 127.0.0.1:" + server.getLocalPort()
                    + ": path MTU " + lo + " (IP_MTU), MSS " + p.maxSegment() + "\n"), ticket);
        }
    }

    @Test
    void ipv6LoopbackReadsIpv6Mtu() throws Exception {
        assumeTrue(Os.current() == Os.LINUX, "IPV6_MTU as Linux reports it");
        try (ServerSocket server = new ServerSocket()) {
            try {
                server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            } catch (java.io.IOException e) {
                assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            }
            ProbeReport r = probe("[::1]:" + server.getLocalPort());
            PathMtu p = known(r.decisive());
            assertEquals("IPV6_MTU", p.option());
            assertEquals(NetworkInterface.getByName("lo").getMTU(), p.mtu());
        }
    }

    @Test
    void aRepeatedProbeReadsThePathInItsFirstRoundOnly() throws Exception {
        try (ServerSocket server = Loopback.acceptingServer(10); ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + server.getLocalPort()))
                    .count(3).interval(java.time.Duration.ZERO).build());
            assertEquals(3, r.attempts().size());
            assertTrue(r.attempts().get(0).path() != null, "round 1");
            assertNull(r.attempts().get(1).path(), "round 2");
            assertNull(r.attempts().get(2).path(), "round 3");
        }
    }

    @Test
    void aRefusedAttemptCarriesNoPath() throws Exception {
        ProbeReport r = probe("127.0.0.1:" + Loopback.closedTcpPort());
        assertEquals(Outcome.FAILED, r.outcome());
        assertNull(r.decisive().path());
        assertTrue(!JsonReport.render(r, "test").contains("path_mtu"));
    }

    @Test
    void aVethOfMtu1400GivesPathMtu1400() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace a = TestNamespace.create("cd-pmtua"); TestNamespace b = TestNamespace.create("cd-pmtub")) {
            a.ip("link", "set", "lo", "up")
                    .ip("link", "add", "v0", "mtu", "1400", "type", "veth", "peer", "name", "v1", "mtu", "1400")
                    .ip("link", "set", "v1", "netns", b.name())
                    .ip("addr", "add", "10.97.0.1/24", "dev", "v0")
                    .ip("link", "set", "v0", "up");
            b.ip("link", "set", "lo", "up")
                    .ip("addr", "add", "10.97.0.2/24", "dev", "v1")
                    .ip("link", "set", "v1", "up");
            try (ServerSocket server = b.inside(() -> {
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getByName("10.97.0.2"), 0), 5);
                return s;
            })) {
                ProbeReport r = a.inside(() -> probe("10.97.0.2:" + server.getLocalPort()));
                assertEquals(Outcome.CONNECTED, r.outcome(), String.valueOf(r.decisive()));
                PathMtu p = known(r.decisive());
                assertEquals(1400, p.mtu());
                assertTrue(p.maxSegment() > 0 && p.maxSegment() <= 1360, p.toString());
            }
        }
    }
}
