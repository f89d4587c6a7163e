package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A datagram that gets no reply from an address of this computer is told apart by the UDP table
 * (#26 item 9): no program has the port open (the port-unreachable answer dropped by a rule in the
 * test's namespace), or one has it open and ignores the payload. Root: a namespace of the test's own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpTableNamespaceTest {

    private static TestNamespace ns;

    @BeforeAll
    static void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ns = TestNamespace.create("cd-udp").ip("link", "set", "lo", "up");
        // the kernel's "port unreachable" never reaches the probe, as behind a filter that drops ICMP
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "nft", "add table inet t ; "
                + "add chain inet t out { type filter hook output priority 0 ; } ; "
                + "add rule inet t out icmp type destination-unreachable drop").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0, "nft: " + out);
    }

    @AfterAll
    static void remove() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private static Explanation probe(int port) throws Exception {
        return ns.inside(() -> {
            try (ProbeEngine engine = ProbeEngine.system()) {
                ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port))
                        .type(SocketType.DGRAM).timeout(Duration.ofMillis(300)).build());
                assertEquals(Outcome.NO_REPLY, r.outcome(), r.toString());
                return Explainer.system(engine.sockets()).explain(r);
            }
        });
    }

    @Test
    void noProgramHasThePortOpenSoNothingCouldAnswer() throws Exception {
        int port = ns.inside(() -> {
            try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET)) {
                c.bind(new InetSocketAddress("127.0.0.1", 0));
                return ((InetSocketAddress) c.getLocalAddress()).getPort();
            }
        });
        Explanation e = probe(port);
        assertTrue(e.findings().stream().anyMatch(f -> f.text().startsWith("No program on this computer has UDP port "
                + port + " open")), e.findings().toString());
        assertTrue(e.meaning().contains("reached no program"), e.meaning());
    }

    @Test
    void aProgramThatHasThePortOpenIsNamedAndTheNetworkIsNotBlamed() throws Exception {
        DatagramChannel held = ns.inside(() -> {
            DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
            c.bind(new InetSocketAddress("127.0.0.1", 0));
            return c;
        });
        try (held) {
            int port = ((InetSocketAddress) held.getLocalAddress()).getPort();
            Explanation e = probe(port);
            assertTrue(e.findings().stream().anyMatch(f -> f.text().startsWith("A program on this computer has UDP port "
                    + port + " open on 127.0.0.1")), e.findings().toString());
            assertEquals(Fault.REMOTE_SERVICE, e.fault());
            assertTrue(!e.meaning().contains("network"), e.meaning());
        }
    }
}
