package org.connectdoctor.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Profiles as people write them, and what a wrong one is told: line, column, what is accepted. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProfileParserTest {

    private static ProfileException refused(String yaml) {
        return assertThrows(ProfileException.class, () -> ProfileParser.parse(yaml, "p.yaml"));
    }

    private static ProfileException.Problem only(ProfileException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    @Test
    void happyEyeballsRacesAStreamCheckAndIsWrittenBack() throws Exception {
        Profile p = ProfileParser.parse("""
                name: Web
                checks:
                  - name: web
                    target: www.example.test:443
                    happy_eyeballs: true
                  - target: db01:5432
                """, "p.yaml");
        assertTrue(p.checks().get(0).request().happyEyeballs());
        assertFalse(p.checks().get(1).request().happyEyeballs());
        Profile again = ProfileParser.parse(ProfileWriter.write(p), "again.yaml");
        assertTrue(again.checks().get(0).request().happyEyeballs(), ProfileWriter.write(p));
        assertTrue(only(refused("""
                name: Web
                checks:
                  - target: www.example.test:443
                    happy_eyeballs: maybe
                """)).message().contains("is not accepted for happy_eyeballs"));
        assertTrue(only(refused("""
                name: Web
                checks:
                  - target: www.example.test:53
                    type: dgram
                    happy_eyeballs: true
                """)).message().contains("Happy Eyeballs races stream (TCP) connections"));
    }

    @Test
    void aFullProfileBecomesChecksWithEveryOption() throws Exception {
        Profile p = ProfileParser.parse("""
                name: Accounting app
                timeout: 2s
                checks:
                  - name: database
                    target: db01:5432
                    tags: [db, Core]
                  - name: licence
                    target: 10.1.2.3:27000
                    type: dgram
                    payload: hello
                    timeout: 500ms
                    source: 127.0.0.1
                  - name: broadcast
                    target: 10.255.255.255:9
                    type: udp
                    payload_hex: 68 69
                    broadcast: true
                    expect: blocked
                  - target: /run/agent.sock
                    expect: refused
                """, "p.yaml");
        assertEquals("Accounting app", p.name());
        assertEquals(4, p.checks().size());
        Check db = p.checks().get(0);
        assertEquals("database", db.name());
        assertEquals(new Target.Inet("db01", "5432", Target.HostKind.NAME), db.request().target());
        assertEquals(SocketType.STREAM, db.request().type());
        assertEquals(Duration.ofSeconds(2), db.request().timeout());
        assertEquals(List.of("db", "core"), db.tags());
        assertEquals(Expectation.REACHABLE, db.expect());
        Check lic = p.checks().get(1);
        assertEquals(SocketType.DGRAM, lic.request().type());
        assertEquals("hello", lic.request().payload().textOrNull());
        assertEquals(Duration.ofMillis(500), lic.request().timeout());
        assertEquals("127.0.0.1", lic.request().source().display());
        Check b = p.checks().get(2);
        assertTrue(b.request().broadcast());
        assertEquals("6869", b.request().payload().hex());
        assertEquals(Expectation.BLOCKED, b.expect());
        Check unix = p.checks().get(3);
        assertEquals("/run/agent.sock", unix.name(), "a check without a name is named after its target");
        assertEquals(new Target.Unix("/run/agent.sock", false), unix.request().target());
        assertEquals(Expectation.REFUSED, unix.expect());
    }

    @Test
    void yaml12KeepsNoAndOnAsWordsNotBooleans() throws Exception {
        Profile p = ProfileParser.parse("name: no\nchecks:\n  - name: on\n    target: no:80\n", "p.yaml");
        assertEquals("no", p.name());
        assertEquals("on", p.checks().get(0).name());
        assertEquals("no:80", p.checks().get(0).request().target().display());
    }

    @Test
    void anUnknownKeyIsNamedWithItsPlaceAndTheAcceptedKeys() {
        ProfileException e = refused("name: x\nchecks:\n  - target: db01:5432\n    expected: blocked\n");
        ProfileException.Problem p = only(e);
        assertEquals(4, p.line());
        assertEquals(5, p.column());
        assertTrue(p.message().contains("\"expected\" is not a key of a check"), p.message());
        assertTrue(p.message().contains("Accepted: name, target, type, timeout, source, payload, payload_hex, "
                + "broadcast, tags, expect, tls, tls_name, happy_eyeballs (did you mean expect?)"), p.message());
        assertTrue(e.getMessage().startsWith("p.yaml:4:5: "), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsReturned() {
        ProfileException e = refused("""
                name: x
                checks:
                  - target: db01:0
                  - target: db01:80
                    type: raw
                  - target: db01:81
                    expect: open
                    timeout: 5
                  - target: db01:82
                    broadcast: yes
                """);
        List<ProfileException.Problem> ps = e.problems();
        assertEquals(5, ps.size(), e.getMessage());
        assertEquals(3, ps.get(0).line());
        assertEquals(13, ps.get(0).column());
        assertTrue(ps.get(0).message().contains("Port 0 cannot be connected to"), ps.get(0).message());
        assertEquals(5, ps.get(1).line());
        assertTrue(ps.get(1).message().contains("\"raw\" is not a socket type. Use stream (TCP), dgram (UDP) or "
                + "seqpacket (SCTP)."), ps.get(1).message());
        assertTrue(ps.get(2).message().contains("\"5\" has no unit"), ps.get(2).message());
        assertEquals(8, ps.get(2).line());
        assertTrue(ps.get(3).message().contains("\"open\" is not an expectation. Use reachable, refused or blocked."),
                ps.get(3).message());
        assertEquals(7, ps.get(3).line());
        assertTrue(ps.get(4).message().contains("\"yes\" is not accepted for broadcast. Write true or false."),
                ps.get(4).message());
    }

    @Test
    void invalidYamlGivesThePlaceOfTheSyntaxError() {
        ProfileException.Problem p = only(refused("name: x\nchecks:\n  - target: [db01:5432\n"));
        assertTrue(p.line() >= 3, p.toString());
        assertTrue(p.message().startsWith("not valid YAML: "), p.message());
        ProfileException.Problem tab = only(refused("name: x\nchecks:\n\t- target: a:1\n"));
        assertEquals(3, tab.line());
        assertTrue(tab.message().startsWith("not valid YAML: "), tab.message());
    }

    @Test
    void missingPartsSayWhatToWrite() {
        assertTrue(only(refused("")).message().contains("the profile is empty"));
        ProfileException e = refused("checks: []\n");
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("the profile has no name. Add a line such as: name: Accounting app"));
        assertTrue(e.getMessage().contains("the list of checks is empty"));
        assertTrue(only(refused("name: x\nchecks:\n  - name: a\n")).message()
                .contains("this check has no target. Add one such as: target: db01:5432"));
        assertTrue(only(refused("name: x\nchecks: db01:80\n")).message().contains("checks must be a list"));
        assertTrue(only(refused("- a\n- b\n")).message().contains("the profile must be a set of key: value lines"));
        ProfileException.Problem listValue = only(refused("name: x\nchecks:\n  - target: [a, b]\n"));
        assertTrue(listValue.message().contains("must be a single value on its line"), listValue.message());
    }

    @Test
    void namesAreUniqueAndKeysAreNotRepeated() {
        ProfileException.Problem dup = only(refused("name: x\nchecks:\n  - target: a:1\n  - name: A:1\n    target: b:2\n"));
        assertEquals(4, dup.line());
        assertTrue(dup.message().contains("is used already, by the check at line 3"), dup.message());
        ProfileException.Problem twice = only(refused("name: x\nchecks:\n  - target: a:1\n    target: b:2\n"));
        assertEquals(4, twice.line());
        assertTrue(twice.message().contains("target is given twice"), twice.message());
    }

    @Test
    void aliasesAreRefusedSoOneLineCannotStandForThousands() {
        ProfileException e = refused("""
                name: x
                checks:
                  - &c
                    target: a:1
                  - *c
                """);
        ProfileException.Problem p = only(e);
        assertTrue(p.message().contains("the anchor &c is not accepted"), p.message());
        assertEquals(3, p.line());
        assertEquals(5, p.column());
    }

    @Test
    void deepNestingIsAProblemNotACrash() {
        ProfileException deep = refused("name: x\nchecks: " + "[".repeat(100_000));
        assertTrue(deep.getMessage().contains("too deeply") || deep.getMessage().contains("not valid YAML"),
                deep.getMessage());
        ProfileException nested = refused("name: x\nchecks: " + "[".repeat(40) + "]".repeat(40) + "\n");
        assertTrue(nested.getMessage().contains("nested more than 16 levels deep"), nested.getMessage());
    }

    @Test
    void contradictionsOfTheProbeAreProblemsToo() {
        ProfileException.Problem p = only(refused("name: x\nchecks:\n  - target: a:1\n    payload: hi\n"));
        assertEquals(3, p.line());
        assertTrue(p.message().contains("A payload is sent by datagram probes only"), p.message());
        ProfileException.Problem tag = only(refused("name: x\nchecks:\n  - target: a:1\n    tags: [\"two words\"]\n"));
        assertTrue(tag.message().contains("is not a tag"), tag.message());
    }

    @Test
    void adHocTargetsBecomeReachableStreamChecks() throws Exception {
        Profile p = ProfileParser.adHoc("db01:5432, files:445,/run/agent.sock", Duration.ofSeconds(1));
        assertEquals(List.of("db01:5432", "files:445", "/run/agent.sock"), p.checks().stream().map(Check::name).toList());
        assertTrue(p.checks().stream().allMatch(c -> c.expect() == Expectation.REACHABLE
                && c.request().timeout().equals(Duration.ofSeconds(1))));
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileParser.adHoc("a:1,,b:x:y", Duration.ofSeconds(1)));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("an empty target in the list (at character 5)"), e.getMessage());
    }

    @Test
    void selectionByNameAndTag() throws Exception {
        Profile p = ProfileParser.parse("name: x\nchecks:\n  - {name: a, target: a:1, tags: [db]}\n"
                + "  - {name: b, target: b:1, tags: [web, db]}\n  - {name: c, target: c:1}\n", "p.yaml");
        assertEquals(List.of("a", "b"), p.select(List.of(), List.of("DB")).stream().map(Check::name).toList());
        assertEquals(List.of("c"), p.select(List.of("C"), List.of()).stream().map(Check::name).toList());
        assertEquals(List.of("b"), p.select(List.of("a", "b"), List.of("web")).stream().map(Check::name).toList());
        assertFalse(p.select(List.of("zz"), List.of()).iterator().hasNext());
        assertNull(Expectation.fromWord("open"));
    }
}
