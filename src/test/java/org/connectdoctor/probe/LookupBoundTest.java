package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lookups that outlive the limit are abandoned, not piled up: a user retrying a dead resolver 50
 * times leaves at most {@link ProbeEngine#MAX_RUNNING_LOOKUPS} resolver threads. The resolver here
 * is the real one made slow by the decorator (2 s per lookup of localhost), so no packet leaves.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LookupBoundTest {

    private static final long LOOKUP_MS = 2_000;

    private final ProbeEngine engine = new ProbeEngine(
            new DelayingSockets(NativeSockets.system()).delay(DelayingSockets.Call.RESOLVE,
                    TimeUnit.MILLISECONDS.toNanos(LOOKUP_MS)));

    static long resolverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals(ProbeEngine.RESOLVER_THREAD)).count();
    }

    /** Lookups other tests abandoned (they end on their own) are not counted as ours. */
    @org.junit.jupiter.api.BeforeEach
    void noLookupRunning() throws InterruptedException {
        awaitNoResolverThreads();
    }

    /** Every abandoned lookup ends by itself, so later tests start with no lookup running. */
    @AfterEach
    void lookupsEndOnTheirOwn() throws InterruptedException {
        awaitNoResolverThreads();
        engine.close();
    }

    private static void awaitNoResolverThreads() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (resolverThreads() > 0 && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertEquals(0, resolverThreads(), "resolver threads still alive 20 s after their lookups were abandoned");
    }

    @Test
    void fiftyRetriesOfTheSameNameShareOneLookup() {
        long maxAlive = 0;
        for (int i = 0; i < 50; i++) {
            ProbeReport r = engine.run(Probes.build(Probes.to("localhost:40121").timeout(Duration.ofMillis(10))));
            assertEquals(Outcome.LOOKUP_TIMED_OUT, r.outcome());
            maxAlive = Math.max(maxAlive, resolverThreads());
        }
        assertTrue(maxAlive <= 1, maxAlive + " resolver threads for one name");
    }

    @Test
    void fiftyDifferentNamesLeaveAtMostTheCapRunning() {
        long maxAlive = 0;
        ProbeReport last = null;
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            last = engine.run(Probes.build(Probes.to("localhost:" + (40200 + i)).timeout(Duration.ofMillis(10))));
            long took = System.nanoTime() - t;
            assertEquals(Outcome.LOOKUP_TIMED_OUT, last.outcome());
            if (i >= ProbeEngine.MAX_RUNNING_LOOKUPS) {
                // Past the cap a probe starts no lookup and says how many have not returned. (Its wall
                // time is not asserted: beside CPU hogs a probe that waits for nothing still saw 104 ms stalls.)
                assertEquals(ProbeEngine.MAX_RUNNING_LOOKUPS, last.resolution().pendingLookups());
                assertTrue(took < TimeUnit.SECONDS.toNanos(1), "probe " + i + " took " + took / 1000 + " us");
            }
            maxAlive = Math.max(maxAlive, resolverThreads());
        }
        assertTrue(maxAlive <= ProbeEngine.MAX_RUNNING_LOOKUPS, maxAlive + " resolver threads alive");
        assertEquals(ProbeEngine.MAX_RUNNING_LOOKUPS, last.resolution().pendingLookups(),
                "the last probe says how many earlier lookups have not returned");
    }
}
