package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line as a shell runs it, in a process of its own: output that cannot be written, a
 * payload from standard input, a flood of probes in a small heap, a man page that breaks the reader.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliProcessTest {
    private static final String LOST = "connect-doctor: could not write the output: ";
    /**
     * Probes in the flood tests. Issue #15 §5 asks for 1,000,000: raise it when the engine keeps a
     * bounded number of attempts. Until then the engine's own list of every attempt, not the output,
     * exhausts 64 MB somewhere above 200,000 (the command line then exits 70 with one line).
     */
    private static final int FLOOD = 1_000_000;

    private record Run(int exit, String out, String err) { }

    private static ProcessBuilder cli(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.connectdoctor.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    private static ProcessBuilder cli(String... args) {
        return cli(List.of(), args);
    }

    private static Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        CompletableFuture<String> err = drain(p.getErrorStream());
        CompletableFuture<String> out = pb.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? drain(p.getInputStream()) : CompletableFuture.completedFuture("");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command line ended");
        return new Run(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return text;
    }

    static Stream<List<String>> commandsThatPrint() throws IOException {
        String closed = "127.0.0.1:" + Loopback.closedTcpPort();
        return Stream.of(List.of("probe", "--brief", closed), List.of("probe", closed), List.of("probe", "--json", closed),
                List.of("explain", "ECONNREFUSED"), List.of("explain", "--json", "EPIPE"), List.of("man", "connect", "2"),
                List.of("--help"), List.of("probe", "--help"), List.of("--version"));
    }

    @ParameterizedTest
    @MethodSource("commandsThatPrint")
    void outputOnAFullDiskIsAnErrorWithItsReason(List<String> args) throws Exception {
        Run r = run(cli(args.toArray(String[]::new)).redirectOutput(new File("/dev/full")));
        assertEquals(ExitCodes.OUTPUT, r.exit(), r.err());
        assertEquals(LOST + "No space left on device\n", r.err());
    }

    @ParameterizedTest
    @MethodSource("commandsThatPrint")
    void outputIntoAClosedPipeIsAnErrorWithItsReason(List<String> args) throws Exception {
        Process p = cli(args.toArray(String[]::new)).start();
        p.getInputStream().close(); // long before the JVM has started and written anything
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.OUTPUT, p.exitValue(), err.get());
        assertEquals(LOST + "Broken pipe\n", err.get());
    }

    @Test
    void aMaximumSizeDatagramFromStandardInputIsAnsweredInFull(@TempDir Path dir) throws Exception {
        byte[] payload = new byte[65_507];
        new Random(7).nextBytes(payload);
        Path file = Files.write(dir.resolve("datagram.bin"), payload);
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            echo.setReceiveBufferSize(1 << 20);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
                    echo.receive(packet);
                    echo.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                    return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int port = echo.getLocalPort();
            Run r = run(cli("probe", "--type", "dgram", "--payload-file", "-", "--json", "--brief", "127.0.0.1:" + port)
                    .redirectInput(file.toFile()));
            assertEquals(0, r.exit(), r.err());
            assertArrayEquals(payload, received.get(10, TimeUnit.SECONDS), "the responder got every byte");
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertEquals("answered", json.get("outcome").asText());
            assertEquals(65_507 * 2, json.at("/request/payload_hex").asText().length());
            assertEquals(json.at("/request/payload_hex").asText(), json.at("/attempts/0/reply_hex").asText());
        }
    }

    /**
     * {@link #FLOOD} back-to-back probes of a closed loopback port in a 64 MB heap: the attempts stream out as
     * they end, so memory stays flat, and the JSON is one complete document. Peak RSS is printed.
     */
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aFloodOfProbesStreamsAsJsonInASmallHeap() throws Exception {
        int port = Loopback.closedTcpPort();
        Process p = cli(List.of("-Xmx64m"), "probe", "--count", String.valueOf(FLOOD), "--interval", "0s", "--brief",
                "--json", "127.0.0.1:" + port).start();
        CompletableFuture<String> err = drain(p.getErrorStream());
        AtomicLong peak = watchPeakRss(p);
        long attempts = 0;
        long refused = 0;
        String outcome = null;
        long sent = -1;
        long failed = -1;
        try (JsonParser json = new JsonFactory().createParser(p.getInputStream())) {
            assertEquals(JsonToken.START_OBJECT, json.nextToken());
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "attempts" -> {
                        while (json.nextToken() == JsonToken.START_OBJECT) {
                            attempts++;
                            if (refusedAttempt(json)) {
                                refused++;
                            }
                        }
                    }
                    case "outcome" -> outcome = json.getText();
                    case "statistics" -> {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            json.nextToken();
                            if (name.equals("sent")) {
                                sent = json.getLongValue();
                            } else if (name.equals("failed")) {
                                failed = json.getLongValue();
                            }
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            assertEquals(null, json.nextToken(), "one document, nothing after it");
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        System.out.printf("%d probes as JSON under -Xmx64m: peak RSS %d MB%n", FLOOD, peak.get() / 1024);
        assertEquals(1, p.exitValue(), err.get());
        assertEquals(FLOOD, attempts);
        assertEquals(FLOOD, refused);
        assertEquals("failed", outcome);
        assertEquals(FLOOD, sent);
        assertEquals(FLOOD, failed);
    }

    /** Reads one attempt object to its end: true when its errno is ECONNREFUSED. */
    private static boolean refusedAttempt(JsonParser json) throws IOException {
        boolean refused = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (name.equals("errno") && value == JsonToken.START_OBJECT) {
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = json.currentName();
                    json.nextToken();
                    refused |= inner.equals("symbol") && json.getText().equals("ECONNREFUSED");
                }
            } else {
                json.skipChildren();
            }
        }
        return refused;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aFloodOfProbesStreamsAsTextInASmallHeap() throws Exception {
        int port = Loopback.closedTcpPort();
        Process p = cli(List.of("-Xmx64m"), "probe", "--count", String.valueOf(FLOOD), "--interval", "0s", "--brief",
                "127.0.0.1:" + port).start();
        CompletableFuture<String> err = drain(p.getErrorStream());
        AtomicLong peak = watchPeakRss(p);
        long refused = 0;
        List<String> last = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.endsWith("]") && line.contains("failed: ECONNREFUSED (111) Connection refused")) {
                    refused++;
                }
                last.add(line);
                if (last.size() > 4) {
                    last.remove(0);
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        System.out.printf("%d probes as text under -Xmx64m: peak RSS %d MB%n", FLOOD, peak.get() / 1024);
        assertEquals(1, p.exitValue(), err.get());
        assertEquals(FLOOD, refused);
        String tail = String.join("\n", last);
        assertTrue(tail.contains("No probe of 127.0.0.1 port " + port + " succeeded (" + FLOOD + " tried)"), tail);
        assertTrue(tail.contains(FLOOD + " probes, 0 connected, " + FLOOD + " failed, 100.0% loss"), tail);
    }

    /** The child's VmHWM (peak resident set, kB) as last read from /proc before it ended. */
    private static AtomicLong watchPeakRss(Process p) {
        AtomicLong peak = new AtomicLong();
        Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
        Thread t = new Thread(() -> {
            while (p.isAlive()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmHWM:")) {
                            peak.accumulateAndGet(Long.parseLong(line.replaceAll("\\D", "")), Math::max);
                        }
                    }
                    Thread.sleep(50);
                } catch (IOException | RuntimeException gone) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss");
        t.setDaemon(true);
        t.start();
        return peak;
    }

    @Test
    void withNoManPagesInstalledTheBundledPageIsQuotedAndSaysSo(@TempDir Path dir) throws Exception {
        // MANPATH naming one empty directory: as on a system whose man pages were never installed.
        Path empty = Files.createDirectories(dir.resolve("man"));
        int port = Loopback.closedTcpPort();
        ProcessBuilder pb = cli("probe", "127.0.0.1:" + port);
        pb.environment().put("MANPATH", empty.toString());
        Run r = run(pb);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("ECONNREFUSED (111) Connection refused"), r.out());
        assertTrue(r.out().contains("From the manual: CONNECT(2) \u2014 Linux 2.2"), r.out());
        assertTrue(r.out().contains("bundled"), r.out());
        noStackTrace(r);
        ProcessBuilder bundled = cli("man", "socket", "2");
        bundled.environment().put("MANPATH", empty.toString());
        Run b = run(bundled);
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.out().contains("EAFNOSUPPORT"), "socket(2) is bundled: " + b.out());
        ProcessBuilder man = cli("man", "signal", "7");
        man.environment().put("MANPATH", empty.toString());
        Run m = run(man);
        assertEquals(1, m.exit());
        assertTrue(m.err().startsWith("connect-doctor: no man page signal(7) on this system, and none bundled."), m.err());
    }

    @Test
    void aManPageThatBreaksTheReaderCostsNeitherVerdictNorExplanation(@TempDir Path dir) throws Exception {
        // 10,000 nested .RS in 40 KB: deep enough to overflow a recursive reader's stack.
        Path page = Files.createDirectories(dir.resolve("man2")).resolve("connect.2");
        Files.writeString(page, ".TH CONNECT 2 2024 Linux\n.SH NAME\nconnect \\- initiate a connection\n.SH ERRORS\n"
                + ".TP\n.B ECONNREFUSED\nNo one listening.\n" + ".RS\n".repeat(10_000) + "x\n");
        int port = Loopback.closedTcpPort();
        String target = "127.0.0.1:" + port;

        ProcessBuilder text = cli("probe", target);
        text.environment().put("MANPATH", dir.toString());
        Run t = run(text);
        assertEquals(1, t.exit(), t.err());
        assertTrue(t.out().contains("Failed to connect to 127.0.0.1 port " + port + " after "), t.out());
        assertTrue(t.out().contains("What it means") || t.err().contains("the explanation could not be built ("),
                t.out() + t.err());
        noStackTrace(t);

        ProcessBuilder json = cli("probe", "--json", target);
        json.environment().put("MANPATH", dir.toString());
        Run j = run(json);
        assertEquals(1, j.exit(), j.err());
        JsonNode report = new ObjectMapper().readTree(j.out());
        assertEquals("failed", report.get("outcome").asText());
        assertEquals("ECONNREFUSED", report.at("/attempts/0/errno/symbol").asText());
        assertTrue(report.has("explanation") != report.has("explanation_error"), j.out());
        noStackTrace(j);

        ProcessBuilder explain = cli("explain", "ECONNREFUSED");
        explain.environment().put("MANPATH", dir.toString());
        Run e = run(explain);
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().startsWith("What it means\n  ECONNREFUSED (111) Connection refused: "), e.out());
        // the installed page, or the bundled copy (CONNECT(2)) when the installed one cannot be read
        assertTrue(e.out().toLowerCase(java.util.Locale.ROOT).contains("from the manual: connect(2)"), e.out());
        assertTrue(e.out().contains("    ECONNREFUSED\n"), e.out());
        noStackTrace(e);

        ProcessBuilder man = cli("man", "connect", "2");
        man.environment().put("MANPATH", dir.toString());
        Run m = run(man);
        if (m.exit() == 0) {
            assertTrue(m.out().contains("ECONNREFUSED"), m.out());
        } else {
            assertEquals(1, m.exit(), m.err());
            assertEquals("", m.out());
            assertTrue(m.err().startsWith("connect-doctor: the man page connect(2) could not be read ("), m.err());
        }
        noStackTrace(m);
    }

    /**
     * With almost no file descriptors the JVM starts but the probe cannot: whatever fails says so in
     * a line, never in a stack trace.
     */
    @Test
    void tooFewFileDescriptorsGiveOneLineNotAStackTrace() throws Exception {
        Path prlimit = Stream.of("/usr/bin/prlimit", "/bin/prlimit").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        assertNotNull(prlimit, "prlimit (util-linux) is installed");
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        for (int n = 8; n <= 24; n += 2) {
            ProcessBuilder pb = cli("probe", "--brief", target);
            pb.command().addAll(0, List.of(prlimit.toString(), "--nofile=" + n + ":" + n));
            Run r = run(pb);
            noStackTrace(r);
            if (r.exit() == ExitCodes.INTERNAL) {
                assertTrue(r.err().startsWith("connect-doctor: internal error: ") && r.err().lines().count() == 1,
                        n + " descriptors: " + r.err());
            } else {
                assertEquals(1, r.exit(), n + " descriptors: " + r.out() + r.err());
                assertTrue(r.out().contains("Failed to connect to 127.0.0.1") || r.out().contains("EMFILE"),
                        n + " descriptors: " + r.out());
            }
        }
    }

    private static void noStackTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception in thread"), r.err());
    }
}
