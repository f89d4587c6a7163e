package org.connectdoctor.man;

import java.util.List;

/** Lays a man page, or part of one, out as plain text the way man(1) does on a terminal. */
public final class PlainText {
    /** Where section bodies start, as man indents them. */
    public static final int INDENT = 7;

    private PlainText() {
    }

    /** The whole page: title line, then each section. */
    public static String render(ManPage page, int width) {
        StringBuilder sb = new StringBuilder();
        sb.append(page.titleLine()).append("\n\n");
        for (ManSection s : page.sections()) {
            sb.append(s.heading()).append('\n');
            blocks(s.blocks(), INDENT, width, sb);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Blocks at the given indent, wrapped to {@code width} columns. */
    public static String render(List<Block> blocks, int indent, int width) {
        StringBuilder sb = new StringBuilder();
        blocks(blocks, indent, width, sb);
        return sb.toString();
    }

    /** A tagged entry as man shows it: the tag, then the body indented under it. */
    public static String render(Block.Tagged entry, int indent, int width) {
        StringBuilder sb = new StringBuilder();
        blocks(List.of(entry), indent, width, sb);
        return sb.toString();
    }

    private static void blocks(List<Block> blocks, int indent, int width, StringBuilder sb) {
        boolean first = true;
        for (Block b : blocks) {
            if (!first && !(b instanceof Block.Indented)) {
                sb.append('\n');
            }
            first = false;
            if (b instanceof Block.Paragraph p) {
                wrap(spansText(p.spans()), indent, width, sb);
            } else if (b instanceof Block.Literal l) {
                for (List<Span> line : l.lines()) {
                    String text = spansText(line).stripTrailing();
                    sb.append(text.isEmpty() ? "" : " ".repeat(indent) + text).append('\n');
                }
            } else if (b instanceof Block.Tagged t) {
                String tag = spansText(t.tag()).strip();
                int bodyIndent = indent + INDENT;
                String body = render(t.body(), bodyIndent, width);
                if (tag.length() < INDENT - 1 && !body.isBlank()) {
                    // Short tags share their line with the body, as "EBADF  The file descriptor ...".
                    String firstLine = body.substring(bodyIndent);
                    sb.append(" ".repeat(indent)).append(tag).append(" ".repeat(bodyIndent - indent - tag.length()))
                            .append(firstLine);
                } else {
                    sb.append(" ".repeat(indent)).append(tag).append('\n').append(body);
                }
                if (body.isBlank() && tag.length() < INDENT - 1) {
                    sb.append('\n');
                }
            } else if (b instanceof Block.Indented in) {
                blocks(in.blocks(), indent + INDENT, width, sb);
            } else if (b instanceof Block.SubHeading h) {
                sb.append(" ".repeat(Math.max(0, indent - 4))).append(h.text()).append('\n');
            } else if (b instanceof Block.Table t) {
                table(t, indent, sb);
            }
        }
    }

    /** Columns as wide as their widest cell (at most {@link #CELL_WIDTH}), two spaces apart; no wrapping. */
    private static void table(Block.Table t, int indent, StringBuilder sb) {
        int[] widths = new int[t.columns()];
        for (List<List<Span>> row : t.rows()) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.min(CELL_WIDTH, Math.max(widths[c], cellText(row.get(c)).length()));
            }
        }
        for (List<List<Span>> row : t.rows()) {
            StringBuilder line = new StringBuilder(" ".repeat(indent));
            for (int c = 0; c < row.size(); c++) {
                String text = cellText(row.get(c));
                line.append(text);
                if (c + 1 < row.size()) {
                    line.append(" ".repeat(Math.max(0, widths[c] - text.length()) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The widest a table column is padded to in plain text. */
    private static final int CELL_WIDTH = 40;

    private static String cellText(List<Span> cell) {
        return spansText(cell).replace('\n', ' ');
    }

    private static void wrap(String text, int indent, int width, StringBuilder sb) {
        String[] lines = text.split("\n", -1);
        for (String line : lines) {
            int col = 0;
            boolean lineStart = true;
            for (String word : line.strip().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                if (lineStart) {
                    sb.append(" ".repeat(indent));
                    col = indent;
                } else if (col + 1 + word.length() > width) {
                    sb.append('\n').append(" ".repeat(indent));
                    col = indent;
                } else {
                    sb.append(' ');
                    col++;
                }
                sb.append(word);
                col += word.length();
                lineStart = false;
            }
            sb.append('\n');
        }
    }

    /** The text of spans, styles dropped. */
    public static String spansText(List<Span> spans) {
        StringBuilder sb = new StringBuilder();
        for (Span s : spans) {
            sb.append(s.text());
        }
        return sb.toString();
    }

    /** Blocks as one line of text: for searching and for short quotations. */
    public static String flatten(List<Block> blocks) {
        StringBuilder sb = new StringBuilder();
        flatten(blocks, sb);
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    private static void flatten(List<Block> blocks, StringBuilder sb) {
        for (Block b : blocks) {
            sb.append(' ');
            if (b instanceof Block.Paragraph p) {
                sb.append(spansText(p.spans()));
            } else if (b instanceof Block.Literal l) {
                l.lines().forEach(line -> sb.append(spansText(line)).append(' '));
            } else if (b instanceof Block.Tagged t) {
                sb.append(spansText(t.tag())).append(' ');
                flatten(t.body(), sb);
            } else if (b instanceof Block.Indented in) {
                flatten(in.blocks(), sb);
            } else if (b instanceof Block.SubHeading h) {
                sb.append(h.text());
            } else if (b instanceof Block.Table t) {
                t.rows().forEach(row -> row.forEach(cell -> sb.append(spansText(cell)).append(' ')));
            }
        }
    }
}
