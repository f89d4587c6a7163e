package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same errno told two ways: ENETUNREACH that this computer's own routing table gives at
 * connect(), and ENETUNREACH that a router sends back (ICMP "network unreachable", read through
 * SO_ERROR). The router is a namespace of the test's own, joined to the client's by a veth pair;
 * nothing leaves the two namespaces. Root only.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PhaseNamespaceTest {

    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private record Result(ProbeReport report, Explanation explanation) {
    }

    private Result inside(TestNamespace ns, String target) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(3)).build();
        return ns.inside(() -> {
            ProbeReport r = engine.run(request);
            return new Result(r, explainer.explain(r));
        });
    }

    @Test
    void noRouteHereIsThisComputersOwnDecision() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.create("cd-phase-l")) {
            ns.ip("link", "set", "lo", "up");
            Result r = inside(ns, "10.80.0.1:80");
            Attempt a = r.report().decisive();
            assertEquals("connect", a.failedCall(), a.toString());
            Explanation e = r.explanation();
            assertEquals("ENETUNREACH", e.key());
            assertEquals(Fault.THIS_COMPUTER, e.fault());
            // the route check's finding establishes the cause, and sets the meaning
            assertTrue(e.meaning().startsWith("This computer has no route to 10.80.0.1: no entry of its IPv4 routing "
                    + "tables covers it"), e.meaning());
        }
    }

    @Test
    void noRouteAtARouterIsTheNetworksAnswer() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace client = TestNamespace.create("cd-phase-c");
             TestNamespace router = TestNamespace.create("cd-phase-r")) {
            client.ip("link", "set", "lo", "up")
                    .ip("link", "add", "a0", "type", "veth", "peer", "name", "r0", "netns", router.name())
                    .ip("addr", "add", "10.81.0.2/24", "dev", "a0")
                    .ip("link", "set", "a0", "up")
                    .ip("route", "add", "default", "via", "10.81.0.1");
            router.ip("addr", "add", "10.81.0.1/24", "dev", "r0").ip("link", "set", "r0", "up");
            run("ip", "netns", "exec", router.name(), "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            // The router knows no route to 10.99.0.0/16 and answers with ICMP "network unreachable".
            Result r = inside(client, "10.99.0.1:80");
            Attempt a = r.report().decisive();
            assertEquals("SO_ERROR", a.failedCall(), a.toString());
            Explanation e = r.explanation();
            assertEquals("ENETUNREACH", e.key());
            assertEquals(Fault.NETWORK, e.fault());
            assertTrue(e.meaning().startsWith("The error came back from the network: this computer has a route to "
                    + "10.99.0.1 via 10.81.0.1, but a router on the way answered"), e.meaning());
            assertTrue(e.steps().stream().anyMatch(s -> s.contains("tracepath 10.99.0.1")), e.steps().toString());
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
    }
}
