package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DiffTest {

    private static final Instant T0902 = Instant.parse("2026-12-01T09:02:00Z");
    private static final Instant T1130 = Instant.parse("2026-12-01T11:30:00Z");
    private final Diff diff = new Diff(ZoneOffset.UTC, LocalDate.of(2026, 12, 1));
    private static final RunContext OFFICE = Runs.context("eth0", "10.1.2.3", "10.1.2.1",
            "default via 10.1.2.1 dev eth0", List.of("10.0.0.53"));
    private static final RunContext WIFI = Runs.context("wlan0", "192.168.1.20", "192.168.1.1",
            "default via 192.168.1.1 dev wlan0", List.of("10.0.0.53"));

    @Test
    void theIssuesExampleNamesTheRouteFirstForATimeout() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.7"), WIFI, 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(Diff.Status.CHANGED, c.status());
        assertSame(worked, c.worked());
        assertSame(now, c.now());
        assertEquals(List.of(Change.Kind.ROUTE, Change.Kind.SOURCE, Change.Kind.RESOLVED_ADDRESS),
                c.changes().stream().map(Change::kind).toList());
        assertEquals("Worked at 09:02 from eth0 10.1.2.3 via 10.1.2.1, resolved to 10.9.0.5; now from wlan0 "
                + "192.168.1.20 via 192.168.1.1, resolved to 10.9.0.7, times out after 5s. Likely cause: The route "
                + "changed: it was \"default via 10.1.2.1 dev eth0\" when it worked and is \"default via 192.168.1.1 "
                + "dev wlan0\" now.", c.summary());
        assertEquals(List.of(), c.notCompared());
    }

    @Test
    void aRefusalNamesTheNewAddressFirst() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.FAILED, "ECONNREFUSED", List.of("10.9.0.7"), OFFICE,
                5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(1, c.changes().size());
        Change only = c.changes().get(0);
        assertEquals(Change.Kind.RESOLVED_ADDRESS, only.kind());
        assertEquals("10.9.0.5", only.before());
        assertEquals("10.9.0.7", only.after());
        assertEquals("The name resolves to another address: 10.9.0.5 when it worked, 10.9.0.7 now.", c.likelyCause());
        assertTrue(c.summary().contains("fails with ECONNREFUSED."), c.summary());
    }

    @Test
    void aNameThatNoLongerResolvesNamesTheNameServersFirst() {
        RunContext otherDns = Runs.context("eth0", "10.1.2.3", "10.1.2.1", "default via 10.1.2.1 dev eth0",
                List.of("192.168.1.1"));
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord now = new RunRecord("x", T1130, "probe", null, "db01.corp:5432", worked.type(), worked.options(),
                Outcome.RESOLUTION_FAILED, "Could not resolve db01.corp", "EAI_NONAME", -2, null, null, List.of(),
                "EAI_NONAME (-2) Name or service not known", otherDns, List.of(), "", 3);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(List.of(Change.Kind.RESOLVERS, Change.Kind.RESOLVED_ADDRESS),
                c.changes().stream().map(Change::kind).toList());
        assertEquals("Other name servers are asked: 10.0.0.53 when it worked, 192.168.1.1 now.", c.likelyCause());
        assertEquals("The name no longer resolves: it resolved to 10.9.0.5 when it worked; now EAI_NONAME (-2) Name or "
                + "service not known.", c.changes().get(1).sentence());
    }

    @Test
    void aShorterLimitThatNowTimesOutIsNamedFirst() {
        RunRecord worked = Runs.run(T0902, "10.9.0.5:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord now = Runs.run(T1130, "10.9.0.5:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), WIFI, 100);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "10.9.0.5:5432");
        assertEquals(Change.Kind.OPTIONS, c.changes().get(0).kind());
        assertEquals("The run's options changed: timeout 5s when it worked, timeout 100ms now.", c.likelyCause());
        // a literal target resolves to itself: never named as a changed address
        assertTrue(c.changes().stream().noneMatch(ch -> ch.kind() == Change.Kind.RESOLVED_ADDRESS));
        assertTrue(!c.summary().contains("resolved to"), c.summary());
    }

    @Test
    void nothingRecordedChangedSaysSoWithoutInventingACause() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), OFFICE, 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(Diff.Status.NOTHING_CHANGED, c.status());
        assertNull(c.likelyCause());
        assertTrue(c.summary().endsWith("Nothing this history records changed (resolved address and its source, "
                + "source, route, VPN, proxy, TLS issuer, firewall, IPv6, name servers, options), so look at what it does not record: the service itself (is it running, and "
                + "listening on that address and port?) and firewalls on the way."), c.summary());
    }

    @Test
    void unknownIsNotComparedAndNotCalledAChange() {
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"),
                RunContext.unknown("reading this computer's network state is not written for WINDOWS"), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), WIFI, 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:5432");
        assertEquals(Diff.Status.NOTHING_CHANGED, c.status());
        assertEquals(5, c.notCompared().size(), c.notCompared().toString());
        assertEquals("The route could not be compared: unknown when it worked (reading this computer's network state "
                + "is not written for WINDOWS).", c.notCompared().get(3));
    }

    @Test
    void theNewestNonCancelledRunIsComparedWithTheLastSuccessOfTheSameType() {
        RunRecord old = Runs.run(T0902.minusSeconds(3600), "db01.corp:5432", Outcome.CONNECTED, null,
                List.of("10.9.0.1"), OFFICE, 5000);
        RunRecord worked = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord dgram = new RunRecord("d", T0902.plusSeconds(60), "probe", null, "db01.corp:5432",
                org.connectdoctor.net.SocketType.DGRAM, worked.options(), Outcome.ANSWERED, "answered", null, null, null,
                null, List.of("10.9.0.9"), null, WIFI, List.of(), "", 1);
        RunRecord other = Runs.run(T0902.plusSeconds(90), "files.corp:445", Outcome.CONNECTED, null,
                List.of("10.9.0.77"), WIFI, 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), WIFI, 5000);
        RunRecord cancelled = Runs.run(T1130.plusSeconds(5), "db01.corp:5432", Outcome.CANCELLED, null,
                List.of("10.9.0.5"), WIFI, 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(old, worked, dgram, other, now, cancelled), "db01.corp:5432");
        assertSame(now, c.now());
        assertSame(worked, c.worked());
    }

    @Test
    void theOtherOutcomesSayWhyThereIsNothingToCompare() {
        RunRecord ok = Runs.run(T0902, "db01.corp:5432", Outcome.CONNECTED, null, List.of("10.9.0.5"), OFFICE, 5000);
        RunRecord bad = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), OFFICE, 5000);
        assertEquals(Diff.Status.WORKS_NOW, diff.lastSuccess(List.of(bad, ok), "db01.corp:5432").status());
        Diff.Comparison never = diff.lastSuccess(List.of(bad), "db01.corp:5432");
        assertEquals(Diff.Status.NEVER_WORKED, never.status());
        assertTrue(never.summary().startsWith("No earlier stream run of db01.corp:5432 in the history worked"),
                never.summary());
        Diff.Comparison none = diff.lastSuccess(List.of(bad), "db02.corp:5432");
        assertEquals(Diff.Status.NO_RUNS, none.status());
        assertEquals("The history holds no run of db02.corp:5432.", none.summary());
        Diff.Comparison yesterday = new Diff(ZoneOffset.UTC, LocalDate.of(2026, 12, 2)).lastSuccess(
                List.of(ok, Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), WIFI, 5000)),
                "db01.corp:5432");
        assertTrue(yesterday.summary().startsWith("Worked on 2026-12-01 at 09:02 from eth0"), yesterday.summary());
    }

    @Test
    void twoPickedRunsThatBothFailedAreComparedAsThenAndNow() {
        RunRecord a = Runs.run(T0902, "db01.corp:5432", Outcome.FAILED, "ECONNREFUSED", List.of("10.9.0.5"), OFFICE,
                5000);
        RunRecord b = Runs.run(T1130, "db01.corp:5432", Outcome.TIMED_OUT, null, List.of("10.9.0.5"), WIFI, 5000);
        Diff.Comparison c = diff.compare(a, b);
        assertEquals("At 09:02 from eth0 10.1.2.3 via 10.1.2.1, resolved to 10.9.0.5, it fails with ECONNREFUSED; now "
                + "from wlan0 192.168.1.20 via 192.168.1.1, resolved to 10.9.0.5, times out after 5s. Likely cause: The "
                + "route changed: it was \"default via 10.1.2.1 dev eth0\" then and is \"default via 192.168.1.1 dev "
                + "wlan0\" now.", c.summary());
        assertTrue(DiffText.render(c, ZoneOffset.UTC).contains("when it worked") == false);
        assertTrue(DiffText.render(c, ZoneOffset.UTC).contains("  then "), DiffText.render(c, ZoneOffset.UTC));
    }
}
