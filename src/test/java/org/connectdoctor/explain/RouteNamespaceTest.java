package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Routes named exactly, each through a real probe and the real Explainer inside namespaces of
 * the test's own (root only): blackhole, unreachable, prohibit and throw routes for IPv4 and
 * IPv6, an on-link address nobody owns, an IPv6 link-local address without its zone, and an
 * error a router sends back. Both ends of every veth are in the test's namespaces.
 */
@Tag("netns")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RouteNamespaceTest {

    private static TestNamespace ns;
    private static TestNamespace router;
    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @BeforeAll
    static void networks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ns = TestNamespace.routed("cd-rtype");
        sh("ip", "netns", "exec", ns.name(), "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0");
        ns.ip("route", "add", "blackhole", "10.82.0.0/24")
                .ip("rule", "add", "to", "10.81.0.0/16", "table", "100", "pref", "100")
                .ip("route", "add", "throw", "10.81.0.0/24", "table", "100")
                .ip("-6", "addr", "add", "fd77::1/64", "dev", "v0", "nodad")
                .ip("-6", "route", "add", "blackhole", "fd78:1::/48")
                .ip("-6", "route", "add", "unreachable", "fd78:2::/48")
                .ip("-6", "route", "add", "prohibit", "fd78:3::/48")
                .ip("-6", "rule", "add", "to", "fd78:4::/32", "table", "100", "pref", "100")
                .ip("-6", "route", "add", "throw", "fd78:4::/48", "table", "100")
                // a router namespace that answers "host unreachable" for 10.90.0.0/24
                .ip("link", "add", "w0", "type", "veth", "peer", "name", "w1")
                .ip("addr", "add", "10.91.0.1/24", "dev", "w0")
                .ip("link", "set", "w0", "up");
        router = TestNamespace.create("cd-router");
        ns.ip("link", "set", "w1", "netns", router.name());
        router.ip("link", "set", "lo", "up").ip("addr", "add", "10.91.0.2/24", "dev", "w1").ip("link", "set", "w1", "up")
                .ip("route", "add", "unreachable", "10.90.0.0/24");
        sh("ip", "netns", "exec", router.name(), "sysctl", "-qw", "net.ipv4.ip_forward=1");
        ns.ip("route", "add", "10.90.0.0/24", "via", "10.91.0.2");
    }

    @AfterAll
    static void remove() throws Exception {
        if (ns != null) {
            ns.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + new String(p.getInputStream().readAllBytes()));
    }

    private Explanation probe(String target, Duration limit) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).type(SocketType.STREAM).timeout(limit).build();
        return ns.inside(() -> {
            ProbeReport r = engine.run(request);
            return explainer.explain(r);
        });
    }

    private Explanation probe(String target) throws Exception {
        return probe(target, Duration.ofSeconds(2));
    }

    private static void assertFinding(Explanation e, String text) {
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("route") && f.text().contains(text)),
                "no route finding containing \"" + text + "\" in " + e.findings());
    }

    private static void assertRoute(Explanation e, String key, String finding, String meaning) {
        assertEquals(key, e.key(), e.headline());
        assertFinding(e, finding);
        assertTrue(e.meaning().startsWith(meaning), e.meaning());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.headline().contains(meaning.substring(1)), e.headline());
    }

    @Test
    void blackholeIsNamedNotBlamedOnTheProgram() throws Exception {
        Explanation e = probe("10.82.0.1:80");
        assertRoute(e, "EINVAL", "The route for 10.82.0.0/24 is a blackhole route (table main)",
                "This computer's routing table has a blackhole route for 10.82.0.0/24");
        assertTrue(e.meaning().contains("The program is not at fault"), e.meaning());
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("ip route show table main 10.82.0.0/24")), e.steps().toString());
    }

    @Test
    void unreachableRouteIsNamed() throws Exception {
        assertRoute(probe("10.78.0.1:80"), "EHOSTUNREACH", "The route for 10.78.0.0/24 is an unreachable route (table main)",
                "This computer's routing table has an unreachable route for 10.78.0.0/24");
    }

    @Test
    void prohibitRouteIsNamed() throws Exception {
        assertRoute(probe("10.79.0.1:80"), "EACCES", "The route for 10.79.0.0/24 is a prohibit route (table main)",
                "This computer's routing table has a prohibit route for 10.79.0.0/24");
    }

    @Test
    void throwRouteInAPolicyTableIsNamed() throws Exception {
        assertRoute(probe("10.81.0.1:80"), "ENETUNREACH", "The route for 10.81.0.0/24 is a throw route (table 100)",
                "A throw route for 10.81.0.0/24 in table 100 ends the lookup there");
    }

    @Test
    void ipv6BlackholeIsNamed() throws Exception {
        assertRoute(probe("[fd78:1::1]:80"), "EINVAL", "The route for fd78:1::/48 is a blackhole route (table main)",
                "This computer's routing table has a blackhole route for fd78:1::/48");
    }

    @Test
    void ipv6UnreachableIsNotNoRoute() throws Exception {
        Explanation e = probe("[fd78:2::1]:80");
        assertRoute(e, e.key(), "The route for fd78:2::/48 is an unreachable route (table main)",
                "This computer's routing table has an unreachable route for fd78:2::/48");
        assertTrue(e.key().equals("ENETUNREACH") || e.key().equals("EHOSTUNREACH"), e.key());
        assertTrue(e.findings().stream().noneMatch(f -> f.text().startsWith("No route")), e.findings().toString());
    }

    @Test
    void ipv6ProhibitIsNamed() throws Exception {
        assertRoute(probe("[fd78:3::1]:80"), "EACCES", "The route for fd78:3::/48 is a prohibit route (table main)",
                "This computer's routing table has a prohibit route for fd78:3::/48");
    }

    @Test
    void ipv6ThrowIsNamed() throws Exception {
        assertRoute(probe("[fd78:4::1]:80"), "ENETUNREACH", "The route for fd78:4::/48 is a throw route (table 100)",
                "A throw route for fd78:4::/48 in table 100 ends the lookup there");
    }

    @Test
    void ipv6WithoutAnyRouteSaysSo() throws Exception {
        Explanation e = probe("[fd79::1]:80");
        assertEquals("ENETUNREACH", e.key());
        assertFinding(e, "No route in this computer's IPv6 routing table covers fd79::1, and there is no default route");
        assertEquals(Fault.THIS_COMPUTER, e.fault());
    }

    @Test
    void onLinkHostThatDoesNotAnswerArpIsNamed() throws Exception {
        // nobody owns 10.77.0.23 on v0's network: ARP gives up after about 3 s
        Explanation e = probe("10.77.0.23:80", Duration.ofSeconds(8));
        assertEquals("EHOSTUNREACH", e.key(), e.headline());
        assertEquals("10.77.0.23 is on v0's network and did not answer ARP: it is off, unplugged, or has another address.",
                e.meaning());
        assertEquals(Fault.NETWORK, e.fault());
        assertFinding(e, "The neighbour table's entry for it is FAILED");
        assertTrue(e.steps().get(0).contains("switched on"), e.steps().toString());
    }

    @Test
    void linkLocalWithoutZoneListsTheInterfacesItCouldMean() throws Exception {
        Explanation e = probe("[fe80::1]:80");
        assertEquals("EINVAL", e.key(), e.headline());
        assertTrue(e.meaning().startsWith("fe80::1 is an IPv6 link-local address"), e.meaning());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.steps().get(0).contains("[fe80::1%v0]:80"), e.steps().toString());
        assertFinding(e, "which it could mean: ");
    }

    @Test
    void errorFromARouterIsNotCalledAMissingLocalRoute() throws Exception {
        Explanation e = probe("10.90.0.1:80", Duration.ofSeconds(5));
        assertEquals("EHOSTUNREACH", e.key(), e.headline());
        assertTrue(e.meaning().startsWith("The error came back from the network: this computer has a route to 10.90.0.1 "
                + "via 10.91.0.2"), e.meaning());
        assertEquals(Fault.NETWORK, e.fault());
        assertFinding(e, "This computer sends to 10.90.0.1 via the gateway 10.91.0.2 on w0 (route 10.90.0.0/24)");
        assertTrue(e.findings().stream().noneMatch(f -> f.text().startsWith("No route")), e.findings().toString());
    }
}
