package org.connectdoctor.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.connectdoctor.AppInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code connect-doctor probe …}. Exit codes are documented on {@link ExitCodes}. */
@Command(name = AppInfo.COMMAND,
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        description = "Connects the way your application does, with a real connect(2), and tells you the exact "
                + "error and what it means. Without a command, the window opens.",
        subcommands = {ProbeCommand.class, ExplainCommand.class, ManCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:connected, or a datagram was answered",
            "1:the connection failed (any errno), timed out, or no reply came",
            "2:bad input or usage",
            "3:the name could not be resolved",
            "130:cancelled (Ctrl-C)"})
public final class Cli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. probe.");
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // A target that happens to start with '-' reaches the target parser and its message.
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(AppInfo.COMMAND + ": internal error: " + ex);
            return ExitCodes.FAILED;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {AppInfo.versionLine()};
        }
    }
}
