package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.linux.LinuxHostState;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations that say only what is true: a check that cannot read /proc says so instead of
 * "nothing listens", and a refused Unix path is described as what it really is, with delete
 * advice only for a socket file no process has bound. Real probes, real files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TruthfulChecksTest {

    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @TempDir
    Path dir;

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private ProbeReport probe(String target) throws Exception {
        return engine.run(ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(2)).build());
    }

    private static String all(Explanation e) {
        StringBuilder sb = new StringBuilder(e.headline()).append('\n').append(e.meaning()).append('\n');
        e.steps().forEach(s -> sb.append(s).append('\n'));
        e.findings().forEach(f -> sb.append(f.text()).append('\n'));
        return sb.toString();
    }

    @Test
    void refusedWithProcNetMissingSaysItCannotTellNotThatNothingListens() throws Exception {
        ProbeReport r = probe("127.0.0.1:" + Loopback.closedTcpPort());
        Path masked = Files.createDirectory(dir.resolve("net"));
        Explanation e = LinuxHostState.withProcNet(masked, () -> explainer.explain(r));
        assertEquals("ECONNREFUSED", e.key());
        String text = all(e);
        assertFalse(text.contains("Nothing on this computer listens"), text);
        assertFalse(text.contains("ports that do listen"), text);
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("listeners")
                && f.text().startsWith("Could not read the list of listening TCP sockets on this computer: ")
                && f.text().contains(masked.resolve("tcp") + " does not exist")), e.findings().toString());
    }

    @Test
    void staleSocketFileWithProcNetMissingGetsNoDeleteAdvice() throws Exception {
        Path sock = dir.resolve("stale.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(sock.toString(), false));
        }
        ProbeReport r = probe(sock.toString());
        Explanation e = LinuxHostState.withProcNet(dir.resolve("absent"), () -> explainer.explain(r));
        assertEquals("ECONNREFUSED", e.key());
        assertFalse(all(e).toLowerCase(Locale.ROOT).contains("delete"), all(e));
        assertTrue(all(e).contains("whether a process has it bound cannot be seen"), all(e));
    }

    /** Probes {@code path} and checks that the explanation names {@code kind} and never says delete. */
    private void assertNotASocket(Path path, String kind) throws Exception {
        Explanation e = explainer.explain(probe(path.toString()));
        String text = all(e);
        assertTrue(e.headline().contains(kind + ", not a socket"), kind + ": " + e.headline());
        assertTrue(e.steps().stream().anyMatch(s -> s.startsWith("Check the socket path configured")), text);
        assertFalse(text.toLowerCase(Locale.ROOT).contains("delete"), text);
        assertFalse(text.contains("left behind") || text.contains("leftover"), text);
        assertEquals(Fault.THIS_COMPUTER, e.fault(), text);
    }

    @Test
    void aRegularFileIsNamedAsSuch() throws Exception {
        assertNotASocket(Files.writeString(dir.resolve("config"), "x"), "is a regular file");
    }

    @Test
    void aDirectoryIsNamedAsSuch() throws Exception {
        assertNotASocket(Files.createDirectory(dir.resolve("d")), "is a directory");
    }

    @Test
    void aFifoIsNamedAsSuch() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo");
        assertNotASocket(fifo, "is a named pipe (FIFO)");
    }

    @Test
    void aCharacterDeviceIsNamedAsSuch() throws Exception {
        assertNotASocket(Path.of("/dev/null"), "is a character device");
    }

    @Test
    void aSymbolicLinkToAFileSaysWhereItLeads() throws Exception {
        Path file = Files.writeString(dir.resolve("passwd"), "root:x:0:0\n");
        Path link = Files.createSymbolicLink(dir.resolve("app.sock"), file);
        assertNotASocket(link, "is a symbolic link to " + file + ", a regular file");
    }

    @Test
    void aSymbolicLinkLoopIsNamedAsSuch() throws Exception {
        Path a = dir.resolve("a.sock");
        Files.createSymbolicLink(a, dir.resolve("b.sock"));
        Files.createSymbolicLink(dir.resolve("b.sock"), a);
        Explanation e = explainer.explain(probe(a.toString()));
        assertEquals("ELOOP", e.key());
        assertTrue(e.headline().contains("that never reaches a file: a link loop"), e.headline());
        assertTrue(e.steps().get(0).startsWith("Check the socket path configured"), e.steps().toString());
        assertFalse(all(e).toLowerCase(Locale.ROOT).contains("delete"), all(e));
    }

    @Test
    void aSocketBoundButNotListeningIsNotCalledLeftOver() throws Exception {
        Path sock = dir.resolve("starting.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(sock.toString(), false));
            Explanation e = explainer.explain(probe(sock.toString()));
            assertEquals("ECONNREFUSED", e.key());
            String text = all(e);
            assertTrue(e.headline().contains("is bound by process " + ProcessHandle.current().pid() + " (java)"
                    + " that has not started listening"), e.headline());
            assertFalse(text.contains("leftover") || text.contains("crashed"), text);
            assertTrue(e.steps().contains("Do not delete " + sock + ": a live process holds it."), text);
            assertFalse(e.steps().stream().anyMatch(st -> st.contains("safe to delete")), text);
            assertEquals(Fault.REMOTE_SERVICE, e.fault());
        }
    }

    @Test
    void onlyAStaleSocketFileGetsDeleteAdvice() throws Exception {
        Path sock = dir.resolve("stale.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(sock.toString(), false));
        }
        Explanation e = explainer.explain(probe(sock.toString()));
        assertEquals("ECONNREFUSED", e.key());
        assertTrue(e.headline().contains("the socket file " + sock + " is left over: no process has it bound"),
                e.headline());
        assertTrue(e.steps().stream().anyMatch(st -> st.contains("leftover socket file is safe to delete")),
                e.steps().toString());
    }

    @Test
    void aListeningSocketIsNeverCalledLeftOver() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/net/unix")), "/proc/net/unix is not readable here");
        Path sock = dir.resolve("live.sock");
        try (NativeSocket s = engine.sockets().listen(new SockAddr.Unix(sock.toString(), false), SocketType.STREAM, 1)) {
            Explanation e = explainer.explain(probe(sock.toString()));
            assertEquals("CONNECTED", e.key());
            assertFalse(all(e).toLowerCase(Locale.ROOT).contains("delete"), all(e));
        }
    }
}
