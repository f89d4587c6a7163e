package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.IcmpError;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ICMP destination-unreachable codes that a router sends, beyond net/host/prohibited, in two
 * namespaces of the test's own (root only): client 10.95.1.2 ── router 10.95.1.1, whose second
 * veth pair (both ends its own) holds 10.95.2.0/24. An nftables rule in the router's forward chain answers datagrams to
 * 10.95.2.5 with the code under test (host isolated, protocol unreachable, port unreachable), so the
 * router, not the target, is the sender; the explanation must say so and name it.
 */
@Tag("netns")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RouterIcmpNamespaceTest {

    private static final List<TestNamespace> NAMESPACES = new ArrayList<>();
    private static TestNamespace client;
    private static ProbeEngine engine;

    @BeforeAll
    static void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")),
                "nft (nftables) is not installed; .ci/setup installs it");
        client = made(TestNamespace.create("cd-icmpc"));
        TestNamespace router = made(TestNamespace.create("cd-icmpr"));
        client.ip("link", "set", "lo", "up")
                .ip("link", "add", "c0", "type", "veth", "peer", "name", "r0")
                .ip("link", "set", "r0", "netns", router.name());
        client.ip("addr", "add", "10.95.1.2/24", "dev", "c0")
                .ip("link", "set", "c0", "up")
                .ip("route", "add", "default", "via", "10.95.1.1");
        router.ip("link", "set", "lo", "up")
                .ip("addr", "add", "10.95.1.1/24", "dev", "r0")
                .ip("link", "set", "r0", "up")
                .ip("link", "add", "r1", "type", "veth", "peer", "name", "r2")
                .ip("addr", "add", "10.95.2.1/24", "dev", "r1")
                .ip("link", "set", "r2", "up")
                .ip("link", "set", "r1", "up");
        run(router, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        run(router, "nft", "add", "table", "inet", "cdicmp");
        run(router, "nft", "add", "chain", "inet", "cdicmp", "through", "{ type filter hook forward priority 0 ; }");
        run(router, "nft", "add", "rule", "inet", "cdicmp", "through", "udp", "dport", "18", "reject", "with", "icmp", "8");
        run(router, "nft", "add", "rule", "inet", "cdicmp", "through", "udp", "dport", "19", "reject", "with", "icmp",
                "port-unreachable");
        run(router, "nft", "add", "rule", "inet", "cdicmp", "through", "udp", "dport", "20", "reject", "with", "icmp",
                "prot-unreachable");
        engine = ProbeEngine.system();
    }

    @AfterAll
    static void remove() throws Exception {
        if (engine != null) {
            engine.close();
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

    /** A datagram probe of 10.95.2.5:PORT from the client, and its explanation read there too. */
    private static Explanation probe(int port, int code, Errno errno) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("10.95.2.5:" + port)).type(SocketType.DGRAM)
                .payload(Payload.ofText("hi")).timeout(Duration.ofSeconds(3)).build();
        return client.inside(() -> {
            ProbeReport r = engine.run(request);
            IcmpError icmp = r.decisive().icmp();
            assertNotNull(icmp, String.valueOf(r.decisive()));
            assertEquals(3, icmp.type());
            assertEquals(code, icmp.code());
            assertEquals("10.95.1.1", icmp.offender().host());
            assertEquals(errno, r.decisive().error().errno());
            assertTrue(icmp.describe().endsWith("from router 10.95.1.1"), icmp.describe());
            return Explainer.system().explain(r);
        });
    }

    private static void saysTheRouterAnswered(Explanation e, String meaning) {
        assertTrue(e.meaning().startsWith("The router 10.95.1.1 answered the datagram with ICMP " + meaning),
                e.meaning());
        assertTrue(e.meaning().contains("so it never reached 10.95.2.5"), e.meaning());
        assertEquals(Fault.NETWORK, e.fault());
        assertTrue(e.findings().stream().anyMatch(f -> f.text().startsWith(
                "A router on the way answered, not 10.95.2.5: 10.95.1.1 sent ICMP " + meaning)), e.findings().toString());
        assertTrue(e.steps().get(0).startsWith("Find router 10.95.1.1 on the way"), e.steps().toString());
    }

    @Test
    void hostIsolatedFromARouterNamesTheRouter() throws Exception {
        saysTheRouterAnswered(probe(18, 8, Errno.ENONET), "source host isolated (type 3, code 8)");
    }

    @Test
    void portUnreachableFromARouterIsTheRoutersRefusalNotTheTargets() throws Exception {
        Explanation e = probe(19, 3, Errno.ECONNREFUSED);
        saysTheRouterAnswered(e, "port unreachable (type 3, code 3)");
        assertTrue(e.meaning().contains("not because nothing listens on 10.95.2.5"), e.meaning());
    }

    @Test
    void protocolUnreachableFromARouterNamesTheRouter() throws Exception {
        saysTheRouterAnswered(probe(20, 2, Errno.ENOPROTOOPT), "protocol unreachable (type 3, code 2)");
    }
}
