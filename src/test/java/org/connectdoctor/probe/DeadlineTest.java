package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.connectdoctor.testing.DelayingSockets.Call;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every path of a probe ends at its limit, also when the set-up itself outlasts the limit: a
 * decorated native layer makes chosen calls slow, and the peers are silent loopback sockets whose
 * kernel would otherwise keep a connect waiting for about 130 s. Bound: a probe ends no earlier
 * than its limit, and no later than the limit (or the forced delay, when that is longer) plus
 * {@link #SLACK_MS}: 5 ms of scheduling plus a 45 ms margin for a machine loaded by parallel
 * builds (CI runs these beside two CPU-bound processes).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeadlineTest {

    static final long SLACK_MS = 50;
    private static final long LIMIT_MS = 20;
    private static final long DELAY_MS = 30;

    private final DelayingSockets slow = new DelayingSockets(NativeSockets.system());
    private final ProbeEngine engine = new ProbeEngine(slow);

    @BeforeAll
    static void warmUp() throws Exception {
        try (ProbeEngine e = ProbeEngine.system(); SilentPeers.Tcp tcp = new SilentPeers.Tcp()) {
            e.run(Probes.build(Probes.to("127.0.0.1:" + tcp.port()).timeout(Duration.ofMillis(5))));
            e.run(Probes.build(Probes.to("127.0.0.1:" + tcp.port()).timeout(Duration.ofMillis(5)).type(SocketType.DGRAM)));
            e.run(Probes.build(Probes.to("localhost:" + tcp.port()).timeout(Duration.ofSeconds(5)))); // the lookup path
        }
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    /** Runs the request, checks the verdict and that it ended within [limit, bound + slack]. */
    private ProbeReport runBounded(ProbeRequest request, Outcome expected, long boundNanos) {
        return runBounded(request, java.util.Set.of(expected), boundNanos);
    }

    private ProbeReport runBounded(ProbeRequest request, java.util.Set<Outcome> expected, long boundNanos) {
        long t = System.nanoTime();
        ProbeReport r = engine.run(request);
        long wall = System.nanoTime() - t;
        assertTrue(expected.contains(r.outcome()), () -> r.outcome() + " is not one of " + expected + "; decisive "
                + r.decisive());
        long limit = request.timeout().toNanos();
        if (r.decisive() != null) {
            assertTrue(r.decisive().elapsedNanos() >= limit,
                    "the attempt ended " + (limit - r.decisive().elapsedNanos()) / 1000 + " us before the limit");
        }
        assertTrue(wall >= limit, "the probe ended " + (limit - wall) / 1000 + " us before the limit");
        long bound = Math.max(limit, boundNanos) + TimeUnit.MILLISECONDS.toNanos(SLACK_MS);
        assertTrue(wall <= bound, "the probe took " + wall / 1000 + " us; bound " + bound / 1000 + " us");
        return r;
    }

    private static ProbeRequest tcp(int port, Duration limit) {
        return Probes.build(Probes.to("127.0.0.1:" + port).timeout(limit));
    }

    private static ProbeRequest udp(int port, Duration limit) {
        return Probes.build(Probes.to("127.0.0.1:" + port).timeout(limit).type(SocketType.DGRAM));
    }

    @Test
    void aSocketCallSlowerThanTheLimitEndsTimedOutInPhaseSocket() throws Exception {
        slow.delay(Call.OPEN, TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        try (SilentPeers.Tcp peer = new SilentPeers.Tcp()) {
            ProbeReport r = runBounded(tcp(peer.port(), Duration.ofMillis(LIMIT_MS)), Outcome.TIMED_OUT,
                    TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
            assertEquals(Phase.SOCKET, r.decisive().phase());
        }
    }

    @Test
    void aDelayBetweenConnectAndTheWaitStillEndsAtTheLimit() throws Exception {
        slow.delay(Call.CONNECT, TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        try (SilentPeers.Tcp peer = new SilentPeers.Tcp()) {
            ProbeReport r = runBounded(tcp(peer.port(), Duration.ofMillis(LIMIT_MS)), Outcome.TIMED_OUT,
                    TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
            assertEquals(Phase.WAIT, r.decisive().phase());
        }
    }

    @Test
    void aDatagramReplyWaitEnteredLateEndsWithNoReply() throws Exception {
        slow.delay(Call.AWAIT, TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        try (SilentPeers.Udp peer = new SilentPeers.Udp()) {
            ProbeReport r = runBounded(udp(peer.port(), Duration.ofMillis(LIMIT_MS)), Outcome.NO_REPLY,
                    TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
            assertEquals(Phase.VERIFY, r.decisive().phase());
        }
    }

    @Test
    void aSlowSendBeforeTheReplyWaitEndsWithNoReply() throws Exception {
        slow.delay(Call.SEND, TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        try (SilentPeers.Udp peer = new SilentPeers.Udp()) {
            runBounded(udp(peer.port(), Duration.ofMillis(LIMIT_MS)), Outcome.NO_REPLY,
                    TimeUnit.MILLISECONDS.toNanos(DELAY_MS));
        }
    }

    /**
     * poll says readable, recv finds nothing (EAGAIN) and the datagram stays queued: without a
     * deadline check in that loop the probe would spin for ever, poll returning at once each time.
     */
    @Test
    void readinessWithoutADatagramLoopsOnlyUntilTheLimit() throws Exception {
        slow.delay(Call.RECEIVE_EAGAIN, TimeUnit.MILLISECONDS.toNanos(3));
        try (DatagramChannel echo = DatagramChannel.open()) {
            echo.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) echo.getLocalAddress()).getPort();
            Thread echoer = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocate(512);
                try {
                    var from = echo.receive(b);
                    b.flip();
                    echo.send(b, from);
                } catch (java.io.IOException closed) {
                    // the test ended
                }
            }, "test-echo");
            echoer.setDaemon(true);
            echoer.start();
            ProbeRequest request = Probes.build(Probes.to("127.0.0.1:" + port).timeout(Duration.ofMillis(LIMIT_MS))
                    .type(SocketType.DGRAM).payload(Payload.of("ping".getBytes())));
            runBounded(request, Outcome.NO_REPLY, TimeUnit.MILLISECONDS.toNanos(LIMIT_MS + 3));
        }
    }

    @Test
    void aLookupThatOutlivesTheLimitEndsWithItsOwnVerdict() {
        slow.delay(Call.RESOLVE, TimeUnit.MILLISECONDS.toNanos(400));
        // A service of its own, so no other test's lookup is shared with this one.
        ProbeRequest request = Probes.build(Probes.to("localhost:40111").timeout(Duration.ofMillis(LIMIT_MS)));
        ProbeReport r = runBounded(request, Outcome.LOOKUP_TIMED_OUT, 0);
        assertTrue(r.resolution().timedOut());
        assertEquals(0, r.attemptCount(), "no address is tried");
        assertTrue(r.resolution().elapsedNanos() >= TimeUnit.MILLISECONDS.toNanos(LIMIT_MS),
                "the lookup ran " + r.resolution().elapsedNanos() / 1000 + " us");
        assertEquals(NativeSockets.system().resolvers().orElse(null), r.resolution().resolvers(),
                "the resolvers asked are those of /etc/resolv.conf");
    }

    @Test
    void oneMillisecondAgainstAFullAcceptQueueEndsWithinTheLimit() throws Exception {
        try (SilentPeers.Tcp tcp = new SilentPeers.Tcp(); SilentPeers.Udp udp = new SilentPeers.Udp()) {
            for (int i = 0; i < 20; i++) {
                ProbeReport t = runBounded(tcp(tcp.port(), Duration.ofMillis(1)), Outcome.TIMED_OUT, 0);
                // Usually the wait for the handshake times out; on a loaded machine the 1 ms may
                // already be gone after socket() or connect(), and the set-up phase says so.
                assertTrue(java.util.Set.of(Phase.SOCKET, Phase.CONNECT, Phase.WAIT).contains(t.decisive().phase()),
                        "timed out in " + t.decisive().phase());
                // On a loaded machine socket() alone may outlast 1 ms: then the set-up timed out.
                runBounded(udp(udp.port(), Duration.ofMillis(1)), java.util.Set.of(Outcome.NO_REPLY,
                        Outcome.TIMED_OUT), 0);
            }
        }
    }

    @Test
    void microsecondLimitsThroughTheApiEndAtOnce() throws Exception {
        try (SilentPeers.Tcp tcp = new SilentPeers.Tcp(); SilentPeers.Udp udp = new SilentPeers.Udp()) {
            for (int i = 0; i < 20; i++) {
                runBounded(tcp(tcp.port(), Duration.ofNanos(1_000)), Outcome.TIMED_OUT, 0);
                runBounded(tcp(tcp.port(), Duration.ofNanos(50_000)), Outcome.TIMED_OUT, 0);
                // So short a limit may pass before the datagram is even sent: then the set-up timed out.
                runBounded(udp(udp.port(), Duration.ofNanos(1_000)), java.util.Set.of(Outcome.NO_REPLY,
                        Outcome.TIMED_OUT), 0);
            }
        }
    }

    @Test
    void theApiRefusesLimitsBelowAMicrosecondWithAClearMessage() {
        InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class,
                () -> Probes.to("127.0.0.1:1").timeout(Duration.ofNanos(999)).build());
        assertEquals("The timeout must lie between 1us and 10m.", e.getMessage());
    }
}
