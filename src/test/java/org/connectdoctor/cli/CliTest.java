package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: output, JSON and exit codes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class CliTest {

    @Test
    void refusedPortPrintsTheErrnoLikeCurlAndExitsOne() throws Exception {
        int port = Loopback.closedTcpPort();
        CliRun r = cli("probe", "127.0.0.1:" + port);
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("*   Trying 127.0.0.1:" + port + " (TCP over IPv4)..."), r.out());
        assertTrue(r.out().contains("connect to 127.0.0.1 port " + port), r.out());
        assertTrue(r.out().contains("failed: ECONNREFUSED (111) Connection refused"), r.out());
        assertTrue(r.out().contains("Failed to connect to 127.0.0.1 port " + port + " after "), r.out());
    }

    @Test
    void connectedExitsZero() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CliRun r = cli("probe", "localhost:" + server.getLocalPort(), "-4");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("Connected to localhost port " + server.getLocalPort() + " (127.0.0.1) after"),
                    r.out());
        }
    }

    @Test
    void badInputExitsTwoWithTheParsersMessageAndNoStackTrace() {
        CliRun r = cli("probe", "localhost:0");
        assertEquals(2, r.exit());
        assertEquals("connect-doctor: Port 0 cannot be connected to. Enter a port from 1 to 65535.\n", r.err());
        assertEquals("", r.out());
        CliRun t = cli("probe", "--timeout", "5", "localhost:80");
        assertEquals(2, t.exit());
        assertTrue(t.err().contains("\"5\" has no unit."), t.err());
        CliRun type = cli("probe", "--type", "raw", "localhost:80");
        assertEquals(2, type.exit());
        assertTrue(type.err().contains("\"raw\" is not a socket type."), type.err());
        CliRun missing = cli("probe");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("Missing required parameter: 'TARGET'"), missing.err());
    }

    @Test
    void resolutionFailureExitsThree() {
        // An unknown service name fails in getaddrinfo from /etc/services alone: no DNS query is sent.
        CliRun r = cli("probe", "127.0.0.1:no-such-service-xyz");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("Could not resolve 127.0.0.1: EAI_SERVICE (-8)"), r.out());
    }

    @Test
    void jsonCarriesTheWholeReportWithStableNames() throws Exception {
        int port = Loopback.closedTcpPort();
        CliRun r = cli("probe", "--json", "--count", "2", "--interval", "0s", "127.0.0.1:" + port);
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
            CliRun r = cli("probe", "-c", "3", "-i", "0s", "127.0.0.1:" + server.getLocalPort());
            assertEquals(0, r.exit());
            assertTrue(r.out().contains("3 probes, 3 connected, 0 failed, 0.0% loss"), r.out());
            assertTrue(r.out().contains("connect time min/avg/max/mdev = "), r.out());
        }
    }

    @Test
    void probeExplainsAfterTheVerdict() throws Exception {
        int port = Loopback.closedTcpPort();
        CliRun r = cli("probe", "127.0.0.1:" + port);
        String out = r.out();
        int verdict = out.indexOf("Failed to connect");
        int meaning = out.indexOf("What it means");
        assertTrue(verdict >= 0 && meaning > verdict, out);
        assertTrue(out.contains("Usually at fault: the remote service."), out);
        assertTrue(out.contains("Nothing on this computer listens on TCP port " + port), out);
        assertTrue(out.contains("What to do\n  1. "), out);
        assertTrue(out.contains("From the manual: connect(2)"), out);
        assertTrue(out.contains("A connect() on a stream socket found no one listening on the remote"), out);
        CliRun brief = cli("probe", "--brief", "127.0.0.1:" + port);
        assertTrue(!brief.out().contains("What it means"), brief.out());
    }

    @Test
    void jsonIncludesTheExplanation() throws Exception {
        CliRun r = cli("probe", "--json", "127.0.0.1:" + Loopback.closedTcpPort());
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
        CliRun byName = cli("explain", "ECONNREFUSED");
        assertEquals(0, byName.exit(), byName.err());
        assertTrue(byName.out().startsWith("What it means\n  ECONNREFUSED (111) Connection refused: "), byName.out());
        assertTrue(byName.out().contains("From the manual: connect(2)"), byName.out());
        CliRun byNumber = cli("explain", "111");
        assertEquals(byName.out(), byNumber.out());
        CliRun bind = cli("explain", "--call", "bind", "EADDRINUSE");
        assertTrue(bind.out().contains("From the manual: bind(2)"), bind.out());
        CliRun gai = cli("explain", "EAI_AGAIN");
        assertTrue(gai.out().contains("From the manual: getaddrinfo(3)"), gai.out());
        CliRun verdict = cli("explain", "TIMED_OUT");
        assertTrue(verdict.out().contains("within your limit of the time limit") || verdict.out().contains("TIMED_OUT"),
                verdict.out());
        CliRun unknown = cli("explain", "EWHATEVER");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("\"EWHATEVER\" is not an errno name."), unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void manPrintsPagesAndEntries() {
        CliRun page = cli("man", "connect", "2");
        assertEquals(0, page.exit(), page.err());
        assertTrue(page.out().contains("\nSEE ALSO\n"), page.out());
        CliRun ref = cli("man", "socket(7)");
        assertEquals(0, ref.exit(), ref.err());
        CliRun entry = cli("man", "connect", "--entry", "etimedout");
        assertTrue(entry.out().contains("Timeout while attempting connection."), entry.out());
        CliRun bad = cli("man", "../../etc/passwd");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("is not a man page name"), bad.err());
        CliRun missing = cli("man", "no-such-page-here", "2");
        assertEquals(1, missing.exit());
    }

    @Test
    void versionAndHelpWork() {
        CliRun v = cli("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("connect-doctor "), v.out());
        CliRun h = cli("probe", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--all-addresses"), h.out());
        assertTrue(h.out().contains("Exit codes:"), h.out());
    }

    @Test
    void aMistypedOptionIsReportedWithSuggestionsNotBlamedOnTheTarget() {
        CliRun r = cli("probe", "--brif", "127.0.0.1:1");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        // one line: picocli's message, its suggestions, where help is
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("connect-doctor: Unknown option: '--brif'. Did you mean "), r.err());
        assertTrue(r.err().contains("--brief?"), r.err());
        assertTrue(r.err().endsWith(" See 'connect-doctor probe --help'.\n"), r.err());
        assertTrue(!r.err().contains("127.0.0.1:1") && !r.err().contains("\tat "), r.err());
        CliRun bogus = cli("probe", "--bogus", "127.0.0.1:1");
        assertEquals(2, bogus.exit());
        assertTrue(bogus.err().startsWith("connect-doctor: Unknown option: '--bogus'."), bogus.err());
        CliRun explain = cli("explain", "--jsn", "EPIPE");
        assertEquals(2, explain.exit());
        assertTrue(explain.err().contains("Unknown option: '--jsn'. Did you mean --json?"), explain.err());
    }

    @Test
    void theBenchIsADeveloperToolNotACommandOfTheInstalledCli() {
        // src/bench/run.sh runs it from the source tree; help-desk staff never start nmap through us.
        CliRun r = cli("bench", "--count", "100");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        // picocli suggests the nearest command by spelling (check, today); the message names the
        // unknown word and where to look, whatever it suggests
        assertTrue(r.err().startsWith("connect-doctor: Unmatched arguments from index 0: 'bench', '--count', '100'. "),
                r.err());
        assertTrue(r.err().endsWith("See 'connect-doctor --help'.\n"), r.err());
        CliRun help = cli("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("probe") && !help.out().contains("bench"), help.out());
    }

    @Test
    void numbersAreAsciiAndLongValuesAreShownShortened() {
        CliRun wide = cli("probe", "--count", "\uff11\uff12\uff17", "--interval", "0s", "127.0.0.1:1");
        assertEquals(2, wide.exit(), wide.err());
        assertEquals("connect-doctor: Invalid value for option '--count': '\uff11\uff12\uff17' is not a whole number "
                + "(digits 0-9). See 'connect-doctor probe --help'.\n", wide.err());
        CliRun huge = cli("probe", "--count", "9".repeat(100_000), "127.0.0.1:1");
        assertEquals(2, huge.exit());
        assertEquals(1, huge.err().lines().count(), huge.err());
        assertTrue(huge.err().length() < 300 && huge.err().contains("(100000 characters)"), huge.err());
        CliRun nul = cli("explain", "ECONNREFUSED\u0000");
        assertEquals(2, nul.exit());
        assertTrue(nul.err().startsWith("connect-doctor: \"ECONNREFUSEDU+0000\" is not"), nul.err());
    }

    @Test
    void aTargetBeginningWithADashGoesAfterTheEndOfOptions() {
        CliRun dash = cli("probe", "-x.example:80");
        assertEquals(2, dash.exit());
        assertTrue(dash.err().startsWith("connect-doctor: Unknown option: '-x.example:80'. "
                + "A TARGET that begins with '-' goes after --: "), dash.err());
        CliRun after = cli("probe", "--", "-x.example:80");
        assertEquals(2, after.exit());
        assertEquals("connect-doctor: The host name part \"-x\" begins or ends with '-', which host names do not.\n",
                after.err());
        CliRun negative = cli("explain", "-2"); // a negative number is a getaddrinfo code, not an option
        assertEquals(0, negative.exit(), negative.err());
        assertTrue(negative.out().startsWith("What it means\n  EAI_NONAME (-2)"), negative.out());
    }

    @Test
    void aPayloadFileThatCannotBeUsedGetsOneLine(@TempDir Path dir) throws Exception {
        String target = "127.0.0.1:" + Loopback.closedUdpPort();
        CliRun missing = cli("probe", "-t", "dgram", "--payload-file", dir.resolve("nope.bin").toString(), target);
        assertEquals(2, missing.exit());
        assertEquals("connect-doctor: The payload file " + dir.resolve("nope.bin") + " does not exist.\n", missing.err());
        Path big = Files.write(dir.resolve("big.bin"), new byte[65_536]);
        CliRun tooBig = cli("probe", "-t", "dgram", "--payload-file", big.toString(), target);
        assertEquals(2, tooBig.exit());
        assertEquals("connect-doctor: The payload file " + big + " holds more than 65535 bytes, the most --payload-file "
                + "reads (a UDP datagram carries at most 65507 bytes over IPv4, 65527 over IPv6).\n", tooBig.err());
        CliRun directory = cli("probe", "-t", "dgram", "--payload-file", dir.toString(), target);
        assertEquals(2, directory.exit());
        assertEquals("connect-doctor: " + dir + " is a directory; --payload-file takes a file, or - for standard input.\n",
                directory.err());
        CliRun both = cli("probe", "-t", "dgram", "--payload", "x", "--payload-file", big.toString(), target);
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("are mutually exclusive"), both.err());
        Path small = Files.write(dir.resolve("small.bin"), new byte[] {1, 2});
        CliRun tcp = cli("probe", "--payload-file", small.toString(), target);
        assertEquals(2, tcp.exit());
        assertTrue(tcp.err().startsWith("connect-doctor: A payload is sent by datagram probes only"), tcp.err());
    }

    @Test
    void aMaximumSizeDatagramFromAFileIsAnsweredAndItsReplyShownShort(@TempDir Path dir) throws Exception {
        byte[] payload = new byte[65_507];
        java.util.Arrays.fill(payload, (byte) 0xab);
        Path file = Files.write(dir.resolve("datagram.bin"), payload);
        try (DatagramSocket echo = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            echo.setReceiveBufferSize(1 << 20);
            Thread responder = new Thread(() -> {
                try {
                    DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
                    echo.receive(packet);
                    echo.send(new DatagramPacket(packet.getData(), packet.getLength(), packet.getSocketAddress()));
                } catch (IOException closed) {
                    // the test ended
                }
            });
            responder.start();
            CliRun r = cli("probe", "-t", "dgram", "--payload-file", file.toString(), "--brief", "127.0.0.1:" + echo.getLocalPort());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains(": 65507 bytes 0x" + "ab".repeat(64) + "... (first 64 bytes shown)\n"), r.out());
            assertTrue(r.out().contains("Answered by 127.0.0.1 port " + echo.getLocalPort()), r.out());
        }
    }

    @Test
    void jsonNamesTheAttemptTheVerdictRestsOn() throws Exception {
        CliRun refused = cli("probe", "--json", "--brief", "-c", "3", "-i", "0s", "127.0.0.1:" + Loopback.closedTcpPort());
        JsonNode failed = new ObjectMapper().readTree(refused.out());
        assertEquals(3, failed.get("attempts").size());
        assertEquals(2, failed.get("decisive_attempt").asInt(), "the last round's attempt");
        assertTrue(!failed.has("explanation") && !failed.has("explanation_error"), refused.out());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            CliRun ok = cli("probe", "--json", "-c", "2", "-i", "0s", "127.0.0.1:" + server.getLocalPort());
            JsonNode json = new ObjectMapper().readTree(ok.out());
            assertEquals(0, json.get("decisive_attempt").asInt(), "the first success");
            assertEquals("connected", json.get("outcome").asText());
            assertEquals("CONNECTED", json.at("/explanation/key").asText());
        }
    }

    @Test
    void outputThatCannotBeWrittenIsReportedWithExitFour() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        java.io.OutputStream full = new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        int exit = Cli.run(new String[] {"explain", "ECONNREFUSED"}, full, err);
        assertEquals(4, exit);
        assertEquals("connect-doctor: could not write the output: No space left on device\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
