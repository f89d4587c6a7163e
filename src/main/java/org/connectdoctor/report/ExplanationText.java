package org.connectdoctor.report;

import java.util.List;
import org.connectdoctor.explain.Action;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.explain.ManQuote;
import org.connectdoctor.man.ManRef;

/** An {@link Explanation} as plain text for the terminal and ticket-ready reports. */
public final class ExplanationText {
    private static final int WIDTH = 80;

    private ExplanationText() {
    }

    public static String render(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nWhat it means\n");
        wrap(sb, e.headline(), "  ", "  ");
        if (e.cause() != null) {
            wrap(sb, "Cause: " + e.cause().words() + " (" + e.cause().id() + ").", "  ", "  ");
        }
        wrap(sb, "Usually at fault: " + e.fault().words() + ".", "  ", "  ");
        if (e.environment() != null) {
            sb.append("\nEnvironment\n");
            wrap(sb, e.environment().line(), "  ", "  ");
        }
        if (!e.findings().isEmpty()) {
            sb.append("\nWhat this computer shows\n");
            for (Finding f : e.findings()) {
                wrap(sb, f.text(), "  - ", "    ");
            }
        }
        sb.append("\nWhat to do\n");
        List<String> steps = e.steps();
        for (int i = 0; i < steps.size(); i++) {
            String n = (i + 1) + ". ";
            wrap(sb, steps.get(i), "  " + n, "  " + " ".repeat(n.length()));
        }
        if (!e.actions().isEmpty()) {
            sb.append("\nTry next\n");
            for (Action a : e.actions()) {
                sb.append("  - ").append(a.label()).append(" (").append(a.cliHint()).append(")\n");
            }
        }
        if (e.quote() != null) {
            sb.append('\n').append(e.quoteHeading()).append(": ").append(e.quote().titleLine()).append('\n');
            if (e.os() != null && e.os() != org.connectdoctor.net.Os.LINUX && e.number() != null) {
                wrap(sb, "Reported by " + e.os().displayName() + " as " + e.nativeSymbol() + " (" + e.number() + ")"
                        + (e.systemText() == null ? "" : " \"" + e.systemText().strip() + "\"") + "; the entry below is the POSIX "
                        + "manual's for the same cause" + (e.cause() == null ? "" : " (" + e.cause().words() + ")")
                        + ".", "  ", "  ");
            }
            sb.append("  Source: ").append(e.quote().source().description()).append('\n');
            sb.append(Explainer.quoteText(e.quote(), 4, WIDTH));
        } else if (e.systemText() != null) {
            sb.append("\nFrom the manual: no page on this system has an entry for ").append(e.key())
                    .append("; the C library's own text is \"").append(e.systemText()).append("\".\n");
        }
        if (!e.otherQuotes().isEmpty()) {
            sb.append("\nOther entries for ").append(e.key()).append(" (not the likely cause here):\n");
            for (ManQuote q : e.otherQuotes()) {
                sb.append("  in ").append(q.page()).append(":\n");
                sb.append(Explainer.quoteText(q, 4, WIDTH));
            }
        }
        if (!e.seeAlso().isEmpty()) {
            sb.append('\n');
            wrap(sb, "See also: " + String.join(", ", e.seeAlso().stream().map(ManRef::toString).toList())
                    + " (read one with: connect-doctor man NAME SECTION)", "", "  ");
        }
        return sb.toString();
    }

    /** {@code text} wrapped at 80 columns: {@code first} before the first line, {@code rest} before the others. */
    static void wrapInto(StringBuilder sb, String text, String first, String rest) {
        wrap(sb, text, first, rest);
    }

    private static void wrap(StringBuilder sb, String text, String first, String rest) {
        int col = 0;
        boolean start = true;
        for (String word : text.split("\\s+")) {
            if (start) {
                sb.append(first);
                col = first.length();
                start = false;
            } else if (col + 1 + word.length() > WIDTH) {
                sb.append('\n').append(rest);
                col = rest.length();
            } else {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        sb.append('\n');
    }
}
