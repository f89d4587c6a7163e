package org.connectdoctor.ui;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.connectdoctor.man.Block;
import org.connectdoctor.man.ManPage;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.man.ManSection;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.man.Span;

/**
 * Lays man-page structure out as JavaFX nodes with the page's own typography. In a whole page,
 * every "name(section)" reference in the text is a link that {@code open} is given.
 */
final class ManPageView {
    private static final double INDENT = 28;

    private final Consumer<ManRef> open;

    private ManPageView(Consumer<ManRef> open) {
        this.open = open;
    }

    /** One tagged entry: the tag, and the body indented beneath it (references stay text). */
    static Node entry(Block.Tagged entry) {
        VBox box = new VBox(2, new ManPageView(null).blocks(List.of(entry)));
        box.getStyleClass().add(Styles.MAN_ENTRY);
        return box;
    }

    /** A whole page, section by section; references to other pages call {@code open}. */
    static Node page(ManPage page, Consumer<ManRef> open) {
        ManPageView view = new ManPageView(open);
        VBox box = new VBox(6);
        Label title = new Label(page.titleLine());
        title.getStyleClass().add(Styles.PANE_TITLE);
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        box.getChildren().add(title);
        for (ManSection s : page.sections()) {
            Label h = new Label(s.heading());
            h.getStyleClass().add(Styles.MAN_HEADING);
            VBox body = new VBox(6, view.blocks(s.blocks()));
            body.setPadding(new Insets(0, 0, 0, INDENT));
            box.getChildren().addAll(h, body);
        }
        return box;
    }

    private Node[] blocks(List<Block> blocks) {
        Node[] nodes = new Node[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            nodes[i] = block(blocks.get(i));
        }
        return nodes;
    }

