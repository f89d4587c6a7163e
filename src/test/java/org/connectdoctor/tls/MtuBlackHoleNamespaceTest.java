package org.connectdoctor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.connectdoctor.explain.TlsExplainer;
import org.connectdoctor.explain.TlsExplanation;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.report.TlsReport;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TestNamespace;
import org.connectdoctor.testing.TlsPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The classic MTU black hole, in three namespaces of the test's own (root only):
 *
 * <pre>
 *   client c0 (MTU 1500) ── r0 (MTU 1280) router r1 ── s0 server
 *   10.96.1.2, 10.96.1.3     10.96.1.1       10.96.2.1   10.96.2.2, 10.96.2.3
 * </pre>
 *
 * The client advertises MSS 1460, so the server's certificate flight comes in 1500-byte packets that
 * the router must send on over 1280 and cannot (DF is set): it answers "fragmentation needed", and an
 * nftables rule in its output chain drops that ICMP when it is addressed to 10.96.2.2. To 10.96.2.2
 * the handshake stalls (the black hole); to 10.96.2.3, from the client's other address (the server
 * keeps what it learns per client address), path MTU discovery works and the handshake completes.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MtuBlackHoleNamespaceTest {

    private static final String NAME = "mtu.test";
    private static final List<TestNamespace> NAMESPACES = new ArrayList<>();
    private static final List<TlsPeers.Peer> PEERS = new ArrayList<>();
    private static TestNamespace client;
    private static TestNamespace server;
    private static TestCertificates.Issued root;
    private static ProbeEngine engine;

    @BeforeAll
    static void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(Os.current() == Os.LINUX, "the small-MSS retry sets TCP_MAXSEG: Linux only");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")),
                "nft (nftables) is not installed; .ci/setup installs it");
        client = made(TestNamespace.create("cd-mtuc"));
        TestNamespace router = made(TestNamespace.create("cd-mtur"));
        server = made(TestNamespace.create("cd-mtus"));
        client.ip("link", "set", "lo", "up")
                .ip("link", "add", "c0", "type", "veth", "peer", "name", "r0")
                .ip("link", "set", "r0", "netns", router.name());
        client.ip("addr", "add", "10.96.1.2/24", "dev", "c0")
                .ip("addr", "add", "10.96.1.3/24", "dev", "c0")
                .ip("link", "set", "c0", "mtu", "1500")
                .ip("link", "set", "c0", "up")
                .ip("route", "add", "default", "via", "10.96.1.1")
                .ip("addr", "add", "fd96:1::2/64", "dev", "c0", "nodad")
                .ip("-6", "route", "add", "default", "via", "fd96:1::1");
        router.ip("link", "set", "lo", "up")
                .ip("addr", "add", "10.96.1.1/24", "dev", "r0")
                .ip("link", "set", "r0", "mtu", "1280")
                .ip("link", "set", "r0", "up")
                .ip("link", "add", "r1", "type", "veth", "peer", "name", "s0")
                .ip("link", "set", "s0", "netns", server.name());
        router.ip("addr", "add", "10.96.2.1/24", "dev", "r1")
                .ip("addr", "add", "fd96:1::1/64", "dev", "r0", "nodad")
                .ip("addr", "add", "fd96:2::1/64", "dev", "r1", "nodad")
                .ip("link", "set", "r1", "up");
        server.ip("link", "set", "lo", "up")
                .ip("addr", "add", "10.96.2.2/24", "dev", "s0")
                .ip("addr", "add", "10.96.2.3/24", "dev", "s0")
                .ip("link", "set", "s0", "up")
                .ip("route", "add", "default", "via", "10.96.2.1")
                .ip("addr", "add", "fd96:2::2/64", "dev", "s0", "nodad")
                .ip("-6", "route", "add", "default", "via", "fd96:2::1");
        run(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        run(router, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        run(router, "nft", "add", "table", "inet", "cdmtu");
        run(router, "nft", "add", "chain", "inet", "cdmtu", "out", "{ type filter hook output priority 0 ; }");
        run(router, "nft", "add", "rule", "inet", "cdmtu", "out", "ip", "daddr", "10.96.2.2", "icmp", "type",
                "destination-unreachable", "icmp", "code", "frag-needed", "drop");
        run(router, "nft", "add", "rule", "inet", "cdmtu", "out", "ip6", "daddr", "fd96:2::2", "icmpv6", "type",
                "packet-too-big", "drop");
        root = TestCertificates.root("CN=Connect Doctor MTU Test Root");
        // about 200 names: the leaf alone is several kilobytes, so its flight fills full-size segments
        List<String> names = new ArrayList<>(List.of(NAME));
        IntStream.range(0, 200).forEach(i -> names.add("host-" + i + ".a-rather-long-name.mtu.test"));
        TestCertificates.Issued leaf = root.intermediate("CN=Connect Doctor MTU Test Issuing CA")
                .issue("CN=" + NAME, names, List.of());
        server.inside(() -> {
            PEERS.add(TlsPeers.tlsOn(leaf, InetAddress.getByName("10.96.2.2"), 443));
            PEERS.add(TlsPeers.tlsOn(leaf, InetAddress.getByName("10.96.2.3"), 443));
            PEERS.add(TlsPeers.silentOn(InetAddress.getByName("10.96.2.2"), 444));
            PEERS.add(TlsPeers.tlsOn(leaf, InetAddress.getByName("fd96:2::2"), 443));
            return null;
        });
        engine = new ProbeEngine(NativeSockets.system(), () -> new TrustStores(
                TrustSource.of(TrustSource.Kind.JAVA, "the test's Java store", List.of(root.certificate())),
                TrustSource.of(TrustSource.Kind.OPERATING_SYSTEM, "the test's system store", List.of(root.certificate()))));
    }

    @AfterAll
    static void remove() throws Exception {
        if (engine != null) {
            engine.close();
        }
        for (TlsPeers.Peer p : PEERS) {
            p.close();
        }
        for (TestNamespace ns : NAMESPACES) {
            ns.close();
        }
    }

    private static TestNamespace made(TestNamespace ns) {
        NAMESPACES.add(ns);
        return ns;
    }

    private static void run(TestNamespace ns, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": "
                + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static ProbeReport probe(String target, String source) throws Exception {
        ProbeRequest r = ProbeRequest.builder(TargetParser.parse(target)).tls(true).tlsName(NAME)
                .source(SourceSpec.parse(source)).timeout(Duration.ofSeconds(4)).build();
        return client.inside(() -> engine.run(r));
    }

    private static PathMtu path(Attempt a) {
        assertNotNull(a.path(), "a connected attempt carries its path MTU");
        assertTrue(a.path() instanceof Read.Known, String.valueOf(a.path()));
        return ((Read.Known<PathMtu>) a.path()).value();
    }

    @Test
    void aStallThatSmallSegmentsGetThroughIsNamedAnMtuBlackHole() throws Exception {
        ProbeReport r = probe("10.96.2.2:443", "10.96.1.2");
        assertEquals(Outcome.CONNECTED, r.outcome(), "the connect works: the black hole is in the large packets");
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.MTU_BLACK_HOLE, t.verdict(), t.toString());
        SegmentRetry retry = t.segmentRetry();
        assertEquals(SegmentRetry.IPV4, retry.smallSegment());
        assertTrue(retry.smallSegmentsWorked(), retry.toString());
        assertEquals(1500, retry.firstPathMtu(), "this computer's side knows only its own link");
        assertTrue(retry.firstSegment() > SegmentRetry.IPV4 && retry.firstSegment() <= 1460, retry.toString());
        assertTrue(retry.secondBytes() > 1500, "the whole flight came in small segments: " + retry);
        assertTrue(t.elapsedNanos() < t.limitNanos(), "decided within the check's own limit");

        TlsExplanation linux = TlsExplainer.explain(t, Os.LINUX);
        assertTrue(linux.headline().contains("an MTU black hole"), linux.headline());
        assertTrue(linux.findings().stream().anyMatch(f -> f.contains("advertised MSS 536")
                && f.contains("completed the handshake")), linux.findings().toString());
        assertTrue(linux.findings().stream().anyMatch(f -> f.contains("path MTU 1500")), linux.findings().toString());
        assertTrue(linux.steps().stream().anyMatch(s -> s.contains("ip link set dev IFACE mtu 1400")
                && s.contains("ip route get 10.96.2.2")), linux.steps().toString());
        assertTrue(linux.steps().stream().anyMatch(s -> s.contains("MSS clamping")), linux.steps().toString());
        assertTrue(linux.steps().stream().anyMatch(s -> s.contains("\"fragmentation needed\" (type 3, code 4)")),
                linux.steps().toString());
        TlsExplanation windows = TlsExplainer.explain(t, Os.WINDOWS);
        assertTrue(windows.steps().stream().anyMatch(s -> s.contains(
                "netsh interface ipv4 set subinterface \"NAME\" mtu=1400 store=persistent")
                && s.contains("Find-NetRoute -RemoteIPAddress 10.96.2.2")), windows.steps().toString());
        assertFalse(windows.steps().stream().anyMatch(s -> s.contains("ip link")), windows.steps().toString());

        String text = TlsReport.text(t, Os.LINUX, false);
        System.out.println(text);
        assertTrue(text.contains("MTU black hole"), text);
    }

    @Test
    void overIpv6ThePacketTooBigBlackHoleIsNamedWithIpv6Figures() throws Exception {
        ProbeReport r = probe("[fd96:2::2]:443", "fd96:1::2");
        assertEquals(Outcome.CONNECTED, r.outcome());
        assertEquals("IPV6_MTU", path(r.decisive()).option());
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.MTU_BLACK_HOLE, t.verdict(), t.toString());
        assertEquals(SegmentRetry.IPV6, t.segmentRetry().smallSegment(), "1280 less 60: fits the IPv6 minimum MTU");
        assertEquals(1500, t.segmentRetry().firstPathMtu());
        TlsExplanation e = TlsExplainer.explain(t, Os.LINUX);
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("\"packet too big\" (ICMPv6 type 2)")), e.steps().toString());
        TlsExplanation w = TlsExplainer.explain(t, Os.WINDOWS);
        assertTrue(w.steps().stream().anyMatch(s -> s.contains("netsh interface ipv6 set subinterface")), w.steps().toString());
    }

    @Test
    void withFragmentationNeededLetThroughTheHandshakeCompletes() throws Exception {
        ProbeReport r = probe("10.96.2.3:443", "10.96.1.3");
        assertEquals(Outcome.CONNECTED, r.outcome());
        assertEquals(TlsVerdict.OK, r.tls().verdict(), r.tls().toString());
        assertEquals(1500, path(r.decisive()).mtu(), "the client's own link; the router told the server, not us");
    }

    @Test
    void aServerThatNeverAnswersIsStillNoAnswerNotMtu() throws Exception {
        ProbeReport r = probe("10.96.2.2:444", "10.96.1.2");
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.NO_ANSWER, t.verdict(), t.toString());
        assertNotNull(t.segmentRetry(), "the small-segment handshake ran");
        assertEquals(TlsVerdict.NO_ANSWER, t.segmentRetry().outcome(), t.segmentRetry().toString());
        assertFalse(t.segmentRetry().smallSegmentsWorked());
        TlsExplanation e = TlsExplainer.explain(t, Os.LINUX);
        assertTrue(e.findings().stream().anyMatch(f -> f.contains("small packets did not help")), e.findings().toString());
        assertFalse(e.steps().stream().anyMatch(s -> s.contains("MTU black hole")), e.steps().toString());
        assertNotEquals(TlsVerdict.MTU_BLACK_HOLE, t.verdict());
    }
}
