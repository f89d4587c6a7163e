package org.connectdoctor.history;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A {@link Diff.Comparison} as text, for the command line and the window: the same words in both. */
public final class DiffText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private DiffText() {
    }

    /** The summary, the changes in order, what could not be compared, and both runs side by side. */
    public static String render(Diff.Comparison c, ZoneId zone) {
        StringBuilder sb = new StringBuilder();
        sb.append(c.summary()).append('\n');
        if (c.worked() == null) {
            return sb.toString();
        }
        if (!c.changes().isEmpty()) {
            sb.append("\nWhat changed, the likely cause first:\n");
            int i = 1;
            for (Change ch : c.changes()) {
                sb.append("  ").append(i++).append(". ").append(ch.sentence()).append('\n');
            }
        }
        if (!c.notCompared().isEmpty()) {
            sb.append("\nNot compared:\n");
            for (String n : c.notCompared()) {
                sb.append("  - ").append(n).append('\n');
            }
        }
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", thenHeading(c), "now"});
        for (Row r : rows(c, zone)) {
            rows.add(new String[] {r.what(), r.then(), r.now()});
        }
        int w0 = 0;
        int w1 = 0;
        for (String[] r : rows) {
            w0 = Math.max(w0, r[0].length());
            w1 = Math.max(w1, r[1].length());
        }
        for (String[] r : rows) {
            String line = String.format(Locale.ROOT, "  %-" + w0 + "s  %-" + w1 + "s  %s", r[0], r[1], r[2]);
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /**
     * One fact of both runs side by side, as the window's table shows it.
     *
     * @param changed whether it differs between the runs (the time always does, and is not marked)
     */
    public record Row(String what, String then, String now, boolean changed) {
    }

    /** "when it worked", or "then" when the earlier run failed too (two runs picked). */
    public static String thenHeading(Diff.Comparison c) {
        return c.worked() != null && c.worked().succeeded() ? "when it worked" : "then";
    }

    /** Both runs side by side: time, result, resolved to, interface, source, gateway, route, name servers, VPN, address source. */
    public static List<Row> rows(Diff.Comparison c, ZoneId zone) {
        if (c.worked() == null || c.now() == null) {
            return List.of();
        }
        RunRecord a = c.worked();
        RunRecord b = c.now();
        List<Row> out = new ArrayList<>();
        out.add(new Row("time", TIME.format(a.time().atZone(zone)), TIME.format(b.time().atZone(zone)), false));
        row(out, "result", result(a), result(b));
        row(out, "resolved to", addresses(a), addresses(b));
        row(out, "interface", fact(a.context().sourceInterface()), fact(b.context().sourceInterface()));
        row(out, "source", fact(a.context().sourceAddress()), fact(b.context().sourceAddress()));
        row(out, "gateway", gateway(a.context()), gateway(b.context()));
        row(out, "route", fact(a.context().route()), fact(b.context().route()));
        row(out, "name servers", servers(a.context()), servers(b.context()));
        row(out, "VPN up", vpn(a.context()), vpn(b.context()));
        row(out, "address from", fact(a.context().addressFrom()), fact(b.context().addressFrom()));
        row(out, "proxy", fact(a.context().proxy()), fact(b.context().proxy()));
        return out;
    }

    private static void row(List<Row> out, String what, String then, String now) {
        out.add(new Row(what, then, now, !then.equals(now)));
    }

    private static String addresses(RunRecord r) {
        return r.resolved().isEmpty() ? "nothing" : String.join(", ", r.resolved());
    }

    private static String fact(Fact<String> f) {
        return !f.isKnown() ? "unknown" : f.value() == null ? "none" : f.value();
    }

    private static String gateway(RunContext c) {
        return !c.gateway().isKnown() ? "unknown" : c.gateway().value() == null ? "none (on the link)" : c.gateway().value();
    }

    private static String vpn(RunContext c) {
        Fact<List<String>> f = c.vpnInterfaces();
        return !f.isKnown() ? "unknown" : f.value() == null || f.value().isEmpty() ? "none" : String.join(", ", f.value());
    }

    private static String servers(RunContext c) {
        Fact<List<String>> f = c.resolvers();
        return !f.isKnown() ? "unknown" : f.value() == null ? "none (a literal address)"
                : f.value().isEmpty() ? "none configured" : String.join(", ", f.value());
    }

    /** "connected", "TLS: expired", "ECONNREFUSED", "timed out", "cancelled": what the run ended with, in a few words. */
    public static String result(RunRecord r) {
        if (r.tlsVerdict() == org.connectdoctor.tls.TlsVerdict.CANCELLED) {
            return "cancelled";
        }
        if (r.tlsFailed()) {
            return "TLS: " + r.tlsVerdict().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return switch (r.outcome()) {
            case CONNECTED -> "connected";
            case ANSWERED -> "answered";
            case FAILED -> r.errno() == null ? "failed" : org.connectdoctor.net.NumberTable.nativeSymbol(r.errno(),
                    r.errnoNumber());
            case RESOLUTION_FAILED -> "not resolved" + (r.errno() == null ? "" : " "
                    + org.connectdoctor.net.NumberTable.nativeSymbol(r.errno(), r.errnoNumber()));
            case LOOKUP_TIMED_OUT -> "lookup timed out";
            default -> r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
