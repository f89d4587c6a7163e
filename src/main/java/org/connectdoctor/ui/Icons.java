package org.connectdoctor.ui;

import javafx.scene.Node;
import javafx.scene.shape.SVGPath;
import org.connectdoctor.probe.Outcome;

/**
 * The result icons as vector paths (a 12x12 box), so that they never depend on a font having a
 * symbol glyph: U+231B, the hourglass, draws as an empty box with a stock Debian desktop's fonts.
 * Each icon comes with a word as well; colour is never the only signal.
 */
final class Icons {
    private static final String CHECK = "M1 6.5 L4.5 10 L11 2.5 L9.6 1.2 L4.5 7.2 L2.4 5.1 Z";
    private static final String CROSS = "M2.2 1 L6 4.8 L9.8 1 L11 2.2 L7.2 6 L11 9.8 L9.8 11 L6 7.2 L2.2 11 L1 9.8 "
            + "L4.8 6 L1 2.2 Z";
    private static final String HOURGLASS = "M2 0.5 H10 V2 C10 4 8 5 7 6 C8 7 10 8 10 10 V11.5 H2 V10 C2 8 4 7 5 6 "
            + "C4 5 2 4 2 2 Z M3.5 2 C3.5 3.5 5 4.4 6 5.2 C7 4.4 8.5 3.5 8.5 2 Z";
    private static final String DOTS = "M1 5 H3 V7 H1 Z M5 5 H7 V7 H5 Z M9 5 H11 V7 H9 Z";
    private static final String SQUARE = "M2 2 H10 V10 H2 Z";
    /** A clock face with hands: the attempt in progress. */
    private static final String CLOCK = "M6 0.5 A5.5 5.5 0 1 0 6.001 0.5 Z M6 2 A4 4 0 1 1 5.999 2 Z "
            + "M5.3 3 H6.7 V5.6 L8.6 7.4 L7.6 8.4 L5.3 6.2 Z";

    private Icons() {
    }

    static Node forOutcome(Outcome o) {
        return path(switch (o) {
            case CONNECTED, ANSWERED -> CHECK;
            case NO_REPLY -> DOTS;
            case TIMED_OUT, LOOKUP_TIMED_OUT -> HOURGLASS;
            case CANCELLED -> SQUARE;
            case FAILED, RESOLUTION_FAILED -> CROSS;
        }, "icon-" + o.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }

    static Node pending() {
        return path(CLOCK, "icon-pending");
    }

    /** The window's zoom (1.0 = 100 %), which every icon follows as the text does. */
    static final javafx.beans.property.DoubleProperty SCALE = new javafx.beans.property.SimpleDoubleProperty(1.0);

    private static Node path(String d, String id) {
        SVGPath p = new SVGPath();
        p.setContent(d);
        p.getStyleClass().addAll(Styles.ICON, id);
        return scaled(p);
    }

    /**
     * {@code icon} drawn at the window's zoom: scaled inside a group, whose layout bounds include the
     * scale, so the row makes room for the larger icon.
     */
    static Node scaled(Node icon) {
        icon.scaleXProperty().bind(SCALE);
        icon.scaleYProperty().bind(SCALE);
        return new javafx.scene.Group(icon);
    }
}
