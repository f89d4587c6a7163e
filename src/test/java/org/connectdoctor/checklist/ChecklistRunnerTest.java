package org.connectdoctor.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner's bounds: how many checks probe at once, each check's own deadline, cancelling. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChecklistRunnerTest {

    private static List<Check> silentChecks(int n, int port, Duration limit) throws Exception {
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            checks.add(new Check("c" + i, ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).timeout(limit)
                    .build(), List.of(), Expectation.BLOCKED));
        }
        return checks;
    }

    @Test
    void atMostThirtyTwoChecksProbeAtOnceAndAllOfThemDo() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp(); ProbeEngine engine = ProbeEngine.system()) {
            AtomicInteger inFlight = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            ChecklistRunner.Listener counting = new ChecklistRunner.Listener() {
                @Override
                public void started(int index, Check check) {
                    peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                }

                @Override
                public void finished(CheckResult result) {
                    inFlight.decrementAndGet();
                }
            };
            ChecklistResult r = new ChecklistRunner(engine).run("bound", silentChecks(40, silent.port(),
                    Duration.ofMillis(300)), counting);
            assertEquals(ChecklistRunner.CONCURRENCY, peak.get());
            assertEquals(40, r.results().size());
            assertTrue(r.results().stream().allMatch(c -> c.verdict() == Verdict.TIMED_OUT && c.met()), r.toString());
            assertTrue(r.allMet());
        }
    }

    /**
     * A name with two silent addresses: the first attempt times out at the limit, and the check's
     * own deadline (limit plus grace) stops the second, so the check ends DEADLINE, not later.
     */
    @Test
    void aChecksOwnDeadlineBoundsAllOfItsAddresses() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            SockAddr a = new SockAddr.Inet4(0x7f000001, silent.port());
            DelayingSockets sockets = new DelayingSockets(NativeSockets.system())
                    .answer(new Lookup(List.of(a, a), null, null, 0));
            try (ProbeEngine engine = new ProbeEngine(sockets)) {
                Duration limit = Duration.ofMillis(400);
                Check c = new Check("two addresses", ProbeRequest.builder(TargetParser.parse("twice.test:" + silent.port()))
                        .timeout(limit).build(), List.of(), Expectation.REACHABLE);
                ChecklistResult r = new ChecklistRunner(engine).run("deadline", List.of(c), ChecklistRunner.Listener.NONE);
                CheckResult one = r.results().get(0);
                assertEquals(Verdict.DEADLINE, one.verdict(), one.toString());
                assertEquals("the check's limit of 400ms passed", one.cause());
                assertFalse(one.met());
                long deadline = limit.plus(ChecklistRunner.GRACE).toNanos();
                assertTrue(one.elapsedNanos() >= deadline, one.elapsedMillis() + " ms");
                assertTrue(one.elapsedNanos() < 2 * limit.toNanos(), "the second address ran to its own limit: "
                        + one.elapsedMillis() + " ms");
            }
        }
    }

    @Test
    void cancellingEndsEveryCheckCancelledAndTheRunSaysSo() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp(); ProbeEngine engine = ProbeEngine.system()) {
            ChecklistRunner.Run run = new ChecklistRunner(engine).start("stop", silentChecks(50, silent.port(),
                    Duration.ofSeconds(30)), ChecklistRunner.Listener.NONE);
            run.cancel();
            ChecklistResult r = run.await(Duration.ofSeconds(20));
            assertTrue(r != null, "the run did not end after cancel");
            assertTrue(r.cancelled());
            assertFalse(r.allMet());
            assertTrue(r.results().stream().allMatch(c -> c.verdict() == Verdict.CANCELLED), r.toString());
            assertTrue(r.summary().contains("(the run was stopped)"), r.summary());
        }
    }
}
