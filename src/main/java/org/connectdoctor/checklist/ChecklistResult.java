package org.connectdoctor.checklist;

import java.time.Instant;
import java.util.List;

/**
 * A finished run of a profile.
 *
 * @param profile      the profile's name
 * @param results      one per check run, in the profile's order
 * @param started      when the run began
 * @param elapsedNanos the whole run: about as long as its slowest check
 * @param cancelled    the user stopped the run; checks not finished then are CANCELLED
 */
public record ChecklistResult(String profile, List<CheckResult> results, Instant started, long elapsedNanos,
                              boolean cancelled) {
    public ChecklistResult {
        results = List.copyOf(results);
    }

    public long metCount() {
        return results.stream().filter(CheckResult::met).count();
    }

    public boolean allMet() {
        return !cancelled && metCount() == results.size();
    }

    /** "5 checks: 4 met their expectation, 1 did not; 2.004 s". */
    public String summary() {
        long met = metCount();
        long not = results.size() - met;
        return results.size() + (results.size() == 1 ? " check: " : " checks: ") + met + " met "
                + (met == 1 ? "its" : "their") + " expectation, " + not + " did not"
                + (cancelled ? " (the run was stopped)" : "") + "; "
                + String.format(java.util.Locale.ROOT, "%.3f s", elapsedNanos / 1e9) + " in all.";
    }
}
