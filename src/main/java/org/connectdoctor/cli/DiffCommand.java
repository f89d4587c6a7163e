package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.time.ZoneId;
import org.connectdoctor.history.Diff;
import org.connectdoctor.history.DiffText;
import org.connectdoctor.history.HistoryJson;
import org.connectdoctor.history.HistoryStore;
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

    @CommandLine.Mixin
    Terminal terminal;

    @Parameters(index = "0", paramLabel = "TARGET", description = "The target, written as for probe.")
    String target;

    @Option(names = "--json", description = "Print the comparison, with both runs, as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        String key;
        try {
            key = HistoryCommand.normalTarget(target);
        } catch (InvalidInputException e) {
            return terminal.usage(e.getMessage());
        }
        HistoryStore.Loaded loaded = HistoryStore.standard().load();
        terminal.sayAll(loaded.warnings());
        Diff.Comparison c = Diff.local().lastSuccess(loaded.runs(), key);
        if (json) {
            out.println(HistoryJson.comparison(key, c));
        } else {
            out.print(DiffText.render(c, ZoneId.systemDefault()));
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

}
