package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.history.DiffText;
import org.connectdoctor.history.HistoryJson;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.report.Failure;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code connect-doctor history}: the runs kept in the history, newest first. */
@Command(name = "history",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Lists the runs kept in the history, newest first: when, socket type, target, result and "
                + "where the connection left from.",
            "",
            "Every probe, and every check of a check run, is kept (unless run with --no-history) in history.jsonl in the data folder: "
                + "$XDG_DATA_HOME/connect-doctor (~/.local/share/connect-doctor) on Linux, "
                + "%%LOCALAPPDATA%%\\Connect Doctor on Windows, ~/Library/Application Support/Connect Doctor on "
                + "macOS; CONNECT_DOCTOR_DATA names another folder. The last 500 runs are kept "
                + "(CONNECT_DOCTOR_HISTORY_KEEP sets how many)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the runs were listed (also when there are none)",
            "2:bad input or usage",
            "4:the output could not be written"})
final class HistoryCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Mixin
    Terminal terminal;

    @Option(names = "--target", paramLabel = "TARGET", description = "Only the runs of TARGET (written as for probe).")
    String target;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "At most N runs, the newest. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--json", description = "Print the runs as a JSON array, each as the history stores it.")
    boolean json;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        if (limit < 1 || limit > HistoryStore.MAX_RETENTION) {
            return terminal.usage("--limit takes a whole number from 1 to " + HistoryStore.MAX_RETENTION
                    + ", not " + limit + ".");
        }
        String key;
        try {
            key = target == null ? null : normalTarget(target);
        } catch (InvalidInputException e) {
            return terminal.usage("--target: " + e.getMessage());
        }
        HistoryStore store = HistoryStore.standard();
        HistoryStore.Loaded loaded = store.load();
        terminal.sayAll(loaded.warnings());
        List<RunRecord> runs = key == null ? loaded.runs() : loaded.of(key);
        List<RunRecord> newest = new java.util.ArrayList<>(runs.subList(Math.max(0, runs.size() - limit), runs.size()));
        java.util.Collections.reverse(newest);
        if (json) {
            out.println(HistoryJson.runs(newest));
            out.flush();
            return ExitCodes.OK;
        }
        if (newest.isEmpty()) {
            out.println(key == null ? "The history " + store.file() + " holds no runs yet."
                    : "The history " + store.file() + " holds no run of " + key + ".");
            out.flush();
            return ExitCodes.OK;
        }
        ZoneId zone = ZoneId.systemDefault();
        for (RunRecord r : newest) {
            out.println(line(r, zone));
        }
        if (runs.size() > newest.size()) {
            out.println("(" + newest.size() + " of " + runs.size() + " runs; --limit shows more)");
        }
        out.flush();
        return ExitCodes.OK;
    }

    static String line(RunRecord r, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        sb.append(TIME.format(r.time().atZone(zone))).append("  ")
                .append(String.format(Locale.ROOT, "%-9s", r.type().cliName())).append(' ')
                .append(String.format(Locale.ROOT, "%-28s", Quoting.shown(r.target()))).append(' ')
                .append(String.format(Locale.ROOT, "%-22s", result(r)));
        String from = from(r);
        if (!from.isEmpty()) {
            sb.append(' ').append(from);
        }
        if (r.checklist() != null) {
            sb.append("  (checklist ").append(Quoting.quote(r.checklist())).append(')');
        }
        return sb.toString().stripTrailing();
    }

    static String result(RunRecord r) {
        return DiffText.result(r);
    }

    private static String from(RunRecord r) {
        StringBuilder sb = new StringBuilder();
        if (r.address() != null && !r.address().startsWith("unix:")) {
            sb.append("to ").append(r.address());
        }
        var c = r.context();
        if (c.sourceInterface().isKnown() && c.sourceInterface().value() != null) {
            sb.append(sb.length() == 0 ? "" : " ").append("from ").append(c.sourceInterface().value());
            if (c.sourceAddress().isKnown() && c.sourceAddress().value() != null) {
                sb.append(' ').append(c.sourceAddress().value());
            }
        }
        if (c.gateway().isKnown() && c.gateway().value() != null) {
            sb.append(" via ").append(c.gateway().value());
        }
        return sb.toString();
    }

    /** The target as the history keys it: as {@link org.connectdoctor.probe.Target#display()} writes it. */
    static String normalTarget(String text) throws InvalidInputException {
        return TargetParser.parse(text).display();
    }

    /**
     * Adds a finished probe to the history in the data folder.
     *
     * @return null when kept with nothing to say, else a warning for standard error
     */
    static String record(ProbeReport report, Explanation explanation) {
        try {
            return HistoryStore.standard().record(report, explanation).message();
        } catch (RuntimeException e) {
            return "this run could not be added to the history (" + Failure.describe(e) + ").";
        }
    }
}
