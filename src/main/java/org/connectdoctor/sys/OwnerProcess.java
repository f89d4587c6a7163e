package org.connectdoctor.sys;

/**
 * The process that holds a socket.
 *
 * @param pid  its process id
 * @param name its program name ("postgres", "svchost.exe"), or null when the OS does not say
 */
public record OwnerProcess(long pid, String name) {
    public String display() {
        return name == null ? "pid " + pid : name + " (pid " + pid + ")";
    }
}
