package org.connectdoctor.probe;

import java.util.Arrays;

/**
 * Connect times in microseconds, counted in log-linear buckets as HdrHistogram counts them with 3
 * significant digits: exact below 2,048 µs, then 1,024 buckets per power of two, so any figure read
 * back is within 0.1% of the recorded one. Memory is fixed (about 170 kB) whatever the number of
 * rounds; times above {@link #HIGHEST_MICROS} (beyond the longest limit a probe accepts) count there.
 *
 * <p>Not HdrHistogram itself: its jar has no module descriptor and no Automatic-Module-Name, and
 * jlink, which builds the application image, refuses automatic modules.
 *
 * <p>Immutable once {@link #copy() copied}; the accumulator's own instance is fed by one thread.
 */
public final class LatencyHistogram {
    private static final int SUB = 2048;
    private static final int HALF = SUB / 2;
    /** The highest time counted as itself: about 18 minutes, above {@link ProbeRequest#MAX_TIMEOUT}. */
    public static final long HIGHEST_MICROS = (1L << 30) - 1;
    private static final int BUCKETS = index(HIGHEST_MICROS) + 1;

    private final long[] counts;
    private long total;

    public LatencyHistogram() {
        counts = new long[BUCKETS];
    }

    private LatencyHistogram(long[] counts, long total) {
        this.counts = counts;
        this.total = total;
    }

    /** Counts one time. */
    public void record(long micros) {
        counts[index(Math.max(0, Math.min(HIGHEST_MICROS, micros)))]++;
        total++;
    }

    /** A copy that nothing else changes. */
    public LatencyHistogram copy() {
        return new LatencyHistogram(counts.clone(), total);
    }

    public long total() {
        return total;
    }

    /**
     * The time at {@code percent} (0 to 100): the highest time of the bucket that holds it, as
     * HdrHistogram's getValueAtPercentile gives it; 0 when nothing was counted.
     */
    public long valueAtPercentile(double percent) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highest(i);
            }
        }
        return highest(counts.length - 1);
    }

    /** How many times lie in (fromMicros, toMicros], to the buckets' precision. */
    public long countBetween(long fromMicros, long toMicros) {
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            long v = highest(i);
            if (v > fromMicros && v <= toMicros) {
                n += counts[i];
            }
        }
        return n;
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - 10; // v >> shift lies in [1024, 2048)
        return SUB + (shift - 1) * HALF + (int) ((v >> shift) - HALF);
    }

    static long highest(int i) {
        if (i < SUB) {
            return i;
        }
        int shift = (i - SUB) / HALF + 1;
        long sub = (i - SUB) % HALF + HALF;
        return ((sub + 1) << shift) - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram h && h.total == total && Arrays.equals(h.counts, counts);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(total) * 31 + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[" + total + " times]";
    }
}
