package org.connectdoctor.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A saved profile reads back to the same checks, whatever its names hold. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProfileWriterTest {

    @Test
    void savedProfilesReadBackToTheSameChecks() throws Exception {
        List<String> names = List.of("plain", "a: b", "- dash", "#hash", "quote\" and \\ back", "*star", "&amp",
                "no", "true", "123", "tab\there", "line\nbreak", "\u00e9\u4e2d\ud83d\ude00", "[x]", "{y}", "'single'",
                "%percent", "@at", "`tick`", "sep\u2028inside");
        Profile p = new Profile("Team: \"accounting\" #1", List.of());
        int i = 0;
        for (String n : names) {
            ProbeRequest r = switch (i % 3) {
                case 0 -> ProbeRequest.builder(TargetParser.parse("db01:" + (1000 + i))).timeout(Duration.ofMillis(1500))
                        .source(SourceSpec.parse("127.0.0.1:40000")).build();
                case 1 -> ProbeRequest.builder(TargetParser.parse("[::1]:" + (1000 + i))).type(SocketType.DGRAM)
                        .payload(Payload.ofText("hi\u0000there")).timeout(Duration.ofMillis(250)).build();
                default -> ProbeRequest.builder(TargetParser.parse("/run/a b'c\"" + i + ".sock"))
                        .type(SocketType.SEQPACKET).build();
            };
            p = p.with(new Check(n, r, i % 2 == 0 ? List.of("db", "core") : List.of(),
                    Expectation.values()[i % 3]));
            i++;
        }
        String yaml = ProfileWriter.write(p);
        Profile back = ProfileParser.parse(yaml, "saved");
        assertEquals(p.name(), back.name());
        assertEquals(p.checks().size(), back.checks().size());
        for (int k = 0; k < p.checks().size(); k++) {
            assertEquals(p.checks().get(k), back.checks().get(k), "check " + k + " in\n" + yaml);
        }
    }
}
