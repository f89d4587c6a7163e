package org.connectdoctor.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** All text under a node, as a user reads it: labels, links and the man page's Text runs. */
final class DesktopAppTextOf {
    private DesktopAppTextOf() {
    }

    static String textOf(Node root) {
        StringBuilder sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Label l) {
            sb.append(l.getText()).append('\n');
        } else if (n instanceof Text t) {
            sb.append(t.getText());
        } else if (n instanceof javafx.scene.control.Hyperlink h) {
            sb.append(h.getText()).append(' ');
        }
        if (n instanceof TextFlow f) {
            f.getChildren().forEach(c -> collect(c, sb));
            sb.append('\n');
        } else if (n instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
            collect(sp.getContent(), sb);
        } else if (n instanceof javafx.scene.control.TitledPane tp && tp.getContent() != null) {
            collect(tp.getContent(), sb);
        } else if (n instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, sb));
        }
    }
}
