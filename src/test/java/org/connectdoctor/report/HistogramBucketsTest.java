package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.connectdoctor.probe.Statistics;
import org.junit.jupiter.api.Test;

/** --histogram's buckets and bars over known times. */
class HistogramBucketsTest {

    /** 1 ms ×6, 2 ms ×3, 10 ms ×1. */
    private static Statistics times() {
        Statistics.Accumulator acc = new Statistics.Accumulator();
        for (long ms : new long[] {1, 1, 1, 1, 1, 1, 2, 2, 2, 10}) {
            acc.success(ms * 1_000_000);
        }
        acc.failure();
        return acc.result();
    }

    @Test
    void upperBoundsCountUpToEachAndOneBucketAboveTheLast() {
        List<HistogramBuckets.Bucket> b = HistogramBuckets.upTo(List.of(1_000L, 5_000L)).of(times());
        assertEquals(List.of(new HistogramBuckets.Bucket(null, 1_000L, 6), new HistogramBuckets.Bucket(1_000L, 5_000L, 3),
                new HistogramBuckets.Bucket(5_000L, null, 1)), b);
    }

    @Test
    void equalBucketsRunFromTheFastestToTheSlowestAndHoldEveryTime() {
        List<HistogramBuckets.Bucket> b = HistogramBuckets.equal(3).of(times());
        assertEquals(3, b.size());
        assertEquals(1_000L, b.get(0).fromMicros());
        assertEquals(10_000L, b.get(2).toMicros());
        assertEquals(List.of(9L, 0L, 1L), b.stream().map(HistogramBuckets.Bucket::count).toList());
    }

    @Test
    void barsAreScaledToTheFullestBucket() {
        String text = HistogramBuckets.upTo(List.of(1_000L, 5_000L)).text(times(), "connect time");
        assertEquals("""
                connect time histogram (ms):
                     <= 1.000 |########################################| 6  60.0%
                  1.000 - 5.000 |####################                    | 3  30.0%
                      > 5.000 |#######                                 | 1  10.0%
                """.replace("     <= 1.000", "       <= 1.000").replace("      > 5.000", "        > 5.000"), text);
    }

    @Test
    void withoutSuccessTheHistogramSaysSo() {
        Statistics.Accumulator acc = new Statistics.Accumulator();
        acc.failure();
        assertTrue(HistogramBuckets.equal(20).text(acc.result(), "connect time").contains("no probe succeeded"));
        assertEquals(List.of(), HistogramBuckets.equal(20).of(acc.result()));
    }
}