    private Node block(Block b) {
        if (b instanceof Block.Paragraph p) {
            TextFlow flow = flow(p.spans());
            flow.getStyleClass().add(Styles.MAN_BODY);
            return flow;
        }
        if (b instanceof Block.Literal l) {
            VBox lines = new VBox();
            for (List<Span> line : l.lines()) {
                TextFlow f = flow(line.isEmpty() ? List.of(Span.roman(" ")) : line);
                f.getStyleClass().add(Styles.MAN_LITERAL);
                lines.getChildren().add(f);
            }
            return lines;
        }
        if (b instanceof Block.Tagged t) {
            TextFlow tag = flow(t.tag());
            tag.getStyleClass().add(Styles.MAN_TAG);
            VBox body = new VBox(4, blocks(t.body()));
            body.setPadding(new Insets(0, 0, 0, INDENT));
            return new VBox(2, tag, body);
        }
        if (b instanceof Block.Indented in) {
            VBox box = new VBox(6, blocks(in.blocks()));
            box.setPadding(new Insets(0, 0, 0, INDENT));
            return box;
        }
        if (b instanceof Block.Table t) {
            // Wider than the pane (its words cannot wrap further): the table scrolls sideways on
            // its own, and the page's prose keeps wrapping at the pane's width.
            javafx.scene.control.ScrollPane wide = new javafx.scene.control.ScrollPane(table(t));
            wide.setFitToWidth(true);
            wide.setFitToHeight(true);
            wide.setVbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
            wide.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.AS_NEEDED);
            wide.setMinWidth(0);
            wide.setMinHeight(Region.USE_PREF_SIZE);
            wide.getStyleClass().add(Styles.MAN_TABLE_SCROLL);
            passVerticalScrollOn(wide);
            return wide;
        }
        Label sub = new Label(((Block.SubHeading) b).text());
        sub.getStyleClass().add(Styles.MAN_SUBHEADING);
        return sub;
    }

    /**
     * The table's own scroll pane scrolls sideways only: a turn of the wheel over it scrolls the
     * page it sits in (before, it scrolled the table's hidden inside, and the header and first rows
     * vanished from view). Shift+wheel, or a sideways wheel, still moves the table.
     */
    static void passVerticalScrollOn(javafx.scene.control.ScrollPane wide) {
        wide.vvalueProperty().addListener((obs, o, v) -> {
            if (v.doubleValue() != 0) {
                wide.setVvalue(0);
            }
        });
        wide.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.isShiftDown() || Math.abs(e.getDeltaX()) >= Math.abs(e.getDeltaY())) {
                return;
            }
            e.consume();
            for (javafx.scene.Parent p = wide.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane page) {
                    double content = page.getContent() == null ? 0 : page.getContent().getLayoutBounds().getHeight();
                    double room = content - page.getViewportBounds().getHeight();
                    if (room > 0) {
                        double v = page.getVvalue() - e.getDeltaY() / room * (page.getVmax() - page.getVmin());
                        page.setVvalue(Math.max(page.getVmin(), Math.min(page.getVmax(), v)));
                    }
                    return;
                }
            }
        });
    }

    /** A tbl table as a grid: one cell per column, text wrapped within its column. */
    private Node table(Block.Table t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add(Styles.MAN_TABLE);
        grid.setHgap(12);
        grid.setVgap(3);
        boolean[] narrow = new boolean[t.columns()];
        for (int c = 0; c < t.columns(); c++) {
            narrow[c] = isNarrow(t, c);
            ColumnConstraints column = new ColumnConstraints();
            // Columns of short cells (names such as AF_INET, page references) keep their width; columns of
            // prose take the width that is left and wrap in it, so the table fits the pane instead of running
            // past its edge (GridPane grows columns from their preferred width more reliably than it shrinks them).
            if (narrow[c]) {
                column.setMinWidth(Region.USE_PREF_SIZE);
                column.setHgrow(Priority.NEVER);
            } else {
                // as narrow as its widest word or link (CellFlow); a narrower pane scrolls the table sideways
                column.setPrefWidth(120);
                column.setHgrow(Priority.ALWAYS);
            }
            grid.getColumnConstraints().add(column);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<List<Span>> row = t.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                TextFlow cell = flow(row.get(c), new CellFlow());
                cell.getStyleClass().add(Styles.MAN_CELL);
                if (narrow[c]) {
                    cell.setMinWidth(Region.USE_PREF_SIZE);
                }
                grid.add(cell, c, r);
            }
        }
        return grid;
    }

    /** The most characters a line of a cell has in a column that keeps its width. */
    private static final int NARROW = 24;

    /** True when every cell of column {@code c} has only short lines. */
    private static boolean isNarrow(Block.Table t, int c) {
        for (List<List<Span>> row : t.rows()) {
            if (c < row.size()) {
                for (String line : PlainText.spansText(row.get(c)).split("\n")) {
                    if (line.length() > NARROW) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    TextFlow flow(List<Span> spans) {
        return flow(spans, new TextFlow());
    }

    /**
     * A table cell's flow: never narrower than its widest word or link, which cannot wrap; a
     * column of such cells keeps that width, and a table wider than the pane scrolls sideways
     * on its own (the words drew past their column before).
     */
    private static final class CellFlow extends TextFlow {
        @Override
        protected double computeMinWidth(double height) {
            double widest = 0;
            javafx.scene.text.Text probe = new javafx.scene.text.Text();
            for (Node n : getChildren()) {
                if (n instanceof javafx.scene.text.Text t) {
                    probe.setFont(t.getFont());
                    for (String word : t.getText().split("\\s+")) {
                        probe.setText(word);
                        widest = Math.max(widest, probe.getLayoutBounds().getWidth());
                    }
                } else {
                    widest = Math.max(widest, n.prefWidth(-1));
                }
            }
            return Math.ceil(widest) + snappedLeftInset() + snappedRightInset();
        }
    }

    private TextFlow flow(List<Span> spans, TextFlow flow) {
        String all = PlainText.spansText(spans);
        List<ManRef.Mention> mentions = open == null ? List.of() : ManRef.mentions(all);
        int next = 0; // the next mention to place
        int at = 0; // offset of the current span in the flow's text
        for (Span s : spans) {
            String text = s.text();
            int from = 0;
            while (from < text.length()) {
                ManRef.Mention m = next < mentions.size() ? mentions.get(next) : null;
                int absolute = at + from;
                if (m != null && absolute >= m.start()) {
                    if (absolute == m.start()) {
                        flow.getChildren().add(link(m, all.substring(m.start(), m.end())));
                    }
                    // Skip the mention's characters in this span; it may continue in the next one.
                    int skip = Math.min(text.length(), m.end() - at);
                    from = skip;
                    if (at + from >= m.end()) {
                        next++;
                    }
                    continue;
                }
                int until = m == null ? text.length() : Math.min(text.length(), m.start() - at);
                flow.getChildren().add(text(text.substring(from, until), s));
                from = until;
            }
            at += text.length();
        }
        return flow;
    }

    private Hyperlink link(ManRef.Mention m, String text) {
        Hyperlink h = new Hyperlink(text);
        h.getStyleClass().add(Styles.MAN_LINK);
        h.setUserData(m.ref());
        h.setStyle("-fx-padding: 0; -fx-border-width: 0;");
        h.setOnAction(e -> open.accept(m.ref()));
        return h;
    }

    private static Text text(String s, Span style) {
        Text t = new Text(s);
        switch (style.style()) {
            case BOLD -> t.getStyleClass().add(Styles.MAN_BOLD);
            case ITALIC -> t.getStyleClass().add(Styles.MAN_ITALIC);
            case BOLD_ITALIC -> t.getStyleClass().addAll(Styles.MAN_BOLD, Styles.MAN_ITALIC);
            case CODE -> t.getStyleClass().add(Styles.MAN_CODE);
            default -> { }
        }
        return t;
    }
}
