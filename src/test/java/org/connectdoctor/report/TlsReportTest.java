package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.Fault;
import org.connectdoctor.explain.TlsExplainer;
import org.connectdoctor.explain.TlsExplanation;
import org.connectdoctor.net.Os;
import org.connectdoctor.tls.CertificateInfo;
import org.connectdoctor.tls.InspectionProduct;
import org.connectdoctor.tls.TlsAlert;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.connectdoctor.tls.TrustResult;
import org.connectdoctor.tls.TrustSource;
import org.connectdoctor.testing.TlsChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The words of each TLS verdict, made from checks built here (the servers behind them are in
 * TlsCheckTest and TlsCliTest): every verdict has its own explanation, the clock is named when a
 * certificate starts days after it, and the reproduce lines fit the system and the name.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsReportTest {

    static final Instant NOW = TlsChecks.NOW;

    static CertificateInfo cert(String subject, String issuer, Instant from, Instant to, List<String> names) {
        return TlsChecks.cert(subject, issuer, from, to, names);
    }

    static TlsCheck check(TlsVerdict v, List<CertificateInfo> chain, String host, String name) {
        return TlsChecks.check(v, chain, host, name);
    }

    static TlsCheck of(TlsVerdict v) {
        return TlsChecks.of(v);
    }

    @Test
    void everyVerdictHasItsOwnExplanationAndWords() {
        Set<String> headlines = new HashSet<>();
        Set<String> words = new HashSet<>();
        for (TlsVerdict v : TlsVerdict.values()) {
            TlsExplanation e = TlsExplainer.explain(of(v), Os.LINUX);
            assertEquals(v, e.verdict());
            assertFalse(e.steps().isEmpty(), v + " has steps");
            assertTrue(headlines.add(e.headline()), v + " has a headline of its own: " + e.headline());
            assertTrue(words.add(v.words()), v + " has words of its own");
            assertEquals(v == TlsVerdict.OK || v == TlsVerdict.CANCELLED, e.fault() == Fault.NONE, v.toString());
        }
    }

    @Test
    void aCertificateThatStartsDaysAfterTheClockNamesTheClock() {
        TlsExplanation e = TlsExplainer.explain(of(TlsVerdict.NOT_YET_VALID), Os.WINDOWS);
        assertTrue(e.headline().contains("this computer's clock is probably wrong"), e.headline());
        assertTrue(e.headline().contains("400 days"), e.headline());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.findings().contains("This computer's clock read 2026-12-07 12:00 UTC during the check."), e.findings().toString());
        assertTrue(e.steps().get(0).contains("w32tm /resync"), e.steps().get(0));
    }

    @Test
    void anExpiredCertificateGivesItsDateAndTheClock() {
        TlsExplanation e = TlsExplainer.explain(of(TlsVerdict.EXPIRED), Os.LINUX);
        assertTrue(e.headline().contains("expired on 2026-12-05 12:00 UTC, 2 days before this computer's clock "
                + "(2026-12-07 12:00 UTC)"), e.headline());
        assertTrue(String.join(" ", e.steps()).contains("A clock wrong by days would explain this too"), e.steps().toString());
    }

    @Test
    void inspectionSaysByWhatAndHowToImportTheRoot() {
        TlsExplanation linux = TlsExplainer.explain(of(TlsVerdict.INSPECTED), Os.LINUX);
        assertTrue(linux.headline().contains("Zscaler Internet Access"), linux.headline());
        String steps = String.join("\n", linux.steps());
        assertTrue(steps.contains("keytool -importcert -cacerts"), steps);
        assertTrue(steps.contains("update-ca-certificates"), steps);
        String windows = String.join("\n", TlsExplainer.explain(of(TlsVerdict.INSPECTED), Os.WINDOWS).steps());
        assertTrue(windows.contains("Cert:\\LocalMachine\\Root"), windows);
        String mac = String.join("\n", TlsExplainer.explain(of(TlsVerdict.INSPECTED), Os.MACOS).steps());
        assertTrue(mac.contains("security add-trusted-cert"), mac);
    }

    @Test
    void trustFindingsNameTheStoresConsulted() {
        TlsExplanation e = TlsExplainer.explain(of(TlsVerdict.TRUSTED_BY_OS_NOT_JAVA), Os.LINUX);
        assertTrue(e.findings().contains("Java: the JDK's cacerts (x) does not trust the chain."), e.findings().toString());
        assertTrue(e.findings().contains("The operating system: the system bundle (y) trusts the chain (through "
                + "CN=Corp Root)."), e.findings().toString());
    }

    @Test
    void reproduceLinesFitTheSystemAndTheName() {
        TlsCheck t = check(TlsVerdict.OK, List.of(cert("CN=a", "CN=b", NOW, NOW, List.of())), "192.0.2.7", "portal.test");
        List<ReproduceCommands.Command> sh = TlsReport.commands(t, Os.LINUX);
        assertEquals("openssl s_client -connect 192.0.2.7:443 -servername portal.test -showcerts </dev/null", sh.get(0).line());
        assertEquals("curl -v --connect-to portal.test:443:192.0.2.7:443 https://portal.test:443/ -o /dev/null",
                sh.get(1).line());
        List<ReproduceCommands.Command> win = TlsReport.commands(t, Os.WINDOWS);
        assertEquals("curl.exe", win.get(1).program());
        assertTrue(win.get(1).line().startsWith("curl.exe -v --connect-to"), win.get(1).line());
        TlsCheck v6 = check(TlsVerdict.OK, List.of(cert("CN=a", "CN=b", NOW, NOW, List.of())), "::1", "::1");
        assertEquals("openssl s_client -connect '[::1]:443' -showcerts </dev/null",
                TlsReport.commands(v6, Os.LINUX).get(0).line(), "no SNI for an address");
        TlsCheck hostile = check(TlsVerdict.OK, List.of(cert("CN=a", "CN=b", NOW, NOW, List.of())), "x.test", "a'b;rm");
        assertTrue(TlsReport.commands(hostile, Os.LINUX).get(0).line().contains("-servername 'a'\\''b;rm'"));
    }

    @Test
    void plainTextShowsTheFirstBytesSafely() {
        TlsCheck t = of(TlsVerdict.PLAIN_TEXT);
        String text = TlsReport.text(t, Os.LINUX, false);
        assertTrue(text.contains("First bytes: \"HTTP/1.1 400 Bad Request\\r\\n\""), text);
        assertTrue(text.replaceAll("\\s+", " ").contains("a web server without TLS"), text);
    }

    @Test
    void markdownCarriesTheChainAndTheExplanation() {
        String md = TlsReport.markdown(of(TlsVerdict.NAME_MISMATCH), Os.LINUX);
        assertTrue(md.contains("## TLS"), md);
        assertTrue(md.contains("| 1 | CN=www.test | CN=Issuing CA |"), md);
        assertTrue(md.contains("### What to do about TLS"), md);
        assertTrue(md.contains("openssl s_client -connect www.test:443 -servername www.test"), md);
    }
}
