package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated Linux commands, run by sh with the real nc (netcat-openbsd), curl and socat
 * against the same loopback fixtures as the product, must report what the product reports:
 * connected, refused, timed out, no such socket.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReproduceToolsTest {

    private static ProbeEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void tools() {
        for (String tool : List.of("nc", "curl", "socat")) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(d, tool));
            }
            assertTrue(found, tool + " is not installed: .ci/run installs netcat-openbsd, curl and socat");
        }
        assumeTrue(Os.current() == Os.LINUX, "the Linux commands are run on Linux");
        engine = ProbeEngine.system();
    }

    @AfterAll
    static void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private record Result(String program, int exit, String output) { }

    /** What each generated command printed, run as its line by sh, stdin at EOF. */
    private List<Result> runCommands(ProbeRequest r) throws Exception {
        List<Result> out = new java.util.ArrayList<>();
        for (ReproduceCommands.Command c : ReproduceCommands.of(r, Os.LINUX)) {
            if (c.isNote() || c.program().equals("getent")) {
                continue;
            }
            Process p = new ProcessBuilder("sh", "-c", c.line()).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(text);
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            boolean ended = p.waitFor(15, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            reader.join(5000);
            assertTrue(ended, c.line() + " did not end within 15 s: " + text);
            out.add(new Result(c.program(), p.exitValue(), text.toString(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static ProbeRequest request(String target) throws Exception {
        return ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void listeningIsConnectedForTheProductAndEveryTool() throws Exception {
        try (ServerSocket server = Loopback.acceptingServer(50)) {
            ProbeRequest r = request("127.0.0.1:" + server.getLocalPort());
            assertEquals(Outcome.CONNECTED, engine.run(r).outcome());
            List<Result> tools = runCommands(r);
            assertEquals(List.of("nc", "curl"), tools.stream().map(Result::program).toList());
            for (Result t : tools) {
                assertEquals(0, t.exit(), t.toString());
            }
            assertTrue(tools.get(0).output().contains("succeeded"), tools.get(0).output());
            assertTrue(tools.get(1).output().contains("Connected to 127.0.0.1"), tools.get(1).output());
        }
    }

    @Test
    void closedIsRefusedForTheProductAndEveryTool() throws Exception {
        ProbeRequest r = request("127.0.0.1:" + Loopback.closedTcpPort());
        ProbeReport report = engine.run(r);
        assertEquals(Errno.ECONNREFUSED, report.decisive().error().errno());
        for (Result t : runCommands(r)) {
            assertNotEquals(0, t.exit(), t.toString());
            assertTrue(t.output().contains("Connection refused"), t.toString());
        }
    }

    @Test
    void silentTimesOutForTheProductAndEveryTool() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            ProbeRequest r = request("127.0.0.1:" + silent.port());
            assertEquals(Outcome.TIMED_OUT, engine.run(r).outcome());
            List<Result> tools = runCommands(r);
            assertEquals(2, tools.size());
            Result nc = tools.get(0);
            assertEquals(1, nc.exit(), nc.toString());
            assertTrue(nc.output().contains("timed out"), nc.toString());
            Result curl = tools.get(1);
            assertEquals(28, curl.exit(), "curl's exit code for a timeout: " + curl);
            assertTrue(curl.output().toLowerCase(Locale.ROOT).contains("timeout"), curl.toString());
        }
    }

    @Test
    void unixPathsAgreeForListeningRefusedAndMissing() throws Exception {
        Path live = dir.resolve("live.sock");
        Path dead = dir.resolve("dead.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(live), 10);
            try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                gone.bind(UnixDomainSocketAddress.of(dead), 1);
            } // closed without unlinking: the file stays, nobody listens
            ProbeRequest ok = request(live.toString());
            assertEquals(Outcome.CONNECTED, engine.run(ok).outcome());
            List<Result> tools = runCommands(ok);
            assertEquals(List.of("nc", "socat"), tools.stream().map(Result::program).toList());
            for (Result t : tools) {
                assertEquals(0, t.exit(), t.toString());
            }
            assertTrue(tools.get(1).output().contains("successfully connected"), tools.get(1).output());

            ProbeRequest refused = request(dead.toString());
            assertEquals(Errno.ECONNREFUSED, engine.run(refused).decisive().error().errno());
            for (Result t : runCommands(refused)) {
                assertNotEquals(0, t.exit(), t.toString());
                assertTrue(t.output().contains("Connection refused"), t.toString());
            }

            ProbeRequest missing = request(dir.resolve("none.sock").toString());
            assertEquals(Errno.ENOENT, engine.run(missing).decisive().error().errno());
            for (Result t : runCommands(missing)) {
                assertNotEquals(0, t.exit(), t.toString());
                assertTrue(t.output().contains("No such file or directory"), t.toString());
            }
        }
    }
}
