package org.connectdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.connectdoctor.AppInfo;
import org.connectdoctor.checklist.Check;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.ChecklistResult;
import org.connectdoctor.checklist.ChecklistRunner;
import org.connectdoctor.history.HistoryRecording;
import org.connectdoctor.checklist.Profile;
import org.connectdoctor.checklist.ProfileException;
import org.connectdoctor.checklist.ProfileParser;
import org.connectdoctor.net.Os;
import org.connectdoctor.files.NotAFileException;
import org.connectdoctor.files.SafeFiles;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.report.ChecklistReport;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connect-doctor check}: every check of a profile in parallel, one row each, and whether it met its expectation. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Runs every check of a profile (a YAML file) in parallel, at most "
                + ChecklistRunner.CONCURRENCY + " at a time, each within its own time limit, and prints one row per "
                + "check as it finishes, then a summary and the commands that reproduce the checks that failed. "
                + "--json, --csv and --markdown print every check in the profile's order once all have ended.",
            "",
            "A profile:",
            "  name: Accounting app",
            "  timeout: 2s",
            "  checks:",
            "    - name: database",
            "      target: db01:5432",
            "      tags: [db]",
            "    - target: lic01:27000",
            "      type: dgram",
            "      payload: hello",
            "    - name: telnet must stay closed",
            "      target: db01:23",
            "      expect: blocked",
            "",
            "Keys of a check: name, target, type (stream, dgram, seqpacket), timeout, source, payload, payload_hex, "
                + "broadcast (true/false), tags, expect (reachable, refused, blocked; default reachable)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every check met its expectation",
            "1:at least one check did not meet its expectation",
            "2:bad input or usage: the profile cannot be read or has problems (each with its line and column); "
                + "nothing ran",
            "4:the output could not be written (disk full, closed pipe)",
            "70:internal error (a one-line description is printed)",
            "130:cancelled (Ctrl-C)"})
final class CheckCommand implements java.util.concurrent.Callable<Integer> {

    /** Exit code: at least one check did not meet its expectation. */
    static final int NOT_MET = ExitCodes.FAILED;

    @CommandLine.Mixin
    Terminal terminal;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The profile, or - to read it from standard input.")
    String file;

