package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;
import org.connectdoctor.testing.TlsChecks;
import org.connectdoctor.tls.SegmentRetry;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.Test;

/**
 * The words around the MTU test, for each way it can end and each system's commands: Windows cannot
 * make it and says so, with a ping that tests the same by hand; a test that small packets did not
 * help drops the MTU guess; a black hole names the interface MTU, MSS clamping and ICMP steps.
 */
class MtuExplanationTest {

    private static final Read<PathMtu> PATH = Read.known(new PathMtu(1500, "IP_MTU", 1448));

    private static TlsCheck with(TlsVerdict v, String address, SegmentRetry r) {
        TlsCheck t = TlsChecks.of(v);
        return new TlsCheck(t.verdict(), t.problems(), t.serverName(), t.host(), address, t.port(), t.protocol(),
                t.cipherSuite(), t.alpn(), t.chain(), t.trust(), t.inspection(), t.clock(), t.alert(), t.serverVersion(),
                t.failure(), t.firstBytes(), t.bytesReceived(), t.limitNanos(), t.elapsedNanos(), t.followUp(), r);
    }

    private static SegmentRetry notOnWindows() {
        return new SegmentRetry(0, PATH, 0, null, 0,
                "Windows has no setting for the MSS a connection advertises (TCP_MAXSEG can only be read there)");
    }

    @Test
    void onWindowsTheTestIsNotMadeAndAPingTestsTheSameByHand() {
        TlsExplanation e = TlsExplainer.explain(with(TlsVerdict.NO_ANSWER, "192.0.2.7", notOnWindows()), Os.WINDOWS);
        assertEquals(TlsVerdict.NO_ANSWER, e.verdict());
        assertTrue(e.findings().contains("This computer could not test whether large packets are lost on the way: "
                + "Windows has no setting for the MSS a connection advertises (TCP_MAXSEG can only be read there) "
                + "(this computer's side: path MTU 1500 (IP_MTU), MSS 1448)."), e.findings().toString());
        assertTrue(e.steps().stream().anyMatch(s -> s.startsWith("Test for an MTU black hole by hand: ping -f -l 1472 "
                + "192.0.2.7 ") && s.contains("-l 1200")), e.steps().toString());
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("an MTU black hole, often over a VPN")),
                "the MTU stays a possibility: " + e.steps());
    }

    @Test
    void anIpv6PingNeedsNoDontFragmentFlag() {
        TlsExplanation w = TlsExplainer.explain(with(TlsVerdict.STALLED, "2001:db8::7", notOnWindows()), Os.WINDOWS);
        assertTrue(w.steps().stream().anyMatch(s -> s.contains("ping -l 1452 2001:db8::7")), w.steps().toString());
        TlsExplanation l = TlsExplainer.explain(with(TlsVerdict.STALLED, "2001:db8::7", notOnWindows()), Os.LINUX);
        assertTrue(l.steps().stream().anyMatch(s -> s.contains("ping -M do -s 1452 -c 3 2001:db8::7")), l.steps().toString());
    }

    @Test
    void whenSmallPacketsDidNotHelpTheMtuIsNotGuessed() {
        SegmentRetry r = new SegmentRetry(SegmentRetry.IPV4, PATH, 0, TlsVerdict.NO_ANSWER, 0, null);
        TlsExplanation e = TlsExplainer.explain(with(TlsVerdict.NO_ANSWER, "192.0.2.7", r), Os.LINUX);
        assertTrue(e.findings().stream().anyMatch(f -> f.endsWith("A second connection that advertised MSS 536 (small "
                + "packets) ended the same way (no answer to the ClientHello, 0 bytes): small packets did not help.")),
                e.findings().toString());
        assertFalse(String.join(" ", e.steps()).contains("MTU"), e.steps().toString());
    }

    @Test
    void theBlackHoleOnMacosUsesIfconfigAndRouteGet() {
        SegmentRetry r = new SegmentRetry(SegmentRetry.IPV4, PATH, 203, TlsVerdict.OK, 8698, null);
        TlsExplanation e = TlsExplainer.explain(with(TlsVerdict.MTU_BLACK_HOLE, "192.0.2.7", r), Os.MACOS);
        assertTrue(e.steps().get(0).contains("route -n get 192.0.2.7") && e.steps().get(0).contains("sudo ifconfig "
                + "IFACE mtu 1400"), e.steps().get(0));
        assertTrue(e.meaning().contains("only the first 203 bytes of the server's answer arrived"), e.meaning());
        assertEquals(Fault.NETWORK, e.fault());
        assertEquals(List.of(), e.steps().stream().filter(s -> s.contains("netsh") || s.contains("ip link")).toList());
    }
}
