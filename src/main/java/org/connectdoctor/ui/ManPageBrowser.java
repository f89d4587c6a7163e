package org.connectdoctor.ui;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManRef;

/**
 * Man pages opened inside a scroll pane, like a small browser: a page's references are links,
 * Back returns to what was shown before at the same scroll position, and the line under the bar
 * says which file the page came from (wrapped, never cut). Pages load in the background; an answer
 * for a page no longer asked for (another link, Back, a new explanation) is dropped.
 */
final class ManPageBrowser {

    /** What was shown, to go back to. */
    private record Place(Node content, double vvalue, String title, String source) {
    }

    private final ScrollPane scroll;
    private final Function<ManRef, CompletableFuture<Optional<LoadedPage>>> pages;
    private final Button back = new Button("Back");
    private final Label title = new Label();
    private final Label source = new Label();
    private final VBox bar;
    private final Deque<Place> trail = new ArrayDeque<>();
    private long generation;

    ManPageBrowser(ScrollPane scroll, Function<ManRef, CompletableFuture<Optional<LoadedPage>>> pages) {
        this.scroll = scroll;
        this.pages = pages;
        SVGPath arrow = new SVGPath();
        arrow.setContent("M 6 0 L 0 5 L 6 10 L 6 6.5 L 12 6.5 L 12 3.5 L 6 3.5 Z");
        arrow.getStyleClass().add("back-arrow");
        arrow.setStyle("-fx-fill: -fx-text-base-color;");
        back.setGraphic(arrow);
        back.setId("explanation-back");
        back.setMinWidth(Region.USE_PREF_SIZE);
        back.setTooltip(new javafx.scene.control.Tooltip("Back to what was shown before (Alt+Left)"));
        back.setVisible(false);
        back.managedProperty().bind(back.visibleProperty());
        back.setOnAction(e -> goBack());
        title.setId("man-page-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        title.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(title, Priority.ALWAYS);
        source.setId("man-page-source");
        source.getStyleClass().add(Styles.SOURCE_LINE);
        source.setWrapText(true);
        source.setMinHeight(Region.USE_PREF_SIZE);
        source.visibleProperty().bind(source.textProperty().isEmpty().not());
        source.managedProperty().bind(source.visibleProperty());
        HBox line = new HBox(8, back, title);
        line.setAlignment(Pos.CENTER_LEFT);
        bar = new VBox(2, line, source);
        bar.setPadding(new Insets(0, 4, 0, 0));
        scroll.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && e.getCode() == javafx.scene.input.KeyCode.LEFT && back.isVisible()) {
                goBack();
                e.consume();
            }
        });
    }

    /** The Back button, the page's name and its source line. */
    Node bar() {
        return bar;
    }

    /** Something new replaces what is shown (a new explanation): no way back, no page pending. */
    void reset() {
        generation++;
        trail.clear();
        back.setVisible(false);
        title.setText("");
        source.setText("");
    }

    /** Opens a page in the scroll pane; it loads in the background. */
    void open(ManRef ref) {
        long asked = ++generation;
        Place here = new Place(scroll.getContent(), scroll.getVvalue(), title.getText(), source.getText());
        title.setText("Loading " + ref + " \u2026");
        pages.apply(ref).whenComplete((page, error) -> Platform.runLater(() -> {
            if (asked != generation) {
                return; // another page, Back or a new explanation came first
            }
            if (error != null || page == null || page.isEmpty()) {
                title.setText("No page " + ref + " on this system.");
                return;
            }
            LoadedPage p = page.get();
            trail.push(here);
            back.setVisible(true);
            title.setText(ref.toString());
            source.setText("Source: " + p.source().description());
            VBox box = new VBox(ManPageView.page(p.page(), this::open));
            box.setId("man-page-view");
            box.setPadding(new Insets(10));
            scroll.setContent(box);
            scroll.setVvalue(0);
        }));
    }

    /** Back to what was shown before, where it was scrolled to. */
    void goBack() {
        generation++;
        if (trail.isEmpty()) {
            return;
        }
        Place p = trail.pop();
        scroll.setContent(p.content());
        title.setText(p.title());
        source.setText(p.source());
        if (trail.isEmpty() && back.isFocused()) {
            // A hidden focus owner would hand focus to a node of the content, and the pane would
            // scroll to that node instead of staying where the reader was.
            scroll.requestFocus();
        }
        back.setVisible(!trail.isEmpty());
        // The old content is laid out again in the viewport first, so the position means the same place.
        scroll.layout();
        scroll.setVvalue(p.vvalue());
    }
}
