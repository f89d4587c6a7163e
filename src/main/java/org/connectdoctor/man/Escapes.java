package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;

/**
 * The inline escapes of one line of roff text: fonts ({@code \fB}, {@code \f(CW}, {@code \fP}),
 * special characters and strings ({@code \(em}, {@code \[u00E9]}, {@code \*(lq}, through
 * {@link Glyphs}), and the escapes that carry no text (sizes {@code \s}, registers {@code \n},
 * widths {@code \w}, motions {@code \h}, …), which it skips. It owns the font state that lasts
 * from line to line as in troff: the current and the previous font (.ft and {@code \fP}), and the
 * font a macro such as {@code .B} without arguments sets for the next text line.
 */
final class Escapes {

    // font state across lines (\fB … \fR)
    private Style font = Style.ROMAN;
    private Style previousFont = Style.ROMAN;
    /** The font .B, .I and the like without arguments set for the next text line; null when none. */
    private Style nextLineFont;
    private boolean endsWithContinuation;

    /** Whether the line {@link #inline} read last ended in {@code \c} (the next line joins it with no space). */
    boolean endsWithContinuation() {
        return endsWithContinuation;
    }

    /** .B, .I, … with no arguments: the next text line is set in {@code style}. */
    void nextLineFont(Style style) {
        nextLineFont = style;
    }

    /** The font the next text line starts in: the one a macro set for it, used up, or roman. */
    Style takeNextLineFont() {
        Style base = nextLineFont != null ? nextLineFont : Style.ROMAN;
        nextLineFont = null;
        return base;
    }

    /** Plain text of a piece of roff (escapes resolved, fonts dropped). */
    String plain(String roff) {
        return PlainText.spansText(inline(roff, Style.ROMAN));
    }

    /**
     * Resolves escapes in one line of text. {@code base} is the font a macro imposes; font
     * escapes inside change it and, for text lines, the change lasts beyond the line as in troff.
     */
    List<Span> inline(String s, Style base) {
        List<Span> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean macroFont = base != Style.ROMAN;
        Style current = macroFont ? base : font;
        endsWithContinuation = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                run.append(c == '\t' ? ' ' : c);
                i++;
                continue;
            }
            char e = s.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'f' -> {
                    String f = i < n ? escapeName(s, i) : "R";
                    i = i < n ? afterEscapeName(s, i) : n;
                    Spans.flushRun(out, run, current);
                    Style next = fontNamed(f, current);
                    if (macroFont) {
                        current = f.equals("P") || f.isEmpty() || f.equals("R") && base != Style.ROMAN ? base : next;
                        if (f.equals("R")) {
                            current = Style.ROMAN;
                        }
                    } else {
                        setFont(f);
                        current = font;
                    }
                }
                case '-' -> run.append('-');
                case 'e', 'E', '\\' -> run.append('\\');
                case '.' -> run.append('.');
                case '\'' -> run.append('\'');
                case '`' -> run.append('`');
                case ' ', '~', '0' -> run.append(' ');
                case '&', '|', '^', ')', '%', ':', '/', ',', '{', '}', 'u', 'd', 'p', 'a', 'r' -> { }
                case 't' -> run.append(' ');
                case 'c' -> {
                    if (i >= n) {
                        endsWithContinuation = true;
                    }
                }
                case '"' -> i = n; // comment to the end of the line
                case '#' -> i = n;
                case '(' -> {
                    String g = s.substring(Math.min(i, n), Math.min(i + 2, n));
                    i = Math.min(i + 2, n);
                    run.append(Glyphs.glyph(g));
                }
                case '[' -> {
                    int close = s.indexOf(']', i);
                    close = close < 0 ? n : close;
                    String g = s.substring(i, close);
                    i = Math.min(close + 1, n);
                    run.append(Glyphs.glyph(g));
                }
                case '*' -> {
                    String str = i < n ? escapeName(s, i) : "";
                    i = i < n ? afterEscapeName(s, i) : n;
                    run.append(Glyphs.string(str));
                }
                case 's' -> {
                    // \s+1, \s-1, \s0, \s(12, \s[12]
                    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                        i++;
                    }
                    if (i < n && s.charAt(i) == '(') {
                        i = Math.min(i + 3, n);
                    } else if (i < n && s.charAt(i) == '[') {
                        int close = s.indexOf(']', i);
                        i = close < 0 ? n : close + 1;
                    } else {
                        while (i < n && Character.isDigit(s.charAt(i))) {
                            i++;
                        }
                    }
                }
                case 'n', 'm', 'M', 'g', 'k', 'F' -> {
                    // registers, colours, fonts families: no text
                    if (i < n && s.charAt(i) == '+' && e == 'n') {
                        i++;
                    }
                    if (i < n && s.charAt(i) == '(') {
                        i = Math.min(i + 3, n);
                    } else if (i < n && s.charAt(i) == '[') {
                        int close = s.indexOf(']', i);
                        i = close < 0 ? n : close + 1;
                    } else if (i < n) {
                        i++;
                    }
                }
                case 'h', 'v', 'w', 'o', 'X', 'l', 'L', 'D', 'b', 'x', 'Z', 'R', 'A', 'B', 'C', 'N', 'S', 'V', 'Y' -> {
                    // \h'1m' and the like: a delimited argument, no text (\w gives a width, \o overstrikes)
                    if (i < n) {
                        char delim = s.charAt(i);
                        int close = s.indexOf(delim, i + 1);
                        if (e == 'o' && close > i) {
                            run.append(s, i + 1, close);
                        }
                        i = close < 0 ? n : close + 1;
                    }
                }
                default -> run.append(e);
            }
        }
        Spans.flushRun(out, run, current);
        return Spans.merge(out);
    }

    /** The name an escape takes at {@code i}: one character, "(xx" (two) or "[name]" (any length). */
    private static String escapeName(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == '(') {
            return s.substring(Math.min(i + 1, n), Math.min(i + 3, n));
        }
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            return s.substring(i + 1, close < 0 ? n : close);
        }
        return String.valueOf(s.charAt(i));
    }

    /** Where the text goes on after the name {@link #escapeName} read. */
    private static int afterEscapeName(String s, int i) {
        int n = s.length();
        if (s.charAt(i) == '(') {
            return Math.min(i + 3, n);
        }
        if (s.charAt(i) == '[') {
            int close = s.indexOf(']', i);
            return close < 0 ? n : close + 1;
        }
        return i + 1;
    }

    /** The .ft request: a font by name or number, P the previous one. */
    void setFont(String f) {
        Style next = fontNamed(f, font);
        if (f.equals("P") || f.isEmpty()) {
            Style tmp = font;
            font = previousFont;
            previousFont = tmp;
        } else {
            previousFont = font;
            font = next;
        }
    }

    private Style fontNamed(String f, Style current) {
        return switch (f) {
            case "B", "3", "CB", "TB", "HB" -> Style.BOLD;
            case "I", "2", "CI", "TI", "HI" -> Style.ITALIC;
            case "BI", "4" -> Style.BOLD_ITALIC;
            case "CW", "CR", "C", "CO" -> Style.CODE;
            case "R", "1", "TR", "H", "HR" -> Style.ROMAN;
            case "P", "" -> previousFont;
            default -> current;
        };
    }
}
