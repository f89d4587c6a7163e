package org.connectdoctor.man;

import java.util.List;

/** A piece of a man page's body: what a formatter lays out as one unit. */
public sealed interface Block permits Block.Paragraph, Block.Literal, Block.Tagged, Block.Indented, Block.SubHeading,
        Block.Table {

    /** Filled text: lines joined and wrapped to the width. */
    record Paragraph(List<Span> spans) implements Block {
        public Paragraph {
            spans = List.copyOf(spans);
        }
    }

    /** Lines kept as they are (.nf/.fi, .EX/.EE, mdoc's .Bd -literal). */
    record Literal(List<List<Span>> lines) implements Block {
        public Literal {
            lines = lines.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A tagged paragraph (.TP, .IP with a tag, mdoc's .It in a tagged list): the tag in the left
     * margin, the body indented. Error lists are made of these.
     */
    record Tagged(List<Span> tag, List<Block> body) implements Block {
        public Tagged {
            tag = List.copyOf(tag);
            body = List.copyOf(body);
        }
    }

    /** A relative indent (.RS/.RE, mdoc's .Bd -offset, .D1). */
    record Indented(List<Block> blocks) implements Block {
        public Indented {
            blocks = List.copyOf(blocks);
        }
    }

    /** A subsection heading (.SS, mdoc's .Ss). */
    record SubHeading(String text) implements Block {
    }

    /**
     * A tbl(1) table (.TS/.TE): rows of cells, each cell its own run of spans. Rows may have fewer
     * cells than the widest row (tbl leaves the rest empty).
     */
    record Table(List<List<List<Span>>> rows) implements Block {
        public Table {
            rows = rows.stream().map(r -> r.stream().map(List::copyOf).toList()).toList();
        }

        /** The number of columns: the widest row's. */
        public int columns() {
            return rows.stream().mapToInt(List::size).max().orElse(0);
        }
    }
}
