package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line, in a process of its own, against a data folder and standard streams that are
 * not what they should be: a history far larger than its heap, lines that break a reader, FIFOs
 * where files should be, standard input closed or never ending. Each ends, within its bound, with
 * its own exit code and words: never 70, a trace or a hang.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostileDataFolderTest {

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private List<String> java(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.add("-Dconnectdoctor.data=" + data);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.connectdoctor.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Run run(List<String> cmd, long seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).start(); // standard input: a pipe this test never closes
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(cmd + " still running after " + seconds + " s: " + err.getNow(""));
        }
        p.getOutputStream().close();
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

    private static void noCrash(Run r) {
        assertFalse(r.all().contains("internal error") || r.all().contains("Exception") || r.all().contains("\tat "),
                r.all());
        assertTrue(r.exit() != ExitCodes.INTERNAL, r.all());
    }

    private static String line(String target, String time, String outcome) {
        return "{\"v\":1,\"id\":\"" + time + "\",\"time\":\"" + time + "\",\"kind\":\"probe\",\"checklist\":null,"
                + "\"target\":\"" + target + "\",\"type\":\"stream\",\"options\":{\"family\":\"AUTO\",\"timeoutMs\":5000,"
                + "\"source\":null,\"broadcast\":false,\"anySource\":false,\"payloadHex\":\"\",\"count\":1,\"intervalMs\":1000,"
                + "\"allAddresses\":false},\"outcome\":\"" + outcome + "\",\"verdict\":\"v\",\"errno\":null,\"errnoNumber\":null,"
                + "\"failedCall\":null,\"address\":\"" + target + "\",\"resolved\":[],\"resolveError\":null,\"context\":{"
                + "\"sourceAddress\":{\"value\":\"127.0.0.1\"},\"sourceInterface\":{\"value\":\"lo\"},\"gateway\":{\"value\":null},"
                + "\"route\":{\"value\":\"local\"},\"resolvers\":{\"value\":[]}},\"findings\":[],\"elapsedMs\":1.5,"
                + "\"report\":\"" + "r".repeat(1900) + "\"}";
    }

    @Test
    void aHistoryOf200MegabytesUnderA256MegabyteHeapIsReadAndCompacted() throws Exception {
        Path history = data.resolve("history.jsonl");
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        try (var w = Files.newBufferedWriter(history, StandardCharsets.UTF_8)) {
            String one = line(target, "2026-12-01T09:00:00Z", "CONNECTED") + "\n";
            for (long written = 0; written < 200L << 20; written += one.length()) {
                w.write(one);
            }
        }
        List<String> small = List.of("-Xmx256m");
        Run history1 = run(java(small, "history", "--limit", "3"), 90);
        noCrash(history1);
        assertEquals(0, history1.exit(), history1.all());
        assertEquals(4, history1.out().lines().count(), history1.out());
        assertTrue(history1.out().endsWith("(3 of 500 runs; --limit shows more)\n"), history1.out());

        Run probe = run(java(small, "probe", "--brief", target), 90);
        noCrash(probe);
        assertEquals(1, probe.exit(), probe.all());
        assertEquals("", probe.err());
        // compacted to the last 500 runs, the new one last
        List<String> lines = Files.readAllLines(history);
        assertEquals(500, lines.size());
        assertTrue(lines.get(499).contains("\"outcome\":\"FAILED\""), lines.get(499).substring(0, 200));

        Run diff = run(java(small, "diff", target), 60);
        noCrash(diff);
        assertEquals(1, diff.exit(), diff.all()); // fails now, and the refusal is named against the runs that worked
        Run check = run(java(small, "check", "--targets", target), 60);
        noCrash(check);
        assertEquals(1, check.exit(), check.all());
    }

    @Test
    void aNulByteOrAnImpossibleYearCostsOneLineInHistoryAndDiff() throws Exception {
        Path history = data.resolve("history.jsonl");
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        Files.write(history, ("\u0000\n" + line(target, "2026-12-01T09:00:00Z", "CONNECTED") + "\n"
                + line(target, "2026-12-01T09:00:01Z", "CONNECTED").replace("\"kind\"", "\"k\u0000\":1,\"kind\"") + "\n"
                + line(target, "+1000000000-01-01T00:00:00Z", "FAILED") + "\n").getBytes(StandardCharsets.UTF_8));
        for (String zone : List.of("UTC", "Pacific/Kiritimati", "Etc/GMT+12")) {
            Run h = run(java(List.of("-Duser.timezone=" + zone), "history"), 60);
            noCrash(h);
            assertEquals(0, h.exit(), h.all());
            assertEquals(1, h.out().lines().count(), h.out());
            assertTrue(h.err().contains("2 lines of the history") && h.err().contains("kept in the file as they are"), h.err());
        }
        Run d = run(java(List.of(), "diff", target), 60);
        noCrash(d);
        assertEquals(0, d.exit(), d.all()); // the newest readable run worked
    }

    @Test
    void fifosWhereTheHistoryAndItsLockShouldBeNeverHang() throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", data.resolve("history.jsonl.lock").toString()).start().waitFor());
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        Run probe = run(java(List.of(), "probe", "--brief", target), 60);
        noCrash(probe);
        assertEquals(1, probe.exit(), probe.all());
        assertTrue(probe.err().contains("history.jsonl.lock was a FIFO (named pipe), not a regular file; it was moved aside"),
                probe.err());

        Files.delete(data.resolve("history.jsonl"));
        assertEquals(0, new ProcessBuilder("mkfifo", data.resolve("history.jsonl").toString()).start().waitFor());
        Run history = run(java(List.of(), "history"), 60);
        noCrash(history);
        assertEquals(0, history.exit(), history.all());
        assertTrue(history.err().contains("is a FIFO (named pipe), not a regular file, so no run could be read"),
                history.err());
    }

    @Test
    void aProfileOnAFifoWithNoWriterAndAPipeThatNeverClosesEndWithinTheirBound() throws Exception {
        Path fifo = data.resolve("profile.yaml");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Run r = run(java(List.of(), "check", fifo.toString()), 60);
        noCrash(r);
        assertEquals(ExitCodes.USAGE, r.exit(), r.all());
        assertTrue(r.err().contains("The profile " + fifo + " sent no end of the profile within 10 s (a FIFO with no writer"),
                r.err());

        Run stdin = run(java(List.of(), "check", "-"), 60); // this test holds the pipe open and writes nothing
        noCrash(stdin);
        assertEquals(ExitCodes.USAGE, stdin.exit(), stdin.all());
        assertTrue(stdin.err().contains("Standard input sent no end of the profile within 10 s"), stdin.err());
    }

    @Test
    void aClosedOrWriteOnlyStandardInputIsRefusedInOneLine() throws Exception {
        for (String redirect : List.of("<&-", "0>/dev/null")) {
            for (List<String> args : List.of(List.of("check", "-"),
                    List.of("probe", "--type", "dgram", "--payload-file", "-", "127.0.0.1:9"))) {
                List<String> cmd = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" " + redirect, "sh"));
                cmd.addAll(java(List.of(), args.toArray(String[]::new)));
                Run r = run(cmd, 60);
                noCrash(r);
                assertEquals(ExitCodes.USAGE, r.exit(), redirect + " " + args + ": " + r.all());
                assertEquals(1, r.err().lines().count(), r.err());
                assertTrue(r.err().contains(redirect.equals("<&-") ? "Standard input is closed"
                        : "Standard input is open for writing only"), redirect + ": " + r.err());
            }
        }
    }
}
