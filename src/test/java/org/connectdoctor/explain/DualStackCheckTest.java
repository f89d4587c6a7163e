package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.FamilyResults;
import org.connectdoctor.probe.FamilyResults.FamilyResult;
import org.connectdoctor.probe.FamilyResults.Verdict;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.RouteLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dual-stack finding from what the host state shows: a reason only where it was read, Unknown
 * said as such ("never 'no route' from a failed reading"), and the reverse case worded for IPv4.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DualStackCheckTest {

    private static final SockAddr V6 = SockAddr.Inet6.of(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0x77, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 1}, 443, 0, 0);
    private static final SockAddr V4 = SockAddr.Inet4.of(new byte[] {10, 77, 0, 1}, 443);

    private static List<Finding> findings(PathReaderTest.Host host, Verdict v6, Verdict v4) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("dual.example.test:443")).build();
        Attempt a6 = attempt(V6, v6);
        Attempt a4 = attempt(V4, v4);
        FamilyResults f = new FamilyResults(List.of(new FamilyResult(Family.INET6, 1, 1, v6, a6),
                new FamilyResult(Family.INET, 1, 1, v4, a4)), null);
        Attempt decisive = v4 == Verdict.CONNECTED ? a4 : a6;
        Situation s = new Situation("CONNECTED", Set.of("ip", "stream"), request, decisive, null, host,
                Capabilities.of(Os.LINUX), f);
        return new DualStackCheck().findings(s);
    }

    private static Attempt attempt(SockAddr to, Verdict v) {
        Outcome o = v == Verdict.CONNECTED ? Outcome.CONNECTED : Outcome.TIMED_OUT;
        return new Attempt(1, 1, to, SocketType.STREAM, null, Phase.WAIT, o, null, null, 2_000_000_000L, null);
    }

    @Test
    void unreadableInterfacesAndRoutesGiveNoReasonAndSaySo() throws Exception {
        PathReaderTest.Host host = new PathReaderTest.Host(); // its interfaces are unknown
        host.route = new RouteLookup.Unknown("netlink refused");
        List<Finding> f = findings(host, Verdict.TIMED_OUT, Verdict.CONNECTED);
        Finding main = f.get(0);
        assertTrue(main.text().startsWith("IPv6 to dual.example.test times out while IPv4 connects"), main.text());
        assertEquals(Fault.NETWORK, main.diagnosis().fault());
        assertFalse(main.diagnosis().meaning().contains("because"), main.diagnosis().meaning());
        assertTrue(f.stream().anyMatch(x -> x.text().equals("Whether this computer has an IPv6 route to 2001:db8:77::1 "
                + "could not be read: netlink refused.")), f.toString());
        assertFalse(f.stream().anyMatch(x -> x.text().contains("has no IPv6 route")), f.toString());
    }

    @Test
    void noIpv6RouteIsTheReasonWhereTheRoutingTableSaysSo() throws Exception {
        PathReaderTest.Host host = new PathReaderTest.Host();
        host.route = new RouteLookup.NoRoute("Network is unreachable", List.of());
        List<Finding> f = findings(host, Verdict.TIMED_OUT, Verdict.CONNECTED);
        assertEquals(Fault.THIS_COMPUTER, f.get(0).diagnosis().fault());
        assertTrue(f.get(0).diagnosis().meaning().contains("because this computer has no IPv6 route to 2001:db8:77::1"),
                f.get(0).diagnosis().meaning());
        assertTrue(f.stream().anyMatch(x -> x.text().startsWith("This computer has no IPv6 route to 2001:db8:77::1 "
                + "(no default IPv6 route): ip route get 2001:db8:77::1 says so.")), f.toString());
    }

    @Test
    void theReverseIsWordedForIpv4AndLooksForNoIpv6Reason() throws Exception {
        PathReaderTest.Host host = new PathReaderTest.Host();
        host.route = new RouteLookup.NoRoute("Network is unreachable", List.of());
        List<Finding> f = findings(host, Verdict.CONNECTED, Verdict.TIMED_OUT);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).text().startsWith("IPv4 to dual.example.test times out while IPv6 connects"), f.get(0).text());
        assertTrue(f.get(0).text().contains("Programs that use IPv4 only"), f.get(0).text());
        assertEquals(Fault.NETWORK, f.get(0).diagnosis().fault());
    }

    @Test
    void bothWorkingOrBothFailingIsNoSplit() throws Exception {
        PathReaderTest.Host host = new PathReaderTest.Host();
        assertEquals(List.of(), findings(host, Verdict.CONNECTED, Verdict.CONNECTED));
        assertEquals(List.of(), findings(host, Verdict.TIMED_OUT, Verdict.TIMED_OUT));
    }
}
