package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The text report's milliseconds: printf's "%.3f ms", half up, without Formatter's cost per line. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TextReportMillisTest {

    private static String printf(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    @Test
    void printsWhatPrintfPrintsAtEveryRoundingEdge() {
        long[] edges = {0, 1, 499, 500, 501, 999, 1000, 1499, 1500, 1501, 9_999_499, 9_999_500, 999_999_500,
            1_000_000_000, 5_000_000_000L, 3_600_000_000_000L, Long.MAX_VALUE - 500, Long.MAX_VALUE, -1, -1500};
        for (long n : edges) {
            assertEquals(printf(n), TextReport.ms(n), "nanos " + n);
        }
    }

    @Test
    void printsWhatPrintfPrintsForRandomProbeTimes() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 200_000; i++) {
            // loopback microseconds up to a ten-minute limit, the range a probe can report
            long n = i % 2 == 0 ? random.nextLong(0, 2_000_000) : random.nextLong(0, 600_000_000_000L);
            assertEquals(printf(n), TextReport.ms(n), "nanos " + n);
        }
    }
}
