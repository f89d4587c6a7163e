package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS check in the history (#21 §3): a run whose connect worked but whose certificate fails
 * is not a success, and diff names the issuer that changed. Real TLS servers on loopback with
 * certificates the test makes, one after the other on the same port (the same target).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class TlsHistoryCliTest {

    private static final String NAME = "tls.test";

    @TempDir
    Path dir;

    @Test
    void anInspectingIssuerAfterAGoodOneIsTheLikelyCauseAndTheFailedCheckIsNoSuccess() throws Exception {
        TestCertificates.Issued root = TestCertificates.root("CN=Example Public Root G2, O=Example Trust, C=US");
        TestCertificates.Issued issuing = root.intermediate("CN=Example Issuing CA 1, O=Example Trust, C=US");
        Path rootPem = TestCertificates.writePem(dir.resolve("root.pem"), root.certificate());
        String target;
        int port;
        try (TlsPeers.Peer good = TlsPeers.tls(issuing.issue("CN=" + NAME, List.of(NAME), List.of()))) {
            port = good.port();
            target = good.target();
            CliRun ok = cli("probe", target, "--tls", "--tls-name", NAME, "--trust-store", rootPem.toString(),
                    "--timeout", "10s");
            assertEquals(0, ok.exit(), ok.out() + ok.err());
        }
        TestCertificates.Issued zscaler = TestCertificates.root("CN=Zscaler Root CA, O=Zscaler Inc., C=US");
        try (TlsPeers.Peer inspected = TlsPeers.tlsOn(port, zscaler.issue("CN=" + NAME, List.of(NAME), List.of()))) {
            CliRun bad = cli("probe", target, "--tls", "--tls-name", NAME, "--trust-store", rootPem.toString(),
                    "--timeout", "10s");
            assertEquals(1, bad.exit(), bad.out() + bad.err());
        }
        List<String> lines = Files.readAllLines(OwnDataFolder.current().resolve("history.jsonl"));
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"tlsIssuer\":{\"value\":\"Example Public Root G2\"}"), lines.get(0));
        assertTrue(lines.get(0).contains("\"tlsVerdict\":\"OK\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"tlsIssuer\":{\"value\":\"Zscaler Root CA\"}"), lines.get(1));
        assertTrue(lines.get(1).contains("\"tlsVerdict\":\"INSPECTED\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"tls\":true,\"tlsName\":\"" + NAME + "\""), lines.get(1));

        CliRun diff = cli("diff", target);
        assertEquals(1, diff.exit(), diff.out() + diff.err());
        assertTrue(diff.out().contains("connects, but the TLS check fails (inspected on the way (TLS inspection))"),
                diff.out());
        assertTrue(diff.out().contains("Likely cause: The certificate's issuer changed from Example Public Root G2 when "
                + "it worked to Zscaler Root CA now: the new issuer is a TLS-inspection product"), diff.out());

        CliRun history = cli("history");
        assertTrue(history.out().lines().anyMatch(l -> l.contains("TLS: inspected")), history.out());
        assertTrue(history.out().lines().anyMatch(l -> l.contains(" connected ")), history.out());
    }
}
