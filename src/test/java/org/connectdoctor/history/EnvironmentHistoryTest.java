package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The facts recorded after the path facts (TLS issuer and verdict, IPv6, firewall, TLS and racing
 * options): additive in the line, compared only when both runs recorded them, and ranked by the
 * failure (a firewall change first for EPERM, the issuer first for a failed TLS check).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EnvironmentHistoryTest {

    private static final Instant T0902 = Instant.parse("2026-12-01T09:02:00Z");
    private static final Instant T1130 = Instant.parse("2026-12-01T11:30:00Z");
    private final Diff diff = new Diff(ZoneOffset.UTC, LocalDate.of(2026, 12, 1));

    private static RunContext context(String issuer, String ipv6, String firewall) {
        return Runs.context("eth0", "10.1.2.3", "10.1.2.1", "default via 10.1.2.1 dev eth0", List.of("10.0.0.53"))
                .withPath(Fact.known(List.of()), Fact.known("ethernet"), Fact.known("dns"), Fact.known("DNS"))
                .withProxy(Fact.known("direct")).withTlsIssuer(issuer == null ? Fact.none() : Fact.known(issuer))
                .withHost(Fact.known(ipv6), Fact.known(firewall));
    }

    private static RunRecord run(Instant t, Outcome outcome, String errno, RunContext c, TlsVerdict tls,
                                 RunOptions options) {
        RunRecord r = Runs.run(t, "db01.corp:443", outcome, errno, List.of("10.20.0.5"), c, 5000);
        return new RunRecord(r.id(), r.time(), r.kind(), r.checklist(), r.target(), r.type(), options, r.outcome(),
                r.verdict(), r.errno(), r.errnoNumber(), r.failedCall(), r.address(), r.resolved(), r.resolveError(),
                r.context(), r.findings(), r.report(), r.elapsedMillis(), tls);
    }

    private static RunOptions options(boolean tls, boolean racing) {
        return new RunOptions(FamilyChoice.AUTO, 5000, null, false, false, "", 1, 1000, false, tls,
                tls ? "db01.corp" : null, racing);
    }

    @Test
    void aFirewallRuleThatAppearedIsTheLikelyCauseOfEperm() {
        RunRecord worked = run(T0902, Outcome.CONNECTED, null, context(null, "no IPv6 address", "nftables, no rule matches "
                + "this target"), null, options(false, false));
        RunRecord now = run(T1130, Outcome.FAILED, "EPERM", context(null, "a global address and a route (via eth0)",
                "nftables, a rule blocks this target"), null, options(false, true));
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:443");
        assertEquals(Diff.Status.CHANGED, c.status());
        assertEquals(Change.Kind.FIREWALL, c.changes().get(0).kind(), c.changes().toString());
        assertEquals("This computer's firewall changed: nftables, no rule matches this target when it worked; nftables, "
                + "a rule blocks this target now.", c.likelyCause());
        assertTrue(c.changes().stream().anyMatch(ch -> ch.kind() == Change.Kind.IPV6), c.changes().toString());
        assertTrue(c.changes().stream().anyMatch(ch -> ch.kind() == Change.Kind.OPTIONS
                && ch.after().contains("addresses raced (Happy Eyeballs)")), c.changes().toString());
    }

    @Test
    void aFailedTlsCheckIsNoSuccessAndItsIssuerComesFirst() {
        RunRecord worked = run(T0902, Outcome.CONNECTED, null, context("DigiCert Global Root G2", "no IPv6 address",
                "no packet filter loaded"), TlsVerdict.OK, options(true, false));
        RunRecord failedTls = run(T1130, Outcome.CONNECTED, null, context("Unknown Root", "no IPv6 address",
                "no packet filter loaded"), TlsVerdict.UNTRUSTED_ISSUER, options(true, false));
        assertFalse(failedTls.succeeded());
        assertTrue(failedTls.tlsFailed());
        Diff.Comparison c = diff.lastSuccess(List.of(worked, failedTls), "db01.corp:443");
        assertEquals(Diff.Status.CHANGED, c.status());
        assertEquals(Change.Kind.TLS_ISSUER, c.changes().get(0).kind());
        assertTrue(c.summary().contains("connects, but the TLS check fails (issuer not trusted)"), c.summary());
        assertEquals("TLS: untrusted issuer", DiffText.result(failedTls));
    }

    @Test
    void theNewFactsSurviveTheLineAndOlderLinesLeaveThemUnrecorded() {
        RunRecord r = run(T0902, Outcome.CONNECTED, null, context("Zscaler Root CA", "link-local addresses only (fe80::…)",
                "no packet filter loaded"), TlsVerdict.INSPECTED, options(true, true));
        String line = RecordCodec.line(r);
        RunRecord back = RecordCodec.parse(line);
        assertEquals(r.context(), back.context());
        assertEquals(r.options(), back.options());
        assertEquals(TlsVerdict.INSPECTED, back.tlsVerdict());
        String older = line.replaceAll(",\"tlsIssuer\":\\{[^}]*}", "").replaceAll(",\"ipv6\":\\{[^}]*}", "")
                .replaceAll(",\"firewall\":\\{[^}]*}", "").replace(",\"tlsVerdict\":\"INSPECTED\"", "")
                .replaceAll(",\"tls\":true,\"tlsName\":\"[^\"]*\",\"happyEyeballs\":true", "");
        RunRecord old = RecordCodec.parse(older);
        assertEquals(RunContext.NOT_RECORDED, old.context().tlsIssuer().unknown());
        assertEquals(RunContext.NOT_RECORDED, old.context().ipv6().unknown());
        assertEquals(RunContext.NOT_RECORDED, old.context().firewall().unknown());
        assertEquals(null, old.tlsVerdict());
        assertFalse(old.options().tls());
        assertFalse(old.options().happyEyeballs());
        assertEquals(SocketType.STREAM, old.type());
        RunRecord now = run(T1130, Outcome.TIMED_OUT, null, context(null, "no IPv6 address", "nftables"), null,
                options(false, false));
        Diff.Comparison c = diff.compare(old, now);
        assertFalse(c.changes().stream().anyMatch(ch -> ch.kind() == Change.Kind.FIREWALL || ch.kind() == Change.Kind.IPV6
                || ch.kind() == Change.Kind.TLS_ISSUER), c.changes().toString());
        assertFalse(c.notCompared().toString().contains("firewall"), c.notCompared().toString());
    }
}
