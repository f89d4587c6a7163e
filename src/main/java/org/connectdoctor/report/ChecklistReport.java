package org.connectdoctor.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.checklist.Check;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.ChecklistResult;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeReport;

/**
 * A checklist run as text rows, CSV, Markdown and JSON. Text rows can be printed one by one as
 * checks finish ({@link #row}); the other forms are written whole, in the profile's order.
 */
public final class ChecklistReport {
    private static final int MAX_NAME = 32;
    private static final int MAX_TARGET = 40;

    private ChecklistReport() {
    }

    /** Column widths for a list of checks, known before any runs. */
    public record Widths(int name, int target) {
        public static Widths of(List<Check> checks) {
            int n = 4;
            int t = 6;
            for (Check c : checks) {
                n = Math.max(n, Math.min(MAX_NAME, c.name().length()));
                t = Math.max(t, Math.min(MAX_TARGET, c.request().target().display().length()));
            }
            return new Widths(n, t);
        }
    }

    public static String header(Widths w) {
        return String.format(Locale.ROOT, "%-" + w.name() + "s  %-" + w.target() + "s  %-9s  %-12s  %10s  %-8s  %s",
                "NAME", "TARGET", "TYPE", "VERDICT", "TIME", "EXPECTED", "CAUSE");
    }

    /** One row: name, target, type, verdict, time, expectation met or not, cause in a few words. */
    public static String row(Widths w, CheckResult r) {
        Check c = r.check();
        String expected = r.met() ? "met" : "NOT MET";
        return String.format(Locale.ROOT, "%-" + w.name() + "s  %-" + w.target() + "s  %-9s  %-12s  %10s  %-8s  %s",
                cut(oneLine(c.name()), w.name()), cut(oneLine(c.request().target().display()), w.target()),
                c.request().type().cliName(), r.verdict().words(), millis(r.elapsedNanos()), expected,
                (c.expect().word() + " expected" + (r.cause().isEmpty() ? "" : "; " + oneLine(r.cause()))).strip());
    }

    /**
     * The closing block of the text form: the summary, then the commands that reproduce every
     * check that did not meet its expectation.
     */
    public static String footer(ChecklistResult result, Os os) {
        StringBuilder sb = new StringBuilder(result.summary()).append('\n');
        List<CheckResult> failed = result.results().stream().filter(r -> !r.met()).toList();
        if (!failed.isEmpty()) {
            sb.append('\n').append(ReproduceCommands.heading(os)).append('\n');
            for (CheckResult r : failed) {
                sb.append("  # ").append(oneLine(r.check().name())).append('\n');
                for (ReproduceCommands.Command cmd : ReproduceCommands.of(r.check().request(), os)) {
                    sb.append("  ").append(cmd.line()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** RFC 4180 CSV with a header, one row per check in the profile's order. */
    public static String csv(ChecklistResult result) {
        StringBuilder sb = new StringBuilder("name,target,type,expect,verdict,met,time_ms,errno,cause\r\n");
        for (CheckResult r : result.results()) {
            Check c = r.check();
            Attempt d = r.report().decisive();
            String errno = d != null && d.error() != null ? d.error().nativeSymbol() : "";
            sb.append(cell(c.name())).append(',').append(cell(c.request().target().display())).append(',')
                    .append(c.request().type().cliName()).append(',').append(c.expect().word()).append(',')
                    .append(cell(r.verdict().words())).append(',').append(r.met()).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.elapsedMillis())).append(',')
                    .append(cell(errno)).append(',').append(cell(r.cause())).append("\r\n");
        }
        return sb.toString();
    }

    /** A Markdown document: summary, a table of the checks, the commands for the ones that failed. */
    public static String markdown(ChecklistResult result, Os os) {
        StringBuilder sb = new StringBuilder("# Connect Doctor checklist: ").append(md(result.profile())).append("\n\n");
        sb.append("**").append(md(result.summary())).append("**\n\n");
        sb.append("| name | target | type | verdict | time (ms) | expected | met | cause |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (CheckResult r : result.results()) {
            Check c = r.check();
            sb.append("| ").append(md(c.name())).append(" | ").append(md(c.request().target().display())).append(" | ")
                    .append(c.request().type().cliName()).append(" | ").append(r.verdict().words()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", r.elapsedMillis())).append(" | ")
                    .append(c.expect().word()).append(" | ").append(r.met() ? "yes" : "**no**").append(" | ")
                    .append(md(r.cause())).append(" |\n");
        }
        for (CheckResult r : result.results()) {
            if (!r.met()) {
                sb.append("\n### ").append(md(r.check().name())).append('\n');
                sb.append(ReproduceCommands.markdown(r.check().request(), os).replaceFirst("\n## ", "\n"));
            }
        }
        return sb.toString();
    }

    /** The JSON document (report.schema.json, kind "checklist"); each check holds its full probe report. */
    public static String json(ChecklistResult result, String appVersion, Os os) {
        Json j = new Json(true);
        j.beginObject();
        j.field("format", JsonReport.FORMAT);
        j.field("schema_version", JsonReport.SCHEMA_VERSION);
        j.field("kind", "checklist");
        j.field("tool", "connect-doctor " + appVersion);
        j.field("profile", result.profile());
        j.field("started", result.started().toString());
        j.field("elapsed_us", result.elapsedNanos() / 1e3);
        j.field("cancelled", result.cancelled());
        j.name("summary").beginObject();
        j.field("checks", result.results().size());
        j.field("met", result.metCount());
        j.field("not_met", result.results().size() - result.metCount());
        j.field("text", result.summary());
        j.endObject();
        j.name("checks").beginArray();
        for (CheckResult r : result.results()) {
            Check c = r.check();
            j.beginObject();
            j.field("name", c.name());
            j.field("target", c.request().target().display());
            j.field("type", c.request().type().cliName());
            j.name("tags").beginArray();
            c.tags().forEach(j::value);
            j.endArray();
            j.field("expect", c.expect().word());
            j.field("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            j.field("met", r.met());
            j.field("cause", r.cause());
            j.field("elapsed_us", r.elapsedNanos() / 1e3);
            j.name("report").rawValue(probe(r.report(), appVersion, j.depth()));
            j.endObject();
        }
        j.endArray();
        j.endObject();
        return j.toString();
    }

    private static String probe(ProbeReport report, String appVersion, int depth) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        JsonReport.Stream s = new JsonReport.Stream(w, report.request(), appVersion, depth);
        if (report.resolution() != null) {
            s.resolved(report.resolution());
        }
        for (Attempt a : report.attempts()) {
            s.attempt(a);
        }
        s.finish(report, null, null);
        w.flush();
        return text.toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "\u2026";
    }

    /** Control characters (a line break in a name) shown, so a row stays one line. */
    private static String oneLine(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(c -> sb.append(Character.isISOControl(c) ? String.format("U+%04X", c)
                : new String(Character.toChars(c))));
        return sb.toString();
    }

    /** A CSV cell: quoted when needed; a leading = + - @ is defused for spreadsheets with a quote mark. */
    private static String cell(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String md(String s) {
        return Markdown.text(s);
    }
}
