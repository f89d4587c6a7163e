package org.connectdoctor.probe;

/**
 * The connect (or reply) times of the successful rounds at their percentiles, in microseconds, to 3
 * significant digits (see {@link LatencyHistogram}); {@code max} is the exact slowest.
 */
public record Percentiles(long p50Micros, long p90Micros, long p99Micros, long p999Micros, long maxMicros) {
}
