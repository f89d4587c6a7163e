package org.connectdoctor.report;

import java.nio.file.Files;
import java.nio.file.Path;
import org.connectdoctor.AppInfo;

/**
 * The facts of this computer a ticket needs: operating system, kernel, Java, app version.
 *
 * @param os         "Debian GNU/Linux 12 (bookworm)" from /etc/os-release, else os.name
 * @param kernel     os.name, os.version and architecture
 * @param java       the runtime's version and vendor
 * @param appVersion Connect Doctor's version
 * @param host       this computer's host name
 */
public record SystemInfo(String os, String kernel, String java, String appVersion, String host) {

    public static SystemInfo current() {
        String os = System.getProperty("os.name");
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    os = line.substring(12).replace("\"", "");
                }
            }
        } catch (Exception noFile) {
            // not Linux, or no os-release: the JVM's name will do
        }
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("COMPUTERNAME", System.getenv().getOrDefault("HOSTNAME", "unknown"));
        }
        return new SystemInfo(os, System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), System.getProperty("java.version") + " ("
                + System.getProperty("java.vendor") + ")", AppInfo.version(), host);
    }
}
