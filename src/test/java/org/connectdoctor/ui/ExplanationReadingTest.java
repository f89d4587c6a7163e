package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The explanation read without the mouse, and the man view read with it: Tab reaches the
 * explanation itself before its links and the keys scroll it back to the headline; the wheel over
 * socket(2)'s table scrolls the page, never the table's hidden inside.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ExplanationReadingTest extends WindowTest {

    private ScrollPane scroll() {
        return lookup("#explanation-scroll").queryAs(ScrollPane.class);
    }

    private boolean inExplanation(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == scroll()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tabReachesTheExplanationBeforeItsLinksAndTheKeysScrollBackToTheHeadline() throws Exception {
        interact(() -> {
            stage.setWidth(900);
            stage.setHeight(560);
        });
        TextField field = lookup("#target").queryAs(TextField.class);
        clickOn(field).write("127.0.0.1:" + Loopback.closedTcpPort());
        clickOn("#run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().explanationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        clickOn(field);
        Node first = null;
        for (int i = 0; i < 60 && first == null; i++) {
            push(KeyCode.TAB);
            Node focused = stage.getScene().getFocusOwner();
            if (inExplanation(focused)) {
                first = focused;
            }
        }
        assertTrue(first == scroll(), "Tab reached " + first + " first, not the explanation itself");
        ScrollPane sp = scroll();
        assertTrue(sp.getContent().getLayoutBounds().getHeight() > sp.getViewportBounds().getHeight(),
                "the explanation is longer than its pane at 900x560");
        push(KeyCode.PAGE_DOWN);
        push(KeyCode.PAGE_DOWN);
        assertTrue(sp.getVvalue() > 0, "Page Down scrolled nothing");
        push(KeyCode.PAGE_UP);
        push(KeyCode.PAGE_UP);
        push(KeyCode.PAGE_UP);
        assertEquals(0, sp.getVvalue(), 1e-9, "Page Up went back to the headline");
        push(KeyCode.END);
        assertEquals(1, sp.getVvalue(), 1e-9);
        push(KeyCode.HOME);
        assertEquals(0, sp.getVvalue(), 1e-9);
        push(KeyCode.DOWN);
        assertTrue(sp.getVvalue() > 0, "the arrow scrolled nothing");
        push(KeyCode.UP);
        assertEquals(0, sp.getVvalue(), 1e-9);
    }

    @Test
    void theWheelOverSocketsTableScrollsThePageNotTheTable() throws Exception {
        interact(() -> {
            stage.setWidth(1180);
            stage.setHeight(760);
        });
        interact(() -> app.openManPage(new ManRef("socket", "2")));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> lookup("#man-page-title").queryAs(Label.class)
                .getText().equals("socket(2)") && lookup("#man-page-view").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        ScrollPane table = lookup("." + Styles.MAN_TABLE_SCROLL).queryAs(ScrollPane.class);
        ScrollPane page = scroll();
        // bring the table's top into view, then turn the wheel over it
        Node content = page.getContent();
        double room = content.getLayoutBounds().getHeight() - page.getViewportBounds().getHeight();
        double at = content.sceneToLocal(table.localToScene(table.getBoundsInLocal())).getMinY();
        interact(() -> page.setVvalue(Math.max(0, Math.min(1, (at - 20) / room))));
        WaitForAsyncUtils.waitForFxEvents();
        double before = page.getVvalue();
        moveTo(table);
        scroll(3, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, table.getVvalue(), 1e-9, "the table's inside scrolled");
        assertTrue(page.getVvalue() != before, "the page did not scroll: " + before);
    }
}
