package org.connectdoctor.report;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.Target;

/**
 * The file name a saved report is offered under: what was probed and when, in local time, such as
 * {@code connect-doctor_db01_5432_2026-12-01_0902.md} or, for a Unix socket, its file name
 * ({@code connect-doctor_s.PGSQL.5432_2026-12-01_0902.md}). The target's part is reduced to
 * letters, digits, '.' and '-', so any target (slashes, control or bidirectional characters, a
 * Windows device name, a 10,000-character name) gives a name that is safe on Linux, macOS and
 * Windows and never leaves the folder it is saved in.
 */
public final class ReportFileName {

    /** The most characters one part of the target (host, port, socket name) keeps. */
    static final int MAX_PART = 48;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm", Locale.ROOT);

    private ReportFileName() {
    }

    /** The name for {@code report} in this computer's time zone, with {@code extension} ("md", "json"). */
    public static String of(ProbeReport report, String extension) {
        return of(report.request().target(), LocalDateTime.ofInstant(report.started(), ZoneId.systemDefault()), extension);
    }

    /** The name for a probe of {@code target} begun at {@code when}. */
    public static String of(Target target, LocalDateTime when, String extension) {
        String what;
        if (target instanceof Target.Inet inet) {
            what = part(inet.host()) + "_" + part(inet.service());
        } else {
            Target.Unix unix = (Target.Unix) target;
            String path = unix.path();
            int slash = path.lastIndexOf('/');
            what = part(slash >= 0 && slash + 1 < path.length() ? path.substring(slash + 1) : path);
        }
        return "connect-doctor_" + what + "_" + WHEN.format(when) + "." + part(extension);
    }

    /** Letters, digits, '.' and '-'; every other run of characters one '-'; never empty, never dots alone. */
    static String part(String s) {
        StringBuilder sb = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < s.length() && sb.length() < MAX_PART; i++) {
            char c = s.charAt(i);
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.');
            if (keep && !(c == '.' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '.')) {
                sb.append(c);
                dash = false;
            } else if (!keep && !dash && sb.length() > 0) {
                sb.append('-');
                dash = true;
            }
        }
        // No leading or trailing dots or dashes: ".", "..", a hidden file, or "name." (which Windows drops).
        int from = 0;
        int to = sb.length();
        while (from < to && (sb.charAt(from) == '.' || sb.charAt(from) == '-')) {
            from++;
        }
        while (to > from && (sb.charAt(to - 1) == '.' || sb.charAt(to - 1) == '-')) {
            to--;
        }
        String out = sb.substring(from, to);
        return out.isEmpty() ? "target" : out;
    }
}
