package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #13 §4: the man-page view of the real window with the system's installed pages. Inline
 * references are links, Back is a labelled button that returns to the same scroll position,
 * socket(2)'s table is a grid, SEE ALSO is there once, and the source line is never cut.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManPageWindowTest extends WindowTest {

    private ScrollPane scroll() {
        return lookup("#explanation-scroll").queryAs(ScrollPane.class);
    }

    private void refusedProbe() throws Exception {
        TextField field = lookup("#target").queryAs(TextField.class);
        clickOn(field).write("127.0.0.1:" + Loopback.closedTcpPort());
        clickOn("#run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().explanationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForPage(String ref) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#man-page-title").queryAs(Label.class)
                .getText().equals(ref) && lookup("#man-page-view").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The links of the page shown, in order. */
    private List<Hyperlink> links() {
        return lookup("#man-page-view").lookup(".man-link").queryAllAs(Hyperlink.class).stream().toList();
    }

    /** The text the skin actually draws for a control: differs from its text when it is cut with an ellipsis. */
    private static String drawn(Labeled l) {
        return l.lookupAll(".text").stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText())
                .findFirst().orElse("");
    }

    /** Scrolls the pane so that {@code n} is in view and returns the scroll position it took. */
    private double scrollTo(Node n) {
        ScrollPane sp = scroll();
        Node content = sp.getContent();
        Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double room = content.getBoundsInLocal().getHeight() - sp.getViewportBounds().getHeight();
        double v = Math.max(0, Math.min(1, (b.getMinY() - 40) / room));
        interact(() -> sp.setVvalue(v));
        WaitForAsyncUtils.waitForFxEvents();
        return sp.getVvalue();
    }

    @Test
    void anInlineReferenceOpensItsPageAndBackReturnsToTheSamePlace() throws Exception {
        refusedProbe();
        interact(() -> scroll().setVvalue(0.3));
        double explanationAt = scroll().getVvalue();
        Hyperlink open = lookup("#open-quoted-page").queryAs(Hyperlink.class);
        interact(open::fire);
        waitForPage("connect(2)");
        Button back = lookup("#explanation-back").queryAs(Button.class);
        assertTrue(back.isVisible());
        assertEquals("Back", back.getText());
        assertEquals("Back", drawn(back), "Back is drawn with its whole label");
        assertTrue(back.getGraphic() != null, "Back has a drawn arrow, not a font glyph");

        // connect(2)'s DESCRIPTION names socket(2) in running text: that mention is a link.
        Hyperlink socket = links().stream().filter(h -> h.getText().equals("socket(2)")).findFirst().orElseThrow();
        assertEquals(new ManRef("socket", "2"), socket.getUserData());
        assertTrue(socket.getParent() instanceof TextFlow, "the link stands in the paragraph's own text");
        double pageAt = scrollTo(socket);
        assertTrue(pageAt > 0, "the link lies below the first screen of connect(2): " + pageAt);
        clickOn(socket);
        waitForPage("socket(2)");
        assertEquals(0.0, scroll().getVvalue(), "a new page starts at its top");
        assertTrue(DesktopAppTextOf.textOf(lookup("#man-page-view").query()).contains("create an endpoint for communication"));

        clickOn("#explanation-back");
        waitForPage("connect(2)");
        assertEquals(pageAt, scroll().getVvalue(), 1e-9, "Back returns to where connect(2) was scrolled to");
        clickOn("#explanation-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#man-page-view").tryQuery().isPresent());
        assertEquals(explanationAt, scroll().getVvalue(), 1e-9, "and then to the explanation where it was");
        assertFalse(lookup("#explanation-back").queryAs(Button.class).isVisible(), "nothing further back");
    }

    @Test
    void socketPageShowsItsTableAsAGridAndSeeAlsoOnce() throws Exception {
        interact(() -> {
            stage.setWidth(1180); // the default size (the stage is shared with the other tests of this class)
            stage.setHeight(760);
        });
        interact(() -> app.openManPage(new ManRef("socket", "2")));
        waitForPage("socket(2)");
        GridPane grid = lookup("#man-page-view").lookup(".man-table").queryAs(GridPane.class);
        int row = -1;
        for (Node n : grid.getChildren()) {
            if (GridPane.getColumnIndex(n) == 0 && flowText(n).equals("AF_INET")) {
                row = GridPane.getRowIndex(n);
            }
        }
        assertTrue(row > 0, "AF_INET has a row of its own below the header");
        Node name = cell(grid, row, 0);
        Node purpose = cell(grid, row, 1);
        Node page = cell(grid, row, 2);
        assertEquals("IPv4 Internet protocols", flowText(purpose));
        assertEquals("ip(7)", flowText(page));
        assertTrue(page.lookup(".man-link") != null, "the page column's references are links");
        Bounds a = name.localToScene(name.getBoundsInLocal());
        Bounds b = purpose.localToScene(purpose.getBoundsInLocal());
        Bounds c = page.localToScene(page.getBoundsInLocal());
        assertEquals(a.getMinY(), b.getMinY(), 0.5, "the cells of a row stand side by side");
        assertTrue(a.getMaxX() <= b.getMinX() && b.getMaxX() <= c.getMinX(), "columns in order, not overlapping: "
                + a + " " + b + " " + c);
        // At the default size the table fits the pane: its last column ends inside the viewport, not past its edge.
        ScrollPane sp = scroll();
        double viewportRight = sp.localToScene(sp.getBoundsInLocal()).getMinX() + sp.getViewportBounds().getWidth();
        for (Node n : grid.getChildren()) {
            Bounds cellBounds = n.localToScene(n.getBoundsInLocal());
            assertTrue(cellBounds.getMaxX() <= viewportRight + 0.5, flowText(n) + " ends at " + cellBounds.getMaxX()
                    + ", past the pane's edge at " + viewportRight);
        }
        String text = DesktopAppTextOf.textOf(lookup("#man-page-view").query());
        assertFalse(text.contains("T{") || text.contains("tab(:)"), "no tbl syntax in the view");

        // SEE ALSO once: one heading, and each page it lists is linked as often as the page mentions it.
        assertEquals(1, lookup("#man-page-view").lookup(".man-heading").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("SEE ALSO")).count());
        var loaded = ManPages.system().find(new ManRef("socket", "2")).orElseThrow().page();
        String all = PlainText.render(loaded, 10_000);
        for (ManRef ref : loaded.seeAlso()) {
            long mentioned = ManRef.mentions(all).stream().filter(m -> m.ref().equals(ref)).count();
            long linked = links().stream().filter(h -> ref.equals(h.getUserData())).count();
            assertEquals(mentioned, linked, ref + " is linked once per mention, not repeated under the page");
        }
    }

    @Test
    void theSourceLineIsNotCutAtTheSmallestWindow() throws Exception {
        interact(() -> {
            stage.setWidth(900);
            stage.setHeight(560);
        });
        interact(() -> app.openManPage(new ManRef("socket", "2")));
        waitForPage("socket(2)");
        Label source = lookup("#man-page-source").queryAs(Label.class);
        assertTrue(source.getText().startsWith("Source: the page installed on this system, /usr/share/man/man2/socket.2"),
                source.getText());
        WaitForAsyncUtils.waitForFxEvents();
        String drawn = String.join(" ", source.lookupAll(".text").stream().filter(n -> n instanceof Text)
                .map(n -> ((Text) n).getText().strip()).toList());
        assertFalse(drawn.contains("\u2026") || drawn.contains("..."), "no ellipsis: " + drawn);
        assertEquals(source.getText().replaceAll("\\s+", ""), drawn.replaceAll("\\s+", ""), "every character is drawn");
        Bounds b = source.localToScene(source.getBoundsInLocal());
        assertTrue(b.getMaxX() <= stage.getScene().getWidth() + 0.5, "inside the window: " + b);
    }

    private static Node cell(GridPane grid, int row, int column) {
        return grid.getChildren().stream().filter(n -> GridPane.getRowIndex(n) == row
                && GridPane.getColumnIndex(n) == column).findFirst().orElseThrow();
    }

    /** A cell's text as drawn: its Text runs and its links, each once. */
    private static String flowText(Node n) {
        StringBuilder sb = new StringBuilder();
        for (Node c : ((TextFlow) n).getChildren()) {
            sb.append(c instanceof Text t ? t.getText() : ((Hyperlink) c).getText());
        }
        return sb.toString().strip();
    }
}
