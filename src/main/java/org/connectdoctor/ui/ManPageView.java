package org.connectdoctor.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.connectdoctor.man.Block;
import org.connectdoctor.man.ManPage;
import org.connectdoctor.man.ManSection;
import org.connectdoctor.man.Span;

/** Lays man-page structure out as JavaFX nodes with the page's own typography. */
final class ManPageView {
    private static final double INDENT = 28;

    private ManPageView() {
    }

    /** One tagged entry: the tag, and the body indented beneath it. */
    static Node entry(Block.Tagged entry) {
        VBox box = new VBox(2, blocks(List.of(entry)));
        box.getStyleClass().add(Styles.MAN_ENTRY);
        return box;
    }

    /** A whole page, section by section. */
    static Node page(ManPage page) {
        VBox box = new VBox(6);
        Label title = new Label(page.titleLine());
        title.getStyleClass().add(Styles.PANE_TITLE);
        box.getChildren().add(title);
        for (ManSection s : page.sections()) {
            Label h = new Label(s.heading());
            h.getStyleClass().add(Styles.MAN_HEADING);
            VBox body = new VBox(6, blocks(s.blocks()));
            body.setPadding(new Insets(0, 0, 0, INDENT));
            box.getChildren().addAll(h, body);
        }
        return box;
    }

    static Node[] blocks(List<Block> blocks) {
        Node[] nodes = new Node[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            nodes[i] = block(blocks.get(i));
        }
        return nodes;
    }

    private static Node block(Block b) {
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
        Label sub = new Label(((Block.SubHeading) b).text());
        sub.getStyleClass().add(Styles.MAN_SUBHEADING);
        return sub;
    }

    static TextFlow flow(List<Span> spans) {
        TextFlow flow = new TextFlow();
        for (Span s : spans) {
            Text t = new Text(s.text());
            switch (s.style()) {
                case BOLD -> t.getStyleClass().add(Styles.MAN_BOLD);
                case ITALIC -> t.getStyleClass().add(Styles.MAN_ITALIC);
                case BOLD_ITALIC -> t.getStyleClass().addAll(Styles.MAN_BOLD, Styles.MAN_ITALIC);
                case CODE -> t.getStyleClass().add(Styles.MAN_CODE);
                default -> { }
            }
            flow.getChildren().add(t);
        }
        return flow;
    }
}
