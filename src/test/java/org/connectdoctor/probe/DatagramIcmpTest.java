package org.connectdoctor.probe;

import static org.connectdoctor.probe.Probes.build;
import static org.connectdoctor.probe.Probes.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.UdpEcho;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Datagram probes on loopback with IP_RECVERR and the unconnected (any-source) socket: ICMP port
 * unreachable is reported with its type, code and sender, and a reply from another address than
 * the one asked is listed instead of being dropped.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DatagramIcmpTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    @Test
    void portUnreachableIsReportedWithTheIcmpDetailsAndTheTargetAsSender() throws Exception {
        ProbeReport r = engine.run(build(to("127.0.0.1:" + Loopback.closedUdpPort()).type(SocketType.DGRAM)
                .payload(Payload.ofText("hello")).timeout(Duration.ofSeconds(3))));
        Attempt a = r.decisive();
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(Errno.ECONNREFUSED, a.error().errno());
        assertEquals("recv", a.failedCall());
        IcmpError icmp = a.icmp();
        assertNotNull(icmp, "the ICMP error should be read from the error queue");
        assertEquals(Family.INET, icmp.family());
        assertEquals(3, icmp.type());
        assertEquals(3, icmp.code());
        assertEquals("127.0.0.1", icmp.offender().host());
        assertTrue(icmp.fromTarget());
        assertEquals(Errno.ECONNREFUSED, icmp.error().errno());
        assertEquals("ICMP port unreachable (type 3, code 3) from 127.0.0.1, the target itself", icmp.describe());
        assertEquals(List.of(icmp.describe()), a.datagramLines());
    }

    @Test
    void anySourcePortUnreachableIsReportedToo() throws Exception {
        ProbeReport r = engine.run(build(to("127.0.0.1:" + Loopback.closedUdpPort()).type(SocketType.DGRAM)
                .anySource(true).timeout(Duration.ofSeconds(3))));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
        assertEquals(3, r.decisive().icmp().code());
        assertTrue(r.decisive().elapsedNanos() < TimeUnit.SECONDS.toNanos(3), "the ICMP error ends the wait");
    }

    @Test
    void ipv6PortUnreachableIsIcmpv6TypeOneCodeFour() throws Exception {
        int port;
        try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            c.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            port = ((InetSocketAddress) c.getLocalAddress()).getPort();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
            return;
        }
        ProbeReport r = engine.run(build(to("[::1]:" + port).type(SocketType.DGRAM).timeout(Duration.ofSeconds(3))));
        IcmpError icmp = r.decisive().icmp();
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
        assertNotNull(icmp);
        assertEquals(Family.INET6, icmp.family());
        assertEquals(1, icmp.type());
        assertEquals(4, icmp.code());
        assertEquals("ICMPv6 port unreachable (type 1, code 4) from ::1, the target itself", icmp.describe());
    }

    @Test
    void aReplyFromAnotherAddressIsSilenceWhenConnectedAndListedWithAnySource() throws Exception {
        try (DatagramChannel in = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel out = DatagramChannel.open(StandardProtocolFamily.INET)) {
            in.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            out.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            int port = ((InetSocketAddress) in.getLocalAddress()).getPort();
            int replyPort = ((InetSocketAddress) out.getLocalAddress()).getPort();
            try (UdpEcho echo = UdpEcho.start(in, out, "re:")) {
                ProbeReport connected = engine.run(build(to("127.0.0.1:" + port).type(SocketType.DGRAM)
                        .payload(Payload.ofText("ping")).timeout(Duration.ofMillis(300))));
                assertEquals(Outcome.NO_REPLY, connected.outcome(),
                        "a connected socket drops a datagram from another address");
                assertTrue(connected.decisive().responders().isEmpty());

                ProbeReport any = engine.run(build(to("127.0.0.1:" + port).type(SocketType.DGRAM)
                        .payload(Payload.ofText("ping")).anySource(true).timeout(Duration.ofSeconds(3))));
                Attempt a = any.decisive();
                assertEquals(Outcome.ANSWERED, any.outcome());
                assertEquals(1, a.responders().size());
                Responder responder = a.responders().get(0);
                assertEquals("127.0.0.2", responder.address().host());
                assertEquals(replyPort, responder.address().port());
                assertEquals("re:ping", responder.reply().textOrNull());
                assertEquals(7, responder.bytes());
                assertEquals("re:ping", a.reply().textOrNull());
                assertNull(a.icmp());
                assertNotNull(a.local(), "sendto bound the socket to a local port");
                assertTrue(a.datagramLines().get(0).startsWith("reply from 127.0.0.2:" + replyPort + ", 7 bytes, "),
                        a.datagramLines().toString());
            }
        }
    }

    @Test
    void broadcastImpliesAnySource() throws Exception {
        ProbeRequest r = build(to("127.255.255.255:9").type(SocketType.DGRAM).broadcast(true));
        assertTrue(r.anySource());
        assertTrue(!build(to("127.0.0.1:9").type(SocketType.DGRAM)).anySource());
    }

    @Test
    void anySourceIsRefusedForStreamsAndUnixSockets() {
        InvalidInputException stream = assertThrows(InvalidInputException.class,
                () -> to("127.0.0.1:80").anySource(true).build());
        assertEquals("Any-source applies to datagram (UDP) probes only; a stream probe talks to the one address "
                + "it connected to.", stream.getMessage());
        InvalidInputException unix = assertThrows(InvalidInputException.class,
                () -> to("/run/x.sock").type(SocketType.DGRAM).anySource(true).build());
        assertTrue(unix.getMessage().startsWith("Any-source applies to UDP"), unix.getMessage());
    }

    @Test
    void anySourceWaitEndsAtOnceOnCancel() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open(StandardProtocolFamily.INET)) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            ProbeRequest req = build(to("127.0.0.1:" + port).type(SocketType.DGRAM).anySource(true)
                    .timeout(Duration.ofSeconds(20)));
            Cancellation cancellation = new Cancellation();
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                cancellation.cancel();
            });
            canceller.start();
            ProbeReport r = engine.run(req, ProbeListener.NONE, cancellation);
            canceller.join();
            assertEquals(Outcome.CANCELLED, r.outcome());
            assertTrue(r.decisive().elapsedNanos() < TimeUnit.SECONDS.toNanos(10), "cancel ends the 20 s wait");
            assertTrue(r.decisive().responders().isEmpty());
        }
    }
}
