package org.connectdoctor.ui;

import org.connectdoctor.AppInfo;

/**
 * JavaFX draws its Linux windows with GTK 3. A machine without the GTK 3 library (a server image, a
 * minimal desktop) makes the toolkit fail at start with "Unable to load glass GTK library"; this
 * turns that failure into what to install, per distribution family, instead of a toolkit message.
 */
final class GtkPrerequisite {

    /** What JavaFX's glass says when libgtk-3.so.0 cannot be loaded (GtkApplication's static check). */
    static final String GLASS_MESSAGE = "Unable to load glass GTK library";

    private GtkPrerequisite() {
    }

    /** True when {@code failure}, or anything it was caused by, is the toolkit failing to load GTK. */
    static boolean isMissingGtk(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(GLASS_MESSAGE)) {
                return true;
            }
        }
        return false;
    }

    /** The lines to print: what is missing, the command to install it on each family, and the CLI alternative. */
    static String message() {
        String c = AppInfo.COMMAND;
        return c + ": the window cannot open: the GTK 3 library (libgtk-3.so.0), which JavaFX needs to draw windows on\n"
                + "Linux, is not installed (the toolkit said: \"" + GLASS_MESSAGE + "\").\n"
                + "Install it, then start " + AppInfo.NAME + " again:\n"
                + "  Debian, Ubuntu:           sudo apt install libgtk-3-0\n"
                + "  Fedora, RHEL, Rocky:      sudo dnf install gtk3\n"
                + "  openSUSE:                 sudo zypper install libgtk-3-0\n"
                + "  Arch:                     sudo pacman -S gtk3\n"
                + "The command line works without it: " + c + " probe HOST:PORT (see " + c + " --help).";
    }
}
