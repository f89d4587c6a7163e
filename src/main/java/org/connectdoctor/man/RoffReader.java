package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads roff man page source into a {@link ManPage}: the man(7) macros of the Linux man-pages
 * project and the mdoc(7) macros of BSD and macOS pages. It formats nothing; it keeps the
 * structure (sections, tagged entries, literal blocks, indents) and the fonts, which the window and
 * {@link PlainText} lay out. Requests it does not know are skipped, never fatal: a page always
 * reads into something.
 *
 * <p>This class reads lines: it joins continued lines, tells requests from text, skips macro
 * definitions and conditionals, splits a request's arguments, hands the lines between .TS and .TE
 * to the {@link Tbl} being read and the others to {@link ManMacros} or {@link MdocMacros}. Inline
 * escapes are {@link Escapes}', and {@link PageBuilder} builds the page. The page's size is bounded
 * here ({@link #MAX_CHARS}, {@link #MAX_LINES}), its nesting by {@link SectionTree#MAX_DEPTH}.
 */
public final class RoffReader {

    private final String pageSource;
    private final boolean mdoc;
    private final Escapes escapes = new Escapes();
    private final PageBuilder page = new PageBuilder(escapes);
    private final ManMacros man = new ManMacros(page, escapes);
    private final MdocMacros mdocMacros = new MdocMacros(page, escapes);

    private RoffReader(String pageSource) {
        this.pageSource = pageSource;
        this.mdoc = isMdoc(pageSource);
    }

    /** The most source text a page may have: the largest installed pages are near 1 MiB. */
    public static final int MAX_CHARS = 4 << 20;
    /** The most lines a page may have. */
    public static final int MAX_LINES = 1 << 20;

    /**
     * Reads a page's roff source, in time linear in its length.
     *
     * @throws UnreadablePageException when it is larger than {@link #MAX_CHARS} or {@link #MAX_LINES},
     *         or nests deeper than {@link SectionTree#MAX_DEPTH} levels
     */
    public static ManPage read(String roff) throws UnreadablePageException {
        if (roff.length() > MAX_CHARS) {
            throw new UnreadablePageException("it is " + roff.length() + " characters long; a man page has at most "
                    + MAX_CHARS);
        }
        return new RoffReader(roff).parse();
    }

    static boolean isMdoc(String roff) {
        for (String line : roff.split("\n", 200)) {
            if (line.startsWith(".Dd") || line.startsWith(".Dt") || line.startsWith(".Sh ")) {
                return true;
            }
            if (line.startsWith(".TH") || line.startsWith(".SH")) {
                return false;
            }
        }
        return false;
    }

    private ManPage parse() throws UnreadablePageException {
        String[] lines = pageSource.replace("\r\n", "\n").split("\n", -1);
        if (lines.length > MAX_LINES) {
            throw new UnreadablePageException("it has " + lines.length + " lines; a man page has at most " + MAX_LINES);
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            // Escaped newline: the line continues on the next one (joined once: a page of
            // continued lines stays linear).
            if (continues(line) && i + 1 < lines.length) {
                StringBuilder joined = new StringBuilder(line);
                while (continues(joined) && i + 1 < lines.length) {
                    joined.setLength(joined.length() - 1);
                    joined.append(lines[++i]);
                }
                line = joined.toString();
            }
            if (page.table() != null) {
                i = tableInput(line, lines, i);
            } else if (line.startsWith(".") || line.startsWith("'")) {
                i = request(line, lines, i);
            } else {
                text(line);
            }
        }
        return page.finish();
    }

    private static boolean continues(CharSequence line) {
        int n = line.length();
        return n > 0 && line.charAt(n - 1) == '\\' && (n < 2 || line.charAt(n - 2) != '\\');
    }

    // ---------------------------------------------------------------- requests and macros

    private int request(String line, String[] lines, int index) throws UnreadablePageException {
        String body = line.substring(1).stripLeading();
        if (body.startsWith("\\\"") || body.isEmpty() || body.startsWith("\\#")) {
            return index; // comment or empty request
        }
        int sp = 0;
        while (sp < body.length() && !Character.isWhitespace(body.charAt(sp))) {
            sp++;
        }
        String macro = body.substring(0, sp);
        String rest = body.substring(sp).strip();
        if (macro.equals("de") || macro.equals("de1") || macro.equals("am") || macro.equals("ig")) {
            String endName = rest.startsWith("\\\"") ? "" : arguments(rest).stream().findFirst().orElse("");
            String end = macro.equals("ig") && !endName.isEmpty() ? "." + endName : "..";
            int i = index + 1;
            while (i < lines.length && !lines[i].strip().equals(end)) {
                i++;
            }
            return i; // macro definitions are not content
        }
        if (macro.equals("if") || macro.equals("ie") || macro.equals("el")) {
            return conditional(rest, lines, index);
        }
        if (macro.equals("TS") && page.table() == null) {
            page.flush();
            page.startTable();
            return index;
        }
        List<String> args = arguments(rest);
        if (mdoc) {
            mdocMacros.macro(macro, rest, args);
        } else {
            man.macro(macro, args);
        }
        return index;
    }

    /**
     * Conditionals are mostly about output devices (troff versus nroff) and groff extensions.
     * Their bodies are skipped, including a brace-delimited block over several lines.
     */
    private int conditional(String rest, String[] lines, int index) {
        int depth = count(rest, "\\{") - count(rest, "\\}");
        int i = index;
        while (depth > 0 && i + 1 < lines.length) {
            i++;
            depth += count(lines[i], "\\{") - count(lines[i], "\\}");
        }
        return i;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int at = s.indexOf(what); at >= 0; at = s.indexOf(what, at + what.length())) {
            n++;
        }
        return n;
    }


    // ---------------------------------------------------------------- text lines and tables

    private void text(String line) {
        if (mdoc && mdocMacros.inXo()) {
            page.emit(escapes.inline(line, Style.ROMAN));
            return;
        }
        if (page.awaitsHeading()) {
            page.headingFromLine(escapes.plain(line).strip().toUpperCase(Locale.ROOT));
            return;
        }
        if (!page.noFill() && line.isBlank()) {
            page.flush(); // a blank line is a paragraph break
            return;
        }
        Style base = escapes.takeNextLineFont();
        page.emit(escapes.inline(line, base));
    }

    /**
     * One line inside .TS/.TE: format lines, data rows, and in a T{ text block its text and the
     * font macros that set it. Other requests inside a table carry no content and are skipped.
     */
    private int tableInput(String line, String[] lines, int index) throws UnreadablePageException {
        Tbl table = page.table();
        if (line.startsWith(".") || line.startsWith("'")) {
            String body = line.substring(1).stripLeading();
            int sp = 0;
            while (sp < body.length() && !Character.isWhitespace(body.charAt(sp))) {
                sp++;
            }
            String macro = body.substring(0, sp);
            if (macro.equals("TE")) {
                page.endTable();
                return index;
            }
            if (macro.equals("T&")) {
                table.newFormat();
                return index;
            }
            if (table.inBlock() && !table.readingFormat()) {
                if (macro.equals("br") || macro.equals("sp")) {
                    table.blockBreak();
                    return index;
                }
                return request(line, lines, index); // .B, .BR …: emit() sends their spans to the cell
            }
            if (macro.equals("SH") || macro.equals("SS") || macro.equals("Sh")) {
                page.endTable(); // a page that forgot its .TE
                return request(line, lines, index);
            }
            return index;
        }
        if (table.readingFormat()) {
            table.formatLine(line);
        } else if (table.inBlock()) {
            if (line.startsWith("T}")) {
                table.endBlock(line, cell -> escapes.inline(cell, Style.ROMAN));
            } else {
                Style base = escapes.takeNextLineFont();
                table.blockText(escapes.inline(line, base));
            }
        } else {
            table.dataLine(line, cell -> escapes.inline(cell, Style.ROMAN));
        }
        return index;
    }

    /** Splits a macro's arguments: spaces separate, double quotes group, "" is a literal quote. */
    static List<String> arguments(String s) {
        List<String> args = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (s.startsWith("\\\"", i)) {
                break; // trailing comment
            }
            StringBuilder a = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && s.charAt(i + 1) == '"') {
                            a.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    a.append(c);
                    i++;
                }
            } else {
                while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        a.append(s, i, i + 2);
                        i += 2;
                        continue;
                    }
                    a.append(s.charAt(i));
                    i++;
                }
            }
            args.add(a.toString());
        }
        return args;
    }
}
