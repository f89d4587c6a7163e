package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Errors that need routing state, each built for real in a network namespace of the test's own:
 * a veth pair carrying 10.77.0.1/24, an "unreachable" route to 10.78.0.0/24 and a "prohibit"
 * route to 10.79.0.0/24; 10.80.0.0/16 has no route at all. Both ends of the veth are inside the
 * namespace, so nothing can leave it. Needs root; CI runs as root.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NamespaceProbeTest {

    private static TestNamespace ns;
    private static TestNamespace loDown;
    private final ProbeEngine engine = ProbeEngine.system();

    @org.junit.jupiter.api.AfterEach
    void closeEngine() {
        engine.close();
    }

    @BeforeAll
    static void buildTheNetworks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ns = TestNamespace.routed("cd-route");
        loDown = TestNamespace.create("cd-lodown");
    }

    @AfterAll
    static void removeThem() throws Exception {
        if (ns != null) {
            ns.close();
        }
        if (loDown != null) {
            loDown.close();
        }
    }

    private ProbeReport probeIn(TestNamespace where, ProbeRequest request) throws Exception {
        return where.inside(() -> engine.run(request));
    }

    @Test
    void noRouteGivesEnetunreach() throws Exception {
        ProbeReport r = probeIn(ns, Probes.build(Probes.to("10.80.0.1:80").timeout(Duration.ofSeconds(2))));
        assertEquals(Errno.ENETUNREACH, r.decisive().error().errno());
        assertEquals(Phase.CONNECT, r.decisive().phase());
    }

    @Test
    void loopbackDownGivesEnetunreach() throws Exception {
        ProbeReport r = probeIn(loDown, Probes.build(Probes.to("127.0.0.1:80").timeout(Duration.ofSeconds(2))));
        assertEquals(Errno.ENETUNREACH, r.decisive().error().errno());
    }

    @Test
    void unreachableRouteGivesEhostunreach() throws Exception {
        ProbeReport r = probeIn(ns, Probes.build(Probes.to("10.78.0.1:80").timeout(Duration.ofSeconds(2))));
        assertEquals(Errno.EHOSTUNREACH, r.decisive().error().errno());
    }

    @Test
    void prohibitRouteGivesEacces() throws Exception {
        ProbeReport r = probeIn(ns, Probes.build(Probes.to("10.79.0.1:80").timeout(Duration.ofSeconds(2))));
        assertEquals(Errno.EACCES, r.decisive().error().errno());
    }

    @Test
    void broadcastWithoutSoBroadcastGivesEaccesAndWithItIsSent() throws Exception {
        ProbeReport refused = probeIn(ns, Probes.build(Probes.to("10.77.0.255:9").type(SocketType.DGRAM)
                .timeout(Duration.ofMillis(200))));
        assertEquals(Errno.EACCES, refused.decisive().error().errno());
        assertEquals(Phase.CONNECT, refused.decisive().phase());

        ProbeReport sent = probeIn(ns, Probes.build(Probes.to("10.77.0.255:9").type(SocketType.DGRAM)
                .broadcast(true).timeout(Duration.ofMillis(200))));
        assertEquals(Outcome.NO_REPLY, sent.outcome());
    }
}
