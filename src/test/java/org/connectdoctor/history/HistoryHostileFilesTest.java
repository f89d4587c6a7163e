package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history against files an unlucky user or an attacker leaves in the data folder: lines of a
 * later version, lines this version cannot read, a full disk, a folder that cannot take a new
 * file, and special files where the history and its lock should be. Nothing is lost, nothing
 * hangs, nothing is fatal.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryHostileFilesTest {

    @TempDir
    Path dir;

    private static RunRecord run(int i) {
        return Runs.run(Instant.parse("2026-12-01T09:00:00Z").plusSeconds(i), "db" + i + ".corp:5432",
                i % 2 == 0 ? Outcome.CONNECTED : Outcome.FAILED, i % 2 == 0 ? null : "ECONNREFUSED",
                List.of("10.9.0." + (i % 250)), Runs.context("eth0", "10.1.2.3", "10.1.2.1",
                        "default via 10.1.2.1 dev eth0", List.of("10.0.0.53")), 5000);
    }

    /** A run as a later version might write it: format 2, a field and an outcome word this version lacks. */
    private static String futureLine(int i) {
        return "{\"v\":2,\"id\":\"future-" + i + "\",\"time\":\"2027-01-01T00:00:0" + i + "Z\",\"kind\":\"probe\","
                + "\"target\":\"db:5432\",\"type\":\"stream\",\"outcome\":\"TLS_FAILED\",\"tls\":{\"issuer\":\"x\"}}";
    }

    private static String unknownOutcomeLine(RunRecord r) {
        return RecordCodec.line(r).replace("\"outcome\":\"" + r.outcome().name() + "\"", "\"outcome\":\"PROXY_DENIED\"");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Test
    void linesOfALaterVersionAndUnknownOutcomesPassThroughCompactionByteForByte() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"), 20);
        for (int i = 0; i < 25; i++) {
            assertNull(store.record(run(i)).message());
        }
        List<String> strange = List.of(futureLine(1), unknownOutcomeLine(run(100)), futureLine(2));
        Files.write(store.file(), (String.join("\n", strange) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        // 28 lines now; three more runs pass the compaction point (20 + 10) and rewrite the file
        for (int i = 25; i < 30; i++) {
            assertNull(store.record(run(i)).message());
        }
        List<String> lines = Files.readAllLines(store.file());
        assertTrue(lines.size() <= 30, lines.size() + " lines: the file was not compacted");
        for (String s : strange) {
            assertTrue(lines.contains(s), "compaction dropped " + s);
        }
        HistoryStore.Loaded loaded = store.load();
        assertEquals(lines.size() - 3, loaded.runs().size());
        String said = String.join("\n", loaded.warnings());
        assertTrue(said.contains("2 runs of the history") && said.contains("newer version of Connect Doctor (format 2)")
                && said.contains("kept as they are"), said);
        assertTrue(said.contains("1 line of the history") && said.contains("PROXY_DENIED"), said);
    }

    @Test
    void aNulByteOrAnImpossibleTimeCostsThatLineOnlyAndStaysInTheFile() throws Exception {
        Path file = dir.resolve("history.jsonl");
        String extreme = RecordCodec.line(run(3)).replace("\"2026-12-01T09:00:03Z\"", "\"+1000000000-01-01T00:00:00Z\"");
        assertFalse(extreme.equals(RecordCodec.line(run(3))));
        Files.write(file, ("\u0000\n" + RecordCodec.line(run(0)) + "\n{\"v\":1,\u0000}\n" + extreme + "\n"
                + RecordCodec.line(run(1)) + "\n").getBytes(StandardCharsets.UTF_8));
        HistoryStore store = new HistoryStore(file, 500);
        HistoryStore.Loaded loaded = store.load();
        assertEquals(List.of(run(0).target(), run(1).target()), loaded.runs().stream().map(RunRecord::target).toList());
        assertEquals(1, loaded.warnings().size(), loaded.warnings().toString());
        // the NUL-only line is what a crash leaves where blocks were zero-filled: blank, not a run
        assertTrue(loaded.warnings().get(0).startsWith("2 lines of the history"), loaded.warnings().get(0));
        assertTrue(loaded.warnings().get(0).contains("(line 3: "), loaded.warnings().get(0));
        assertTrue(loaded.warnings().get(0).contains("kept in the file as they are"), loaded.warnings().get(0));
        byte[] before = Files.readAllBytes(file);
        assertNull(store.record(run(2)).message());
        byte[] after = Files.readAllBytes(file);
        assertEquals(new String(before, StandardCharsets.UTF_8),
                new String(after, 0, before.length, StandardCharsets.UTF_8), "the unreadable lines were changed");
    }

    @Test
    void aHistoryFarLargerThanTheRetentionIsReadAsAStreamAndCompactedInBoundedMemory() throws Exception {
        Path file = dir.resolve("history.jsonl");
        String one = RecordCodec.line(run(1));
        // 30,000 runs and one line of 3 MiB (longer than any run): read without holding either whole
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 15_000; i++) {
                out.write(one);
                out.write('\n');
            }
            out.write("x".repeat(3 << 20));
            out.write('\n');
            for (int i = 0; i < 15_000; i++) {
                out.write(one);
                out.write('\n');
            }
        }
        HistoryStore store = new HistoryStore(file, 500);
        HistoryStore.Loaded loaded = store.load();
        assertEquals(500, loaded.runs().size());
        assertTrue(loaded.warnings().get(0).contains("a line of 3145728 bytes, longer than any run"), loaded.warnings().toString());
        RunRecord last = run(2);
        assertNull(store.record(last).message());
        List<String> lines = Files.readAllLines(file);
        assertEquals(500, lines.size());
        assertEquals(RecordCodec.line(last), lines.get(499));
        assertEquals(one, lines.get(0));
    }

    @Test
    void aFailedAppendLeavesNoPartOfTheLineAndSaysSo() throws Exception {
        assumeTrue(root(), "mounting a small tmpfs to fill needs root");
        Path mount = Files.createDirectories(dir.resolve("small"));
        assertEquals(0, sh("mount -t tmpfs -o size=64k tmpfs '" + mount + "'"));
        try {
            Path file = mount.resolve("history.jsonl");
            HistoryStore store = new HistoryStore(file, 500);
            assertNull(store.record(run(0)).message());
            assertNull(store.record(run(1)).message());
            byte[] before = Files.readAllBytes(file);
            // fill every page but the history's last one, then append a run longer than what is left there
            sh("dd if=/dev/zero of='" + mount.resolve("filler") + "' bs=4096 2>/dev/null");
            RunRecord big = new RunRecord("big", Instant.parse("2026-12-01T10:00:00Z"), "probe", null, "db:5432",
                    org.connectdoctor.net.SocketType.STREAM, Runs.options(5000), Outcome.FAILED, "v", "ECONNREFUSED", 111,
                    "connect", "10.0.0.1:5432", List.of("10.0.0.1"), null, run(0).context(), List.of(),
                    "r".repeat(20_000), 1);
            HistoryStore.Recorded recorded = store.record(big);
            assertFalse(recorded.kept());
            assertTrue(recorded.message().startsWith("This run could not be added to the history " + file),
                    recorded.message());
            assertTrue(recorded.message().contains("No space left on device")
                    && recorded.message().contains("nothing of this run was left in the file"), recorded.message());
            assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(file));
            Files.delete(mount.resolve("filler"));
            HistoryStore.Loaded loaded = store.load();
            assertEquals(List.of(), loaded.warnings(), "a rolled-back append must not read as a crash");
            assertNull(store.record(run(2)).message());
            assertEquals(3, store.load().runs().size());
        } finally {
            sh("umount '" + mount + "'");
        }
    }

    @Test
    void aFolderThatTakesNoNewFileKeepsTheRunAndSaysOnlyThatTheHistoryWasNotShortened() throws Exception {
        assumeTrue(root(), "chattr +i needs root");
        Path folder = Files.createDirectories(dir.resolve("data"));
        HistoryStore store = new HistoryStore(folder.resolve("history.jsonl"), 10);
        for (int i = 0; i < 20; i++) {
            assertNull(store.record(run(i)).message());
        }
        assumeTrue(sh("chattr +i '" + folder + "'") == 0, "this file system has no immutable flag");
        try {
            RunRecord last = run(20);
            HistoryStore.Recorded recorded = store.record(last); // 21 lines: compaction is due and fails
            assertTrue(recorded.kept(), recorded.message());
            assertTrue(recorded.message().startsWith("The run was kept, but the history could not be shortened to its last 10 runs"),
                    recorded.message());
            assertFalse(recorded.message().contains("could not be added"), recorded.message());
            List<String> lines = Files.readAllLines(store.file());
            assertEquals(21, lines.size());
            assertEquals(RecordCodec.line(last), lines.get(20));
        } finally {
            sh("chattr -i '" + folder + "'");
        }
        assertNull(store.record(run(21)).message());
        assertEquals(10, Files.readAllLines(store.file()).size());
    }

    @Test
    void aFifoWhereTheLockOrTheHistoryShouldBeIsNamedAndSetAsideNeverOpened() throws Exception {
        Path file = dir.resolve("history.jsonl");
        HistoryStore store = new HistoryStore(file, 500);
        assertEquals(0, sh("mkfifo '" + dir.resolve("history.jsonl.lock") + "'"));
        HistoryStore.Recorded first = store.record(run(0));
        assertTrue(first.kept(), first.message());
        assertTrue(first.message().contains("history.jsonl.lock was a FIFO (named pipe), not a regular file; it was moved aside as history.jsonl.lock.not-a-file-"),
                first.message());
        assertTrue(Files.isRegularFile(dir.resolve("history.jsonl.lock")));

        Files.move(file, dir.resolve("kept.jsonl"));
        assertEquals(0, sh("mkfifo '" + file + "'"));
        HistoryStore.Loaded fifo = new HistoryStore(file, 500).load();
        assertEquals(List.of(), fifo.runs());
        assertTrue(fifo.warnings().get(0).contains("is a FIFO (named pipe), not a regular file, so no run could be read"),
                fifo.warnings().toString());
        HistoryStore.Recorded second = store.record(run(1));
        assertTrue(second.kept(), second.message());
        assertTrue(second.message().contains("history.jsonl was a FIFO (named pipe), not a regular file; it was moved aside as history.jsonl.not-a-file-")
                && second.message().contains("a new history begins"), second.message());
        assertEquals(List.of(run(1).target()), store.load().runs().stream().map(RunRecord::target).toList());

        // a link to a device is what the link leads to
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
        assertTrue(new HistoryStore(file, 500).load().warnings().get(0).contains("is a character device"));
        List<String> names = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(2, names.stream().filter(n -> n.contains(".not-a-file-")).count(), names.toString());
    }

    private static int sh(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not end");
        }
        if (p.exitValue() != 0 && !command.startsWith("dd ")) {
            System.err.println(command + ": " + out);
        }
        return p.exitValue();
    }
}
