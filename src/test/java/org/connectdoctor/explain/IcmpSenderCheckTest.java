package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.IcmpError;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A destination-unreachable message a router sent is read as the router's answer, for every code
 * the kernel maps to an errno (linux net/ipv4/icmp.c icmp_err_convert, net/ipv6/icmp.c
 * tab_unreach), not as the target's.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IcmpSenderCheckTest {

    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 94, 3, 5}, 9);
    private static final SockAddr ROUTER = SockAddr.Inet4.of(new byte[] {10, 94, 1, 1}, 0);
    private static final SockAddr TARGET6 = SockAddr.Inet6.of(new byte[] {(byte) 0xfd, (byte) 0x94, 0, 3, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 5}, 9, 0, 0);
    private static final SockAddr ROUTER6 = SockAddr.Inet6.of(new byte[] {(byte) 0xfd, (byte) 0x94, 0, 1, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 1}, 0, 0, 0);

    /** The errno Linux gives each ICMP destination-unreachable code (icmp_err_convert). */
    private static final Errno[] V4 = {Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT, Errno.ECONNREFUSED,
            Errno.EMSGSIZE, Errno.EOPNOTSUPP, Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENONET, Errno.ENETUNREACH,
            Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
            Errno.EHOSTUNREACH};
    /** ICMPv6 destination unreachable, codes 0-6 (tab_unreach, then EACCES for 5 and 6 as for 1). */
    private static final Errno[] V6 = {Errno.ENETUNREACH, Errno.EACCES, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
            Errno.ECONNREFUSED, Errno.EACCES, Errno.EACCES};

    private static List<Finding> findings(Family family, int type, int code, Errno errno, SockAddr from, SockAddr to)
            throws Exception {
        SysError error = new SysError(errno, 0, errno.name());
        IcmpError icmp = new IcmpError(family, type, code, 0, from, to, error);
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("app.example.test:9")).type(SocketType.DGRAM)
                .build();
        Attempt a = new Attempt(1, 1, to, SocketType.DGRAM, null, Phase.VERIFY, Outcome.FAILED, error, "recv",
                2_000_000, null, List.of(), icmp);
        Resolution r = new Resolution("app.example.test", "9", List.of(to), null, false, null, 1_000_000);
        Situation s = new Situation(errno.name(), Set.of("ip", "dgram"), request, a, r, new PathReaderTest.Host(),
                Capabilities.of(Os.LINUX));
        return new IcmpSenderCheck().findings(s);
    }

    @Test
    void everyIcmpDestinationUnreachableCodeFromARouterNamesTheRouter() throws Exception {
        for (int code = 0; code < V4.length; code++) {
            List<Finding> f = findings(Family.INET, 3, code, V4[code], ROUTER, TARGET);
            if (code == 4) {
                assertEquals(List.of(), f, "fragmentation needed is the MTU's business, not a refusal");
                continue;
            }
            assertEquals(1, f.size(), "code " + code);
            assertTrue(f.get(0).text().startsWith("A router on the way answered, not 10.94.3.5: 10.94.1.1 sent ICMP "),
                    f.get(0).text());
            assertTrue(f.get(0).text().contains("(type 3, code " + code + ")"), f.get(0).text());
            assertEquals(Fault.NETWORK, f.get(0).diagnosis().fault(), "code " + code);
            assertTrue(f.get(0).diagnosis().meaning().startsWith("The router 10.94.1.1 answered"), "code " + code);
        }
    }

    @Test
    void everyIcmpv6DestinationUnreachableCodeFromARouterNamesTheRouter() throws Exception {
        for (int code = 0; code < V6.length; code++) {
            List<Finding> f = findings(Family.INET6, 1, code, V6[code], ROUTER6, TARGET6);
            assertEquals(1, f.size(), "code " + code);
            assertTrue(f.get(0).text().startsWith("A router on the way answered, not fd94:3::5: fd94:1::1 sent ICMPv6 "),
                    f.get(0).text());
        }
    }

    @Test
    void hostIsolatedProtocolAndPortUnreachableFromARouterSayWhatTheRouterMeans() throws Exception {
        assertTrue(findings(Family.INET, 3, 8, Errno.ENONET, ROUTER, TARGET).get(0).text()
                .contains("ICMP source host isolated (type 3, code 8)"));
        assertTrue(findings(Family.INET, 3, 2, Errno.ENOPROTOOPT, ROUTER, TARGET).get(0).text()
                .contains("It does not carry this protocol, or a firewall rule on it rejects it"));
        Finding port = findings(Family.INET, 3, 3, Errno.ECONNREFUSED, ROUTER, TARGET).get(0);
        assertTrue(port.text().contains("a firewall rule on it rejects the traffic"), port.text());
        assertTrue(port.diagnosis().meaning().contains("so it never reached 10.94.3.5"), port.diagnosis().meaning());
    }

    @Test
    void theTargetsOwnAnswerIsLeftToTheCatalogue() throws Exception {
        SockAddr self = SockAddr.Inet4.of(new byte[] {10, 94, 3, 5}, 0);
        assertEquals(List.of(), findings(Family.INET, 3, 3, Errno.ECONNREFUSED, self, TARGET));
        assertEquals(List.of(), findings(Family.INET, 3, 1, Errno.EHOSTUNREACH, null, TARGET),
                "no sender named: nothing to say about who answered");
    }
}
