package org.connectdoctor.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.probe.LatencyHistogram;
import org.connectdoctor.probe.Statistics;

/**
 * How {@code --histogram} divides the success times: {@code equal} buckets between the fastest and
 * the slowest (PsPing's way; 20 when no number is given), or buckets up to the given upper bounds
 * with one more above the last. Counts are read from the {@link LatencyHistogram}, so a time within
 * 0.1% of a bound (3 significant digits) may fall in the bucket beside it.
 *
 * @param equal       how many equal buckets, or 0 when {@code upperMicros} are given
 * @param upperMicros the buckets' upper bounds, strictly increasing; empty for equal buckets
 */
public record HistogramBuckets(int equal, List<Long> upperMicros) {

    /** PsPing's default bucket count. */
    public static final int DEFAULT_BUCKETS = 20;
    public static final int MAX_BUCKETS = 100;
    public static final int MAX_BOUNDS = 50;

    public HistogramBuckets {
        upperMicros = List.copyOf(upperMicros);
        if ((equal == 0) == upperMicros.isEmpty() || equal < 0 || equal > MAX_BUCKETS
                || upperMicros.size() > MAX_BOUNDS) {
            throw new IllegalArgumentException("buckets: " + equal + " " + upperMicros);
        }
        for (int i = 1; i < upperMicros.size(); i++) {
            if (upperMicros.get(i) <= upperMicros.get(i - 1)) {
                throw new IllegalArgumentException("bounds must increase: " + upperMicros);
            }
        }
    }

    public static HistogramBuckets equal(int n) {
        return new HistogramBuckets(n, List.of());
    }

    public static HistogramBuckets upTo(List<Long> upperMicros) {
        return new HistogramBuckets(0, upperMicros);
    }

    /**
     * One bucket: times above {@code fromMicros} up to {@code toMicros}; null for no bound (the first
     * bucket of upper bounds starts at 0, the last one has no end). Equal buckets: the first one
     * includes the fastest time, {@code fromMicros}.
     */
    public record Bucket(Long fromMicros, Long toMicros, long count) {
    }

    /** The buckets over {@code s}'s success times; empty without successes. */
    public List<Bucket> of(Statistics s) {
        if (s.succeeded() == 0 || s.histogram() == null) {
            return List.of();
        }
        LatencyHistogram h = s.histogram();
        List<Bucket> buckets = new ArrayList<>();
        if (equal > 0) {
            long min = Math.round(s.minNanos() / 1e3);
            long max = Math.round(s.maxNanos() / 1e3);
            int n = (int) Math.min(equal, Math.max(1, max - min));
            double width = (max - min) / (double) n;
            long from = min;
            for (int i = 0; i < n; i++) {
                long to = i == n - 1 ? max : min + Math.round(width * (i + 1));
                // the first and last buckets reach past min and max: a bucket's recorded value can
                long count = h.countBetween(i == 0 ? Long.MIN_VALUE : from, i == n - 1 ? Long.MAX_VALUE : to);
                buckets.add(new Bucket(from, to, count));
                from = to;
            }
            return buckets;
        }
        long from = Long.MIN_VALUE;
        for (long to : upperMicros) {
            buckets.add(new Bucket(from == Long.MIN_VALUE ? null : from, to, h.countBetween(from, to)));
            from = to;
        }
        buckets.add(new Bucket(from, null, h.countBetween(from, Long.MAX_VALUE)));
        return buckets;
    }

    private static final int BAR = 40;

    /** The text bars, one line per bucket, after a heading naming what was timed. */
    public String text(Statistics s, String time) {
        List<Bucket> buckets = of(s);
        StringBuilder sb = new StringBuilder();
        if (buckets.isEmpty()) {
            return sb.append(time).append(" histogram: no probe succeeded, so there is no time to show.\n").toString();
        }
        long most = 1;
        for (Bucket b : buckets) {
            most = Math.max(most, b.count());
        }
        List<String> labels = new ArrayList<>();
        int width = 0;
        for (Bucket b : buckets) {
            String label = b.fromMicros() == null ? "<= " + ms(b.toMicros())
                    : b.toMicros() == null ? "> " + ms(b.fromMicros())
                    : ms(b.fromMicros()) + " - " + ms(b.toMicros());
            labels.add(label);
            width = Math.max(width, label.length());
        }
        String countFormat = "%" + Long.toString(most).length() + "d";
        sb.append(time).append(" histogram (ms):\n");
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            int bar = (int) Math.round(BAR * (double) b.count() / most);
            sb.append("  ").append(" ".repeat(width - labels.get(i).length())).append(labels.get(i)).append(" |")
                    .append("#".repeat(bar)).append(" ".repeat(BAR - bar)).append("| ")
                    .append(String.format(Locale.ROOT, countFormat, b.count()))
                    .append(String.format(Locale.ROOT, " %5.1f%%", 100.0 * b.count() / s.succeeded())).append('\n');
        }
        return sb.toString();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.3f", micros / 1e3);
    }
}
