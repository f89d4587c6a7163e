package org.connectdoctor.report;

/**
 * Text for one Markdown line or table cell, the same rule in every report: on one line (a line
 * break becomes a space, another control character is written as U+XXXX), with the characters
 * that would start markup escaped: backslash, the cell bar, and "<" (no HTML). A backtick pair is
 * kept, so a rule or a command quoted in `code` stays code; an odd backtick is escaped, so it
 * cannot open a code span that swallows the rest of the table.
 */
final class Markdown {

    private Markdown() {
    }

    static String text(String s) {
        StringBuilder line = new StringBuilder();
        s.codePoints().forEach(c -> line.append(c == '\n' || c == '\r' || c == '\t' ? " "
                : Character.isISOControl(c) ? String.format("U+%04X", c) : new String(Character.toChars(c))));
        String t = line.toString().replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;");
        long ticks = t.chars().filter(c -> c == '`').count();
        return ticks % 2 == 0 ? t : t.replace("`", "\\`");
    }
}
