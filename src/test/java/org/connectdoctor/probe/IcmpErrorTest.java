package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;
import org.connectdoctor.net.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The report lines of ICMP errors and responders, as the text report prints them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IcmpErrorTest {

    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 94, 3, 5}, 9);
    private static final SockAddr ROUTER = SockAddr.Inet4.of(new byte[] {10, 94, 1, 1}, 0);
    private static final SysError EMSGSIZE = new SysError(Errno.EMSGSIZE, 90, "Message too long");

    @Test
    void fragmentationNeededNamesTheNextHopMtu() {
        IcmpError e = new IcmpError(Family.INET, 3, 4, 1400, ROUTER, TARGET, EMSGSIZE);
        assertEquals("ICMP fragmentation needed (type 3, code 4), next-hop MTU 1400 from router 10.94.1.1", e.describe());
    }

    @Test
    void packetTooBigIsIcmpv6TypeTwo() {
        SockAddr target = SockAddr.Inet6.of(new byte[] {(byte) 0xfd, (byte) 0x94, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5}, 9, 0, 0);
        SockAddr router = SockAddr.Inet6.of(new byte[] {(byte) 0xfd, (byte) 0x94, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 0, 0);
        assertEquals("ICMPv6 packet too big (type 2, code 0), next-hop MTU 1280 from router fd94:1::1",
                new IcmpError(Family.INET6, 2, 0, 1280, router, target, EMSGSIZE).describe());
    }

    @Test
    void anUnknownSenderAndAnUnnamedTypeAreSaidAsSuch() {
        assertEquals("ICMP message of an unnamed type (type 40, code 2), sender not reported",
                new IcmpError(Family.INET, 40, 2, 0, null, TARGET, EMSGSIZE).describe());
        assertEquals("ICMP time to live exceeded in transit (type 11, code 0) from router 10.94.1.1",
                new IcmpError(Family.INET, 11, 0, 0, ROUTER, TARGET, EMSGSIZE).describe());
    }

    @Test
    void attemptsWithoutDatagramDetailsHaveNoLines() {
        Attempt a = new Attempt(1, 1, TARGET, SocketType.STREAM, null, Phase.CONNECT, Outcome.CONNECTED, null, null,
                1000, null);
        assertEquals(List.of(), a.datagramLines());
        assertEquals(List.of(), a.responders());
        assertEquals(null, a.icmp());
    }
}
