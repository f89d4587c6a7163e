package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.report.TlsReport;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TestCertificates.Issued;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe --tls} from the command line: each loopback server gives its verdict, the text
 * and the JSON of the same server agree, the connect's verdict line stays, and bad input is one
 * line and exit 2.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsCliTest {

    static final String NAME = "tls.test";
    static Issued root;
    static Issued issuing;
    @TempDir
    static Path dir;
    static Path rootPem;
    static Path notAStore;

    @BeforeAll
    static void authorities() {
        root = TestCertificates.root("CN=Connect Doctor CLI Test Root");
        issuing = root.intermediate("CN=Connect Doctor CLI Test Issuing CA");
        rootPem = TestCertificates.writePem(dir.resolve("root.pem"), root.certificate());
        try {
            notAStore = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "not a trust store\n");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** One server and what the check of it must say. */
    record Case(String what, TlsVerdict verdict, String timeout) {
    }

    private static TlsPeers.Peer start(Case c) throws Exception {
        Instant now = Instant.now();
        return switch (c.verdict()) {
            case OK -> TlsPeers.tls(issuing.issue("CN=" + NAME, List.of(NAME), List.of()));
            case EXPIRED -> TlsPeers.tls(issuing.issue("CN=" + NAME, List.of(NAME), List.of(),
                    now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(3)), false));
            case NOT_YET_VALID -> TlsPeers.tls(issuing.issue("CN=" + NAME, List.of(NAME), List.of(),
                    now.plus(Duration.ofDays(5)), now.plus(Duration.ofDays(90)), false));
            case NAME_MISMATCH -> TlsPeers.tls(issuing.issue("CN=other.test", List.of("other.test"), List.of()));
            case SELF_SIGNED -> TlsPeers.tls(TestCertificates.selfSigned("CN=" + NAME, List.of(NAME), List.of()));
            case INSPECTED -> TlsPeers.tls(TestCertificates.root("CN=Zscaler Root CA, O=Zscaler Inc., C=US")
                    .issue("CN=" + NAME, List.of(NAME), List.of()));
            case UNTRUSTED_ISSUER -> TlsPeers.tls(TestCertificates.root("CN=Unknown Root")
                    .intermediate("CN=Unknown Issuing CA").issue("CN=" + NAME, List.of(NAME), List.of()));
            case PROTOCOL_MISMATCH -> TlsPeers.tls(issuing.issue("CN=" + NAME, List.of(NAME), List.of()), "TLSv1");
            case PLAIN_TEXT -> TlsPeers.http();
            case RESET_DURING_HANDSHAKE -> TlsPeers.resetting();
            case CLOSED_DURING_HANDSHAKE -> TlsPeers.closing();
            case NO_ANSWER -> TlsPeers.silent();
            default -> throw new AssertionError(c);
        };
    }

    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        for (TlsVerdict v : List.of(TlsVerdict.OK, TlsVerdict.EXPIRED, TlsVerdict.NOT_YET_VALID, TlsVerdict.NAME_MISMATCH,
                TlsVerdict.SELF_SIGNED, TlsVerdict.INSPECTED, TlsVerdict.UNTRUSTED_ISSUER, TlsVerdict.PROTOCOL_MISMATCH,
                TlsVerdict.PLAIN_TEXT, TlsVerdict.RESET_DURING_HANDSHAKE, TlsVerdict.CLOSED_DURING_HANDSHAKE,
                TlsVerdict.NO_ANSWER)) {
            all.add(new Case(v.name(), v, v == TlsVerdict.NO_ANSWER ? "300ms" : "10s"));
        }
        return all;
    }

    @Test
    void textAndJsonGiveTheSameVerdictForEveryServer() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        for (Case c : cases()) {
            try (TlsPeers.Peer peer = start(c)) {
                String[] common = {"probe", peer.target(), "--tls", "--tls-name", NAME, "--trust-store", rootPem.toString(),
                        "--timeout", c.timeout(), "--no-history"};
                CliRun text = CliRun.cli(common);
                CliRun json = CliRun.cli(concat(common, "--json"));
                int expectedExit = c.verdict() == TlsVerdict.OK ? 0 : 1;
                assertEquals(expectedExit, text.exit(), c + "\n" + text.out() + text.err());
                assertEquals(expectedExit, json.exit(), c + "\n" + json.err());
                assertTrue(text.out().contains("Connected to 127.0.0.1 port " + peer.port()),
                        "the connect's verdict stays: " + text.out());
                String protocol = tls(json).get("protocol").isNull() ? "" : " (" + tls(json).get("protocol").asText() + ")";
                assertTrue(text.out().contains("TLS with " + NAME + " at " + peer.target() + protocol + ": "
                        + TlsReport.words(c.verdict())), c + "\n" + text.out());
                JsonNode doc = mapper.readTree(json.out());
                assertEquals("connected", doc.get("outcome").asText(), c.what());
                JsonNode tls = doc.get("tls");
                assertEquals(c.verdict().name().toLowerCase(java.util.Locale.ROOT), tls.get("verdict").asText(), c.what());
                assertEquals(tls.get("explanation").get("headline").asText().isEmpty(), false);
                assertTrue(text.out().contains(tls.get("explanation").get("fault").asText().replace('_', ' ')),
                        "the same fault in both: " + c.what());
                assertTrue(text.out().contains("openssl s_client -connect " + peer.target() + " -servername " + NAME),
                        text.out());
                if (tls.get("chain").size() > 0) {
                    String subject = tls.get("chain").get(0).get("subject").asText();
                    assertTrue(text.out().contains("1. " + subject), "the chain in both: " + text.out());
                }
            }
        }
    }

    @Test
    void briefLeavesOutTheExplanationButNotTheResult() throws Exception {
        try (TlsPeers.Peer peer = TlsPeers.tls(issuing.issue("CN=other.test", List.of("other.test"), List.of()))) {
            CliRun r = CliRun.cli("probe", peer.target(), "--tls", "--tls-name", NAME, "--brief", "--no-history");
            assertEquals(1, r.exit());
            assertTrue(r.out().contains("certificate is for another name"), r.out());
            assertTrue(r.out().contains("names other.test"), r.out());
            assertFalse(r.out().contains("What to do about TLS"), r.out());
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        List<String[]> bad = List.of(
                new String[] {"probe", "127.0.0.1:443", "--tls", "-t", "dgram"},
                new String[] {"probe", "/run/app.sock", "--tls"},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--tls-name", ""},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--tls-name", "a b"},
                new String[] {"probe", "127.0.0.1:443", "--tls-name", "x.test"},
                new String[] {"probe", "127.0.0.1:443", "--trust-store", "x.pem"},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--trust-store", dir.resolve("missing.pem").toString()},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--trust-store", dir.toString()},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--trust-store", "/dev/zero"},
                new String[] {"probe", "127.0.0.1:443", "--tls", "--trust-store", notAStore.toString()});
        for (String[] args : bad) {
            CliRun r = CliRun.cli(concat(args, "--no-history"));
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertEquals("", r.out());
        }
    }

    private static JsonNode tls(CliRun json) throws Exception {
        return new ObjectMapper().readTree(json.out()).get("tls");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
