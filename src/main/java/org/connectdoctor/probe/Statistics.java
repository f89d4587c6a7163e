package org.connectdoctor.probe;

import java.util.List;

/**
 * Figures over the rounds of a repeated probe, in the manner of ping and tcping: a round
 * succeeds when one of its attempts connected or was answered, and its time is that attempt's.
 *
 * @param sent       rounds run
 * @param succeeded  rounds that connected or were answered
 * @param failed     rounds that did not
 * @param lossPercent failed as a percentage of sent
 * @param minNanos   the fastest success (0 without successes)
 * @param avgNanos   the mean success time
 * @param maxNanos   the slowest success
 * @param mdevNanos  the standard deviation of success times (ping's "mdev")
 * @param histogram  the success times in microseconds, for percentiles and histograms (fixed size)
 */
public record Statistics(int sent, int succeeded, int failed, double lossPercent, long minNanos, double avgNanos,
                         long maxNanos, double mdevNanos, LatencyHistogram histogram) {

    /** p50, p90, p99, p99.9 and max of the success times; null without successes. */
    public Percentiles percentiles() {
        if (succeeded == 0 || histogram == null) {
            return null;
        }
        long max = Math.round(maxNanos / 1e3);
        return new Percentiles(Math.min(max, histogram.valueAtPercentile(50)),
                Math.min(max, histogram.valueAtPercentile(90)), Math.min(max, histogram.valueAtPercentile(99)),
                Math.min(max, histogram.valueAtPercentile(99.9)), max);
    }

    /** Computes the figures from the rounds' success times ({@code null} entries are failures). */
    public static Statistics of(List<Long> roundTimes) {
        Accumulator acc = new Accumulator();
        for (Long t : roundTimes) {
            if (t == null) {
                acc.failure();
            } else {
                acc.success(t);
            }
        }
        return acc.result();
    }

    /**
     * The figures kept as they happen, in constant memory whatever the number of rounds: counts,
     * min, max, and the sums that give the mean and the standard deviation. Not thread-safe: one
     * probing thread feeds it.
     */
    public static final class Accumulator {
        private int sent;
        private int ok;
        private long min = Long.MAX_VALUE;
        private long max;
        private double sum;
        private double sumSq;
        private final LatencyHistogram histogram = new LatencyHistogram();

        public void success(long nanos) {
            sent++;
            ok++;
            min = Math.min(min, nanos);
            max = Math.max(max, nanos);
            sum += nanos;
            sumSq += (double) nanos * nanos;
            histogram.record(Math.round(nanos / 1e3));
        }

        public void failure() {
            sent++;
        }

        /**
         * The figures so far without the histogram (so without percentiles), cheap enough for a
         * live display after every round; {@link #result()} copies the histogram's 170 kB.
         */
        public Statistics figures() {
            return result(null);
        }

        public Statistics result() {
            return result(histogram.copy());
        }

        private Statistics result(LatencyHistogram h) {
            double avg = ok == 0 ? 0 : sum / ok;
            double mdev = ok == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / ok - avg * avg));
            double loss = sent == 0 ? 0 : 100.0 * (sent - ok) / sent;
            return new Statistics(sent, ok, sent - ok, loss, ok == 0 ? 0 : min, avg, max, mdev, h);
        }
    }
}
