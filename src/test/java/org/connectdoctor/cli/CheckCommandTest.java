package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.connectdoctor.testing.UdpEcho;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.connectdoctor.report.JsonReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connect-doctor check} against loopback fixtures of every kind: a listener, a closed
 * port, a silent peer (full accept queue), a Unix socket, a UDP responder and a closed UDP port.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class CheckCommandTest {

    @TempDir
    Path dir;

    private ServerSocket listening;
    private int closed;
    private SilentPeers.Tcp silent;
    private ServerSocketChannel unix;
    private Path unixPath;
    private DatagramChannel udp;
    private UdpEcho echo;
    private int closedUdp;

    @BeforeEach
    void fixtures() throws Exception {
        listening = Loopback.acceptingServer(50);
        closed = Loopback.closedTcpPort();
        silent = new SilentPeers.Tcp();
        unixPath = dir.resolve("agent.sock");
        unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(unixPath), 50);
        udp = DatagramChannel.open(StandardProtocolFamily.INET);
        udp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        echo = UdpEcho.start(udp, "re:");
        closedUdp = Loopback.closedUdpPort();
    }

    @AfterEach
    void close() throws Exception {
        echo.close();
        unix.close();
        silent.close();
        listening.close();
    }

    private String profile(String closedExpectation) throws java.io.IOException {
        return "name: Loopback fixtures\n"
                + "timeout: 700ms\n"
                + "checks:\n"
                + "  - name: listening\n    target: 127.0.0.1:" + listening.getLocalPort() + "\n    tags: [tcp]\n"
                + "  - name: closed\n    target: 127.0.0.1:" + closed + "\n    expect: " + closedExpectation
                + "\n    tags: [tcp]\n"
                + "  - name: silent\n    target: 127.0.0.1:" + silent.port() + "\n    expect: blocked\n"
                + "  - name: agent\n    target: " + unixPath + "\n"
                + "  - name: udp-echo\n    target: 127.0.0.1:" + ((InetSocketAddress) udp.getLocalAddress()).getPort()
                + "\n    type: dgram\n    payload: ping\n    tags: [udp]\n"
                + "  - name: udp-closed\n    target: 127.0.0.1:" + closedUdp + "\n    type: dgram\n    expect: blocked\n"
                + "    tags: [udp]\n";
    }

    private Path write(String text) throws Exception {
        Path p = dir.resolve("profile.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void everyFixtureGetsItsRowAndEveryExpectationIsMet() throws Exception {
        CliRun r = cli("check", write(profile("refused")).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Checklist \"Loopback fixtures\": 6 checks, at most 32 at once; rows appear as "
                + "checks finish.\nNAME "), r.out());
        assertRow(r.row("listening"), "stream", "connected", "met", "reachable expected");
        assertRow(r.row("closed"), "stream", "refused", "met", "refused expected; ECONNREFUSED Connection refused");
        assertRow(r.row("silent"), "stream", "timed out", "met", "blocked expected; no answer within 700ms");
        assertRow(r.row("agent"), "stream", "connected", "met", "reachable expected");
        assertRow(r.row("udp-echo"), "dgram", "answered", "met", "reachable expected");
        assertRow(r.row("udp-closed"), "dgram", "refused", "met", "blocked expected; ECONNREFUSED");
        assertTrue(r.out().contains("6 checks: 6 met their expectation, 0 did not; "), r.out());
        assertFalse(r.out().contains("Reproduce with"), "nothing to reproduce when all is well:\n" + r.out());
    }

    @Test
    void everyCheckIsKeptInTheHistoryWithTheChecklistNameAndDiffReadsIt() throws Exception {
        Path history = OwnDataFolder.current().resolve("history.jsonl");
        CliRun r = cli("check", write(profile("refused")).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", r.err());
        List<String> lines = Files.readAllLines(history);
        assertEquals(6, lines.size(), String.join("\n", lines));
        ObjectMapper json = new ObjectMapper();
        java.util.Set<String> targets = new java.util.HashSet<>();
        for (String line : lines) {
            JsonNode run = json.readTree(line);
            assertEquals("check", run.get("kind").asText(), line);
            assertEquals("Loopback fixtures", run.get("checklist").asText(), line);
            targets.add(run.get("target").asText());
        }
        assertTrue(targets.contains("127.0.0.1:" + listening.getLocalPort()), targets.toString());
        assertTrue(targets.contains("unix:" + unixPath), targets.toString());
        assertEquals(6, targets.size(), targets.toString());

        CliRun list = cli("history");
        assertEquals(0, list.exit(), list.err());
        assertEquals(6, list.lines().size(), list.out());
        assertTrue(list.lines().stream().allMatch(l -> l.endsWith("(checklist \"Loopback fixtures\")")), list.out());

        // a listener goes away: the next check of it fails, and diff compares it with the check that worked
        String target;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            target = "127.0.0.1:" + server.getLocalPort();
            CliRun worked = cli("check", "--timeout", "1s", "--targets", target);
            assertEquals(0, worked.exit(), worked.out() + worked.err());
        }
        CliRun again = cli("check", "--timeout", "1s", "--targets", target);
        assertEquals(CheckCommand.NOT_MET, again.exit(), again.out() + again.err());
        assertEquals(8, Files.readAllLines(history).size());
        CliRun diff = cli("diff", target);
        assertEquals(DiffCommand.NOTHING_CHANGED, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("ECONNREFUSED"), diff.out());
    }

    @Test
    void aHistoryThatCannotBeWrittenIsSaidOnceAndCostsNoCheck() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
        System.setProperty(org.connectdoctor.history.HistoryStore.DATA_PROPERTY, blocker.resolve("data").toString());
        CliRun r = cli("check", write(profile("refused")).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("6 checks: 6 met their expectation, 0 did not; "), r.out());
        List<String> said = r.err().lines().toList();
        assertEquals(1, said.size(), r.err());
        assertTrue(said.get(0).startsWith("connect-doctor: This run could not be added to the history "
                + blocker.resolve("data").resolve("history.jsonl")), r.err());
        assertTrue(said.get(0).endsWith(" 6 checks of this run were not kept."), r.err());
    }

    @Test
    void noHistoryKeepsTheChecksOut() throws Exception {
        CliRun r = cli("check", "--no-history", write(profile("refused")).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertFalse(Files.exists(OwnDataFolder.current().resolve("history.jsonl")));
        CliRun list = cli("history");
        assertTrue(list.out().contains("holds no runs yet"), list.out());
    }

    private static void assertRow(String row, String type, String verdict, String met, String cause) {
        assertTrue(row.matches(".*  " + type + " +" + verdict + " +[0-9.]+ ms  " + met + " +" + java.util.regex.Pattern.quote(cause) + ".*"),
                row);
    }

    @Test
    void anExpectationNotMetExitsOneAndEndsWithTheCommandsThatReproduceIt() throws Exception {
        CliRun r = cli("check", write(profile("reachable")).toString());
        assertEquals(CheckCommand.NOT_MET, r.exit(), r.out() + r.err());
        assertEquals(1, r.exit());
        assertRow(r.row("closed"), "stream", "refused", "NOT MET", "reachable expected; ECONNREFUSED");
        assertTrue(r.out().contains("6 checks: 5 met their expectation, 1 did not; "), r.out());
        assertTrue(r.out().contains("Reproduce with (Linux):\n  # closed\n  nc -vz -w 1 127.0.0.1 " + closed + "\n"
                + "  curl -v --connect-timeout 0.7 telnet://127.0.0.1:" + closed + "\n"), r.out());
    }

    @Test
    void jsonHoldsEveryCheckInProfileOrderWithItsFullReport() throws Exception {
        CliRun r = cli("check", "--json", write(profile("reachable")).toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("checklist", j.get("kind").asText());
        assertEquals(JsonReport.SCHEMA_VERSION, j.get("schema_version").asText());
        assertEquals(6, j.get("summary").get("checks").asInt());
        assertEquals(5, j.get("summary").get("met").asInt());
        List<String> names = j.get("checks").findValuesAsText("name");
        assertEquals(List.of("listening", "closed", "silent", "agent", "udp-echo", "udp-closed"), names);
        JsonNode c = j.get("checks").get(1);
        assertEquals("refused", c.get("verdict").asText());
        assertFalse(c.get("met").asBoolean());
        assertEquals("ECONNREFUSED", c.get("report").get("attempts").get(0).get("errno").get("symbol").asText());
        assertEquals("nc", c.get("report").get("reproduce").get("commands").get(0).get("program").asText());
        assertEquals("timed_out", j.get("checks").get(2).get("verdict").asText());
        assertEquals("answered", j.get("checks").get(4).get("verdict").asText());
        assertEquals(List.of("udp"), List.of(j.get("checks").get(4).get("tags").get(0).asText()));
    }

    @Test
    void csvAndMarkdownHoldOneLinePerCheck() throws Exception {
        Path p = write(profile("reachable"));
        CliRun csv = cli("check", "--csv", p.toString());
        assertEquals(1, csv.exit(), csv.err());
        String[] rows = csv.out().split("\r\n");
        assertEquals(7, rows.length, csv.out());
        assertEquals("name,target,type,expect,verdict,met,time_ms,errno,cause", rows[0]);
        assertTrue(rows[2].matches("closed,127\\.0\\.0\\.1:" + closed + ",stream,reachable,refused,false,[0-9.]+,"
                + "ECONNREFUSED,ECONNREFUSED Connection refused"), rows[2]);
        assertTrue(rows[4].startsWith("agent,unix:" + unixPath + ",stream,reachable,connected,true,"), rows[4]);
        CliRun md = cli("check", "--markdown", p.toString());
        assertEquals(1, md.exit(), md.err());
        assertTrue(md.out().startsWith("# Connect Doctor checklist: Loopback fixtures\n\n**6 checks: 5 met"), md.out());
        assertEquals(6, md.lines().stream().filter(l -> l.startsWith("| ") && !l.startsWith("| name")).count(), md.out());
        assertTrue(md.out().contains("| closed | 127.0.0.1:" + closed + " | stream | refused | "), md.out());
        assertTrue(md.out().contains("### closed\n\nReproduce with (Linux)\n\n```sh\nnc -vz -w 1 127.0.0.1 " + closed),
                md.out());
    }

    @Test
    void onlyAndTagChooseTheChecks() throws Exception {
        Path p = write(profile("reachable"));
        CliRun tag = cli("check", "--csv", "--tag", "udp", p.toString());
        assertEquals(0, tag.exit(), tag.out() + tag.err());
        assertEquals(3, tag.out().split("\r\n").length, tag.out());
        CliRun only = cli("check", "--csv", "--only", "listening,agent", p.toString());
        assertEquals(0, only.exit(), only.out() + only.err());
        assertTrue(only.out().contains("\r\nlistening,") && only.out().contains("\r\nagent,"), only.out());
        CliRun none = cli("check", "--only", "nope", p.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("no check of \"Loopback fixtures\" is named \"nope\". Its checks: \"listening\", "
                + "\"closed\""), none.err());
    }

    @Test
    void adHocTargetsAndStandardInput() throws Exception {
        CliRun r = cli("check", "--timeout", "1s", "--targets", "127.0.0.1:" + listening.getLocalPort() + "," + unixPath);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().startsWith("Checklist \"ad hoc\": 2 checks"), r.out());
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(profile("refused").getBytes(StandardCharsets.UTF_8)));
            CliRun stdin = cli("check", "--csv", "-");
            assertEquals(0, stdin.exit(), stdin.out() + stdin.err());
            assertEquals(7, stdin.out().split("\r\n").length, stdin.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aBadProfileRunsNothingAndSaysWhereAndWhat() throws Exception {
        Path p = write("name: x\nchecks:\n  - target: 127.0.0.1:" + listening.getLocalPort() + "\n"
                + "  - target: 127.0.0.1:" + closed + "\n    expect: closed\n");
        CliRun r = cli("check", p.toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("connect-doctor: the profile in " + p + " has problems; nothing was run:\n  " + p
                + ":5:13: \"closed\" is not an expectation. Use reachable, refused or blocked.\n", r.err());
        CliRun missing = cli("check", dir.resolve("none.yaml").toString());
        assertEquals(2, missing.exit());
        assertEquals("connect-doctor: The profile " + dir.resolve("none.yaml") + " does not exist.\n", missing.err());
        Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9, '\n'});
        CliRun latin = cli("check", dir.resolve("latin1.yaml").toString());
        assertEquals(2, latin.exit());
        assertTrue(latin.err().contains("is not UTF-8 text; save it as UTF-8."), latin.err());
        CliRun both = cli("check", "--targets", "a:1", p.toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("Give a profile FILE or --targets, not both."), both.err());
        CliRun neither = cli("check");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("Name a profile FILE (- for standard input)"), neither.err());
        CliRun formats = cli("check", "--json", "--csv", p.toString());
        assertEquals(2, formats.exit());
        assertTrue(formats.err().contains("mutually exclusive"), formats.err());
    }
}
