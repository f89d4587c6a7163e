package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryStoreTest {

    @TempDir
    Path dir;

    private static RunRecord run(int i) {
        return Runs.run(Instant.parse("2026-12-01T09:00:00Z").plusSeconds(i), "db" + i + ".corp:5432",
                i % 2 == 0 ? Outcome.CONNECTED : Outcome.FAILED, i % 2 == 0 ? null : "ECONNREFUSED",
                List.of("10.9.0." + (i % 250)), Runs.context("eth0", "10.1.2.3", "10.1.2.1",
                        "default via 10.1.2.1 dev eth0", List.of("10.0.0.53")), 5000);
    }

    @Test
    void aRecordedRunReadsBackFieldForField() {
        HistoryStore store = new HistoryStore(dir.resolve("data/history.jsonl"), 500);
        RunRecord r = new RunRecord("id-1", Instant.parse("2026-12-01T09:02:00Z"), "probe", null,
                "[fe80::1%eth0]:443", org.connectdoctor.net.SocketType.DGRAM,
                new RunOptions(org.connectdoctor.probe.FamilyChoice.IPV6, 1500, "[::1]:40000", false, true, "48656c6c6f",
                        3, 0, true),
                Outcome.NO_REPLY, "No reply \"quoted\" \\ back\tslash \u2028 and \ud83d\ude00", null, null, null,
                "[fe80::1%eth0]:443", List.of("fe80::1%eth0"), null,
                new RunContext(Fact.unknown("reading this computer's network state is not written for X"), Fact.none(),
                        Fact.none(), Fact.known("no route"), Fact.none()),
                List.of("A finding with a \u0001 control"), "line\nline\r\n", 12.25);
        assertNull(store.record(r).message());
        HistoryStore.Loaded loaded = store.load();
        assertEquals(List.of(), loaded.warnings());
        assertEquals(List.of(r), loaded.runs());
    }

    @Test
    void eachRunIsOneCompleteLineOnDiskWhenRecordReturns() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"), 500);
        for (int i = 0; i < 3; i++) {
            assertNull(store.record(run(i)).message());
            List<String> lines = Files.readAllLines(store.file());
            assertEquals(i + 1, lines.size());
            assertTrue(Files.readString(store.file()).endsWith("}\n"));
        }
    }

    @Test
    void aTornLastLineIsSkippedWithAWarningAndTheNextRunStartsALineOfItsOwn() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"), 500);
        store.record(run(0));
        store.record(run(1));
        String full = Files.readString(store.file());
        // what a crash halfway through writing the third line leaves
        String third = RecordCodec.line(run(2));
        Files.writeString(store.file(), third.substring(0, third.length() / 2), StandardOpenOption.APPEND);

        HistoryStore.Loaded torn = store.load();
        assertEquals(List.of(run(0).target(), run(1).target()), torn.runs().stream().map(RunRecord::target).toList());
        assertEquals(1, torn.warnings().size(), torn.warnings().toString());
        assertTrue(torn.warnings().get(0).contains("cut short"), torn.warnings().get(0));

        HistoryStore again = new HistoryStore(store.file(), 500);
        assertNull(again.record(run(3)).message());
        HistoryStore.Loaded after = again.load();
        assertEquals(List.of(run(0).target(), run(1).target(), run(3).target()),
                after.runs().stream().map(RunRecord::target).toList());
        // the torn half is now a damaged line of its own, said as such
        assertEquals(1, after.warnings().size(), after.warnings().toString());
        assertTrue(after.warnings().get(0).contains("1 line of the history") && after.warnings().get(0).contains("line 3"),
                after.warnings().get(0));
        assertTrue(Files.readString(store.file()).startsWith(full));
    }

    @Test
    void damagedLinesAreSkippedAndCountedNotFatal() throws Exception {
        Path file = dir.resolve("history.jsonl");
        String good = RecordCodec.line(run(0));
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, '\n'};
        Files.writeString(file, "not json\n" + good + "\n{\"v\":9}\n");
        Files.write(file, notUtf8, StandardOpenOption.APPEND);
        HistoryStore.Loaded loaded = new HistoryStore(file, 500).load();
        assertEquals(1, loaded.runs().size());
        assertEquals(2, loaded.warnings().size(), loaded.warnings().toString());
        assertTrue(loaded.warnings().get(0).startsWith("2 lines of the history"), loaded.warnings().get(0));
        assertTrue(loaded.warnings().get(0).contains("(line 1: expected null at character 1)"), loaded.warnings().get(0));
        // {"v":9} is a later version's line, not damage: said apart
        assertTrue(loaded.warnings().get(1).startsWith("1 run of the history")
                && loaded.warnings().get(1).contains("newer version of Connect Doctor (format 9)"), loaded.warnings().get(1));
    }

    @Test
    void retentionKeepsTheLastRunsByAnAtomicRewrite() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"), 20);
        for (int i = 0; i < 75; i++) {
            assertNull(store.record(run(i)).message());
        }
        List<String> lines = Files.readAllLines(store.file());
        // compacted to 20 whenever it passed 30 lines
        assertTrue(lines.size() >= 20 && lines.size() <= 30, lines.size() + " lines");
        HistoryStore.Loaded loaded = store.load();
        assertEquals(20, loaded.runs().size());
        assertEquals(run(74).target(), loaded.runs().get(19).target());
        assertEquals(run(55).target(), loaded.runs().get(0).target());
        try (var files = Files.list(dir)) {
            assertEquals(List.of("history.jsonl", "history.jsonl.lock"), files.map(p -> p.getFileName().toString())
                    .sorted().toList());
        }
    }

    @Test
    void threadsRecordingAtOnceLoseNoRun() throws Exception {
        HistoryStore store = new HistoryStore(dir.resolve("history.jsonl"), 500);
        HistoryStore other = new HistoryStore(dir.resolve("history.jsonl"), 500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                RunRecord r = run(i);
                HistoryStore s = i % 2 == 0 ? store : other;
                done.add(pool.submit(() -> s.record(r).message()));
            }
            for (Future<String> f : done) {
                assertNull(f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        HistoryStore.Loaded loaded = store.load();
        assertEquals(List.of(), loaded.warnings());
        assertEquals(80, loaded.runs().size());
    }

    @Test
    void aFolderThatCannotExistIsSaidNotThrown() throws Exception {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        HistoryStore store = new HistoryStore(file.resolve("history.jsonl"), 500);
        String warning = store.record(run(0)).message();
        assertTrue(warning != null && warning.startsWith("This run could not be added to the history "), warning);
        assertEquals(List.of(), store.load().runs());
    }

    @Test
    void theDataFolderFollowsTheOverrideThenTheSystemConvention() {
        String before = System.getProperty(HistoryStore.DATA_PROPERTY);
        try {
            System.setProperty(HistoryStore.DATA_PROPERTY, dir.toString());
            assertEquals(dir.resolve("history.jsonl"), HistoryStore.standard().file());
            System.clearProperty(HistoryStore.DATA_PROPERTY);
            if (System.getenv(HistoryStore.DATA_ENV) == null) {
                String xdg = System.getenv("XDG_DATA_HOME");
                Path expected = (xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                        : Path.of(System.getProperty("user.home"), ".local", "share")).resolve("connect-doctor");
                assertEquals(expected, HistoryStore.dataDirectory());
            } else {
                assertEquals(Path.of(System.getenv(HistoryStore.DATA_ENV)), HistoryStore.dataDirectory());
            }
        } finally {
            if (before == null) {
                System.clearProperty(HistoryStore.DATA_PROPERTY);
            } else {
                System.setProperty(HistoryStore.DATA_PROPERTY, before);
            }
        }
    }

    @Test
    void aLineWrittenBySomeoneElseWithExtraFieldsStillReads() {
        String line = RecordCodec.line(run(1));
        String extended = line.substring(0, line.length() - 1) + ",\"later\":{\"x\":[1,2.5e3,true,null]}}";
        RunRecord r = RecordCodec.parse(extended);
        assertEquals(run(1).target(), r.target());
    }
}
