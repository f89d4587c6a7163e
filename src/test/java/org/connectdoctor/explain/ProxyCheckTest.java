package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A direct failure where the system would use a proxy: a diagnosis that changes headline, fault and steps. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyCheckTest {

    /** A host whose only known fact is its proxy setting (from {@code env}), so no other check decides. */
    private static HostState host(Map<String, String> env) {
        HostState unknown = new UnreadableHostState("not read in this test");
        Read<ProxySettings> settings = Read.known(ProxySettings.fromEnvironment(env, "the environment"));
        return (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> m.getName().equals("proxySettings") ? settings
                        : m.invoke(unknown, args));
    }

    private static Explanation explain(Map<String, String> env, String target) throws Exception {
        ProbeRequest r = ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofMillis(200)).build();
        ProbeReport report;
        try (ProbeEngine engine = ProbeEngine.system()) {
            report = engine.run(r);
        }
        return new Explainer(ManPages.bundledOnly(), ErrorCatalogue.standard(), host(env), Capabilities.current())
                .explain(report);
    }

    @Test
    void aTimeoutWhereAProxyAppliesIsDiagnosedAsTheProxyQuestion() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            Explanation e = explain(Map.of("all_proxy", "http://proxy.corp:8080"), "127.0.0.1:" + silent.port());
            assertEquals("direct connections to port " + silent.port() + " time out here, while the system sends this "
                    + "traffic through proxy.corp:8080: the application is probably not using the proxy, or the "
                    + "proxy is what fails.", e.meaning().substring(0, 1).toLowerCase() + e.meaning().substring(1));
            assertTrue(e.headline().contains("while the system sends this traffic through proxy.corp:8080"), e.headline());
            assertEquals(Fault.PROGRAM, e.fault());
            assertTrue(e.steps().get(0).contains("connect-doctor probe --proxy system 127.0.0.1:" + silent.port()),
                    e.steps().toString());
            assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("proxy") && f.text().contains("(from all_proxy)")));
        }
    }

    @Test
    void aRefusalByThisComputerItselfNamesTheProxyWithoutBlamingIt() throws Exception {
        int port = Loopback.closedTcpPort();
        Explanation e = explain(Map.of("https_proxy", "proxy.corp:3128"), "127.0.0.1:" + port);
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("proxy") && f.diagnosis() == null
                && f.text().contains("are refused here, while the system sends this traffic through proxy.corp:3128")),
                e.findings().toString());
        assertFalse(e.meaning().contains("proxy"), e.meaning());
    }

    @Test
    void noDiagnosisWhenTheBypassListMatchesOrNoProxyIsSetOrItConnected() throws Exception {
        int port = Loopback.closedTcpPort();
        for (Map<String, String> env : List.of(Map.of("https_proxy", "proxy.corp:3128", "no_proxy", "127.0.0.1"),
                Map.<String, String>of())) {
            Explanation e = explain(env, "127.0.0.1:" + port);
            assertFalse(e.findings().stream().anyMatch(f -> f.check().equals("proxy")), e.findings().toString());
            assertFalse(e.meaning().contains("proxy"), e.meaning());
        }
        try (java.net.ServerSocket s = Loopback.acceptingServer(5)) {
            Explanation e = explain(Map.of("https_proxy", "proxy.corp:3128"), "127.0.0.1:" + s.getLocalPort());
            assertFalse(e.findings().stream().anyMatch(f -> f.check().equals("proxy")), e.findings().toString());
        }
    }
}
