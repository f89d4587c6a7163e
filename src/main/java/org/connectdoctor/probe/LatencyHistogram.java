package org.connectdoctor.probe;

import java.util.Arrays;

/**
 * Connect times in microseconds, counted in log-linear buckets as HdrHistogram counts them with 3
 * significant digits: exact below 2,048 µs, then 1,024 buckets per power of two, so any figure read
 * back is within 0.1% of the recorded one. Memory is bounded (at most about 170 kB) whatever the number
 * of rounds, and small for a short run: the buckets are kept in pages of 1,024, each made when a time
 * first falls in it (a single probe allocates one page, 8 kB). Times above {@link #HIGHEST_MICROS}
 * (beyond the longest limit a probe accepts) count there.
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

    private static final int PAGE = 1024;
    private static final int PAGES = (BUCKETS + PAGE - 1) / PAGE;

    /** The counts in pages of {@link #PAGE} buckets; a page no time fell in is null. */
    private final long[][] pages;
    private long total;

    public LatencyHistogram() {
        pages = new long[PAGES][];
    }

    private LatencyHistogram(long[][] pages, long total) {
        this.pages = pages;
        this.total = total;
    }

    /** Counts one time. */
    public void record(long micros) {
        int i = index(Math.max(0, Math.min(HIGHEST_MICROS, micros)));
        long[] page = pages[i / PAGE];
        if (page == null) {
            page = pages[i / PAGE] = new long[PAGE];
        }
        page[i % PAGE]++;
        total++;
    }

    /** A copy that nothing else changes. */
    public LatencyHistogram copy() {
        long[][] copy = new long[PAGES][];
        for (int p = 0; p < PAGES; p++) {
            copy[p] = pages[p] == null ? null : pages[p].clone();
        }
        return new LatencyHistogram(copy, total);
    }

    private long count(int i) {
        long[] page = pages[i / PAGE];
        return page == null ? 0 : page[i % PAGE];
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
        for (int p = 0; p < PAGES; p++) {
            if (pages[p] == null) {
                continue;
            }
            for (int j = 0; j < PAGE && p * PAGE + j < BUCKETS; j++) {
                seen += pages[p][j];
                if (seen >= rank) {
                    return highest(p * PAGE + j);
                }
            }
        }
        return highest(BUCKETS - 1);
    }

    /** How many times lie in (fromMicros, toMicros], to the buckets' precision. */
    public long countBetween(long fromMicros, long toMicros) {
        long n = 0;
        for (int p = 0; p < PAGES; p++) {
            if (pages[p] == null) {
                continue;
            }
            for (int j = 0; j < PAGE && p * PAGE + j < BUCKETS; j++) {
                long v = highest(p * PAGE + j);
                if (v > fromMicros && v <= toMicros) {
                    n += pages[p][j];
                }
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
        if (!(o instanceof LatencyHistogram h) || h.total != total) {
            return false;
        }
        for (int i = 0; i < BUCKETS; i++) {
            if (h.count(i) != count(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = Long.hashCode(total);
        for (int p = 0; p < PAGES; p++) {
            if (pages[p] != null) {
                hash = hash * 31 + p;
                hash = hash * 31 + Arrays.hashCode(pages[p]);
            }
        }
        return hash;
    }

    @Override
    public String toString() {
        return "LatencyHistogram[" + total + " times]";
    }
}
