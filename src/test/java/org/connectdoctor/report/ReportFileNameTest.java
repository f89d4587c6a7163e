package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The name "Save report…" proposes: descriptive, and safe whatever the target was. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReportFileNameTest {

    private static final LocalDateTime WHEN = LocalDateTime.of(2026, 12, 1, 9, 2, 41);
    private static final java.util.regex.Pattern SAFE =
            java.util.regex.Pattern.compile("connect-doctor_[A-Za-z0-9][A-Za-z0-9.-]*(_[A-Za-z0-9][A-Za-z0-9.-]*)?_2026-12-01_0902\\.md");

    @TempDir
    Path dir;

    @Test
    void namesHostPortAndLocalTime() {
        assertEquals("connect-doctor_db01_5432_2026-12-01_0902.md",
                ReportFileName.of(new Target.Inet("db01", "5432", Target.HostKind.NAME), WHEN, "md"));
        assertEquals("connect-doctor_db01.corp.example_https_2026-12-01_0902.json",
                ReportFileName.of(new Target.Inet("db01.corp.example", "https", Target.HostKind.NAME), WHEN, "json"));
        assertEquals("connect-doctor_2001-db8-1_443_2026-12-01_0902.md",
                ReportFileName.of(new Target.Inet("2001:db8::1", "443", Target.HostKind.IPV6), WHEN, "md"));
        assertEquals("connect-doctor_fe80-1-eth0_22_2026-12-01_0902.md",
                ReportFileName.of(new Target.Inet("fe80::1%eth0", "22", Target.HostKind.IPV6), WHEN, "md"));
    }

    @Test
    void namesTheSocketFileOfAUnixTarget() {
        assertEquals("connect-doctor_s.PGSQL.5432_2026-12-01_0902.md",
                ReportFileName.of(new Target.Unix("/run/postgresql/.s.PGSQL.5432", false), WHEN, "md"));
        assertEquals("connect-doctor_dbus-session_2026-12-01_0902.md",
                ReportFileName.of(new Target.Unix("dbus session", true), WHEN, "md"));
    }

    @Test
    void hostileTargetsGiveASafeNameInTheChosenFolder() throws Exception {
        List<Target> hostile = List.of(
                new Target.Unix("/tmp/../../etc/passwd", false),
                new Target.Unix("/", false),
                new Target.Unix("/tmp/..", false),
                new Target.Unix("/tmp/a\\..\\..\\windows\\system32", false),
                new Target.Unix("/tmp/CON", false),
                new Target.Unix("/tmp/\u202egpj.exe", false),
                new Target.Unix("/tmp/line\nbreak\r\u0000nul", false),
                new Target.Unix("@\u0007\u001b[31mred", true),
                new Target.Unix("/tmp/" + "x".repeat(10_000), false),
                new Target.Unix("/tmp/\ud83d\udd25\ud83d\udd25.sock", false),
                new Target.Unix("/tmp/....", false),
                new Target.Inet("..", "..", Target.HostKind.NAME),
                new Target.Inet("a/b:c*d?e\"f<g>h|i", "1", Target.HostKind.NAME),
                new Target.Inet("b\u00fccher.example", "80", Target.HostKind.NAME),
                new Target.Inet("", "", Target.HostKind.NAME),
                new Target.Inet("-rf", "--", Target.HostKind.NAME));
        for (Target t : hostile) {
            String name = ReportFileName.of(t, WHEN, "md");
            assertTrue(SAFE.matcher(name).matches(), t + " gave " + name);
            assertFalse(name.contains(".."), t + " gave " + name);
            assertTrue(name.length() <= 40 + 2 * ReportFileName.MAX_PART, t + " gave " + name.length() + " characters");
            Path written = Files.writeString(dir.resolve(name), "report");
            assertEquals(dir, written.getParent(), "stays in the chosen folder: " + name);
        }
    }

    @Test
    void targetsAsTypedGiveTheSameSafeNames() throws Exception {
        for (String typed : List.of("db01:5432", "[::1]:8765", "/run/app.sock", "unix:@name", "localhost:https")) {
            Target t = TargetParser.parse(typed);
            assertTrue(SAFE.matcher(ReportFileName.of(t, WHEN, "md")).matches(), typed);
        }
    }
}
