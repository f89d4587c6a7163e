package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Percentiles of the success times: to 3 significant digits, in fixed memory, over counted rounds only. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PercentilesTest {

    /** The nearest-rank percentile of sorted exact times, as the histogram's buckets approximate it. */
    private static long exact(List<Long> sorted, double percent) {
        int rank = (int) Math.max(1, Math.ceil(percent / 100 * sorted.size()));
        return sorted.get(rank - 1);
    }

    private static void assertWithinThreeDigits(long expected, long actual, String what) {
        assertTrue(actual >= expected && actual <= expected + Math.max(1, expected / 1000),
                what + ": " + actual + " µs for " + expected + " µs");
    }

    @Test
    void timesBelow2048MicrosecondsAreExactAndLargerOnesWithinATenthOfAPercent() {
        for (long v : new long[] {0, 1, 999, 2047, 2048, 2049, 4095, 4096, 123_456, 5_000_000, 599_999_999}) {
            LatencyHistogram h = new LatencyHistogram();
            h.record(v);
            long read = h.valueAtPercentile(50);
            if (v < 2048) {
                assertEquals(v, read);
            } else {
                assertWithinThreeDigits(v, read, "value " + v);
            }
        }
        LatencyHistogram h = new LatencyHistogram();
        h.record(Long.MAX_VALUE); // beyond any limit: counted at the top, not lost
        assertEquals(1, h.total());
        assertEquals(LatencyHistogram.HIGHEST_MICROS, h.valueAtPercentile(100));
    }

    @Test
    void aMillionRoundsTakeNoMoreMemoryThanOne() {
        Statistics.Accumulator acc = new Statistics.Accumulator();
        java.util.Random random = new java.util.Random(3);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            long t = 20 + random.nextInt(3_000_000);
            if (i % 100 == 0) {
                micros.add(t);
            }
            acc.success(t * 1000);
        }
        Statistics s = acc.result();
        assertEquals(1_000_000, s.histogram().total());
        // the live figures after each round leave the histogram out: a flood copies nothing
        assertNull(acc.figures().histogram());
        assertNull(acc.figures().percentiles());
        assertEquals(s.avgNanos(), acc.figures().avgNanos());
        Percentiles p = s.percentiles();
        assertTrue(p.p50Micros() <= p.p90Micros() && p.p90Micros() <= p.p99Micros()
                && p.p99Micros() <= p.p999Micros() && p.p999Micros() <= p.maxMicros(), p.toString());
        assertEquals(Math.round(s.maxNanos() / 1e3), p.maxMicros());
        // uniform over 20 µs..3 s: the median lies near 1.5 s (a sample of the times says where)
        Collections.sort(micros);
        assertTrue(Math.abs(p.p50Micros() - exact(micros, 50)) < 60_000, p + " vs " + exact(micros, 50));
    }

    @Test
    void noSuccessNoPercentiles() {
        Statistics.Accumulator acc = new Statistics.Accumulator();
        acc.failure();
        assertNull(acc.result().percentiles());
    }

    /** A real run on loopback: the report's percentiles are those of its own attempts' times. */
    @Test
    void percentilesOfARunAreThoseOfItsAttempts() throws Exception {
        try (ServerSocket server = Loopback.acceptingServer(200);
             ProbeEngine engine = ProbeEngine.system()) {
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + server.getLocalPort()))
                    .count(50).interval(Duration.ZERO).timeout(Duration.ofSeconds(5)).build();
            ProbeReport report = engine.run(request);
            assertEquals(50, report.attempts().size());
            List<Long> times = new ArrayList<>();
            for (Attempt a : report.attempts()) {
                assertEquals(Outcome.CONNECTED, a.outcome());
                times.add(Math.round(a.elapsedNanos() / 1e3));
            }
            Collections.sort(times);
            Percentiles p = report.statistics().percentiles();
            assertNotNull(p);
            assertWithinThreeDigits(exact(times, 50), p.p50Micros(), "p50");
            assertWithinThreeDigits(exact(times, 90), p.p90Micros(), "p90");
            assertWithinThreeDigits(exact(times, 99), p.p99Micros(), "p99");
            assertEquals(times.get(times.size() - 1), p.maxMicros());
        }
    }
}
