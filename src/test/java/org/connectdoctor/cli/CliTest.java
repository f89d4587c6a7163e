package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line as a user runs it: output, JSON and exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {

    private record Run(int exit, String out, String err) { }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusedPortPrintsTheErrnoLikeCurlAndExitsOne() throws Exception {
        int port = Loopback.closedTcpPort();
        Run r = cli("probe", "127.0.0.1:" + port);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("*   Trying 127.0.0.1:" + port + " (TCP over IPv4)..."), r.out());
        assertTrue(r.out().contains("connect to 127.0.0.1 port " + port), r.out());
        assertTrue(r.out().contains("failed: ECONNREFUSED (111) Connection refused"), r.out());
        assertTrue(r.out().contains("Failed to connect to 127.0.0.1 port " + port + " after "), r.out());
    }

    @Test
    void connectedExitsZero() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run r = cli("probe", "localhost:" + server.getLocalPort(), "-4");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Connected to localhost port " + server.getLocalPort() + " (127.0.0.1) after"),
                    r.out());
        }
    }

    @Test
    void badInputExitsTwoWithTheParsersMessageAndNoStackTrace() {
        Run r = cli("probe", "localhost:0");
        assertEquals(2, r.exit());
        assertEquals("connect-doctor: Port 0 cannot be connected to. Enter a port from 1 to 65535.\n", r.err());
        assertEquals("", r.out());
        Run t = cli("probe", "--timeout", "5", "localhost:80");
        assertEquals(2, t.exit());
        assertTrue(t.err().contains("\"5\" has no unit."), t.err());
        Run type = cli("probe", "--type", "raw", "localhost:80");
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("\"raw\" is not a socket type."), type.err());
        Run missing = cli("probe");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required parameter: 'TARGET'"), missing.err());
    }

    @Test
    void resolutionFailureExitsThree() {
        // An unknown service name fails in getaddrinfo from /etc/services alone: no DNS query is sent.
        Run r = cli("probe", "127.0.0.1:no-such-service-xyz");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Could not resolve 127.0.0.1: EAI_SERVICE (-8)"), r.out());
    }

    @Test
    void jsonCarriesTheWholeReportWithStableNames() throws Exception {
        int port = Loopback.closedTcpPort();
        Run r = cli("probe", "--json", "--count", "2", "--interval", "0s", "127.0.0.1:" + port);
        assertEquals(1, r.exit());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(1, json.get("format").asInt());
        assertEquals("127.0.0.1:" + port, json.at("/request/target").asText());
        assertEquals("stream", json.at("/request/type").asText());
        assertEquals("failed", json.get("outcome").asText());
        JsonNode attempt = json.at("/attempts/0");
        assertEquals("ECONNREFUSED", attempt.at("/errno/symbol").asText());
        assertEquals(111, attempt.at("/errno/number").asInt());
        assertEquals("Connection refused", attempt.at("/errno/message").asText());
        assertEquals("IPv4", attempt.get("family").asText());
        assertTrue(attempt.get("elapsed_us").asDouble() > 0);
        assertEquals(2, json.at("/statistics/sent").asInt());
        assertEquals(100.0, json.at("/statistics/loss_percent").asDouble());
        assertTrue(json.at("/resolution/numeric").asBoolean());
    }

    @Test
    void repeatedProbesPrintStatistics() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run r = cli("probe", "-c", "3", "-i", "0s", "127.0.0.1:" + server.getLocalPort());
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("3 probes, 3 connected, 0 failed, 0.0% loss"), r.out());
            assertTrue(r.out().contains("connect time min/avg/max/mdev = "), r.out());
        }
    }

    @Test
    void probeExplainsAfterTheVerdict() throws Exception {
        int port = Loopback.closedTcpPort();
        Run r = cli("probe", "127.0.0.1:" + port);
        String out = r.out();
        int verdict = out.indexOf("Failed to connect");
        int meaning = out.indexOf("What it means");
        assertTrue(verdict >= 0 && meaning > verdict, out);
        assertTrue(out.contains("Usually at fault: the remote service."), out);
        assertTrue(out.contains("Nothing on this computer listens on TCP port " + port), out);
        assertTrue(out.contains("What to do\n  1. "), out);
        assertTrue(out.contains("From the manual: connect(2)"), out);
        assertTrue(out.contains("A connect() on a stream socket found no one listening on the remote"), out);
        Run brief = cli("probe", "--brief", "127.0.0.1:" + port);
        assertTrue(!brief.out().contains("What it means"), brief.out());
    }

    @Test
    void jsonIncludesTheExplanation() throws Exception {
        Run r = cli("probe", "--json", "127.0.0.1:" + Loopback.closedTcpPort());
        JsonNode e = new ObjectMapper().readTree(r.out()).get("explanation");
        assertEquals("ECONNREFUSED", e.get("key").asText());
        assertEquals(111, e.get("number").asInt());
        assertEquals("remote_service", e.get("fault").asText());
        assertTrue(e.get("steps").size() >= 3);
        assertEquals("connect(2)", e.at("/man/page").asText());
        assertEquals("installed", e.at("/man/source").asText());
        assertTrue(e.at("/man/text").asText().contains("no one listening"), e.toString());
        assertEquals("listeners", e.at("/findings/0/check").asText());
    }

    @Test
    void explainWorksWithoutProbingByNameNumberAndCall() {
        Run byName = cli("explain", "ECONNREFUSED");
        assertEquals(0, byName.exit(), byName.err());
        assertTrue(byName.out().startsWith("What it means\n  ECONNREFUSED (111) Connection refused: "), byName.out());
        assertTrue(byName.out().contains("From the manual: connect(2)"), byName.out());
        Run byNumber = cli("explain", "111");
        assertEquals(byName.out(), byNumber.out());
        Run bind = cli("explain", "--call", "bind", "EADDRINUSE");
        assertTrue(bind.out().contains("From the manual: bind(2)"), bind.out());
        Run gai = cli("explain", "EAI_AGAIN");
        assertTrue(gai.out().contains("From the manual: getaddrinfo(3)"), gai.out());
        Run verdict = cli("explain", "TIMED_OUT");
        assertTrue(verdict.out().contains("within your limit of the time limit") || verdict.out().contains("TIMED_OUT"),
                verdict.out());
        Run unknown = cli("explain", "EWHATEVER");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("\"EWHATEVER\" is not an errno name."), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void manPrintsPagesAndEntries() {
        Run page = cli("man", "connect", "2");
        assertEquals(0, page.exit(), page.err());
        assertTrue(page.out().contains("\nSEE ALSO\n"), page.out());
        Run ref = cli("man", "socket(7)");
        assertEquals(0, ref.exit(), ref.err());
        Run entry = cli("man", "connect", "--entry", "etimedout");
        assertTrue(entry.out().contains("Timeout while attempting connection."), entry.out());
        Run bad = cli("man", "../../etc/passwd");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("is not a man page name"), bad.err());
        Run missing = cli("man", "no-such-page-here", "2");
        assertEquals(1, missing.exit());
    }

    @Test
    void versionAndHelpWork() {
        Run v = cli("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("connect-doctor "), v.out());
        Run h = cli("probe", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--all-addresses"), h.out());
        assertTrue(h.out().contains("Exit codes:"), h.out());
    }
}
