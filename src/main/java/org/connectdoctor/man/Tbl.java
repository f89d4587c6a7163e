package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One tbl(1) table while it is read (.TS to .TE): the options line (only {@code tab(x)} matters
 * here), format lines up to the one ending in '.', then data rows whose cells are separated by the
 * tab character. A cell given as {@code T{} … {@code T}} is a text block over several lines, in
 * which the page's own font macros (.B, .BR) set the text; the row goes on after {@code T}}.
 * Layout (alignment, spans, widths, rules) is not kept: the window and {@link PlainText} lay the
 * cells out as a grid. Bounded: at most {@link #MAX_COLUMNS} cells a row, the rest joined into the
 * last; rows are bounded by the page's line limit.
 */
final class Tbl {

    /** The most columns a table keeps; the widest real man-page tables have fewer than ten. */
    static final int MAX_COLUMNS = 32;

    private char tab = '\t';
    private boolean optionsPossible = true;
    private boolean formatPending = true;
    private final List<List<List<Span>>> rows = new ArrayList<>();
    private List<List<Span>> row;
    private List<Span> block;

    /** True while a T{ text block is open: its lines are text and macros for one cell. */
    boolean inBlock() {
        return block != null;
    }

    /** True while the options and format lines are still being read. */
    boolean readingFormat() {
        return formatPending;
    }

    /** .T&: a new format section follows. */
    void newFormat() {
        formatPending = true;
        optionsPossible = false;
    }

    /** An options or format line: skipped, except for the tab character the options name. */
    void formatLine(String line) {
        String s = line.strip();
        if (optionsPossible && s.endsWith(";")) {
            optionsPossible = false;
            int at = s.indexOf("tab(");
            if (at >= 0 && at + 5 < s.length() && s.charAt(at + 5) == ')') {
                tab = s.charAt(at + 4);
            }
            return;
        }
        optionsPossible = false;
        if (s.endsWith(".")) {
            formatPending = false;
        }
    }

    /** A data line outside a text block; {@code inline} resolves escapes in one cell. */
    void dataLine(String line, Function<String, List<Span>> inline) {
        if (line.equals("_") || line.equals("=") || line.equals("\\_")) {
            return; // a horizontal rule
        }
        if (row == null) {
            row = new ArrayList<>();
        }
        cells(line, inline);
    }

    /** The remainder of a row: cells separated by the tab character, perhaps ending in T{. */
    private void cells(String text, Function<String, List<Span>> inline) {
        int start = 0;
        while (true) {
            int end = text.indexOf(tab, start);
            String cell = end < 0 ? text.substring(start) : text.substring(start, end);
            if (end < 0 && cell.equals("T{")) {
                block = new ArrayList<>();
                return; // the row goes on after the block
            }
            addCell(inline.apply(cell));
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        endRow();
    }

    /** Spans for the open text block, from a text line or a font macro inside it. */
    void blockText(List<Span> spans) {
        if (spans.isEmpty()) {
            return;
        }
        if (!block.isEmpty()) {
            String last = block.get(block.size() - 1).text();
            if (!last.endsWith(" ") && !last.endsWith("\n")) {
                block.add(Span.roman(" "));
            }
        }
        block.addAll(spans);
    }

    /** A line break inside a text block (.br, .sp). */
    void blockBreak() {
        if (!block.isEmpty()) {
            block.add(Span.roman("\n"));
        }
    }

    /** A line starting with T}: closes the block; the rest of the line continues the row. */
    void endBlock(String line, Function<String, List<Span>> inline) {
        List<Span> cell = block;
        block = null;
        addCell(cell);
        String rest = line.substring(2);
        if (rest.isEmpty()) {
            endRow();
        } else {
            cells(rest.charAt(0) == tab ? rest.substring(1) : rest, inline);
        }
    }

    private void addCell(List<Span> spans) {
        List<Span> cell = trimmed(Spans.merge(spans));
        if (row.size() < MAX_COLUMNS) {
            row.add(cell);
        } else {
            List<Span> last = new ArrayList<>(row.get(row.size() - 1));
            last.add(Span.roman(" "));
            last.addAll(cell);
            row.set(row.size() - 1, Spans.merge(last));
        }
    }

    private static List<Span> trimmed(List<Span> spans) {
        List<Span> out = new ArrayList<>(spans);
        while (!out.isEmpty() && out.get(out.size() - 1).text().isBlank()) {
            out.remove(out.size() - 1);
        }
        while (!out.isEmpty() && out.get(0).text().isBlank()) {
            out.remove(0);
        }
        if (!out.isEmpty()) {
            Span first = out.get(0);
            out.set(0, new Span(first.text().stripLeading(), first.style()));
            Span last = out.get(out.size() - 1);
            out.set(out.size() - 1, new Span(last.text().stripTrailing(), last.style()));
        }
        return out;
    }

    private void endRow() {
        if (row != null && !row.stream().allMatch(List::isEmpty)) {
            rows.add(row);
        }
        row = null;
    }

    /** The rows read; an unclosed block or row (a page that ends inside the table) is kept as it is. */
    List<List<List<Span>>> finish() {
        if (block != null) {
            if (row == null) {
                row = new ArrayList<>();
            }
            List<Span> cell = block;
            block = null;
            addCell(cell);
        }
        endRow();
        return rows;
    }
}
