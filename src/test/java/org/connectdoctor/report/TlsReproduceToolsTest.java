package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The openssl s_client and curl lines a TLS report gives, run by sh against the same loopback
 * server as the product: they see the same thing (a self-signed certificate, a server that does
 * not speak TLS). curl reaches the name through --connect-to, so no name is looked up.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsReproduceToolsTest {

    @BeforeAll
    static void tools() {
        assumeTrue(Os.current() == Os.LINUX, "the Linux commands are run on Linux");
        for (String tool : List.of("openssl", "curl")) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(d, tool));
            }
            assertTrue(found, tool + " is not installed: .ci/run installs openssl and curl");
        }
    }

    private record Result(int exit, String output) { }

    private static TlsCheck check(TlsPeers.Peer peer) throws Exception {
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true)
                    .tlsName("tls.test").timeout(Duration.ofSeconds(10)).build());
            return r.tls();
        }
    }

    private static Result run(ReproduceCommands.Command c) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", c.line() + " --max-time 10".repeat(c.program().equals("curl") ? 1 : 0))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p.getInputStream().transferTo(text);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), c.line());
        return new Result(p.exitValue(), text.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bothToolsSeeTheSelfSignedCertificate() throws Exception {
        try (TlsPeers.Peer peer = TlsPeers.tls(TestCertificates.selfSigned("CN=tls.test", List.of("tls.test"), List.of()))) {
            TlsCheck t = check(peer);
            assertEquals(TlsVerdict.SELF_SIGNED, t.verdict());
            List<ReproduceCommands.Command> commands = TlsReport.commands(t, Os.LINUX);
            Result openssl = run(commands.get(0));
            assertTrue(openssl.output().contains("CN = tls.test") || openssl.output().contains("CN=tls.test"), openssl.output());
            assertTrue(openssl.output().matches("(?s).*self[- ]signed certificate.*"), openssl.output());
            Result curl = run(commands.get(1));
            assertEquals(60, curl.exit(), "curl: peer certificate cannot be verified\n" + curl.output());
        }
    }

    @Test
    void bothToolsSeeNoTlsFromAPlainTextServer() throws Exception {
        try (TlsPeers.Peer peer = TlsPeers.greeting("220 mail.test ESMTP\r\n")) {
            TlsCheck t = check(peer);
            assertEquals(TlsVerdict.PLAIN_TEXT, t.verdict());
            List<ReproduceCommands.Command> commands = TlsReport.commands(t, Os.LINUX);
            Result openssl = run(commands.get(0));
            assertTrue(openssl.exit() != 0, openssl.output());
            assertTrue(openssl.output().contains("no peer certificate available"), openssl.output());
            Result curl = run(commands.get(1));
            assertEquals(35, curl.exit(), "curl: TLS connect error\n" + curl.output());
        }
    }

    /** The ticket a person copies or saves from the window carries the TLS section of the same run. */
    @Test
    void ticketsCarryTheTlsResult() throws Exception {
        try (TlsPeers.Peer peer = TlsPeers.tls(TestCertificates.selfSigned("CN=tls.test", List.of("tls.test"), List.of()));
             ProbeEngine engine = ProbeEngine.system()) {
            ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true)
                    .tlsName("tls.test").timeout(Duration.ofSeconds(10)).build());
            SystemInfo system = SystemInfo.current();
            String text = TicketReport.text(r, null, system);
            assertTrue(text.contains("TLS:           tls.test: self-signed certificate"), text);
            assertTrue(text.contains("TLS with tls.test at " + peer.target()), text);
            assertTrue(text.contains("    1. CN=tls.test"), text);
            String md = TicketReport.markdown(r, null, system);
            assertTrue(md.contains("| TLS | tls.test: self-signed certificate |"), md);
            assertTrue(md.contains("## TLS"), md);
            assertTrue(md.contains("| 1 | CN=tls.test | CN=tls.test |"), md);
            assertTrue(md.contains("### Reproduce the TLS handshake"), md);
        }
    }
}
