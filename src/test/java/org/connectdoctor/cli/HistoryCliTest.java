package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The history and diff commands, and probes recorded into a history of the test's own (loopback only). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class HistoryCliTest {

    @Test
    void aProbeIsRecordedAndListedNewestFirst() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = server.getLocalPort();
            assertEquals(0, cli("probe", "--brief", "127.0.0.1:" + port).exit());
        }
        CliRun refused = cli("probe", "--json", "127.0.0.1:" + port);
        assertEquals(1, refused.exit(), refused.err());
        assertEquals("", refused.err());
        assertEquals(2, Files.readAllLines(OwnDataFolder.current().resolve("history.jsonl")).size());

        CliRun list = cli("history");
        assertEquals(0, list.exit(), list.err());
        String[] lines = list.out().split("\n");
        assertEquals(2, lines.length, list.out());
        assertTrue(lines[0].matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  stream +127\\.0\\.0\\.1:" + port
                + " +ECONNREFUSED +to 127\\.0\\.0\\.1:" + port + " from lo 127\\.0\\.0\\.1"), lines[0]);
        assertTrue(lines[1].contains(" connected "), lines[1]);

        JsonNode runs = new ObjectMapper().readTree(cli("history", "--json", "--limit", "1").out());
        assertEquals(1, runs.size());
        JsonNode r = runs.get(0);
        assertEquals("FAILED", r.get("outcome").asText());
        assertEquals("ECONNREFUSED", r.get("errno").asText());
        assertEquals(111, r.get("errnoNumber").asInt());
        assertEquals("127.0.0.1", r.get("resolved").get(0).asText());
        assertEquals("lo", r.get("context").get("sourceInterface").get("value").asText());
        assertTrue(r.get("context").get("gateway").get("value").isNull());
        assertTrue(r.get("report").asText().contains("ECONNREFUSED (111) Connection refused"), r.get("report").asText());
        assertTrue(r.get("findings").isArray());
    }

    @Test
    void noHistoryLeavesTheHistoryAlone() throws Exception {
        int port = org.connectdoctor.testing.Loopback.closedTcpPort();
        assertEquals(1, cli("probe", "--brief", "--no-history", "127.0.0.1:" + port).exit());
        assertFalse(Files.exists(OwnDataFolder.current().resolve("history.jsonl")));
        CliRun empty = cli("history");
        assertEquals(0, empty.exit());
        assertEquals("The history " + OwnDataFolder.current().resolve("history.jsonl") + " holds no runs yet.\n", empty.out());
    }

    @Test
    void diffOfATargetThatStoppedWorkingWithNothingRecordedChangedSaysSoAndExitsFive() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = server.getLocalPort();
            cli("probe", "--brief", "127.0.0.1:" + port);
        }
        cli("probe", "--brief", "127.0.0.1:" + port);
        CliRun d = cli("diff", "127.0.0.1:" + port);
        assertEquals(DiffCommand.NOTHING_CHANGED, d.exit(), d.out() + d.err());
        assertTrue(d.out().startsWith("Worked at "), d.out());
        assertTrue(d.out().contains(" from lo 127.0.0.1; now from lo 127.0.0.1, fails with ECONNREFUSED. "
                + "Nothing this history records changed"), d.out());
        assertTrue(d.out().contains("  result        connected"), d.out());
        assertTrue(d.out().contains("  interface     lo"), d.out());

        JsonNode j = new ObjectMapper().readTree(cli("diff", "--json", "127.0.0.1:" + port).out());
        assertEquals("NOTHING_CHANGED", j.get("status").asText());
        assertEquals("CONNECTED", j.get("worked").get("outcome").asText());
        assertEquals("FAILED", j.get("now").get("outcome").asText());
    }

    @Test
    void diffExitCodesForWorkingNeverWorkedAndUnknownTargets() throws Exception {
        int closed = org.connectdoctor.testing.Loopback.closedTcpPort();
        cli("probe", "--brief", "127.0.0.1:" + closed);
        CliRun never = cli("diff", "127.0.0.1:" + closed);
        assertEquals(DiffCommand.NEVER_WORKED, never.exit());
        assertTrue(never.out().startsWith("No earlier stream run of 127.0.0.1:" + closed + " in the history worked"),
                never.out());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            cli("probe", "--brief", "127.0.0.1:" + server.getLocalPort());
            assertEquals(0, cli("diff", "127.0.0.1:" + server.getLocalPort()).exit());
        }
        CliRun none = cli("diff", "127.0.0.2:9");
        assertEquals(DiffCommand.NO_RUNS, none.exit());
        assertEquals("The history holds no run of 127.0.0.2:9.\n", none.out());
        CliRun only = cli("history", "--target", "127.0.0.1:" + closed);
        assertEquals(1, only.out().split("\n").length, only.out());
    }

    @Test
    void badInputGetsAClearMessageAndExitTwo() {
        CliRun limit = cli("history", "--limit", "0");
        assertEquals(2, limit.exit());
        assertEquals("connect-doctor: --limit takes a whole number from 1 to 100000, not 0.\n", limit.err());
        CliRun target = cli("history", "--target", "db01:");
        assertEquals(2, target.exit());
        assertTrue(target.err().startsWith("connect-doctor: --target: "), target.err());
        CliRun diff = cli("diff", "localhost:0");
        assertEquals(2, diff.exit());
        assertEquals("connect-doctor: Port 0 cannot be connected to. Enter a port from 1 to 65535.\n", diff.err());
        CliRun missing = cli("diff");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required parameter: 'TARGET'"), missing.err());
    }

    @Test
    void aDamagedHistoryIsSaidOnStandardErrorAndTheRestListed() throws Exception {
        int port = org.connectdoctor.testing.Loopback.closedTcpPort();
        cli("probe", "--brief", "127.0.0.1:" + port);
        Files.writeString(OwnDataFolder.current().resolve("history.jsonl"), "{\"v\":1,\"id\":", java.nio.file.StandardOpenOption.APPEND);
        CliRun list = cli("history");
        assertEquals(0, list.exit());
        assertEquals(1, list.out().split("\n").length);
        assertTrue(list.err().contains("was cut short"), list.err());
    }
}
