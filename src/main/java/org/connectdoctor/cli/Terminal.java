package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.util.List;
import org.connectdoctor.AppInfo;
import picocli.CommandLine;

/**
 * A subcommand's standard output and error, and the one way it says what is wrong: a picocli
 * mixin ({@code @Mixin Terminal terminal;}) in place of a spec field and the same two lines at
 * the top of every {@code call()}.
 */
@CommandLine.Command
final class Terminal {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** {@code connect-doctor: MESSAGE} on standard error. */
    void say(String message) {
        err().println(AppInfo.COMMAND + ": " + message);
    }

    /** Each of {@code messages} as {@link #say} writes it. */
    void sayAll(List<String> messages) {
        for (String m : messages) {
            say(m);
        }
    }

    /** Says what was wrong with the input and answers the exit code of bad input. */
    int usage(String message) {
        say(message);
        return ExitCodes.USAGE;
    }
}
