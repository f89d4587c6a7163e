package org.connectdoctor.checklist;

import java.util.Set;
import org.connectdoctor.net.Errno;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeReport;

/**
 * How one check ended.
 *
 * @param index        0-based position of the check in the run's list
 * @param check        what was checked
 * @param report       the probe's full report (what an explanation is built from)
 * @param verdict      the result in a word or two
 * @param cause        the reason in a few words: the errno and its text, or what did not come back
 * @param met          the check's expectation was met
 * @param elapsedNanos from the check's start to its end
 */
public record CheckResult(int index, Check check, ProbeReport report, Verdict verdict, String cause, boolean met,
                          long elapsedNanos) {

    /** Errors on the way that show a path is closed: a refusal, or the network saying no. */
    private static final Set<Errno> CLOSED_PATH = Set.of(Errno.ECONNREFUSED, Errno.EHOSTUNREACH, Errno.ENETUNREACH,
            Errno.EACCES, Errno.EPERM, Errno.ETIMEDOUT, Errno.ECONNRESET, Errno.ENOENT);

    /**
     * The result of {@code report}; {@code deadlineReached} says the check's own deadline cancelled
     * it (a cancellation from the user is CANCELLED).
     */
    public static CheckResult of(int index, Check check, ProbeReport report, boolean deadlineReached,
                                 long elapsedNanos) {
        Attempt d = report.decisive();
        Verdict v = switch (report.outcome()) {
            case CONNECTED -> Verdict.CONNECTED;
            case ANSWERED -> Verdict.ANSWERED;
            case NO_REPLY -> Verdict.NO_REPLY;
            case TIMED_OUT, LOOKUP_TIMED_OUT -> Verdict.TIMED_OUT;
            case RESOLUTION_FAILED -> Verdict.NOT_RESOLVED;
            case CANCELLED -> deadlineReached ? Verdict.DEADLINE : Verdict.CANCELLED;
            case FAILED -> d != null && d.error() != null && d.error().errno() == Errno.ECONNREFUSED
                    ? Verdict.REFUSED : Verdict.FAILED;
        };
        if (v == Verdict.CONNECTED && report.tls() != null && !report.tls().verdict().isSuccess()) {
            v = report.tls().verdict() == org.connectdoctor.tls.TlsVerdict.CANCELLED
                    ? (deadlineReached ? Verdict.DEADLINE : Verdict.CANCELLED) : Verdict.TLS_FAILED;
        }
        String limit = Durations.format(check.request().timeout());
        String cause = v == Verdict.TLS_FAILED ? "TLS with " + report.tls().serverName() + ": "
                + report.tls().verdict().words() : switch (report.outcome()) {
            case CONNECTED, ANSWERED -> "";
            case NO_REPLY -> "nothing came back within " + limit;
            case TIMED_OUT -> "no answer within " + limit;
            case LOOKUP_TIMED_OUT -> "the name lookup took longer than " + limit;
            case RESOLUTION_FAILED -> report.resolution().error().toString();
            case CANCELLED -> deadlineReached ? "the check's limit of " + limit + " passed" : "stopped by the user";
            case FAILED -> d == null ? "" : d.error() != null ? d.error().nativeSymbol() + " " + d.error().message()
                    : d.failedCall() == null ? "failed" : d.failedCall() + " failed";
        };
        return new CheckResult(index, check, report, v, cause, met(check.expect(), report, v), elapsedNanos);
    }

    private static boolean met(Expectation e, ProbeReport report, Verdict v) {
        return switch (e) {
            case REACHABLE -> v.reachable();
            case REFUSED -> v == Verdict.REFUSED;
            case BLOCKED -> switch (v) {
                case REFUSED, TIMED_OUT, NO_REPLY -> report.outcome() != Outcome.LOOKUP_TIMED_OUT;
                case FAILED -> report.decisive() != null && report.decisive().error() != null
                        && report.decisive().error().errno() != null
                        && CLOSED_PATH.contains(report.decisive().error().errno());
                default -> false;
            };
        };
    }

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }

    /**
     * The time of the attempt the verdict rests on, as the main window's ms column shows it (the
     * connect itself: 0.1 ms on loopback), or the whole probe's time when no attempt ran (a
     * lookup that failed). {@link #elapsedMillis()} also counts the wait for a free worker.
     */
    public double connectMillis() {
        return report.decisive() != null ? report.decisive().elapsedMillis() : report.elapsedNanos() / 1e6;
    }
}
