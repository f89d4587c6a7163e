package org.connectdoctor.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.tls.TlsVerdict;
import org.connectdoctor.tls.TrustSource;
import org.connectdoctor.tls.TrustStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code tls: true} in a profile: parsed, written back, and a TLS failure fails a reachable check. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsChecklistTest {

    @Test
    void tlsAndTlsNameAreReadAndWrittenBack() throws Exception {
        Profile p = ProfileParser.parse("""
                name: portal
                checks:
                  - name: web
                    target: 127.0.0.1:443
                    tls: true
                    tls_name: portal.test
                  - name: plain
                    target: 127.0.0.1:80
                  - name: by address
                    target: 127.0.0.1:8443
                    tls: true
                """, "test.yaml");
        assertEquals("portal.test", p.checks().get(0).request().tls().serverName());
        assertNull(p.checks().get(1).request().tls());
        assertEquals("127.0.0.1", p.checks().get(2).request().tls().serverName());
        Profile again = ProfileParser.parse(ProfileWriter.write(p), "again.yaml");
        assertEquals(p.checks().get(0).request().tls(), again.checks().get(0).request().tls());
        assertNull(again.checks().get(1).request().tls());
        assertEquals(p.checks().get(2).request().tls(), again.checks().get(2).request().tls());
    }

    @Test
    void badTlsLinesAreProblemsWithTheirLines() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileParser.parse("""
                name: bad
                checks:
                  - target: 127.0.0.1:443
                    tls: maybe
                  - target: 127.0.0.1:444
                    tls_name: x.test
                  - target: 127.0.0.1:53
                    type: dgram
                    tls: true
                """, "bad.yaml"));
        List<ProfileException.Problem> problems = e.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(4, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("not accepted for tls"), problems.get(0).message());
        assertEquals(6, problems.get(1).line());
        assertTrue(problems.get(2).message().contains("TLS runs over stream"), problems.get(2).message());
    }

    @Test
    void aTlsFailureFailsAReachableCheckAndSaysWhy() throws Exception {
        TestCertificates.Issued root = TestCertificates.root("CN=Checklist Test Root");
        Instant now = Instant.now();
        TrustStores stores = new TrustStores(TrustSource.of(TrustSource.Kind.JAVA, "test", List.of(root.certificate())),
                TrustSource.of(TrustSource.Kind.OPERATING_SYSTEM, "test os", List.of()));
        try (TlsPeers.Peer good = TlsPeers.tls(root.issue("CN=tls.test", List.of("tls.test"), List.of()));
             TlsPeers.Peer expired = TlsPeers.tls(root.issue("CN=tls.test", List.of("tls.test"), List.of(),
                     now.minus(Duration.ofDays(20)), now.minus(Duration.ofDays(10)), false));
             ProbeEngine engine = new ProbeEngine(NativeSockets.system(), () -> stores)) {
            Profile p = ProfileParser.parse("name: tls\nchecks:\n"
                    + "  - name: good\n    target: " + good.target() + "\n    tls: true\n    tls_name: tls.test\n"
                    + "  - name: expired\n    target: " + expired.target() + "\n    tls: true\n    tls_name: tls.test\n"
                    + "  - name: connect only\n    target: " + expired.target() + "\n", "run.yaml");
            ChecklistResult r = new ChecklistRunner(engine).run("tls", p.checks(), new ChecklistRunner.Listener() {
            });
            CheckResult ok = r.results().get(0);
            assertEquals(Verdict.CONNECTED, ok.verdict());
            assertTrue(ok.met());
            assertEquals(TlsVerdict.OK, ok.report().tls().verdict());
            CheckResult bad = r.results().get(1);
            assertEquals(Verdict.TLS_FAILED, bad.verdict());
            assertFalse(bad.met());
            assertEquals("TLS with tls.test: certificate expired", bad.cause());
            CheckResult plain = r.results().get(2);
            assertEquals(Verdict.CONNECTED, plain.verdict(), "no tls line: the connect alone decides");
            assertTrue(plain.met());
            assertFalse(r.allMet());
        }
    }
}
