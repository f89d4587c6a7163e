package org.connectdoctor.ui;

import java.util.List;
import java.util.function.Supplier;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.report.SystemInfo;
import org.connectdoctor.report.TicketReport;

/**
 * The report on show, as it is handed over: the ticket text, Markdown, JSON and the file name Save
 * proposes. It is this session's run (its report and explanation) or, with no report, an earlier
 * session's run as the history saved it; with neither, every rendering is null.
 *
 * @param report      this session's report on show, or null
 * @param explanation its explanation, or null
 * @param saved       the saved run on show when there is no report, or null
 */
record ShownReport(ProbeReport report, Explanation explanation, RunRecord saved) {

    /** When a saved run began, in this computer's time zone: "2026-12-02 09:02:11". */
    static String savedWhen(RunRecord r) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", java.util.Locale.ROOT)
                .format(r.time().atZone(java.time.ZoneId.systemDefault()));
    }

    /** The ticket-ready text, or null; {@code system} is asked only for this session's report. */
    String text(Supplier<SystemInfo> system) {
        if (report == null) {
            return saved == null ? null : savedText(saved);
        }
        return TicketReport.text(report, explanation, system.get());
    }

    /** As Markdown, or null; {@code system} is asked only for this session's report. */
    String markdown(Supplier<SystemInfo> system) {
        if (report == null) {
            if (saved == null) {
                return null;
            }
            String text = savedText(saved).replace("```", "` ` `");
            return "## Connect Doctor: " + saved.target() + " (saved run of " + savedWhen(saved) + ")\n\n```text\n"
                    + text + (text.endsWith("\n") ? "" : "\n") + "```\n";
        }
        return TicketReport.markdown(report, explanation, system.get());
    }

    /** As JSON (with its explanation), or null; a saved run as the history keeps it. */
    String json() {
        if (report == null) {
            return saved == null ? null : org.connectdoctor.history.HistoryJson.runs(List.of(saved)) + "\n";
        }
        return org.connectdoctor.report.JsonReport.render(report, explanation, org.connectdoctor.AppInfo.version());
    }

    /** The name Save proposes (the target and when it ran), or null. */
    String fileName(String extension) {
        if (report != null) {
            return org.connectdoctor.report.ReportFileName.of(report, extension);
        }
        if (saved == null) {
            return null;
        }
        org.connectdoctor.probe.Target t;
        try {
            t = org.connectdoctor.probe.TargetParser.parse(saved.target());
        } catch (org.connectdoctor.probe.InvalidInputException e) {
            t = new org.connectdoctor.probe.Target.Unix(saved.target(), false); // only its last part is used
        }
        return org.connectdoctor.report.ReportFileName.of(t,
                java.time.LocalDateTime.ofInstant(saved.time(), java.time.ZoneId.systemDefault()), extension);
    }

    private static String savedText(RunRecord s) {
        return s.report().isEmpty() ? s.verdict() : s.report();
    }
}
