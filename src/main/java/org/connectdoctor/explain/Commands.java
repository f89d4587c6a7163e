package org.connectdoctor.explain;

import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Capabilities;

/**
 * The commands a step or finding may suggest, in the running OS's own tools: "ss -ltn" on Linux,
 * "netstat -ano" on Windows, "lsof" on macOS. A method answers null where the OS has no such
 * tool; the check then leaves the suggestion out. No Linux command is ever shown on Windows or
 * macOS, and no Windows command on Linux.
 */
final class Commands {

    private enum Kind { LINUX, WINDOWS, MACOS, OTHER }

    private final Kind kind;
    private final String osName;

    private Commands(Kind kind, String osName) {
        this.kind = kind;
        this.osName = osName;
    }

    static Commands of(Capabilities caps) {
        Os os = osOf(caps);
        Kind k = os == null ? Kind.OTHER : switch (os) {
            case LINUX -> Kind.LINUX;
            case WINDOWS -> Kind.WINDOWS;
            case MACOS -> Kind.MACOS;
        };
        return new Commands(k, caps == null ? "" : caps.osName());
    }

    /** The system {@code caps} describes, as it says itself; null for capabilities of no known system. */
    static Os osOf(Capabilities caps) {
        return caps == null ? null : caps.os();
    }

    /** "Linux", "Windows", "macOS": for phrases such as "on Linux: …". */
    String osName() {
        return osName;
    }

    boolean isLinux() {
        return kind == Kind.LINUX;
    }

    /** Lists the sockets listening on {@code port}. */
    String listeners(boolean udp, int port) {
        return switch (kind) {
            case LINUX -> "ss -l" + (udp ? "u" : "t") + "np 'sport = :" + port + "'";
            case WINDOWS -> "netstat -ano -p " + (udp ? "UDP" : "TCP") + " | findstr :" + port;
            case MACOS -> "lsof -nP -i" + (udp ? "UDP" : "TCP") + ":" + port + (udp ? "" : " -sTCP:LISTEN");
            case OTHER -> null;
        };
    }

    /** Lists this computer's TCP connections towards {@code host}. */
    String connectionsTo(String host) {
        return switch (kind) {
            case LINUX -> "ss -tan dst " + host;
            case WINDOWS -> "netstat -ano -p TCP | findstr " + host;
            case MACOS -> "netstat -an -p tcp | grep " + host;
            case OTHER -> null;
        };
    }

    /** Brings interface {@code name} up (as administrator), or null where that is done in the settings. */
    String linkUp(String name) {
        return switch (kind) {
            case LINUX -> "ip link set " + name + " up";
            case MACOS -> "sudo ifconfig " + name + " up";
            case WINDOWS, OTHER -> null;
        };
    }

    /** Shows the interfaces with their addresses. */
    String addresses() {
        return switch (kind) {
            case LINUX -> "ip addr";
            case WINDOWS -> "ipconfig /all";
            case MACOS -> "ifconfig";
            case OTHER -> null;
        };
    }

    /** Shows the routers on the way to {@code host}. */
    String traceroute(String host) {
        return switch (kind) {
            case LINUX -> "tracepath " + host;
            case WINDOWS -> "tracert " + host;
            case MACOS -> "traceroute " + host;
            case OTHER -> null;
        };
    }

    /** Shows the route and interface the OS would use for {@code host}. */
    String routeGet(String host) {
        return switch (kind) {
            case LINUX -> "ip route get " + host;
            case WINDOWS -> "Find-NetRoute -RemoteIPAddress " + host;
            case MACOS -> "route -n get " + host;
            case OTHER -> null;
        };
    }

    /** Lists the hosts that answered ARP / neighbour discovery on {@code device}. */
    String neighbours(String device) {
        return switch (kind) {
            case LINUX -> "ip neigh show dev " + device;
            // PowerShell: its State column says Unreachable or Incomplete for a host that never answered
            case WINDOWS -> "Get-NetNeighbor -InterfaceAlias '" + device.replace("'", "''") + "'";
            case MACOS -> "arp -an -i " + device;
            case OTHER -> null;
        };
    }

    /** Shows the routing-table entry for {@code net} in {@code table}. */
    String routeShow(String table, String net) {
        return switch (kind) {
            case LINUX -> "ip route show table " + table + " " + net;
            case WINDOWS -> "route print";
            case MACOS -> "netstat -rn";
            case OTHER -> null;
        };
    }

    /** Removes a reject route, or null where routes of that kind are not this OS's. */
    String routeDelete(boolean v6, String type, String net, String table) {
        return kind == Kind.LINUX ? "ip " + (v6 ? "-6 " : "") + "route del " + type + " " + net + " table " + table : null;
    }

    /** Lists the listening Unix sockets with their processes, or null where no tool lists them. */
    String unixListeners() {
        return switch (kind) {
            case LINUX -> "ss -xlp";
            case MACOS -> "netstat -an -f unix";
            case WINDOWS, OTHER -> null;
        };
    }

    /** Lists the processes that have {@code path} open. */
    String fileHolders(String path) {
        return switch (kind) {
            case LINUX -> "fuser " + path;
            case MACOS -> "lsof " + path;
            case WINDOWS, OTHER -> null;
        };
    }

    /** Shows where a symbolic link points. */
    String showLink(String path) {
        return switch (kind) {
            case LINUX, MACOS -> "ls -l " + path;
            case WINDOWS -> "dir \"" + path + "\"";
            case OTHER -> null;
        };
    }

    /** The system-wide cap on a listen queue, as a setting name, or null. */
    String listenQueueCap() {
        return switch (kind) {
            case LINUX -> "net.core.somaxconn";
            case MACOS -> "kern.ipc.somaxconn";
            case WINDOWS, OTHER -> null;
        };
    }

    /** " (\"cmd\")" or "" when there is no command: for the end of a sentence. */
    static String quoted(String command) {
        return command == null ? "" : " (\"" + command + "\")";
    }
}
