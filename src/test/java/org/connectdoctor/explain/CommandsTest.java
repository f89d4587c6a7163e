package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every command the checks can suggest, for each OS: only that OS's tools, or none. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CommandsTest {

    private static final List<String> LINUX_TOOLS = List.of("ss ", "ip ", "tracepath", "fuser", "ifconfig", "lsof",
            "net.core", "ls -l");
    private static final List<String> WINDOWS_TOOLS = List.of("netstat -ano", "findstr", "route print", "tracert",
            "ipconfig", "arp -a", "dir ");

    /** Every suggestion of {@code c}, nulls left out. */
    private static List<String> all(Commands c) {
        List<String> out = new ArrayList<>();
        for (String s : new String[] {c.listeners(false, 5432), c.listeners(true, 53), c.connectionsTo("10.0.0.5"),
                c.linkUp("lo"), c.addresses(), c.traceroute("10.0.0.5"), c.neighbours("eth0"),
                c.routeShow("main", "10.0.0.0/8"), c.routeDelete(false, "blackhole", "10.0.0.0/8", "main"),
                c.unixListeners(), c.fileHolders("/run/app.sock"), c.showLink("/run/app"), c.listenQueueCap()}) {
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private static void assertNone(List<String> commands, List<String> tools, String what) {
        for (String command : commands) {
            for (String tool : tools) {
                assertFalse(command.startsWith(tool) || command.contains(" " + tool) || command.contains("| " + tool),
                        what + " shows " + tool + ": " + command);
            }
        }
    }

    @Test
    void windowsGetsWindowsToolsOnly() {
        Commands w = Commands.of(Capabilities.of(Os.WINDOWS));
        assertEquals("Windows", w.osName());
        assertEquals("netstat -ano -p TCP | findstr :5432", w.listeners(false, 5432));
        assertEquals("tracert 10.0.0.5", w.traceroute("10.0.0.5"));
        assertEquals("ipconfig /all", w.addresses());
        assertEquals("route print", w.routeShow("main", "10.0.0.0/8"));
        assertNull(w.routeDelete(false, "blackhole", "10.0.0.0/8", "main"), "no Linux reject routes on Windows");
        assertNull(w.fileHolders("/run/app.sock"));
        assertNone(all(w), LINUX_TOOLS, "Windows");
    }

    @Test
    void linuxGetsLinuxToolsOnly() {
        Commands l = Commands.of(Capabilities.of(Os.LINUX));
        assertEquals("ip route show table main 10.0.0.0/8", l.routeShow("main", "10.0.0.0/8"));
        assertEquals("ip -6 route del prohibit fd00::/8 table main", l.routeDelete(true, "prohibit", "fd00::/8", "main"));
        assertEquals("ip link set lo up", l.linkUp("lo"));
        assertEquals("tracepath 10.0.0.5", l.traceroute("10.0.0.5"));
        assertNone(all(l), WINDOWS_TOOLS, "Linux");
        assertNone(all(l), List.of("lsof", "ifconfig", "kern.ipc", "netstat"), "Linux");
    }

    @Test
    void macOsGetsItsBsdToolsOnly() {
        Commands m = Commands.of(Capabilities.of(Os.MACOS));
        assertEquals("macOS", m.osName());
        assertEquals("traceroute 10.0.0.5", m.traceroute("10.0.0.5"));
        assertEquals("netstat -rn", m.routeShow("main", "10.0.0.0/8"));
        // arp(8) is BSD's as well as Windows': the rest of Windows' tools are not macOS's.
        assertNone(all(m), WINDOWS_TOOLS.stream().filter(t -> !t.startsWith("arp")).toList(), "macOS");
        assertNone(all(m), List.of("ss ", "ip ", "tracepath", "fuser", "net.core"), "macOS");
    }

    @Test
    void anUnknownSystemGetsNoCommandAtAll() {
        Commands none = Commands.of(null);
        assertEquals(List.of(), all(none));
        assertEquals("", Commands.quoted(null));
        assertEquals(" (\"ip addr\")", Commands.quoted("ip addr"));
    }
}
