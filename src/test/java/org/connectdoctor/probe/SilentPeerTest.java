package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.testing.Fds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer that never answers, without root: a loopback listener with backlog 0 whose one queued
 * connection is never accepted. Its accept queue is full, so the kernel drops further SYNs and
 * a connect waits in silence, as it would behind a dropping firewall.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SilentPeerTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @org.junit.jupiter.api.AfterEach
    void closeEngine() {
        engine.close();
    }
    private NativeSocket listener;
    private Socket filler;
    private int port;

    @BeforeEach
    void fillTheAcceptQueue() throws Exception {
        listener = engine.sockets().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
        port = listener.localAddress().port();
        filler = new Socket();
        filler.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    }

    @AfterEach
    void close() throws Exception {
        filler.close();
        listener.close();
    }

    @Test
    void probeEndsAtTheUsersTimeout() {
        engine.run(Probes.build(Probes.to("127.0.0.1:" + port).timeout(Duration.ofMillis(50)))); // warm-up
        Duration limit = Duration.ofMillis(400);
        ProbeReport r = engine.run(Probes.build(Probes.to("127.0.0.1:" + port).timeout(limit)));
        assertEquals(Outcome.TIMED_OUT, r.outcome());
        assertEquals(Phase.WAIT, r.decisive().phase());
        long overshootMicros = (r.decisive().elapsedNanos() - limit.toNanos()) / 1000;
        System.out.printf("timeout 400ms: attempt ended %d us after the limit%n", overshootMicros);
        assertTrue(overshootMicros >= 0, "ended " + -overshootMicros + " us before the limit");
        assertTrue(overshootMicros < 30_000, "ended " + overshootMicros + " us after the limit");
    }

    @Test
    void cancelReturnsAtOnceAndClosesTheSocket() throws Exception {
        engine.run(Probes.build(Probes.to("127.0.0.1:" + port).timeout(Duration.ofMillis(20)))); // warm-up
        int before = Fds.socketsAndPipes();
        Cancellation cancellation = new Cancellation();
        CountDownLatch waiting = new CountDownLatch(1);
        ProbeListener listener = new ProbeListener() {
            @Override
            public void attempting(int round, int index, int of, SockAddr address) {
                waiting.countDown();
            }
        };
        CompletableFuture<ProbeReport> run = CompletableFuture.supplyAsync(() -> engine.run(
                Probes.build(Probes.to("127.0.0.1:" + port).timeout(Duration.ofSeconds(20))), listener, cancellation));
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        Thread.sleep(150); // well inside poll(2) by now
        long cancelledAt = System.nanoTime();
        cancellation.cancel();
        ProbeReport r = run.get(10, TimeUnit.SECONDS);
        long tookMicros = (System.nanoTime() - cancelledAt) / 1000;
        System.out.printf("cancel: probe returned %d us after cancel()%n", tookMicros);
        assertEquals(Outcome.CANCELLED, r.outcome());
        assertEquals(Outcome.CANCELLED, r.decisive().outcome());
        assertTrue(tookMicros < 50_000, "cancel took " + tookMicros + " us");
        assertEquals(before, Fds.awaitSocketsAndPipes(before, 2000), "the probe's socket is closed, its wake-up pipe back in the pool");
    }

    @Test
    void cancelBetweenRoundsEndsTheSleep() throws Exception {
        Cancellation cancellation = new Cancellation();
        CountDownLatch firstDone = new CountDownLatch(1);
        ProbeListener listener = new ProbeListener() {
            @Override
            public void attempted(Attempt attempt) {
                firstDone.countDown();
            }
        };
        CompletableFuture<ProbeReport> run = CompletableFuture.supplyAsync(() -> engine.run(
                Probes.build(Probes.to("127.0.0.1:" + port).timeout(Duration.ofMillis(10)).count(5)
                        .interval(Duration.ofSeconds(30))), listener, cancellation));
        assertTrue(firstDone.await(10, TimeUnit.SECONDS));
        cancellation.cancel();
        ProbeReport r = run.get(5, TimeUnit.SECONDS);
        assertEquals(Outcome.CANCELLED, r.outcome());
        assertEquals(1, r.attempts().size());
    }
}
