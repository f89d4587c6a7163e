package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Finding;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Windows' IPV6_V6ONLY default, for real on the Windows JVM: a [::] listener made by the
 * product's own Winsock sockets (which leave the option as Windows sets it) is reached over ::1
 * and refused over 127.0.0.1, the host state says IPv6-only is the default, and the listener
 * check's finding tells the help desk to connect to [::1] instead.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class V6OnlyLiveTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @AfterEach
    void close() {
        engine.close();
    }

    private ProbeReport probe(String target) throws Exception {
        return engine.run(ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(3)).build());
    }

    @Test
    void aWildcardIpv6ListenerIsIpv6OnlyAndTheExplanationSaysSo() throws Exception {
        assertEquals(Read.known(new HostState.V6OnlyDefault(true, "Windows sockets start with IPV6_V6ONLY on")),
                HostState.current().ipv6OnlyDefault());
        try (NativeSocket listener = engine.sockets().open(Family.INET6, SocketType.STREAM)) {
            listener.bind(SockAddr.Inet6.of(new byte[16], 0, 0, 0));
            listener.listen(8);
            int port = listener.localAddress().port();
            ProbeReport v6 = probe("[::1]:" + port);
            assertEquals(Outcome.CONNECTED, v6.outcome(), v6.toString());
            ProbeReport v4 = probe("127.0.0.1:" + port);
            assertEquals(Outcome.FAILED, v4.outcome(), v4.toString());
            assertEquals("ECONNREFUSED", v4.decisive().error().symbol());
            assertEquals(10061, v4.decisive().error().number());
            List<String> findings = Explainer.system().explain(v4).findings().stream().map(Finding::text).toList();
            assertTrue(findings.contains("A service listens on :: (every IPv6 address but no IPv4 one: Windows sockets "
                    + "start with IPV6_V6ONLY on) port " + port + " but not on 127.0.0.1: connect to [::1]:" + port
                    + " instead, or make the service listen on 127.0.0.1 too."), findings.toString());
            assertFalse(findings.stream().anyMatch(t -> t.contains("and IPv4 unless")), findings.toString());
        }
    }
}
