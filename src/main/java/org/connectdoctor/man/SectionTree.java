package org.connectdoctor.man;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The body of one section while the page is read: mutable nodes in nested indent levels (.RS/.RE,
 * mdoc's .Bl/.El), each level with at most one open tagged entry, frozen into {@link Block}
 * records when the section ends. The nesting is bounded ({@link #MAX_DEPTH}): a page that nests
 * deeper is not a man page anyone wrote, and every reader of the blocks (the freezer here,
 * {@link PlainText}, the window) descends one level per call.
 */
final class SectionTree {

    /** Indent levels a page may open at once; the deepest real pages use fewer than ten. */
    static final int MAX_DEPTH = 64;

    interface Node {
    }

    record ParaNode(List<Span> spans) implements Node {
    }

    record LiteralNode(List<List<Span>> lines) implements Node {
    }

    record SubNode(String text) implements Node {
    }

    record TableNode(List<List<List<Span>>> rows) implements Node {
    }

    record IndentNode(List<Node> nodes) implements Node {
    }

    record TagNode(List<Span> tag, List<Node> body) implements Node {
    }

    /** A relative-indent level: its nodes and, while one is open, a tagged entry. */
    private static final class Level {
        final List<Node> nodes = new ArrayList<>();
        TagNode openTag;
        final boolean list; // an mdoc .Bl list (items are tagged entries)

        Level(boolean list) {
            this.list = list;
        }

        List<Node> sink() {
            return openTag != null ? openTag.body() : nodes;
        }
    }

    private final Deque<Level> levels = new ArrayDeque<>();

    private Level current() {
        if (levels.isEmpty()) {
            levels.push(new Level(false));
        }
        return levels.peek();
    }

    /** Adds a node where text goes now: the open tagged entry's body, or the current level. */
    void add(Node node) {
        current().sink().add(node);
    }

    /**
     * Opens an indent level (.RS, or a .Bl list when {@code list}).
     *
     * @throws UnreadablePageException when that would nest deeper than {@link #MAX_DEPTH}
     */
    void indent(boolean list) throws UnreadablePageException {
        if (levels.size() > MAX_DEPTH) {
            throw new UnreadablePageException("it nests indents (.RS, .Bl) more than " + MAX_DEPTH + " levels deep");
        }
        Level inner = new Level(list);
        add(new IndentNode(inner.nodes));
        levels.push(inner);
    }

    /** Closes the innermost indent level (.RE, .El); the outermost one stays. */
    void outdent() {
        if (levels.size() > 1) {
            levels.pop();
        }
    }

    /** Back to the outermost level, no entry open (a subsection heading). */
    void reset() {
        while (levels.size() > 1) {
            levels.pop();
        }
        current().openTag = null;
    }

    void openTag(List<Span> tag) {
        Level level = current();
        TagNode open = new TagNode(new ArrayList<>(tag), new ArrayList<>());
        level.nodes.add(open);
        level.openTag = open;
    }

    void closeTag() {
        current().openTag = null;
    }

    /** The tag of the entry open on the current level, to add to; null when none is open. */
    List<Span> openTagSpans() {
        TagNode open = current().openTag;
        return open == null ? null : open.tag();
    }

    boolean inList() {
        return current().list;
    }

    /** How many nodes the current level holds: the number of the next item of an enumerated list. */
    int itemsOnLevel() {
        return current().nodes.size();
    }

    /** The section's blocks; the tree is empty again afterwards. */
    List<Block> finish() {
        List<Node> top = levels.isEmpty() ? List.of() : levels.getLast().nodes;
        List<Block> blocks = freeze(top);
        levels.clear();
        return blocks;
    }

    /** Recursive, but no deeper than the bounded nesting: two calls per level (indent and tag). */
    private static List<Block> freeze(List<Node> nodes) {
        List<Block> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof ParaNode p) {
                out.add(new Block.Paragraph(p.spans()));
            } else if (n instanceof LiteralNode l) {
                out.add(new Block.Literal(l.lines()));
            } else if (n instanceof SubNode h) {
                out.add(new Block.SubHeading(h.text()));
            } else if (n instanceof TableNode t) {
                out.add(new Block.Table(t.rows()));
            } else if (n instanceof TagNode t) {
                out.add(new Block.Tagged(Spans.merge(t.tag()), freeze(t.body())));
            } else if (n instanceof IndentNode in) {
                List<Block> inner = freeze(in.nodes());
                if (!inner.isEmpty()) {
                    out.add(new Block.Indented(inner));
                }
            }
        }
        return out;
    }
}
