package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.AppInfo;
import org.connectdoctor.history.Change;
import org.connectdoctor.history.Diff;
import org.connectdoctor.history.Fact;
import org.connectdoctor.history.HistoryJson;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.history.RunContext;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.probe.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connect-doctor diff TARGET}: what changed since TARGET last worked. */
@Command(name = "diff",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Compares the newest run of TARGET in the history with the last run of the same socket type "
                + "that worked, and names what changed: the resolved address, the source interface or address, the "
                + "route (gateway, device) or the name servers, the likely cause first.",
            "",
            "Cancelled runs are left out. Facts that could not be read at the time are listed as not compared, "
                + "never as changes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the newest run of TARGET worked: nothing to explain",
            "1:it fails now and the history names what changed since it worked",
            "2:bad input or usage",
            "4:the output could not be written",
            "5:it fails now, but nothing the history records changed since it worked",
            "6:it fails now and no earlier run of the same type worked",
            "7:the history holds no run of TARGET"})
final class DiffCommand implements java.util.concurrent.Callable<Integer> {

    static final int NOTHING_CHANGED = 5;
    static final int NEVER_WORKED = 6;
    static final int NO_RUNS = 7;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The target, written as for probe.")
    String target;

    @Option(names = "--json", description = "Print the comparison, with both runs, as JSON.")
    boolean json;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String key;
        try {
            key = HistoryCommand.normalTarget(target);
        } catch (InvalidInputException e) {
            err.println(AppInfo.COMMAND + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        HistoryStore.Loaded loaded = HistoryStore.standard().load();
        loaded.warnings().forEach(w -> err.println(AppInfo.COMMAND + ": " + w));
        Diff.Comparison c = Diff.local().lastSuccess(loaded.runs(), key);
        if (json) {
            out.println(HistoryJson.comparison(key, c));
        } else {
            out.print(text(c, ZoneId.systemDefault()));
        }
        out.flush();
        return switch (c.status()) {
            case WORKS_NOW -> ExitCodes.OK;
            case CHANGED -> ExitCodes.FAILED;
            case NOTHING_CHANGED -> NOTHING_CHANGED;
            case NEVER_WORKED -> NEVER_WORKED;
            case NO_RUNS -> NO_RUNS;
        };
    }

    /** The summary, the changes in order, what could not be compared, and both runs side by side. */
    static String text(Diff.Comparison c, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.summary()).append('\n');
        if (c.worked() == null) {
            return sb.toString();
        }
        if (!c.changes().isEmpty()) {
            sb.append("\nWhat changed, the likely cause first:\n");
            int i = 1;
            for (Change ch : c.changes()) {
                sb.append("  ").append(i++).append(". ").append(ch.sentence()).append('\n');
            }
        }
        if (!c.notCompared().isEmpty()) {
            sb.append("\nNot compared:\n");
            for (String n : c.notCompared()) {
                sb.append("  - ").append(n).append('\n');
            }
        }
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "when it worked", "now"});
        rows.add(new String[] {"time", TIME.format(c.worked().time().atZone(zone)), TIME.format(c.now().time().atZone(zone))});
        rows.add(new String[] {"result", HistoryCommand.result(c.worked()), HistoryCommand.result(c.now())});
        rows.add(new String[] {"resolved to", addresses(c.worked()), addresses(c.now())});
        rows.add(new String[] {"interface", fact(c.worked().context().sourceInterface()), fact(c.now().context().sourceInterface())});
        rows.add(new String[] {"source", fact(c.worked().context().sourceAddress()), fact(c.now().context().sourceAddress())});
        rows.add(new String[] {"gateway", gateway(c.worked().context()), gateway(c.now().context())});
        rows.add(new String[] {"route", fact(c.worked().context().route()), fact(c.now().context().route())});
        rows.add(new String[] {"name servers", servers(c.worked().context()), servers(c.now().context())});
        int w0 = 0;
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        for (String[] r : rows) {
            String line = String.format(Locale.ROOT, "  %-" + w0 + "s  %-" + w1 + "s  %s", r[0], r[1], r[2]);
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String addresses(RunRecord r) {
        return r.resolved().isEmpty() ? "nothing" : String.join(", ", r.resolved());
    }

    private static String fact(Fact<String> f) {
        return !f.isKnown() ? "unknown" : f.value() == null ? "none" : f.value();
    }

    private static String gateway(RunContext c) {
        return !c.gateway().isKnown() ? "unknown" : c.gateway().value() == null ? "none (on the link)" : c.gateway().value();
    }

    private static String servers(RunContext c) {
        Fact<List<String>> f = c.resolvers();
        return !f.isKnown() ? "unknown" : f.value() == null ? "none (a literal address)"
                : f.value().isEmpty() ? "none configured" : String.join(", ", f.value());
    }
}
