package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.Read;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kernel's own answer to "does a [::] listener take IPv4?", in a namespace of the test's own
 * with net.ipv6.bindv6only set each way (the setting is per namespace, so nothing outside
 * changes): LinuxHostState reads the setting, and the listener check's finding agrees with what
 * the connection to 127.0.0.1 really did. Root only.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class V6OnlyNamespaceTest {

    private static final Path BINDV6ONLY = Path.of("/proc/sys/net/ipv6/bindv6only");
    private static final int PORT = 5441;

    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private record Seen(Read<HostState.V6OnlyDefault> setting, ProbeReport report, List<String> findings) {
    }

    /** In a fresh namespace with bindv6only = {@code value}: a [::] listener, and a probe of 127.0.0.1. */
    private Seen listenOnWildcardAndProbeIpv4(String value) throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + PORT))
                .timeout(Duration.ofSeconds(3)).build();
        try (TestNamespace ns = TestNamespace.create("cd-v6only")) {
            ns.ip("link", "set", "lo", "up");
            return ns.inside(() -> {
                Files.writeString(BINDV6ONLY, value); // this thread's namespace only
                try (NativeSocket listener = engine.sockets().open(Family.INET6, SocketType.STREAM)) {
                    listener.bind(SockAddr.Inet6.of(new byte[16], PORT, 0, 0));
                    listener.listen(8);
                    ProbeReport r = engine.run(request);
                    List<String> f = explainer.explain(r).findings().stream().map(Finding::text).toList();
                    return new Seen(HostState.current().ipv6OnlyDefault(), r, f);
                }
            });
        }
    }

    @Test
    void dualStackByDefaultTakesIpv4() throws Exception {
        Seen seen = listenOnWildcardAndProbeIpv4("0");
        assertEquals(Read.known(new HostState.V6OnlyDefault(false, "net.ipv6.bindv6only = 0")), seen.setting());
        assertEquals(Outcome.CONNECTED, seen.report().outcome(), seen.report().toString());
    }

    @Test
    void bindv6onlyMakesTheWildcardListenerIpv6OnlyAndTheCheckSaysSo() throws Exception {
        Seen seen = listenOnWildcardAndProbeIpv4("1");
        assertEquals(Read.known(new HostState.V6OnlyDefault(true, "net.ipv6.bindv6only = 1")), seen.setting());
        assertEquals(Outcome.FAILED, seen.report().outcome(), seen.report().toString());
        assertEquals("ECONNREFUSED", seen.report().decisive().error().symbol());
        assertTrue(seen.findings().contains("A service listens on :: (every IPv6 address but no IPv4 one: "
                + "net.ipv6.bindv6only = 1) port " + PORT + " but not on 127.0.0.1: connect to [::1]:" + PORT
                + " instead, or make the service listen on 127.0.0.1 too."), seen.findings().toString());
        assertFalse(seen.findings().stream().anyMatch(t -> t.contains("and IPv4 unless")), seen.findings().toString());
    }
}
