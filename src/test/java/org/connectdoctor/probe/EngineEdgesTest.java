package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.connectdoctor.testing.Fds;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The engine's edges: self-connects, empty lookups, close while running, bounded reports. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EngineEdgesTest {

    @Test
    void aTcpSocketForcedToConnectToItselfIsNotReportedAsConnected() throws Exception {
        int port = Loopback.closedTcpPort();
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(Probes.build(Probes.to("127.0.0.1:" + port)
                    .source(SourceSpec.parse("127.0.0.1:" + port))));
            assertEquals(Outcome.FAILED, r.outcome(), () -> "decisive " + r.decisive());
            assertEquals(ProbeEngine.SELF_CONNECT, r.decisive().failedCall());
            assertEquals(new SockAddr.Inet4(0x7f000001, port), r.decisive().local());
        }
    }

    @Test
    void aDatagramSocketForcedToSendToItselfIsNotReportedAsAnswered() throws Exception {
        int port = Loopback.closedUdpPort();
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(Probes.build(Probes.to("127.0.0.1:" + port).type(SocketType.DGRAM)
                    .timeout(Duration.ofMillis(200)).source(SourceSpec.parse("127.0.0.1:" + port))));
            assertEquals(Outcome.FAILED, r.outcome(), () -> "decisive " + r.decisive());
            assertEquals(ProbeEngine.SELF_CONNECT, r.decisive().failedCall());
            assertNull(r.decisive().reply(), "its own datagram is not a reply");
        }
    }

    @Test
    void aLookupWithNoAddressGivesAVerdictNotACrash() {
        DelayingSockets empty = new DelayingSockets(NativeSockets.system()).answer(new Lookup(List.of(), null, null, 1));
        try (ProbeEngine engine = new ProbeEngine(empty)) {
            ProbeReport r = engine.run(Probes.build(Probes.to("localhost:40112").family(FamilyChoice.IPV6)));
            assertEquals(Outcome.RESOLUTION_FAILED, r.outcome());
            assertEquals(GaiError.EAI_ADDRFAMILY, r.resolution().error().code());
            assertEquals("the lookup succeeded but returned no IPv6 address", r.resolution().error().message());
            assertEquals(0, r.attemptCount());
        }
    }

    @Test
    void closingTheEngineWhileRunsAreInFlightLeaksNoWakeUpPipe() throws Exception {
        ProbeEngine warm = ProbeEngine.system();
        warm.run(Probes.stream("127.0.0.1:" + Loopback.closedTcpPort()));
        warm.close();
        int before = Fds.socketsAndPipes();
        try (SilentPeers.Tcp peer = new SilentPeers.Tcp()) {
            ProbeEngine engine = ProbeEngine.system();
            int runs = 6;
            CountDownLatch waiting = new CountDownLatch(runs);
            ProbeListener listener = new ProbeListener() {
                @Override
                public void attempting(int round, int index, int of, SockAddr address) {
                    waiting.countDown();
                }
            };
            List<CompletableFuture<ProbeReport>> inFlight = new java.util.ArrayList<>();
            for (int i = 0; i < runs; i++) {
                inFlight.add(CompletableFuture.supplyAsync(() -> engine.run(Probes.build(
                        Probes.to("127.0.0.1:" + peer.port()).timeout(Duration.ofMillis(300))), listener,
                        new Cancellation())));
            }
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            engine.close();
            for (CompletableFuture<ProbeReport> f : inFlight) {
                assertEquals(Outcome.TIMED_OUT, f.get(10, TimeUnit.SECONDS).outcome());
            }
            ProbeReport after = engine.run(Probes.build(Probes.to("127.0.0.1:" + peer.port())
                    .timeout(Duration.ofMillis(5))));
            assertEquals(Outcome.TIMED_OUT, after.outcome(), "a closed engine still runs, on a pipe of its own");
        }
        assertEquals(before, Fds.awaitSocketsAndPipes(before, 2000), "every wake-up pipe closed with the engine");
    }

    @Test
    void aLongRunKeepsABoundedReportAndCountsEveryRound() throws Exception {
        int port = Loopback.closedTcpPort();
        int rounds = 200_000;
        long[] streamed = {0};
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(Probes.build(Probes.to("127.0.0.1:" + port).count(rounds)
                    .interval(Duration.ZERO).resetOnClose(true)), new ProbeListener() {
                        @Override
                        public void attempted(Attempt attempt) {
                            streamed[0]++;
                        }
                    }, new Cancellation());
            assertEquals(Outcome.FAILED, r.outcome());
            assertEquals(rounds, r.attemptCount());
            assertEquals(rounds, streamed[0], "every attempt reaches the listener as it happens");
            assertEquals(rounds, r.statistics().sent());
            assertEquals(rounds, r.statistics().failed());
            assertTrue(r.attempts().size() <= ProbeReport.KEPT_ATTEMPTS + 1, r.attempts().size() + " attempts kept");
            assertTrue(r.attemptsOmitted());
            assertEquals(List.of(1, 2, 3), r.attempts().subList(0, 3).stream().map(Attempt::round).toList());
            assertTrue(r.attempts().contains(r.decisive()));
        }
    }

    @Test
    void theAccumulatorGivesTheSameFiguresAsTheListForm() {
        List<Long> times = new java.util.ArrayList<>();
        Statistics.Accumulator acc = new Statistics.Accumulator();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            if (random.nextInt(5) == 0) {
                times.add(null);
                acc.failure();
            } else {
                long t = 50_000 + random.nextInt(900_000);
                times.add(t);
                acc.success(t);
            }
        }
        assertEquals(Statistics.of(times), acc.result());
        Statistics s = acc.result();
        assertEquals(1000, s.sent());
        assertEquals(s.sent(), s.succeeded() + s.failed());
        assertTrue(s.mdevNanos() > 0 && s.minNanos() >= 50_000 && s.maxNanos() < 950_000);
    }

}
