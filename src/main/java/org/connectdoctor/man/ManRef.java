package org.connectdoctor.man;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a man page: name and section, as "SEE ALSO" lists them ("socket(2)").
 * Names and sections are validated: they only ever become file names, never commands.
 */
public record ManRef(String name, String section) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+:@-]{0,127}");
    private static final Pattern SECTION = Pattern.compile("[1-9n][a-z0-9]{0,15}");
    private static final Pattern REF = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_.+:@-]{0,127})\\(([1-9n][a-z0-9]{0,15})\\)");

    public ManRef {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(shown(name) + " is not a man page name (letters, digits, '_', '.', '+', ':', '@' and '-').");
        }
        if (!SECTION.matcher(section).matches()) {
            throw new IllegalArgumentException(shown(section) + " is not a man page section (1 to 9, optionally with a suffix such as 3posix).");
        }
    }

    /** The user's text in quotes for a one-line message: control characters as U+XXXX, at most 60 characters. */
    static String shown(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().limit(60).forEach(c -> sb.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028
                || c == 0x2029 ? String.format("U+%04X", c) : new String(Character.toChars(c))));
        sb.append(s.codePointCount(0, s.length()) > 60 ? "\u2026\" (" + s.length() + " characters)" : "\"");
        return sb.toString();
    }

    /** Parses "socket(2)"; null when the text is not such a reference. */
    public static ManRef parse(String text) {
        Matcher m = REF.matcher(text.strip());
        return m.matches() ? new ManRef(m.group(1), m.group(2)) : null;
    }

    /** Every "name(section)" reference in a piece of text, in order. */
    public static java.util.List<ManRef> findAll(String text) {
        java.util.List<ManRef> refs = new java.util.ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            ManRef r = new ManRef(m.group(1), m.group(2));
            if (!refs.contains(r)) {
                refs.add(r);
            }
        }
        return refs;
    }

    /** A reference found in running text, with where it stands: {@code text.substring(start, end)} is "select(2)". */
    public record Mention(ManRef ref, int start, int end) {
    }

    /** Every "name(section)" reference in a piece of text, in order, repeats included, with its position. */
    public static java.util.List<Mention> mentions(String text) {
        java.util.List<Mention> found = new java.util.ArrayList<>();
        Matcher m = REF.matcher(text);
        while (m.find()) {
            found.add(new Mention(new ManRef(m.group(1), m.group(2)), m.start(), m.end()));
        }
        return found;
    }

    @Override
    public String toString() {
        return name + "(" + section + ")";
    }
}
