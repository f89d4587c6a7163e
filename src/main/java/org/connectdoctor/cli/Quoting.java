package org.connectdoctor.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the user typed, made fit for a one-line message: control characters as U+XXXX, and at
 * most {@value #LIMIT} characters of it with the full length said. A 100 kB argument or a NUL
 * must never turn a rejection into a screenful or split it over lines.
 */
final class Quoting {
    static final int LIMIT = 60;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private Quoting() {
    }

    /** {@code s} in double quotes, shortened and with control characters shown as U+XXXX. */
    static String quote(String s) {
        return "\"" + shown(s) + "\"";
    }

    /** The characters of {@code s} as a message may show them, without quotes. */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(LIMIT).forEach(c -> sb.append(isControl(c) ? String.format("U+%04X", c)
                : new String(Character.toChars(c))));
        int n = s.codePointCount(0, s.length());
        if (n > LIMIT) {
            sb.append("\u2026 (").append(n).append(" characters)");
        }
        return sb.toString();
    }

    /**
     * A message of picocli's, which echoes values whole, as one safe line: each quoted value
     * shortened, control characters shown, line breaks joined.
     */
    static String message(String picocli) {
        Matcher m = QUOTED.matcher(picocli);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("'" + shown(m.group(1)) + "'"));
        }
        m.appendTail(sb);
        StringBuilder out = new StringBuilder();
        sb.codePoints().forEach(c -> out.append(c == '\n' || c == '\r' ? " "
                : isControl(c) ? String.format("U+%04X", c) : new String(Character.toChars(c))));
        return out.toString().strip();
    }

    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
