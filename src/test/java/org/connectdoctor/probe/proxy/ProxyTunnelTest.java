package org.connectdoctor.probe.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.Fault;
import org.connectdoctor.explain.TunnelExplainer;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.ConnectProxy;
import org.connectdoctor.testing.ConnectProxy.Mode;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The probe through a loopback CONNECT proxy: each answer its own verdict and explanation. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyTunnelTest {

    private static ProbeReport through(ConnectProxy proxy, String host, int port, boolean tls, Duration limit)
            throws Exception {
        ProxyAddress a = ProxyAddress.parse(proxy.url());
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(a.display())).timeout(limit).tls(tls)
                .tunnel(new ProxyTunnel.Request(a, host, port, "--proxy")).build();
        try (ProbeEngine engine = ProbeEngine.system()) {
            return engine.run(request);
        }
    }

    private static TunnelCheck tunnel(Mode mode) throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(mode)) {
            ProbeReport r = through(proxy, "db01.example", 443, false, Duration.ofSeconds(5));
            assertEquals(Outcome.CONNECTED, r.outcome(), "the connect to the proxy is the probe's own");
            assertNotNull(r.tunnel(), mode.toString());
            String sent = proxy.requests().get(0);
            assertTrue(sent.startsWith("CONNECT db01.example:443 HTTP/1.1\r\nHost: db01.example:443\r\n"), sent);
            assertFalse(sent.toLowerCase(java.util.Locale.ROOT).contains("authorization"), "no credentials: " + sent);
            return r.tunnel();
        }
    }

    @Test
    void aTunnelThatOpensIsEstablishedAndTlsRunsThroughIt() throws Exception {
        try (TlsPeers.Peer server = TlsPeers.tls(TestCertificates.selfSigned("CN=tunnel.test", List.of("tunnel.test"),
                List.of()));
             ConnectProxy proxy = new ConnectProxy(Mode.RELAY)) {
            ProbeReport r = through(proxy, "tunnel.test", server.port(), true, Duration.ofSeconds(10));
            TunnelCheck t = r.tunnel();
            assertEquals(TunnelVerdict.ESTABLISHED, t.verdict());
            assertEquals(200, t.status());
            assertNull(r.tls(), "the TLS check is the tunnel's, not the proxy's");
            assertNotNull(t.tls());
            assertEquals("tunnel.test", t.tls().serverName());
            assertEquals(TlsVerdict.SELF_SIGNED, t.tls().verdict(), "the handshake reached the server's certificate");
            assertEquals("CN=tunnel.test", t.tls().chain().get(0).subject());
            assertEquals(t.tls(), r.anyTls());
            String text = org.connectdoctor.report.ProxyReport.text(t, Os.LINUX, false);
            assertTrue(text.contains("openssl s_client -proxy 127.0.0.1:" + proxy.port() + " -connect tunnel.test:"
                    + server.port() + " -servername tunnel.test -showcerts </dev/null"), text);
            assertTrue(org.connectdoctor.report.ProxyReport.reproduce(t, Os.WINDOWS).startsWith("curl.exe -v -x http://"
                    + "127.0.0.1:" + proxy.port() + " https://tunnel.test:" + server.port() + "/ -o NUL"));
        }
    }

    @Test
    void forbiddenCarriesTheProxysTextWithoutMarkupOrEscapes() throws Exception {
        TunnelCheck t = tunnel(Mode.FORBIDDEN);
        assertEquals(TunnelVerdict.FORBIDDEN, t.verdict());
        assertEquals(403, t.status());
        assertEquals("Access denied Category: cloud storage", t.proxyText());
        assertEquals("TestProxy/1.0", t.server());
        assertTrue(TunnelExplainer.explain(t, Os.LINUX).findings().contains("The proxy's text: \"Access denied "
                + "Category: cloud storage\""));
    }

    @Test
    void authenticationRequiredNamesEverySchemeOffered() throws Exception {
        TunnelCheck t = tunnel(Mode.AUTH);
        assertEquals(TunnelVerdict.AUTH_REQUIRED, t.verdict());
        assertEquals(List.of("Basic realm=\"Corp, Inc\"", "Negotiate", "NTLM"), t.authSchemes());
        var e = TunnelExplainer.explain(t, Os.WINDOWS);
        assertEquals(Fault.PROGRAM, e.fault());
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("curl.exe")), e.steps().toString());
    }

    @Test
    void eachOtherAnswerHasItsOwnVerdict() throws Exception {
        assertEquals(TunnelVerdict.BAD_GATEWAY, tunnel(Mode.BAD_GATEWAY).verdict());
        assertEquals("could not connect to the target", tunnel(Mode.BAD_GATEWAY).proxyText());
        assertEquals(TunnelVerdict.GATEWAY_TIMEOUT, tunnel(Mode.GATEWAY_TIMEOUT).verdict());
        TunnelCheck other = tunnel(Mode.OTHER);
        assertEquals(TunnelVerdict.OTHER_STATUS, other.verdict());
        assertEquals(405, other.status());
        assertEquals("Method Not Allowed", other.reason());
        assertEquals(TunnelVerdict.CLOSED, tunnel(Mode.CLOSE).verdict());
        assertEquals(TunnelVerdict.RESET, tunnel(Mode.RESET).verdict());
        TunnelCheck ssh = tunnel(Mode.NOT_HTTP);
        assertEquals(TunnelVerdict.NOT_HTTP, ssh.verdict());
        assertTrue(ssh.detail().contains("\"SSH-2"), ssh.detail());
        java.util.Set<String> headlines = new java.util.HashSet<>();
        for (TunnelVerdict v : TunnelVerdict.values()) {
            TunnelCheck c = new TunnelCheck(v, new ProxyAddress("p", 1, false), "h", 2, -1, null, List.of(), null,
                    null, null, 0, 1, 1, null);
            headlines.add(TunnelExplainer.explain(c, Os.LINUX).headline());
        }
        assertEquals(TunnelVerdict.values().length, headlines.size(), "every verdict its own explanation");
    }

    @Test
    void aProxyThatNeverAnswersEndsAtTheLimit() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(Mode.SILENT)) {
            TunnelCheck t = through(proxy, "db01.example", 443, false, Duration.ofMillis(300)).tunnel();
            assertEquals(TunnelVerdict.NO_ANSWER, t.verdict());
            assertEquals(Duration.ofMillis(300).toNanos(), t.limitNanos());
        }
    }

    @Test
    void cancelStopsTheWaitForTheProxy() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(Mode.SILENT); ProbeEngine engine = ProbeEngine.system()) {
            ProxyAddress a = ProxyAddress.parse(proxy.url());
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse(a.display())).timeout(Duration.ofMinutes(5))
                    .tunnel(new ProxyTunnel.Request(a, "db01.example", 443, "--proxy")).build();
            Cancellation cancel = new Cancellation();
            Thread canceller = new Thread(() -> {
                try {
                    if (proxy.awaitRequest(30_000)) {
                        cancel.cancel();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            canceller.start();
            ProbeReport r = engine.run(request, ProbeListener.NONE, cancel);
            canceller.join(30_000);
            assertEquals(TunnelVerdict.CANCELLED, r.tunnel().verdict());
        }
    }

    @Test
    void theAnswerParserSplitsChallengesNotParameters() {
        assertEquals(List.of("Basic realm=\"a, b\"", "Negotiate"),
                ProxyTunnel.Answer.splitChallenges("Basic realm=\"a, b\", Negotiate"));
        assertEquals(List.of("Digest realm=x, nonce=\"y\", qop=auth", "Basic realm=z"),
                ProxyTunnel.Answer.splitChallenges("Digest realm=x, nonce=\"y\", qop=auth, Basic realm=z"));
        assertNull(ProxyTunnel.Answer.parse("SSH-2.0-x\r\n\r\n"));
        assertEquals(407, ProxyTunnel.Answer.parse("HTTP/1.0 407\r\n\r\n").status);
    }
}
