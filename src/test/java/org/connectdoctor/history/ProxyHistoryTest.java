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

/** The proxy in the history: recorded additively, compared only when both runs recorded it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxyHistoryTest {

    private static final Instant T0902 = Instant.parse("2026-12-01T09:02:00Z");
    private static final Instant T1130 = Instant.parse("2026-12-01T11:30:00Z");
    private final Diff diff = new Diff(ZoneOffset.UTC, LocalDate.of(2026, 12, 1));

    private static RunContext context(Fact<String> proxy) {
        return Runs.context("eth0", "10.1.2.3", "10.1.2.1", "default via 10.1.2.1 dev eth0", List.of("10.0.0.53"))
                .withPath(Fact.known(List.of()), Fact.known("ethernet"), Fact.known("dns"), Fact.known("DNS"))
                .withProxy(proxy);
    }

    @Test
    void aProxyThatAppearedIsTheLikelyCauseOfATimeout() {
        RunRecord worked = Runs.run(T0902, "db01.corp:443", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context(Fact.known("direct")), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:443", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                context(Fact.known("proxy.corp:8080")), 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:443");
        assertEquals(Change.Kind.PROXY, c.changes().get(0).kind(), c.changes().toString());
        assertEquals("The proxy changed from direct to proxy.corp:8080: applications that use the system's setting "
                + "went directly when it worked and go through proxy.corp:8080 now.", c.likelyCause());
        assertTrue(DiffText.render(c, ZoneOffset.UTC).contains("proxy.corp:8080"), DiffText.render(c, ZoneOffset.UTC));
    }

    @Test
    void theProxySurvivesTheLineAsAnAdditiveFieldAndOlderLinesLeaveItUnrecorded() {
        RunRecord r = Runs.run(T0902, "db01.corp:443", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context(Fact.known("proxy.corp:8080")), 5000);
        String line = RecordCodec.line(r);
        assertTrue(line.contains("\"v\":1"), line);
        assertTrue(line.contains("\"proxy\":{\"value\":\"proxy.corp:8080\"}"), line);
        assertEquals(r.context(), RecordCodec.parse(line).context());
        String older = line.replaceAll(",\"proxy\":\\{[^}]*}", "");
        RunRecord olderRun = RecordCodec.parse(older);
        assertEquals(RunContext.NOT_RECORDED, olderRun.context().proxy().unknown());
        RunRecord now = Runs.run(T1130, "db01.corp:443", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                context(Fact.known("direct")), 5000);
        Diff.Comparison cmp = diff.compare(olderRun, now);
        assertFalse(cmp.changes().stream().anyMatch(ch -> ch.kind() == Change.Kind.PROXY), cmp.changes().toString());
        assertFalse(cmp.notCompared().toString().contains("proxy"), cmp.notCompared().toString());
    }

    @Test
    void anUnknownProxyIsNotComparedAndSaysSo() {
        RunRecord worked = Runs.run(T0902, "db01.corp:443", Outcome.CONNECTED, null, List.of("10.20.0.5"),
                context(Fact.known("direct")), 5000);
        RunRecord now = Runs.run(T1130, "db01.corp:443", Outcome.TIMED_OUT, null, List.of("10.20.0.5"),
                context(Fact.unknown("the dconf database is not read")), 5000);
        Diff.Comparison c = diff.lastSuccess(List.of(worked, now), "db01.corp:443");
        assertFalse(c.changes().stream().anyMatch(ch -> ch.kind() == Change.Kind.PROXY), c.changes().toString());
        assertTrue(c.notCompared().toString().contains("proxy could not be compared: unknown now (the dconf database"),
                c.notCompared().toString());
    }
}