    @Option(names = "--targets", paramLabel = "LIST",
            description = "Check these targets instead of a profile: db01:5432,files:445,/run/agent.sock "
                    + "(stream, expected reachable).")
    String targets;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "With --targets: the limit of each check (default 5s). A profile sets its own.")
    String timeout;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Run only the checks of these names (repeat, or separate by commas).")
    List<String> only = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", split = ",",
            description = "Run only the checks with one of these tags (repeat, or separate by commas).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--no-history", description = "Do not add the checks to the history (see the history command).")
    boolean noHistory;

    @ArgGroup(exclusive = true)
    Format format;

    static final class Format {
        @Option(names = "--json", description = "Print the results as JSON (report.schema.json, kind \"checklist\").")
        boolean json;
        @Option(names = "--csv", description = "Print the results as CSV, one line per check.")
        boolean csv;
        @Option(names = "--markdown", description = "Print the results as a Markdown document.")
        boolean markdown;
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        Profile profile;
        try {
            profile = profile();
        } catch (InvalidInputException e) {
            return terminal.usage(e.getMessage());
        } catch (ProfileException e) {
            terminal.say("the profile " + (file == null ? "given by --targets" : "in " + e.source())
                    + " has problems; nothing was run:");
            for (ProfileException.Problem p : e.problems()) {
                terminal.err().println("  " + p.describe(e.source()).replace("\n", "\n    "));
            }
            return ExitCodes.USAGE;
        }
        List<Check> checks = profile.select(only, tags);
        if (checks.isEmpty()) {
            return terminal.usage("no check of " + Quoting.quote(profile.name()) + " is "
                    + (only.isEmpty() ? "" : "named " + String.join(" or ", only.stream().map(Quoting::quote).toList()))
                    + (only.isEmpty() || tags.isEmpty() ? "" : " and ")
                    + (tags.isEmpty() ? "" : "tagged " + String.join(" or ", tags.stream().map(Quoting::quote).toList()))
                    + ". Its checks: " + names(profile) + ".");
        }
        ProbeEngine engine;
        try {
            engine = ProbeEngine.system();
        } catch (UnsupportedOperationException e) {
            terminal.say(e.getMessage());
            return ExitCodes.FAILED;
        }
        try (engine) {
            return run(engine, profile, checks, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.CANCELLED;
        }
    }

    private int run(ProbeEngine engine, Profile profile, List<Check> checks, PrintWriter out)
            throws InterruptedException {
        boolean text = format == null;
        ChecklistReport.Widths widths = ChecklistReport.Widths.of(checks);
        if (text) {
            out.println("Checklist " + Quoting.quote(profile.name()) + ": " + checks.size()
                    + (checks.size() == 1 ? " check" : " checks") + ", at most " + ChecklistRunner.CONCURRENCY
                    + " at once; rows appear as checks finish.");
            out.println(ChecklistReport.header(widths));
            out.flush();
        }
        AtomicReference<ChecklistRunner.Run> current = new AtomicReference<>();
        ChecklistRunner.Listener rows = text ? new Rows(out, widths, current) : ChecklistRunner.Listener.NONE;
        HistoryRecording recording = noHistory ? null
                : new HistoryRecording(rows, HistoryStore.standard(), profile.name(), Kept.NOTHING_MORE);
        ChecklistRunner.Run run = new ChecklistRunner(engine).start(profile.name(), checks,
                recording == null ? rows : recording);
        current.set(run);
        ChecklistResult result;
        try (CancelOnExit exit = new CancelOnExit(run::cancel)) {
            result = run.await();
            Os os = Os.current();
            if (text) {
                out.print(ChecklistReport.footer(result, os));
            } else if (format.json) {
                out.println(org.connectdoctor.report.ChecklistReport.json(result, AppInfo.version(), os));
            } else if (format.csv) {
                out.print(ChecklistReport.csv(result));
            } else {
                out.print(ChecklistReport.markdown(result, os));
            }
            out.flush();
        }
        String notKept = recording == null ? null : recording.problems();
        if (notKept != null) {
            terminal.say(notKept);
        }
        if (result.cancelled()) {
            return ExitCodes.CANCELLED;
        }
        return result.allMet() ? ExitCodes.OK : NOT_MET;
    }

    /** Prints each row as its check finishes; a failed output stops the run. */
    private static final class Rows implements ChecklistRunner.Listener {
        private final PrintWriter out;
        private final ChecklistReport.Widths widths;
        private final AtomicReference<ChecklistRunner.Run> run;

        Rows(PrintWriter out, ChecklistReport.Widths widths, AtomicReference<ChecklistRunner.Run> run) {
            this.out = out;
            this.widths = widths;
            this.run = run;
        }

        @Override
        public void finished(CheckResult result) {
            synchronized (out) {
                out.println(ChecklistReport.row(widths, result));
                out.flush();
                if (out.checkError() && run.get() != null) {
                    run.get().cancel();
                }
            }
        }
    }

    /** The command line only prints what it ran; a kept record needs nothing more (a named class, not a lambda: see MainCommand.Handlers). */
    private static final class Kept implements java.util.function.Consumer<org.connectdoctor.history.RunRecord> {
        static final Kept NOTHING_MORE = new Kept();

        @Override
        public void accept(org.connectdoctor.history.RunRecord run) {
            // kept on the disk; the history command lists it
        }
    }

    private static String names(Profile p) {
        List<String> n = p.checks().stream().limit(10).map(c -> Quoting.quote(c.name())).toList();
        return String.join(", ", n) + (p.checks().size() > 10 ? " and " + (p.checks().size() - 10) + " more" : "");
    }

    private Profile profile() throws InvalidInputException, ProfileException {
        if (targets != null && file != null) {
            throw new InvalidInputException("Give a profile FILE or --targets, not both.");
        }
        if (targets == null && file == null) {
            throw new InvalidInputException("Name a profile FILE (- for standard input), or list targets with "
                    + "--targets db01:5432,files:445.");
        }
        if (targets != null) {
            Duration limit = timeout == null ? ProbeRequest.DEFAULT_TIMEOUT
                    : Durations.parse(timeout, "timeout", ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT);
            return ProfileParser.adHoc(targets, limit);
        }
        if (timeout != null) {
            throw new InvalidInputException("--timeout applies to --targets; a profile sets its own timeout "
                    + "(timeout: 2s at its top, or in a check).");
        }
        String source = "-".equals(file) ? "standard input" : file;
        return ProfileParser.parse(read(file), source);
    }

    /** The profile's text, read no further than a profile may be long, and strictly UTF-8. */
    static String read(String file) throws InvalidInputException {
        String name = "-".equals(file) ? "Standard input" : "The profile " + file;
        if (!"-".equals(file) && Files.isDirectory(Path.of(file))) {
            throw new InvalidInputException(file + " is a directory; check takes a profile file, or - for standard input.");
        }
        byte[] bytes;
        int max = ProfileParser.MAX_CHARS * 4;
        try {
            bytes = "-".equals(file) ? StandardInput.read(max) : SafeFiles.readInput(Path.of(file), max);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The profile " + file + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("The profile " + file + " cannot be read: permission denied.");
        } catch (NotAFileException e) {
            throw new InvalidInputException("The profile " + file + " is " + e.kind().words()
                    + "; check takes a profile file, or - for standard input.");
        } catch (SafeFiles.InputTimeoutException e) {
            throw new InvalidInputException(name + " sent no end of the profile within "
                    + SafeFiles.INPUT_WAIT_MILLIS / 1000 + " s (" + ("-".equals(file) ? "a pipe whose writer never "
                    + "finished" : "a FIFO with no writer, or one that never finished") + "); give the profile as a file.");
        } catch (StandardInput.Unreadable e) {
            throw new InvalidInputException(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1)
                    + ". Give the profile as a file, or send it in: connect-doctor check - < profile.yaml");
        } catch (IOException e) {
            throw new InvalidInputException(name + " cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".");
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(Quoting.quote(file) + " is not a file name this system accepts.");
        }
        if (bytes.length > max) {
            throw new InvalidInputException(name + " is larger than " + max + " bytes; a profile holds at most "
                    + ProfileParser.MAX_CHARS + " characters.");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(name + " is not UTF-8 text; save it as UTF-8.");
        }
    }

}
