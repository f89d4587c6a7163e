package org.connectdoctor.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.connectdoctor.probe.Attempt;

/**
 * One CSV line per attempt (RFC 4180: comma-separated, CRLF-terminated, a field with a comma, a
 * quote or a line break in double quotes, its quotes doubled), for spreadsheets and scripts.
 */
public final class CsvLines {
    private CsvLines() {
    }

    /** The columns, in order. */
    public static final String HEADER = "utc_time,round,address,family,verdict,errno,errno_number,connect_us,"
            + "local_address,warmup";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * The line of {@code a}, which ended at {@code ended}, without its line end: the time (UTC,
     * milliseconds), the round, the address, ipv4/ipv6/unix, the outcome (connected, answered,
     * no_reply, failed, timed_out, cancelled), the errno's name and number (empty without one),
     * microseconds with a tenth, the local address (empty when none was bound), and true for a
     * warm-up round.
     */
    public static String line(Instant ended, Attempt a, boolean warmup) {
        StringBuilder sb = new StringBuilder(128);
        sb.append(TIME.format(ended)).append(',').append(a.round()).append(',');
        field(sb, a.address().display()).append(',');
        sb.append(switch (a.address().family()) {
            case INET -> "ipv4";
            case INET6 -> "ipv6";
            case UNIX -> "unix";
        }).append(',');
        sb.append(a.outcome().name().toLowerCase(Locale.ROOT)).append(',');
        if (a.error() != null) {
            field(sb, a.error().nativeSymbol()).append(',').append(a.error().number());
        } else {
            sb.append(',');
        }
        long tenths = Math.round(a.elapsedNanos() / 100.0);
        sb.append(',').append(tenths / 10).append('.').append(tenths % 10).append(',');
        if (a.local() != null) {
            field(sb, a.local().display());
        }
        return sb.append(',').append(warmup).toString();
    }

    /** {@code text} as one RFC 4180 field. */
    public static String field(String text) {
        return field(new StringBuilder(), text).toString();
    }

    private static StringBuilder field(StringBuilder sb, String text) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            return sb.append(text);
        }
        return sb.append('"').append(text.replace("\"", "\"\"")).append('"');
    }
}
