package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The window, driven headless (Monocle) the way a user would. */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DesktopAppTest extends ApplicationTest {

    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void closedLoopbackPortShowsEconnrefused() throws Exception {
        int port = Loopback.closedTcpPort();
        clickOn("#target").write("127.0.0.1:" + port);
        Button run = lookup("#run").queryButton();
        assertFalse(run.isDisabled());
        clickOn(run);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> lookup("#output").queryAs(TextArea.class).getText().contains("Failed to connect"));
        String text = lookup("#output").queryAs(TextArea.class).getText();
        assertTrue(text.contains("ECONNREFUSED (111) Connection refused"), text);
    }

    @Test
    void invalidTargetDisablesRunAndSaysWhy() {
        clickOn("#target").write("localhost:0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#run").queryButton().isDisabled());
        String message = lookup("#message").queryAs(Label.class).getText();
        assertTrue(message.contains("Port 0 cannot be connected to"), message);
        TextField target = lookup("#target").queryAs(TextField.class);
        interact(target::clear);
        clickOn(target).write("127.0.0.1:22");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#run").queryButton().isDisabled());
    }
}
