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
        rows.add(new String[] {"", c.worked().succeeded() ? "when it worked" : "then", "now"});
        rows.add(new String[] {"time", TIME.format(c.worked().time().atZone(zone)), TIME.format(c.now().time().atZone(zone))});
        rows.add(new String[] {"result", result(c.worked()), result(c.now())});
        rows.add(new String[] {"resolved to", addresses(c.worked()), addresses(c.now())});
        rows.add(new String[] {"interface", fact(c.worked().context().sourceInterface()), fact(c.now().context().sourceInterface())});
        rows.add(new String[] {"source", fact(c.worked().context().sourceAddress()), fact(c.now().context().sourceAddress())});
        rows.add(new String[] {"gateway", gateway(c.worked().context()), gateway(c.now().context())});
        rows.add(new String[] {"route", fact(c.worked().context().route()), fact(c.now().context().route())});
        rows.add(new String[] {"name servers", servers(c.worked().context()), servers(c.now().context())});
        rows.add(new String[] {"VPN up", vpn(c.worked().context()), vpn(c.now().context())});
        rows.add(new String[] {"address from", fact(c.worked().context().addressFrom()),
                fact(c.now().context().addressFrom())});
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

    /** "connected", "ECONNREFUSED", "timed out", "cancelled": what the run ended with, in a few words. */
    public static String result(RunRecord r) {
        return switch (r.outcome()) {
            case CONNECTED -> "connected";
            case ANSWERED -> "answered";
            case FAILED -> r.errno() == null ? "failed" : r.errno();
            case RESOLUTION_FAILED -> "not resolved" + (r.errno() == null ? "" : " " + r.errno());
            case LOOKUP_TIMED_OUT -> "lookup timed out";
            default -> r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
