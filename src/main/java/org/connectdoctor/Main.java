package org.connectdoctor;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import org.connectdoctor.cli.Cli;

/**
 * The launcher. Deliberately not a JavaFX {@code Application}: with a subcommand the command line
 * runs without ever starting the toolkit, so it works where there is no display. Without
 * arguments the window opens.
 */
public final class Main {
    private Main() {
    }

    /** Set by the installer build when it records the CDS archive: exercise the command line, then the window. */
    static final String CDS_TRAINING = "connectdoctor.cdsTraining";

    public static void main(String[] args) {
        if (args.length == 0 && Boolean.getBoolean(CDS_TRAINING)) {
            train();
        }
        if (args.length == 0) {
            System.exit(startWindow());
        }
        int code;
        try {
            // Standard output unbuffered by System.out's PrintStream, which would hide write errors.
            code = Cli.run(args, new FileOutputStream(FileDescriptor.out), System.err);
        } catch (Throwable t) {
            // The last resort, when not even the command line's own classes could load (no file descriptors left).
            System.err.println(AppInfo.COMMAND + ": internal error: " + t);
            code = org.connectdoctor.cli.ExitCodes.INTERNAL;
        }
        System.exit(code);
    }

    /**
     * Loads what a command-line probe loads (parsing, the native layer, the engine, an explanation with
     * its man pages, text and JSON output), so that the CDS archive recorded in this run serves the
     * command line as well as the window. Talks to the loopback interface only.
     */
    private static void train() {
        java.io.PrintStream sink = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        Cli.run(new String[] {"probe", "127.0.0.1:1"}, sink, sink);
        Cli.run(new String[] {"probe", "--json", "--count", "2", "--interval", "0s", "[::1]:1"}, sink, sink);
        Cli.run(new String[] {"explain", "EACCES", "--unix"}, sink, sink);
        Cli.run(new String[] {"--version"}, sink, sink);
        System.setProperty("connectdoctor.exitWhenShown", "true");
    }

    private static int startWindow() {
        try {
            // Loaded by name so that the command line never links JavaFX classes.
            // It returns its exit code: non-zero when it had to say what to install first (GTK 3).
            Object code = Class.forName("org.connectdoctor.ui.DesktopApp").getMethod("launchWindow").invoke(null);
            return code instanceof Integer c ? c : 0;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println(AppInfo.COMMAND + ": the window could not open: " + cause.getMessage());
            System.err.println("Without a display, use the command line: " + AppInfo.COMMAND
                    + " probe HOST:PORT (see " + AppInfo.COMMAND + " --help).");
            return 1;
        }
    }
}
