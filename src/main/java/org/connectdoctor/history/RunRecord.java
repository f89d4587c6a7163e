package org.connectdoctor.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.report.TextReport;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;

/**
 * One run as the history keeps it: what was asked, what the user was shown, and where it went from.
 *
 * @param id            unique within the history (time and a random part)
 * @param time          when the run began
 * @param kind          "probe" for a single probe, "check" for a checklist's row
 * @param checklist     the checklist's name for a check, else null
 * @param target        the target as the user would write it again
 * @param type          the socket type
 * @param options       the other choices of the form
 * @param outcome       the verdict
 * @param verdict       the verdict line the user saw
 * @param errno         the error's symbol (ECONNREFUSED, EAI_NONAME) or null
 * @param errnoNumber   the operating system's number for it, or null
 * @param failedCall    the C call that reported it, or null
 * @param address       the address the verdict rests on (host:port as curl writes it), or null
 * @param resolved      every address the target resolved to, in order
 * @param resolveError  why the name did not resolve, or null
 * @param context       source, interface, route and name servers when the run ended
 * @param findings      what the explanation's checks found, as shown
 * @param report        the report text as shown, for reading it again later
 * @param elapsedMillis the network's share of the run (lookup and attempts)
 * @param tlsVerdict    how the TLS check after the connect ended, or null when none ran: a run whose
 *                      connect worked but whose TLS check failed did not work
 */
public record RunRecord(String id, Instant time, String kind, String checklist, String target, SocketType type,
                        RunOptions options, Outcome outcome, String verdict, String errno, Integer errnoNumber,
                        String failedCall, String address, List<String> resolved, String resolveError,
                        RunContext context, List<String> findings, String report, double elapsedMillis,
                        TlsVerdict tlsVerdict) {

    /** The longest report text kept per run; a flood's report is cut with a note. */
    public static final int MAX_REPORT_CHARS = 64 * 1024;

    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(context, "context");
        verdict = verdict == null ? "" : verdict;
        resolved = resolved == null ? List.of() : List.copyOf(resolved);
        findings = findings == null ? List.of() : List.copyOf(findings);
        report = report == null ? "" : report;
        if (report.length() > MAX_REPORT_CHARS) {
            report = report.substring(0, MAX_REPORT_CHARS) + "\n[report cut at " + MAX_REPORT_CHARS + " characters]\n";
        }
    }

    /** A record without a TLS check. */
    public RunRecord(String id, Instant time, String kind, String checklist, String target, SocketType type,
                     RunOptions options, Outcome outcome, String verdict, String errno, Integer errnoNumber,
                     String failedCall, String address, List<String> resolved, String resolveError,
                     RunContext context, List<String> findings, String report, double elapsedMillis) {
        this(id, time, kind, checklist, target, type, options, outcome, verdict, errno, errnoNumber, failedCall, address,
                resolved, resolveError, context, findings, report, elapsedMillis, null);
    }

    /** It worked: the connect (or the answer) and, when one was asked for, the TLS check. */
    public boolean succeeded() {
        return outcome.isSuccess() && (tlsVerdict == null || tlsVerdict.isSuccess());
    }

    /** Cancelled by the user: neither a success nor a failure. */
    public boolean cancelled() {
        return outcome == Outcome.CANCELLED || tlsVerdict == TlsVerdict.CANCELLED;
    }

    /** The connect worked and the TLS check after it did not. */
    public boolean tlsFailed() {
        return outcome.isSuccess() && tlsVerdict != null && !tlsVerdict.isSuccess();
    }

    /** A fresh id for a run that began at {@code time}. */
    public static String newId(Instant time) {
        return Long.toString(time.toEpochMilli(), 36) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
    }

    /**
     * The record of a finished probe.
     *
     * @param explanation what the user was shown with it, or null when it was not built
     * @param reportText  the report as shown (text), or null to keep the attempts and verdict only
     */
    public static RunRecord ofProbe(ProbeReport report, Explanation explanation, RunContext context, String reportText) {
        return of(report, explanation, context, reportText, "probe", null);
    }

    /** The record of one checklist row: as {@link #ofProbe}, marked with the checklist's name. */
    public static RunRecord ofCheck(ProbeReport report, Explanation explanation, RunContext context, String reportText,
                                    String checklist) {
        return of(report, explanation, context, reportText, "check", checklist);
    }

    private static RunRecord of(ProbeReport report, Explanation explanation, RunContext context, String reportText,
                                String kind, String checklist) {
        Attempt d = report.decisive();
        String errno = null;
        Integer number = null;
        String call = null;
        if (d != null && d.error() != null) {
            errno = d.error().symbol();
            number = d.error().number();
            call = d.failedCall();
        } else if (report.resolution() != null && report.resolution().error() != null) {
            errno = report.resolution().error().symbol();
            number = report.resolution().error().number();
        }
        List<String> resolved = new ArrayList<>();
        if (report.resolution() != null) {
            report.resolution().addresses().forEach(a -> resolved.add(a.host()));
        }
        List<String> findings = new ArrayList<>();
        if (explanation != null) {
            for (Finding f : explanation.findings()) {
                findings.add(f.text());
            }
        }
        String text = reportText != null ? reportText : TextReport.render(report);
        long nanos = report.resolution() == null ? 0 : report.resolution().elapsedNanos();
        for (Attempt a : report.attempts()) {
            nanos += a.elapsedNanos();
        }
        TlsCheck tls = report.anyTls();
        String verdict = TextReport.verdictLine(report);
        if (tls != null && !tls.verdict().isSuccess() && report.outcome().isSuccess()) {
            verdict = verdict + " TLS: " + tls.verdict().words() + ".";
        }
        return new RunRecord(newId(report.started()), report.started(), kind, checklist,
                report.request().target().display(), report.request().type(), RunOptions.of(report.request()),
                report.outcome(), verdict, errno, number, call,
                d == null ? null : d.address().display(), resolved,
                report.resolution() == null || report.resolution().error() == null ? null
                        : report.resolution().error().toString(),
                context, findings, text, nanos / 1e6, tls == null ? null : tls.verdict());
    }
}
