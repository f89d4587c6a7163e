package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The environment (#22 §7) as a person sees it in the window after a real probe on loopback: one
 * line an aspect, in the order of the report, each read or unknown with the reason, never blank.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EnvironmentWindowTest extends WindowTest {

    @Test
    void aRefusedProbeShowsWhereItWentFrom() throws Exception {
        TextField field = lookup("#target").queryAs(TextField.class);
        clickOn(field).write("127.0.0.1:" + Loopback.closedTcpPort());
        clickOn("#run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().explanationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        VBox env = lookup("#explanation-environment").queryAs(VBox.class);
        List<String> lines = env.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertEquals(6, lines.size(), lines.toString());
        List<String> labels = List.of("interface: ", "source: ", "proxy: ", "DNS: ", "IPv6: ", "firewall: ");
        for (int i = 0; i < labels.size(); i++) {
            assertTrue(lines.get(i).startsWith(labels.get(i)), lines.get(i));
            assertTrue(lines.get(i).length() > labels.get(i).length() + 2, "says nothing: " + lines.get(i));
        }
        assertEquals("interface: loopback (this computer)", lines.get(0));
        assertEquals("source: 127.0.0.1", lines.get(1));
        assertTrue(env.isVisible() && env.getLayoutBounds().getHeight() > 0);
    }
}
