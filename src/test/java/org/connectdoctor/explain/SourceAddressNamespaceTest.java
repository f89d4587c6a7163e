package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * EADDRNOTAVAIL from connect(2) when there is no source address: [::1] with loopback down, and
 * with IPv6 disabled, each in a namespace of the test's own (root only). The explanation must
 * name the missing address, never "ephemeral ports used up".
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SourceAddressNamespaceTest {

    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private Explanation inside(TestNamespace ns, String target) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(1)).build();
        return ns.inside(() -> {
            ProbeReport r = engine.run(request);
            return explainer.explain(r);
        });
    }

    private static void assertNoPortShortage(Explanation e) {
        String text = e.headline() + e.steps() + e.findings();
        assertFalse(text.contains("used up"), text);
        assertFalse(text.contains("in use towards"), text);
        assertEquals(Fault.THIS_COMPUTER, e.fault(), text);
    }

    @Test
    void loopbackDownIsTheMissingSourceAddress() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.create("cd-srcaddr")) {
            Explanation v6 = inside(ns, "[::1]:5432");
            assertEquals("EADDRNOTAVAIL", v6.key());
            assertTrue(v6.headline().contains("the loopback interface lo is down, so this computer has no usable source "
                    + "address for ::1"), v6.headline());
            assertTrue(v6.steps().get(0).contains("ip link set lo up"), v6.steps().toString());
            assertNoPortShortage(v6);
        }
    }

    @Test
    void ipv6DisabledIsTheMissingSourceAddressWhileIpv4Works() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.create("cd-noipv6")) {
            ns.ip("link", "set", "lo", "up");
            run("ip", "netns", "exec", ns.name(), "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1");
            Explanation v6 = inside(ns, "[::1]:5432");
            assertEquals("EADDRNOTAVAIL", v6.key());
            assertTrue(v6.headline().contains("IPv6 is disabled on this computer, so it has no IPv6 source address"),
                    v6.headline());
            assertTrue(v6.findings().stream().anyMatch(f -> f.text().contains("net.ipv6.conf.all.disable_ipv6 = 1")),
                    v6.findings().toString());
            assertTrue(v6.steps().get(0).startsWith("Connect over IPv4 instead"), v6.steps().toString());
            assertNoPortShortage(v6);
            // Over IPv4 the same port is simply closed: refused, with nothing said about IPv6.
            Explanation v4 = inside(ns, "127.0.0.1:5432");
            assertEquals("ECONNREFUSED", v4.key());
            assertFalse((v4.headline() + v4.findings()).contains("IPv6 is disabled"), v4.findings().toString());
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
    }
}
