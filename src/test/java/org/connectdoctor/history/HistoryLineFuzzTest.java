package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of a stored run, in turn, replaced by values of every JSON type and the extremes of
 * each: whatever the line then holds, reading it, listing it, comparing it with a run that worked
 * and writing both as JSON never throw. A line this version cannot take costs that line only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryLineFuzzTest {

    @TempDir
    Path dir;

    private static final List<Object> VALUES = Arrays.asList(null, "", "x".repeat(70_000), "\u0000", "\ud800",
            "+1000000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "unix:@\n",
            "[::1]:0", -1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, 2147483648L, 1.5, -0.0, 1e308, true, false,
            List.of(), List.of(List.of()), Arrays.asList((Object) null), List.of(1L), new LinkedHashMap<>(),
            Map.of("value", 1L), Map.of("unknown", ""), Map.of("value", List.of(1L)));

    @SuppressWarnings("unchecked")
    private static List<List<String>> paths(Map<String, Object> m, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            out.add(p);
            if (e.getValue() instanceof Map<?, ?> sub) {
                out.addAll(paths((Map<String, Object>) sub, p));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v instanceof Map<?, ?> sub ? copy((Map<String, Object>) sub) : v));
        return c;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> m, List<String> path, Object value) {
        for (int i = 0; i < path.size() - 1; i++) {
            m = (Map<String, Object>) m.get(path.get(i));
        }
        m.put(path.get(path.size() - 1), value);
    }

    @Test
    @SuppressWarnings("unchecked")
    void noValueInAnyFieldMakesReadingListingOrComparingThrow() throws Exception {
        String target = "db.corp:5432";
        RunRecord worked = Runs.run(Instant.parse("2026-12-01T09:00:00Z"), target, Outcome.CONNECTED, null,
                List.of("10.9.0.5"), Runs.context("eth0", "10.1.2.3", "10.1.2.1", "default", List.of("10.0.0.53")), 5000);
        RunRecord failed = Runs.run(Instant.parse("2026-12-01T10:00:00Z"), target, Outcome.FAILED, "ECONNREFUSED",
                List.of("10.9.0.7"), Runs.context("wlan0", "192.168.1.20", "192.168.1.1", "default", List.of("1.1.1.1")), 5000);
        Map<String, Object> base = (Map<String, Object>) JsonLine.read(RecordCodec.line(failed));
        Path file = dir.resolve("history.jsonl");
        int cases = 0;
        int readable = 0;
        for (List<String> path : paths(base, List.of())) {
            for (Object v : VALUES) {
                Map<String, Object> m = copy(base);
                set(m, path, v);
                Files.write(file, (RecordCodec.line(worked) + "\n" + JsonLine.write(m) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                HistoryStore.Loaded loaded = new HistoryStore(file, 500).load();
                cases++;
                assertTrue(loaded.runs().size() == 1 || loaded.runs().size() == 2, path + " = " + v);
                assertTrue(loaded.runs().size() == 2 || !loaded.warnings().isEmpty(), path + " = " + v + ": skipped unsaid");
                readable += loaded.runs().size() - 1;
                try {
                    for (RunRecord r : loaded.runs()) {
                        DiffText.result(r);
                        HistoryJson.runs(List.of(r));
                    }
                    for (String t : List.of(target, String.valueOf(loaded.runs().get(loaded.runs().size() - 1).target()))) {
                        Diff.Comparison c = Diff.local().lastSuccess(loaded.runs(), t);
                        for (String zone : List.of("UTC", "Pacific/Kiritimati", "Etc/GMT+12")) {
                            DiffText.render(c, ZoneId.of(zone));
                        }
                        HistoryJson.comparison(t, c);
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError(path + " = " + (v instanceof String s && s.length() > 50 ? "(long)" : v)
                            + " threw", e);
                }
            }
        }
        assertEquals(paths(base, List.of()).size() * VALUES.size(), cases);
        assertTrue(readable > 0 && readable < cases, readable + " of " + cases + " read");
    }
}
