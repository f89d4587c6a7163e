package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.probe.proxy.ProxyAddress;
import org.connectdoctor.probe.proxy.ProxyTunnel;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.connectdoctor.testing.ConnectProxy;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The ticket (clipboard text and Markdown file) carries the system proxy and the proxy's answer. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyTicketTest {

    private static HostState host(Map<String, String> env) {
        HostState unknown = new UnreadableHostState("not read in this test");
        Read<ProxySettings> settings = Read.known(ProxySettings.fromEnvironment(env, "the environment"));
        return (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> m.getName().equals("proxySettings") ? settings
                        : m.invoke(unknown, args));
    }

    private static final SystemInfo SYSTEM = new SystemInfo("Test OS", "1.0", "17", "0.1", "desk-7");

    @Test
    void aDirectFailureTicketNamesTheSystemProxy() throws Exception {
        int port = Loopback.closedTcpPort();
        ProbeReport r;
        try (ProbeEngine engine = ProbeEngine.system()) {
            r = engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).build())
                    .withSystemProxy(host(Map.of("https_proxy", "http://proxy.corp:8080")));
        }
        String sentence = "Applications that use the system proxy reach https://127.0.0.1:" + port
                + " through proxy.corp:8080 (from https_proxy, in the environment); this probe tried directly.";
        String md = TicketReport.markdown(r, null, SYSTEM);
        assertTrue(md.contains("\n## Proxy\n\n" + sentence), md);
        assertTrue(md.contains("| System proxy | proxy.corp:8080 |"), md);
        assertTrue(TicketReport.text(r, null, SYSTEM).contains(sentence), "the clipboard text too");
    }

    @Test
    void aTicketThroughTheProxyCarriesItsAnswer() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Mode.AUTH); ProbeEngine engine = ProbeEngine.system()) {
            ProxyAddress a = ProxyAddress.parse(proxy.url());
            ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse(a.display()))
                    .timeout(Duration.ofSeconds(5)).tunnel(new ProxyTunnel.Request(a, "db01.example", 443, "--proxy"))
                    .build()).withSystemProxy(host(Map.of()));
            String md = TicketReport.markdown(r, null, SYSTEM);
            assertTrue(md.contains("**CONNECT db01.example:443 through " + a.display()
                    + ": the proxy asks for authentication — 407 Proxy Authentication Required.**"), md);
            assertTrue(md.contains("- The proxy offers: Basic realm=\"Corp, Inc\"; Negotiate; NTLM."), md);
            assertTrue(md.contains("curl -v -x " + proxy.url() + " https://db01.example:443/"), md);
            assertTrue(md.contains("| Through proxy | " + a.display() + ": the proxy asks for authentication |"), md);
            assertTrue(md.contains("this probe went through " + a.display() + " (--proxy)"), md);
        }
    }
}
