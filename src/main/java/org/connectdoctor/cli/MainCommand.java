package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.util.List;
import org.connectdoctor.AppInfo;
import org.connectdoctor.report.Failure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The picocli command {@code connect-doctor} with its subcommands, which {@link Cli} runs. The
 * subcommands are not in the annotation: picocli builds the model of every one it is given (each
 * option by reflection, each annotation through a proxy), and a probe needs only its own, so
 * {@link #execute} gives it only the subcommand the arguments name ({@link #SUBCOMMANDS} for help,
 * suggestions and anything else).
 */
@Command(name = AppInfo.COMMAND,
        mixinStandardHelpOptions = true,
        versionProvider = MainCommand.Version.class,
        description = "Connects the way your application does, with a real connect(2), and tells you the exact "
                + "error and what it means. Without a command, the window opens.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:connected, or a datagram was answered",
            "1:the connection failed (any errno), timed out, or no reply came",
            "2:bad input or usage",
            "3:the name could not be resolved",
            "4:the output could not be written (disk full, closed pipe); JSON is then incomplete",
            "70:internal error (a one-line description is printed)",
            "130:cancelled (Ctrl-C)"})
final class MainCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. probe.");
    }

    /** The subcommands in the order the help lists them; {@code help} needs them all. */
    static final List<String> SUBCOMMANDS = List.of("probe", "check", "explain", "man", "history", "diff", "help");

    /** Parses {@code args} and runs the command they name, writing to {@code out} and {@code err}; the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cl = new CommandLine(new MainCommand());
            String named = args.length > 0 && SUBCOMMANDS.contains(args[0]) && !args[0].equals("help") ? args[0] : null;
            for (String name : SUBCOMMANDS) {
                if (named == null || named.equals(name)) {
                    cl.addSubcommand(subcommand(name));
                }
            }
            // Settings after the subcommands: picocli passes each to the subcommands present when it is set.
            cl.setOut(out);
            cl.setErr(err);
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            // Integer.parseInt takes any script's digits ("１２７" is 127): numbers on our command line are ASCII.
            cl.registerConverter(Integer.class, Handlers.INSTANCE);
            cl.registerConverter(Integer.TYPE, Handlers.INSTANCE);
            // Unknown options are reported as such, with suggestions; a target that begins with '-'
            // is written after "--", which ends the options.
            cl.setParameterExceptionHandler(Handlers.INSTANCE);
            cl.setExecutionExceptionHandler(Handlers.INSTANCE);
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            // picocli passes Errors (StackOverflowError, NoClassDefFoundError when files run out) through
            return internalError(err, e);
        }
    }

    private static Object subcommand(String name) {
        return switch (name) {
            case "probe" -> new ProbeCommand();
            case "check" -> new CheckCommand();
            case "explain" -> new ExplainCommand();
            case "man" -> new ManCommand();
            case "history" -> new HistoryCommand();
            case "diff" -> new DiffCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    static int internalError(PrintWriter err, Throwable t) {
        String what;
        try {
            what = Failure.describe(t);
        } catch (LinkageError noClass) {
            // with no file descriptor left, even a class of our own may not load
            what = t.toString();
        }
        err.println(AppInfo.COMMAND + ": internal error: " + what);
        return ExitCodes.INTERNAL;
    }

    private static Integer asciiInt(String value) {
        if (!value.matches("[+-]?[0-9]{1,10}")) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number (digits 0-9)");
        }
        long n = Long.parseLong(value);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("'" + value + "' is out of range (at most "
                    + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    /**
     * One line: picocli's own message, its "Did you mean …?" when it has suggestions, and where
     * help is. Values the user typed are shown shortened, so a 100 kB argument stays one line.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine line = ex.getCommandLine();
        PrintWriter err = line.getErr();
        List<String> unmatched = line.getUnmatchedArguments();
        StringBuilder msg = new StringBuilder(AppInfo.COMMAND).append(": ");
        if (ex instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            // "-x.example:80" was taken for an unknown option, so the target is "missing": say what really happened
            msg.append("Unknown option: '").append(Quoting.shown(unmatched.get(0))).append("'.");
            targetHint(line, unmatched, msg);
        } else {
            String text = Quoting.message(ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
            msg.append(text).append(text.endsWith(".") || text.endsWith("?") ? "" : ".");
            if (ex instanceof CommandLine.UnmatchedArgumentException u) {
                List<String> suggestions = u.getSuggestions();
                if (!suggestions.isEmpty()) {
                    msg.append(" Did you mean ").append(String.join(" or ", suggestions)).append("?");
                } else if (u.isUnknownOption()) {
                    targetHint(line, u.getUnmatched(), msg);
                }
            }
        }
        msg.append(" See '").append(line.getCommandSpec().qualifiedName()).append(" --help'.");
        err.println(msg);
        return ExitCodes.USAGE;
    }

    private static void targetHint(CommandLine line, List<String> unmatched, StringBuilder msg) {
        if (line.getCommandSpec().name().equals("probe")
                && unmatched.stream().anyMatch(a -> a.contains(":") || a.contains("/") || a.contains("."))) {
            msg.append(" A TARGET that begins with '-' goes after --: ").append(AppInfo.COMMAND)
                    .append(" probe [OPTIONS] -- TARGET.");
        }
    }

    /**
     * picocli's call-backs as one named class, not lambdas: a lambda that implements one of
     * picocli's interfaces (class files of Java 5) crashes JDK 17's dynamic class-data archiving
     * (SIGSEGV in SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), and the
     * launcher's start-up archive is recorded from a run of this command line.
     */
    enum Handlers implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler,
            CommandLine.ITypeConverter<Integer> {
        INSTANCE;

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            return usageError(ex, args);
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine line, CommandLine.ParseResult parsed) {
            return internalError(line.getErr(), ex);
        }

        @Override
        public Integer convert(String value) {
            return asciiInt(value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.versionLine()};
        }
    }
}
