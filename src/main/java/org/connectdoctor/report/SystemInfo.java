package org.connectdoctor.report;

import org.connectdoctor.AppInfo;
import org.connectdoctor.sys.HostState;

/**
 * The facts of this computer a ticket needs: operating system, kernel, Java, app version.
 *
 * @param os         the system's own release name ("Debian GNU/Linux 12 (bookworm)"), else os.name
 * @param kernel     os.name, os.version and architecture
 * @param java       the runtime's version and vendor
 * @param appVersion Connect Doctor's version
 * @param host       this computer's host name
 */
public record SystemInfo(String os, String kernel, String java, String appVersion, String host) {

    public static SystemInfo current() {
        return of(HostState.current());
    }

    /** The facts as {@code state} reads them, with the JVM's and the environment's as fallback. */
    static SystemInfo of(HostState state) {
        String os = state.systemName().orElse(System.getProperty("os.name"));
        String host = state.hostName().orElse(null);
        if (host == null || host.isBlank()) {
            host = System.getenv().getOrDefault("COMPUTERNAME", System.getenv().getOrDefault("HOSTNAME", "unknown"));
        }
        return new SystemInfo(os, System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", AppInfo.version(), host);
    }
}
