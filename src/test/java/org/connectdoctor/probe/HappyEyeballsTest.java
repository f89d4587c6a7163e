package org.connectdoctor.probe;

import static org.connectdoctor.probe.Probes.build;
import static org.connectdoctor.probe.Probes.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 8305 racing in the engine, on loopback: a name that resolves to ::1 and 127.0.0.1, with a
 * silent peer (a full accept queue) on one family where the test needs an attempt that hangs.
 * Ordering facts only: which attempt started after which, who won, who was cancelled.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HappyEyeballsTest {

    private static final long DELAY = ProbeRequest.CONNECTION_ATTEMPT_DELAY.toNanos();

    @BeforeAll
    static void linuxWithIpv6Loopback() {
        assumeTrue(Os.current() == Os.LINUX, "the loopback race runs on Linux");
        boolean loopback6;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            loopback6 = true;
        } catch (java.io.IOException e) {
            loopback6 = false;
        }
        assumeTrue(loopback6, "this host cannot listen on ::1 (IPv6 is off)");
    }

    private static ProbeEngine engineResolvingTo(SockAddr... addresses) {
        return new ProbeEngine(new DelayingSockets(NativeSockets.system())
                .answer(new Lookup(List.of(addresses), null, null, 1000)));
    }

    private static SockAddr v6(int port) {
        return new SockAddr.Inet6(0, 1, port, 0, 0);
    }

    private static SockAddr v4(int port) {
        return new SockAddr.Inet4(0x7f000001, port);
    }

    private static ProbeRequest racing(int port, Duration timeout) {
        return build(to("dual.test:" + port).happyEyeballs(true).timeout(timeout));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void ipv4StartsAfterTheAttemptDelayAndWinsWhileIpv6IsSilentAndTheSilentOneIsCancelled() throws Exception {
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true);
             ServerSocket open4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeEngine engine = engineResolvingTo(v4(open4.getLocalPort()), v6(silent6.port()));
            ProbeReport r = engine.run(racing(80, Duration.ofSeconds(10)));
            assertEquals(Outcome.CONNECTED, r.outcome());
            Race race = r.race();
            assertNotNull(race, "a racing probe reports its race");
            assertEquals(2, race.legs().size());
            Race.Leg v6 = race.legs().get(0);
            Race.Leg v4 = race.legs().get(1);
            assertEquals(Family.INET6, v6.family(), "IPv6 starts first, though getaddrinfo listed IPv4 first");
            assertTrue(v4.startedAfterNanos() >= DELAY, "IPv4 waits for the Connection Attempt Delay: "
                    + v4.startedAfterNanos());
            assertEquals(Outcome.CONNECTED, v4.attempt().outcome());
            assertEquals(v4, race.winning());
            assertTrue(v6.lost(), "the silent IPv6 attempt lost the race");
            assertEquals(Outcome.CANCELLED, v6.attempt().outcome());
            assertEquals(Phase.WAIT, v6.attempt().phase(), "it was still waiting for its connect");
            assertEquals(r.decisive(), v4.attempt());
            assertFalse(r.outcome() == Outcome.CANCELLED, "a lost race is not a cancelled probe");
        }
    }

    @Test
    void ipv4StartsAtOnceWhenIpv6IsRefused() throws Exception {
        int refused = closedPort();
        try (ServerSocket open4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport r = engineResolvingTo(v6(refused), v4(open4.getLocalPort()))
                    .run(racing(80, Duration.ofSeconds(10)));
            Race race = r.race();
            assertEquals(2, race.legs().size());
            Race.Leg v6 = race.legs().get(0);
            Race.Leg v4 = race.legs().get(1);
            assertEquals(Family.INET6, v6.family());
            assertEquals(Outcome.FAILED, v6.attempt().outcome());
            assertEquals(Errno.ECONNREFUSED, v6.attempt().error().errno());
            assertFalse(v6.lost(), "it failed on its own, it did not lose");
            assertTrue(v4.startedAfterNanos() >= v6.endedAfterNanos(),
                    "IPv4 started once IPv6 had failed, not on a timer");
            assertEquals(Outcome.CONNECTED, v4.attempt().outcome());
            assertEquals(1, race.winner());
        }
    }

    @Test
    void ipv6WinsAloneWhenBothWork() throws Exception {
        try (ServerSocket open6 = new ServerSocket(0, 50, InetAddress.getByName("::1"));
             ServerSocket open4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport r = engineResolvingTo(v4(open4.getLocalPort()), v6(open6.getLocalPort()))
                    .run(racing(80, Duration.ofSeconds(10)));
            assertEquals(Outcome.CONNECTED, r.outcome());
            Race.Leg winner = r.race().winning();
            assertEquals(Family.INET6, winner.family());
            assertEquals(1, r.race().legs().size(), "IPv4 never started: IPv6 connected within the delay");
        }
    }

    @Test
    void bothSilentEachTimesOutToItsOwnLimit() throws Exception {
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true); SilentPeers.Tcp silent4 = new SilentPeers.Tcp()) {
            ProbeReport r = engineResolvingTo(v6(silent6.port()), v4(silent4.port()))
                    .run(racing(80, Duration.ofMillis(600)));
            assertEquals(Outcome.TIMED_OUT, r.outcome());
            Race race = r.race();
            assertEquals(-1, race.winner());
            assertNull(race.winning());
            assertEquals(2, race.legs().size());
            for (Race.Leg leg : race.legs()) {
                assertEquals(Outcome.TIMED_OUT, leg.attempt().outcome());
                assertFalse(leg.lost());
                assertTrue(leg.attempt().elapsedNanos() >= Duration.ofMillis(600).toNanos(),
                        "no attempt ends before its own limit");
            }
            assertTrue(race.legs().get(1).startedAfterNanos() >= DELAY);
        }
    }

    @Test
    void cancelEndsTheRaceAtOnceAndEveryAttemptInFlightIsCancelledNotLost() throws Exception {
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true); SilentPeers.Tcp silent4 = new SilentPeers.Tcp()) {
            ProbeEngine engine = engineResolvingTo(v6(silent6.port()), v4(silent4.port()));
            Cancellation cancel = new Cancellation();
            CompletableFuture<ProbeReport> run = CompletableFuture.supplyAsync(
                    () -> engine.run(racing(80, Duration.ofSeconds(60)), new ProbeListener() {
                        @Override
                        public void attempting(int round, int index, int of, SockAddr address) {
                            if (address.family() == Family.INET) {
                                cancel.cancel(); // both are in flight once IPv4 starts
                            }
                        }
                    }, cancel));
            ProbeReport r = run.get(20, TimeUnit.SECONDS);
            assertEquals(Outcome.CANCELLED, r.outcome());
            assertEquals(2, r.race().legs().size());
            for (Race.Leg leg : r.race().legs()) {
                assertEquals(Outcome.CANCELLED, leg.attempt().outcome());
                assertFalse(leg.lost(), "cancelled by the user, not beaten");
            }
        }
    }

    @Test
    void cancelAtAnyMomentOfARaceEndsItCancelledAndClosesEverySocket() throws Exception {
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true); SilentPeers.Tcp silent4 = new SilentPeers.Tcp()) {
            ProbeEngine engine = engineResolvingTo(v6(silent6.port()), v6(silent6.port()), v4(silent4.port()));
            ProbeEngine warmUp = engineResolvingTo(v6(silent6.port()), v4(silent4.port()));
            warmUp.run(racing(80, Duration.ofMillis(300))); // classes and jars loaded before the count
            warmUp.close();
            long fdsBefore = openDescriptors();
            java.util.Random random = new java.util.Random(22);
            for (int i = 0; i < 60; i++) {
                Cancellation cancel = new Cancellation();
                long after = random.nextInt(600_000) * 1_000L; // 0 to 600 ms: before, between and after starts
                CompletableFuture<ProbeReport> run = CompletableFuture.supplyAsync(
                        () -> engine.run(racing(80, Duration.ofSeconds(60)), ProbeListener.NONE, cancel));
                java.util.concurrent.locks.LockSupport.parkNanos(after);
                cancel.cancel();
                ProbeReport r = run.get(20, TimeUnit.SECONDS);
                assertEquals(Outcome.CANCELLED, r.outcome(), "cancelled after " + after / 1000 + " µs");
                for (Race.Leg leg : r.race() == null ? List.<Race.Leg>of() : r.race().legs()) {
                    assertEquals(Outcome.CANCELLED, leg.attempt().outcome());
                    assertFalse(leg.lost());
                }
            }
            engine.close();
            assertEquals(fdsBefore, openDescriptors(), "every racing socket was closed");
        }
    }

    private static long openDescriptors() throws Exception {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    void raceOrderInterleavesTheFamiliesIpv6First() {
        List<SockAddr> order = ProbeEngine.raceOrder(List.of(v4(1), v4(2), v6(3), v6(4), v6(5)));
        assertEquals(List.of(v6(3), v4(1), v6(4), v4(2), v6(5)), order);
    }
}
