package org.connectdoctor.report;

/**
 * A small streaming JSON writer: enough for reports, with correct string escaping and no
 * dependency. Objects and arrays are opened and closed explicitly; commas are managed here.
 */
final class Json {
    private final StringBuilder out = new StringBuilder(1024);
    private final boolean pretty;
    private int depth;
    private boolean first = true;

    Json(boolean pretty) {
        this(pretty, 0);
    }

    /** A writer whose text will be placed as a value {@code depth} levels deep in another document. */
    Json(boolean pretty, int depth) {
        this.pretty = pretty;
        this.depth = depth;
    }

    /** The text written since the last call, which the writer forgets: lets a long document stream out. */
    String take() {
        String s = out.toString();
        out.setLength(0);
        return s;
    }

    int depth() {
        return depth;
    }

    /** A complete value written by another {@code Json} created at this writer's depth. */
    Json rawValue(String json) {
        value();
        out.append(json);
        first = false;
        return this;
    }

    Json beginObject() {
        value();
        out.append('{');
        depth++;
        first = true;
        return this;
    }

    Json endObject() {
        depth--;
        newline();
        out.append('}');
        first = false;
        return this;
    }

    Json beginArray() {
        value();
        out.append('[');
        depth++;
        first = true;
        return this;
    }

    Json endArray() {
        depth--;
        newline();
        out.append(']');
        first = false;
        return this;
    }

    /** Writes a key; the next call writes its value. */
    Json name(String key) {
        separator();
        string(key);
        out.append(pretty ? ": " : ":");
        first = true; // the value that follows takes no separator
        pendingValue = true;
        return this;
    }

    private boolean pendingValue;

    Json value(String s) {
        value();
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
        first = false;
        return this;
    }

    Json value(long n) {
        value();
        out.append(n);
        first = false;
        return this;
    }

    Json value(double d) {
        value();
        long m = Double.isFinite(d) ? Math.round(d * 1000) : 0;
        if (Double.isFinite(d) && m > -10_000_000_000L && m < 10_000_000_000L) { // rounded, below 10^7
            thousandths(m);
        } else if (Double.isFinite(d)) {
            out.append(Math.round(d * 1000) / 1000.0);
        } else {
            out.append("null");
        }
        first = false;
        return this;
    }

    /**
     * {@code m / 1000} as Double.toString writes it for a value below 10^7 rounded to thousandths
     * ("12.345", "12.3", "12.0", "-0.5"), without Double.toString: its FloatingDecimal was the
     * largest part of an attempt's JSON under the client compiler (the run image's JIT).
     */
    private void thousandths(long m) {
        if (m < 0) {
            out.append('-');
            m = -m;
        }
        out.append(m / 1000).append('.');
        int frac = (int) (m % 1000);
        if (frac == 0) {
            out.append('0');
            return;
        }
        int digits = 3;
        while (frac % 10 == 0) {
            frac /= 10;
            digits--;
        }
        for (int p = digits == 3 ? 100 : digits == 2 ? 10 : 1; p > 0; p /= 10) {
            out.append((char) ('0' + frac / p % 10));
        }
    }

    Json value(boolean b) {
        value();
        out.append(b);
        first = false;
        return this;
    }

    Json nullValue() {
        value();
        out.append("null");
        first = false;
        return this;
    }

    Json field(String key, String v) {
        return name(key).value(v);
    }

    Json field(String key, long v) {
        return name(key).value(v);
    }

    Json field(String key, double v) {
        return name(key).value(v);
    }

    Json field(String key, boolean v) {
        return name(key).value(v);
    }

    private void value() {
        if (pendingValue) {
            pendingValue = false;
            return;
        }
        separator();
    }

    private void separator() {
        if (!first) {
            out.append(',');
        }
        if (depth > 0) {
            newline();
        }
    }

    /** Indentation by depth, made once: a report writes one per field. */
    private static final String[] INDENT = new String[16];

    static {
        for (int i = 0; i < INDENT.length; i++) {
            INDENT[i] = "\n" + "  ".repeat(i);
        }
    }

    private void newline() {
        if (pretty) {
            int d = Math.max(0, depth);
            out.append(d < INDENT.length ? INDENT[d] : "\n" + "  ".repeat(d));
        }
    }

    private void string(String s) {
        out.append('"');
        if (plain(s)) {
            // in one copy, not a char at a time: most keys and values need no escape
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)
                            && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** True when {@link #string} writes {@code s} as it is: no quote, backslash, control character, U+2028 or above. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= '\u2028') {
                return false;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
