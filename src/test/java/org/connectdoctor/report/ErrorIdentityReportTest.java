package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.ErrorCatalogue;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Statistics;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The text and JSON reports give an error's native identity and its portable cause side by side. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorIdentityReportTest {

    @Test
    void aRealRefusalOnLoopbackReportsItsCauseBesideTheNativeFields() throws Exception {
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort())).build();
            ProbeReport report = engine.run(request);
            assertEquals(Outcome.FAILED, report.outcome());
            Explanation e = Explainer.system(engine.sockets()).explain(report);
            String json = JsonReport.render(report, e, "test");
            assertTrue(json.contains("\"symbol\": \"ECONNREFUSED\"") || json.contains("\"symbol\":\"ECONNREFUSED\""), json);
            assertTrue(json.replaceAll("\\s", "").contains("\"native_symbol\":\"ECONNREFUSED\",\"cause\":\"refused\",\"number\":111"), json);
            assertTrue(json.replaceAll("\\s", "").contains("\"key\":\"ECONNREFUSED\",\"native_symbol\":\"ECONNREFUSED\",\"cause\":\"refused\""), json);
            String text = TextReport.render(report);
            assertTrue(text.contains("failed: ECONNREFUSED (111) Connection refused (cause: refused) ["), text);
        }
    }

    /**
     * A Windows report read anywhere: the Winsock code keeps its WSA name and number, and a reset
     * on a datagram probe (Windows' way of saying ICMP port unreachable) is reported as the refusal.
     */
    @Test
    void aWinsockResetOnADatagramProbeIsReportedAsRefused() throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:9")).type(SocketType.DGRAM).build();
        SysError reset = new SysError(Errno.ECONNRESET, 10054, "An existing connection was forcibly closed by the remote host.");
        var address = new org.connectdoctor.net.SockAddr.Inet4(0x7f000001, 9);
        Attempt a = new Attempt(1, 1, address, SocketType.DGRAM, null, Phase.VERIFY, Outcome.FAILED, reset, "recv",
                1_000_000, null, List.of(), null);
        ProbeReport report = new ProbeReport(request, null, List.of(a), Outcome.FAILED, a,
                Statistics.of(List.of(1_000_000L)), Instant.now(), 1_000_000);
        String json = JsonReport.render(report, "test").replaceAll("\\s", "");
        assertTrue(json.contains("\"symbol\":\"ECONNRESET\",\"native_symbol\":\"WSAECONNRESET\",\"cause\":\"refused\","
                + "\"number\":10054"), json);
        assertTrue(TextReport.render(report).contains("failed: WSAECONNRESET (10054) An existing connection was forcibly "
                + "closed by the remote host. (cause: refused) ["), TextReport.render(report));

        Explainer explainer = new Explainer(ManPages.bundledOnly(), ErrorCatalogue.standard(), org.connectdoctor.sys.HostState.current(),
                org.connectdoctor.sys.Capabilities.current());
        Explanation e = explainer.explain("ECONNRESET", 10054, reset.message(),
                java.util.Set.of("ip", "dgram", "call:recv", "remote"), Os.WINDOWS);
        assertEquals(org.connectdoctor.net.Cause.REFUSED, e.cause());
        assertEquals("WSAECONNRESET", e.nativeSymbol());
        assertTrue(e.headline().startsWith("WSAECONNRESET (10054) An existing connection was forcibly closed by the "
                + "remote host: "), e.headline());
        assertTrue(e.meaning().contains("Windows reports the ICMP port-unreachable reply as WSAECONNRESET"), e.meaning());
        assertTrue(Explainer.quotePlain(e.quote()).strip().startsWith("ECONNREFUSED"),
                "the POSIX description quoted is the refusal's: " + Explainer.quotePlain(e.quote()));
        String text = ExplanationText.render(e);
        assertTrue(text.contains("POSIX description of the cause: "), text);
        assertTrue(text.contains("Cause: connection refused (refused)."), text);
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("Get-NetUDPEndpoint -LocalPort PORT")), e.steps().toString());
        assertTrue(e.steps().stream().noneMatch(s -> s.contains("ss -")), e.steps().toString());

        // The same reset on a stream connection stays a reset.
        Explanation stream = explainer.explain("ECONNRESET", 10054, reset.message(),
                java.util.Set.of("ip", "stream", "call:recv", "remote"), Os.WINDOWS);
        assertEquals(org.connectdoctor.net.Cause.CONNECTION_RESET, stream.cause());
        assertTrue(!stream.meaning().contains("port-unreachable"), stream.meaning());
    }
}
