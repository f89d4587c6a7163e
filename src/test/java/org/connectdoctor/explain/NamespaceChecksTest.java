package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
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
 * The route, broadcast and resolver checks, each in the real situation, inside network
 * namespaces of the test's own (root only): both ends of the veth are in the namespace and the
 * one without links has loopback down, so nothing can leave.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceChecksTest {

    private static TestNamespace ns;
    private static TestNamespace empty;
    private final ProbeEngine engine = ProbeEngine.system();

    @org.junit.jupiter.api.AfterEach
    void closeEngine() {
        engine.close();
    }
    private final Explainer explainer = Explainer.system(engine.sockets());

    @BeforeAll
    static void networks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ns = TestNamespace.routed("cd-explain");
        empty = TestNamespace.create("cd-empty");
    }

    @AfterAll
    static void remove() throws Exception {
        if (ns != null) {
            ns.close();
        }
        if (empty != null) {
            empty.close();
        }
    }

    /** Probe and explanation both on the namespace's thread: /proc/thread-self/net is the namespace's. */
    private Explanation inside(TestNamespace where, String target, SocketType type, boolean broadcast) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).type(type).broadcast(broadcast)
                .timeout(Duration.ofMillis(300)).build();
        return where.inside(() -> {
            ProbeReport r = engine.run(request);
            return explainer.explain(r);
        });
    }

    private static void assertFinding(Explanation e, String check, String text) {
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals(check) && f.text().contains(text)),
                "no " + check + " finding containing \"" + text + "\" in " + e.findings());
    }

    @Test
    void noRouteAndNoDefaultRouteAreNamed() throws Exception {
        Explanation e = inside(ns, "10.80.0.1:80", SocketType.STREAM, false);
        assertEquals("ENETUNREACH", e.key());
        assertFinding(e, "route", "No route in this computer's IPv4 routing table covers 10.80.0.1, and there is no "
                + "default route");
        assertFinding(e, "route", "(The kernel answers a route request with ENETUNREACH.)");
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.meaning().startsWith("This computer has no route to 10.80.0.1"), e.meaning());
        assertFinding(e, "route", "Interfaces: ");
        assertFinding(e, "route", "v0 up (10.77.0.1/24");
    }

    @Test
    void rejectRouteIsNamed() throws Exception {
        Explanation e = inside(ns, "10.78.0.1:80", SocketType.STREAM, false);
        assertEquals("EHOSTUNREACH", e.key());
        assertEquals("ip(7)", e.quote().page().toString());
        assertFinding(e, "route", "The route for 10.78.0.0/24 is an unreachable route (table main)");
    }

    @Test
    void sourceAddressOfAReachableNetworkIsShown() throws Exception {
        Explanation e = inside(ns, "10.77.0.9:80", SocketType.STREAM, false);
        // 10.77.0.9 is on v0's network but nobody has it: the probe times out (ARP gets no answer).
        assertEquals("TIMED_OUT", e.key());
        assertFinding(e, "route", "10.77.0.9 is on a network attached to v0 (route 10.77.0.0/24)");
        assertFinding(e, "route", "This computer would send from 10.77.0.1");
    }

    @Test
    void loopbackDownIsNamed() throws Exception {
        Explanation e = inside(empty, "127.0.0.1:80", SocketType.STREAM, false);
        assertEquals("ENETUNREACH", e.key());
        assertFinding(e, "route", "The loopback interface lo is down");
    }

    @Test
    void broadcastWithoutTheFlagIsRecognisedAndTheRetryOffered() throws Exception {
        Explanation e = inside(ns, "10.77.0.255:9", SocketType.DGRAM, false);
        assertEquals("EACCES", e.key());
        assertFinding(e, "broadcast", "10.77.0.255 is the broadcast address of v0's network (10.77.0.1/24)");
        assertEquals(List.of(Action.RETRY_WITH_BROADCAST), e.actions());
        assertTrue(Explainer.quotePlain(e.quote()).contains("broadcast"), Explainer.quotePlain(e.quote()));
        // the finding settles it: the flag, not a firewall; the meaning and steps say so without hedging
        assertEquals(Fault.PROGRAM, e.fault());
        assertTrue(e.meaning().contains("no firewall is involved"), e.meaning());
        assertTrue(e.steps().get(0).startsWith("Probe again with the broadcast flag on"), e.steps().toString());
        assertTrue(e.steps().stream().noneMatch(step -> step.toLowerCase(java.util.Locale.ROOT).contains("firewall")),
                e.steps().toString());
    }

    @Test
    void aBroadcastNobodyAnswersIsNotExplainedAsOneSilentService() throws Exception {
        Explanation e = inside(ns, "10.77.0.255:9", SocketType.DGRAM, true);
        assertEquals("NO_REPLY", e.key());
        assertFinding(e, "broadcast", "The datagram went to 10.77.0.255, the broadcast address of v0's network "
                + "(10.77.0.1/24), and no device on that network answered on port 9.");
        assertTrue(e.meaning().startsWith("Nobody answered the broadcast to 10.77.0.255 on port 9"), e.meaning());
        assertEquals(Fault.REMOTE_SERVICE, e.fault());
        String all = String.join("\n", e.steps()) + "\n" + e.meaning();
        assertTrue(!all.contains("port is open") && !all.contains("service is running on 10.77.0.255"), all);
        assertTrue(e.steps().get(0).contains("same network as this computer's interface (v0's network (10.77.0.1/24))"),
                e.steps().get(0));
    }

    @Test
    void prohibitRouteIsNotMistakenForBroadcast() throws Exception {
        Explanation e = inside(ns, "10.79.0.1:80", SocketType.STREAM, false);
        assertEquals("EACCES", e.key());
        assertFinding(e, "broadcast", "10.79.0.1 is not a broadcast address here");
        assertFinding(e, "route", "The route for 10.79.0.0/24 is a prohibit route (table main)");
        assertTrue(e.actions().isEmpty(), e.actions().toString());
    }

    @Test
    void unreachableNameServerGivesEaiAgainWithTheServersListed() throws Exception {
        // In a namespace with loopback down and no routes, the resolver's query cannot even be sent.
        assumeTrue(!Files.exists(Path.of("/var/run/nscd/socket")), "nscd would resolve outside the namespace");
        assumeTrue(!Files.readString(Path.of("/etc/nsswitch.conf")).contains("resolve"),
                "systemd-resolved (nss-resolve) would resolve outside the namespace");
        Explanation e = inside(empty, "connect-doctor-test.invalid:80", SocketType.STREAM, false);
        assertTrue(e.key().equals("EAI_AGAIN") || e.key().equals("EAI_NONAME"), e.key());
        assertFinding(e, "resolver", "/etc/hosts has no entry for connect-doctor-test.invalid");
        assertEquals("getaddrinfo(3)", e.quote().page().toString());
    }
}
