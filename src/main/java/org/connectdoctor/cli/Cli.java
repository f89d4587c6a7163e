package org.connectdoctor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.connectdoctor.AppInfo;

/**
 * The command line: {@code connect-doctor probe …}. Exit codes are documented on {@link ExitCodes}.
 * This class holds the output and the exit code and knows no picocli: {@code --version} is answered
 * here, without building the commands (picocli's classes, class files of Java 5, cannot be kept in
 * JDK 17's dynamic class-data archives and are loaded and verified anew at every start);
 * everything else goes to {@link MainCommand}.
 */
public final class Cli {
    private Cli() {
    }

    /**
     * Runs the command line and returns the exit code. Whatever cannot be written to {@code out}
     * turns into a message on {@code err} and {@link ExitCodes#OUTPUT}: output is never lost in silence.
     */
    public static int run(String[] args, OutputStream out, OutputStream err) {
        CheckedOutput checked = new CheckedOutput(out);
        PrintWriter stdout = new PrintWriter(new Utf8Writer(checked), false);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        int code;
        if (versionOnly(args)) {
            // what picocli's --version prints: the version provider's one line
            stdout.println(AppInfo.versionLine());
            code = ExitCodes.OK;
        } else {
            code = MainCommand.execute(args, stdout, stderr);
        }
        stdout.flush();
        IOException lost = checked.failure();
        if (lost != null) {
            stderr.println(AppInfo.COMMAND + ": could not write the output: "
                    + (lost.getMessage() == null ? lost.getClass().getSimpleName() : lost.getMessage()));
            code = ExitCodes.OUTPUT;
        }
        stderr.flush();
        return code;
    }

    /** {@code connect-doctor --version} (or {@code -V}) and nothing else. */
    static boolean versionOnly(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
