package org.connectdoctor.files;

import java.util.Locale;

/** The user's home folder, as the desktop and the shell mean it. */
public final class UserHome {

    private UserHome() {
    }

    /**
     * $HOME on Linux and macOS when it is set to an absolute path, as the XDG base-directory rules
     * and every shell tool take it; the JVM's user.home (read from the password database, which
     * ignores $HOME) otherwise, and on Windows.
     */
    public static String path() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String env = System.getenv("HOME");
        if (!os.startsWith("windows") && env != null && env.startsWith("/")) {
            return env;
        }
        return System.getProperty("user.home");
    }
}
