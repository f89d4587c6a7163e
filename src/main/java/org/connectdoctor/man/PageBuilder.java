package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@link ManPage} while the macros are read: the title facts (.TH, .Dd/.Dt/.Os), the
 * sections, and within a section the filled paragraph being gathered, the literal block (.nf,
 * .EX, .Bd -literal), the tagged entry whose tag comes next (.TP, .TQ), and the table being read
 * (.TS, handed to {@link Tbl}). The nesting of indents and entries is the {@link SectionTree}'s.
 * The man(7) and mdoc(7) macros say what happens; this class decides where the spans go.
 */
final class PageBuilder {

    private final Escapes escapes;

    // page facts
    private String name = "";
    private String section = "";
    private String date = "";
    private String source = "";
    private String manual = "";

    // layout state
    private final List<ManSection> sections = new ArrayList<>();
    private String heading;
    private boolean expectHeading;
    private final SectionTree tree = new SectionTree();
    private final List<Span> paragraph = new ArrayList<>();
    private boolean noFill;
    private List<List<Span>> literal;
    private boolean expectTag;
    private boolean tagContinues;
    private boolean continueLine;
    /** mdoc's .Sm off: words are set without spaces between them. */
    private boolean spacingOff;
    /** The tbl(1) table being read, between .TS and .TE; null outside one. */
    private Tbl table;

    /** {@code escapes} tells, after each line it read, whether the line ended in {@code \c}. */
    PageBuilder(Escapes escapes) {
        this.escapes = escapes;
    }

    void name(String name) {
        this.name = name;
    }

    /** The page name .TH or .Dt gave; empty before. */
    String name() {
        return name;
    }

    void section(String section) {
        this.section = section;
    }

    void date(String date) {
        this.date = date;
    }

    void source(String source) {
        this.source = source;
    }

    void manual(String manual) {
        this.manual = manual;
    }

    /** The heading of the section that starts (after {@link #endSection}). */
    void heading(String heading) {
        this.heading = heading;
    }

    /** A .SH with no words: the next text line is the heading. */
    void headingOnNextLine() {
        expectHeading = true;
    }

    boolean awaitsHeading() {
        return expectHeading;
    }

    /** The text line that a bare .SH announced. */
    void headingFromLine(String heading) {
        this.heading = heading;
        expectHeading = false;
    }

    /** The indent levels and tagged entries of the current section. */
    SectionTree tree() {
        return tree;
    }

    /** True inside a literal block, where each line is kept as it is. */
    boolean noFill() {
        return noFill;
    }

    /** .nf, .EX, .Bd -literal: lines from here on are kept as they are. */
    void startLiteral() {
        noFill = true;
        literal = new ArrayList<>();
    }

    /** man's .br: a line break in a filled paragraph; nothing in a literal block. */
    void lineBreak() {
        if (noFill) {
            return;
        }
        if (!paragraph.isEmpty()) {
            paragraph.add(Span.roman("\n"));
        }
    }

    /** mdoc's .br: a line break added to the paragraph as it is. */
    void forcedLineBreak() {
        paragraph.add(Span.roman("\n"));
    }

    /** man's .sp and .ne: an empty line in a literal block, else a paragraph break. */
    void blankLine() {
        if (noFill) {
            literal.add(List.of());
        } else {
            flush();
        }
    }

    /** .TP: the next line's spans are the tag of a new entry. */
    void expectTag() {
        expectTag = true;
    }

    /** .TQ: the next line's spans are added to the open entry's tag, after a comma. */
    void expectTagContinuing() {
        expectTag = true;
        tagContinues = true;
    }

    boolean spacingOff() {
        return spacingOff;
    }

    void spacingOff(boolean off) {
        spacingOff = off;
    }

    /** .TS: the lines up to .TE are a table. */
    void startTable() {
        table = new Tbl();
    }

    /** The table being read; null outside .TS/.TE. */
    Tbl table() {
        return table;
    }

    /** The page: what is still open is closed. */
    ManPage finish() {
        endSection();
        return new ManPage(name, section, date, source, manual, sections);
    }

    /** .TE, or a section that ends inside the table: the table read so far joins the tree. */
    void endTable() {
        if (table == null) {
            return;
        }
        List<List<List<Span>>> rows = table.finish();
        table = null;
        if (!rows.isEmpty()) {
            tree.add(new SectionTree.TableNode(rows));
        }
    }

    /**
     * Adds spans where text goes now: the open text block of a table, the tag a .TP or .TQ is
     * waiting for, a new line of the literal block, or the filled paragraph (after a space, unless
     * the line {@link Escapes} read before ended in {@code \c}).
     */
    void emit(List<Span> spans) {
        if (table != null && table.inBlock()) {
            table.blockText(spans);
            return;
        }
        if (expectTag) {
            List<Span> open = tree.openTagSpans();
            if (tagContinues && open != null) {
                open.add(Span.roman(", "));
                open.addAll(spans);
            } else {
                tree.openTag(spans);
            }
            expectTag = false;
            tagContinues = false;
            return;
        }
        if (noFill) {
            if (continueLine && !literal.isEmpty()) {
                List<Span> last = new ArrayList<>(literal.remove(literal.size() - 1));
                last.addAll(spans);
                literal.add(last);
            } else {
                literal.add(spans);
            }
            continueLine = escapes.endsWithContinuation();
            return;
        }
        if (!paragraph.isEmpty() && !continueLine && !spacingOff && !spans.isEmpty()) {
            String last = paragraph.get(paragraph.size() - 1).text();
            if (!last.endsWith("\n")) {
                paragraph.add(Span.roman(" "));
            }
        }
        paragraph.addAll(spans);
        continueLine = escapes.endsWithContinuation();
    }

    /** Like {@link #emit}, joined to what comes before with no space (.UE's trailing punctuation). */
    void emitNoSpace(List<Span> spans) {
        continueLine = true;
        emit(spans);
    }

    /** Ends the filled paragraph being gathered, if any (outside a literal block). */
    void flush() {
        if (noFill) {
            return;
        }
        Spans.trimTrailingSpace(paragraph);
        if (!paragraph.isEmpty()) {
            List<Span> merged = Spans.merge(paragraph);
            if (!PlainText.spansText(merged).isBlank()) {
                tree.add(new SectionTree.ParaNode(merged));
            }
            paragraph.clear();
        }
        continueLine = false;
    }

    /** .fi, .EE, .Ed: the literal block joins the tree. */
    void endLiteral() {
        if (!noFill) {
            return;
        }
        noFill = false;
        if (literal != null && !literal.isEmpty()) {
            while (!literal.isEmpty() && literal.get(literal.size() - 1).isEmpty()) {
                literal.remove(literal.size() - 1);
            }
            tree.add(new SectionTree.LiteralNode(literal.stream().map(Spans::merge).toList()));
        }
        literal = null;
        continueLine = false;
    }

    /** A new .SH/.Sh or the end of the page: whatever is open is closed, the section is kept. */
    void endSection() {
        endTable();
        flush();
        endLiteral();
        expectTag = false;
        if (heading != null) {
            sections.add(new ManSection(heading, tree.finish()));
        } else {
            tree.finish();
        }
        heading = null;
    }
}
