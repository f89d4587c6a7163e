package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.UnreadableHostState;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the context checks write is worded for the OS the capabilities name: Linux commands
 * (ss, ip, tracepath, fuser) only for Linux, Windows tools (netstat, route print, tracert) only
 * for Windows. Real probes on this computer; the same report explained for each OS's wording.
 * Only the checks' own text is looked at (findings and the steps of their diagnoses): the
 * catalogue's steps carry OS qualifiers of their own.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OsWordingTest {

    private static final List<String> LINUX_COMMANDS = List.of("\"ss ", "ip link", "ip route", "ip addr", "ip neigh",
            "ip rule", "tracepath", "fuser", "somaxconn", "SELinux, AppArmor", "ip(7)");
    private static final List<String> WINDOWS_COMMANDS = List.of("netstat -ano", "findstr", "route print", "tracert",
            "ipconfig", "arp -a", "dir \"");

    private final ProbeEngine engine = ProbeEngine.system();

    @TempDir
    Path dir;

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private static Explainer explainer(HostState host, Os os) {
        return new Explainer(ManPages.system(), ErrorCatalogue.standard(), host, Capabilities.of(os));
    }

    /** The checks' own words: every finding, and the meaning and steps of each diagnosis. */
    private static List<String> checkText(Explanation e) {
        List<String> out = new ArrayList<>();
        for (Finding f : e.findings()) {
            out.add(f.text());
            if (f.diagnosis() != null) {
                out.add(f.diagnosis().meaning());
                out.addAll(f.diagnosis().steps());
            }
        }
        return out;
    }

    private static void assertWordedFor(Os os, Explanation e) {
        List<String> forbidden = os == Os.LINUX ? WINDOWS_COMMANDS : LINUX_COMMANDS;
        for (String text : checkText(e)) {
            for (String word : forbidden) {
                assertFalse(text.contains(word), os + " wording shows \"" + word + "\": " + text);
            }
        }
    }

    private ProbeReport probe(String target) throws Exception {
        return engine.run(ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(2)).build());
    }

    @Test
    void aStaleUnixSocketFileGetsEachSystemsToolsOrNone() throws Exception {
        Path sock = dir.resolve("stale.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(sock.toString(), false));
        }
        ProbeReport r = probe(sock.toString());
        Explanation linux = explainer(HostState.current(), Os.LINUX).explain(r);
        Explanation windows = explainer(HostState.current(), Os.WINDOWS).explain(r);
        assertEquals("ECONNREFUSED", linux.key());
        assertWordedFor(Os.LINUX, linux);
        assertWordedFor(Os.WINDOWS, windows);
        assertTrue(checkText(linux).stream().anyMatch(t -> t.contains("\"fuser " + sock + "\" lists no process")),
                checkText(linux).toString());
        // Windows has no fuser: the advice stands without the command.
        assertTrue(checkText(windows).stream().anyMatch(t -> t.startsWith("Once the service is stopped, the leftover "
                + "socket file is safe to delete")), checkText(windows).toString());
    }

    @Test
    void aLinkLoopNamesTheWayToShowTheLinkOnEachSystem() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        ProbeReport r = probe(a + "/app.sock");
        assertEquals("ELOOP", r.decisive().error().symbol());
        Explanation linux = explainer(HostState.current(), Os.LINUX).explain(r);
        Explanation windows = explainer(HostState.current(), Os.WINDOWS).explain(r);
        assertWordedFor(Os.LINUX, linux);
        assertWordedFor(Os.WINDOWS, windows);
        assertTrue(checkText(linux).stream().anyMatch(t -> t.contains("(\"ls -l " + a + "\")")), checkText(linux).toString());
        assertTrue(checkText(windows).stream().anyMatch(t -> t.contains("(\"dir \"" + a + "\"\")")),
                checkText(windows).toString());
    }

    /** A prohibit route in a namespace of the test's own: the route steps use each system's route tool. */
    @Test
    void aRejectRouteIsShownWithEachSystemsRouteTool() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.routed("cd-wording")) {
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse("10.79.0.1:80")).timeout(Duration.ofSeconds(2))
                    .build();
            Explanation[] e = ns.inside(() -> {
                ProbeReport r = engine.run(request);
                return new Explanation[] {explainer(HostState.current(), Os.LINUX).explain(r),
                        explainer(HostState.current(), Os.WINDOWS).explain(r),
                        explainer(HostState.current(), Os.MACOS).explain(r)};
            });
            assertTrue(checkText(e[0]).stream().anyMatch(t -> t.contains("ip route show table main 10.79.0.0/24")),
                    checkText(e[0]).toString());
            assertTrue(checkText(e[0]).stream().anyMatch(t -> t.contains("ip route del prohibit 10.79.0.0/24 table main")),
                    checkText(e[0]).toString());
            assertWordedFor(Os.LINUX, e[0]);
            assertTrue(checkText(e[1]).stream().anyMatch(t -> t.contains(": route print.")), checkText(e[1]).toString());
            assertWordedFor(Os.WINDOWS, e[1]);
            assertTrue(checkText(e[2]).stream().anyMatch(t -> t.contains(": netstat -rn.")), checkText(e[2]).toString());
            assertWordedFor(Os.MACOS, e[2]);
        }
    }

    /** With lo down there is no loopback source address: Linux names ip link, Windows no command. */
    @Test
    void theLoopbackDownStepNamesACommandOnlyWhereThereIsOne() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.create("cd-wording-lo")) {
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse("[::1]:5432")).timeout(Duration.ofSeconds(1))
                    .build();
            Explanation[] e = ns.inside(() -> {
                ProbeReport r = engine.run(request);
                return new Explanation[] {explainer(HostState.current(), Os.LINUX).explain(r),
                        explainer(HostState.current(), Os.WINDOWS).explain(r)};
            });
            assertEquals("EADDRNOTAVAIL", e[0].key());
            assertTrue(e[0].steps().get(0).contains("\"ip link set lo up\""), e[0].steps().toString());
            assertEquals("Bring the loopback interface up; programs that talk to this computer itself need it.",
                    e[1].steps().get(0));
            assertWordedFor(Os.LINUX, e[0]);
            assertWordedFor(Os.WINDOWS, e[1]);
        }
    }

    /**
     * A host state that cannot read anything (a system without a backend) makes the checks say
     * they could not look, never "nothing listens", and they still do not fail.
     */
    @Test
    void anUnreadableHostStateIsSaidToBeUnreadableNotEmpty() throws Exception {
        ProbeReport r = probe("127.0.0.1:" + Loopback.closedTcpPort());
        Explanation e = explainer(new UnreadableHostState("reading this computer is not written for Plan 9"), Os.WINDOWS)
                .explain(r);
        assertEquals("ECONNREFUSED", e.key());
        assertTrue(e.findings().stream().anyMatch(f -> f.text().equals("Could not read the list of listening TCP "
                + "sockets on this computer: reading this computer is not written for Plan 9.")), e.findings().toString());
        assertFalse(checkText(e).stream().anyMatch(t -> t.contains("Nothing on this computer listens")), e.findings().toString());
        assertFalse(e.findings().stream().anyMatch(f -> f.check().equals("error")), e.findings().toString());
    }
}
