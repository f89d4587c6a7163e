package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path facts in the history (issue #22 §2, §6): the VPN interfaces up, the route's interface
 * kind and the address source are written as context fields of a "v":1 line, read back, left
 * unknown (not recorded) in lines of earlier versions, and named by the diff.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PathHistoryTest {

    private static final Instant T0902 = Instant.parse("2026-12-01T09:02:00Z");
    private static final Instant T1130 = Instant.parse("2026-12-01T11:30:00Z");
    private final Diff diff = new Diff(ZoneOffset.UTC, LocalDate.of(2026, 12, 1));

    private static RunContext context(String device, List<String> vpnUp, String kind, String source, String from) {
        return Runs.context(device, "10.1.2.3", null, "10.20.0.0/24 dev " + device, List.of("10.0.0.53"))
                .withPath(Fact.known(vpnUp), Fact.known(kind), Fact.known(source), Fact.known(from));
    }

    @Test
    void theVpnThatWasUpWhenItWorkedAndIsDownNowIsTheLikelyCause() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context("wg0", List.of("wg0"), "wireguard", "dns", "DNS (10.0.0.53)"), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                context("eth0", List.of(), "ethernet", "dns", "DNS (10.0.0.53)"), 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(Change.Kind.VPN, c.changes().get(0).kind(), c.changes().toString());
        assertEquals("The VPN (wg0) was up when it worked and is down now.", c.likelyCause());
    }

    @Test
    void aRouteThatLeftTheVpnWhileItStaysUpIsNamed() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context("wg0", List.of("wg0"), "wireguard", "dns", "DNS"), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                context("eth0", List.of("wg0"), "ethernet", "dns", "DNS"), 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals("The connection went through the VPN interface wg0 (WireGuard) when it worked and goes around it "
                + "now, through eth0 (Ethernet) (the VPN is still up: a split-tunnel rule or a missing route).",
                c.likelyCause());
    }

    @Test
    void theHostsFileNowAndDnsWhenItWorked() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"),
                context("eth0", List.of(), "ethernet", "dns", "DNS (10.0.0.53)"), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.FAILED, "ECONNREFUSED", List.of("0.0.0.0"),
                context("lo", List.of(), "loopback", "hosts_file", "/etc/hosts line 3"), 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(Change.Kind.ADDRESS_SOURCE, c.changes().get(0).kind(), c.changes().toString());
        assertEquals("Resolved through the hosts file (/etc/hosts line 3) now; through DNS when it worked.",
                c.likelyCause());
    }

    @Test
    void thePathFactsSurviveTheLineAndOlderLinesLeaveThemUnrecorded() {
        RunRecord r = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context("wg0", List.of("wg0"), "wireguard", "search_suffix", "DNS as db01.corp.example.com"), 5000);
        String line = RecordCodec.line(r);
        assertTrue(line.contains("\"v\":1"), line);
        assertTrue(line.contains("\"vpnInterfaces\":{\"value\":[\"wg0\"]}"), line);
        RunRecord back = RecordCodec.parse(line);
        assertEquals(r.context(), back.context());

        String older = line.replaceAll(",\"vpnInterfaces\":\\{[^}]*}", "").replaceAll(",\"interfaceKind\":\\{[^}]*}", "")
                .replaceAll(",\"addressSource\":\\{[^}]*}", "").replaceAll(",\"addressFrom\":\\{[^}]*}", "");
        assertFalse(older.contains("vpnInterfaces"), older);
        RunContext c = RecordCodec.parse(older).context();
        assertEquals(RunContext.NOT_RECORDED, c.vpnInterfaces().unknown());
        assertEquals(RunContext.NOT_RECORDED, c.addressSource().unknown());
        assertEquals(r.context().route(), c.route(), "the facts it did record read as before");

        // an older run against a newer one: nothing compared, nothing listed as lost
        RunRecord olderRun = RecordCodec.parse(older);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                r.context().withPath(Fact.known(List.of()), Fact.known("ethernet"), Fact.known("dns"), Fact.known("DNS")), 5000);
        Diff.Comparison cmp = diff.compare(olderRun, now);
        assertTrue(cmp.changes().stream().noneMatch(ch -> ch.kind() == Change.Kind.VPN
                || ch.kind() == Change.Kind.ADDRESS_SOURCE), cmp.changes().toString());
        assertTrue(cmp.notCompared().stream().noneMatch(n -> n.contains("VPN") || n.contains("address came")),
                cmp.notCompared().toString());
    }

    @Test
    void aVpnReadingThatFailedIsNotComparedAndNotCalledDown() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context("wg0", List.of("wg0"), "wireguard", "dns", "DNS"), 5000);
        RunContext unread = context("eth0", List.of(), "ethernet", "dns", "DNS").withPath(
                Fact.unknown("rtnetlink could not be asked for the links"), Fact.unknown("rtnetlink could not be asked"),
                Fact.known("dns"), Fact.known("DNS"));
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.20.0.5"), unread, 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertTrue(c.changes().stream().noneMatch(ch -> ch.kind() == Change.Kind.VPN), c.changes().toString());
        assertTrue(c.notCompared().stream().anyMatch(n -> n.startsWith("The VPN interfaces could not be compared: unknown now")),
                c.notCompared().toString());
    }
}
