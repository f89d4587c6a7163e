package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a probe waits: the run the command line had already shown lands in the history,
 * as cancelled, complete on disk; and the runs recorded before it are all still there. Loopback only.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistorySigtermTest {

    private static ProcessBuilder cli(Path data, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.connectdoctor.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put(HistoryStore.DATA_ENV, data.toString());
        return pb;
    }

    @Test
    void aProbeEndedBySigtermIsKeptAsCancelledAndNothingEarlierIsLost(@TempDir Path data) throws Exception {
        int closed = org.connectdoctor.testing.Loopback.closedTcpPort();
        Process first = cli(data, "probe", "--brief", "127.0.0.1:" + closed).start();
        first.getInputStream().readAllBytes();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            Process p = cli(data, "probe", "--brief", "--timeout", "60s", "127.0.0.1:" + silent.port()).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.contains("Trying 127.0.0.1:" + silent.port())) {
                // until the probe is waiting on its connect
            }
            assertTrue(line != null, "the probe never said it was trying");
            // SIGTERM, as ProcessHandle.destroy() sends on Linux, without closing our end of its output
            assertTrue(p.toHandle().destroy());
            StringBuilder rest = new StringBuilder();
            while ((line = out.readLine()) != null) {
                rest.append(line).append('\n');
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "no exit after SIGTERM");
            assertTrue(rest.toString().contains("Cancelled after"), rest.toString());
        }
        List<String> lines = Files.readAllLines(data.resolve("history.jsonl"));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("\"errno\":\"ECONNREFUSED\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"outcome\":\"CANCELLED\""), lines.get(1));
        HistoryStore.Loaded loaded = new HistoryStore(data.resolve("history.jsonl"), 500).load();
        assertEquals(List.of(), loaded.warnings());
        assertEquals(2, loaded.runs().size());
    }
}
