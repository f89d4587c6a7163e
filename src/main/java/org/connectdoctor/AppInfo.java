package org.connectdoctor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The application's name and version (from the build) and the platform it runs on. */
public final class AppInfo {
    public static final String NAME = "Connect Doctor";
    public static final String COMMAND = "connect-doctor";

    private static final String VERSION = load();

    private AppInfo() {
    }

    public static String version() {
        return VERSION;
    }

    /** "connect-doctor 0.1.0 (Java 17.0.15; Linux 6.1.0 amd64)". */
    public static String versionLine() {
        return COMMAND + " " + VERSION + " (Java " + System.getProperty("java.version") + "; "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + ")";
    }

    private static String load() {
        try (InputStream in = AppInfo.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
