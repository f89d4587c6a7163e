package org.connectdoctor;

import org.connectdoctor.cli.Cli;

/**
 * The launcher. Deliberately not a JavaFX {@code Application}: with a subcommand the command line
 * runs without ever starting the toolkit, so it works where there is no display. Without
 * arguments the window opens.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.exit(startWindow());
        }
        System.exit(Cli.run(args, System.out, System.err));
    }

    private static int startWindow() {
        try {
            // Loaded by name so that the command line never links JavaFX classes.
            Class.forName("org.connectdoctor.ui.DesktopApp").getMethod("launchWindow").invoke(null);
            return 0;
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
