package org.connectdoctor.probe;

import java.time.Instant;
import java.util.List;

/**
 * The one result of a probe, which the command line, the window and the report writers all read.
 *
 * @param request      what was asked
 * @param resolution   how the target became addresses
 * @param attempts     every attempt of every round, in order
 * @param outcome      the verdict: the first success if any round succeeded, else how the last
 *                     round ended
 * @param decisive     the attempt the verdict rests on (null when none ran)
 * @param statistics   figures over the rounds
 * @param started      when the probe began
 * @param elapsedNanos the whole probe's duration
 */
public record ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, Outcome outcome,
                          Attempt decisive, Statistics statistics, Instant started, long elapsedNanos) {
    public ProbeReport {
        attempts = List.copyOf(attempts);
    }
}
