package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.settings.SettingsStore;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #15 §7 in the window: where the settings folder cannot exist (here the way $XDG_CONFIG_HOME
 * pointing at a file makes it: a path under a regular file, ENOTDIR), the window says so once in
 * its warning line, without a blocking dialog, and keeps working with defaults; a recent target is
 * written as soon as it is used, before the window closes, where the folder is fine.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SettingsWarningTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private DesktopApp app;
    private Path xdg;

    @Override
    public void start(Stage stage) throws Exception {
        xdg = Files.writeString(dir.resolve("xdg-is-a-file"), "x");
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, xdg.resolve("connect-doctor/settings.properties").toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void aFolderThatCannotExistIsSaidOnceAndTheWindowWorks() throws Exception {
        Label warning = lookup("#settings-warning").queryAs(Label.class);
        assertTrue(warning.isVisible());
        assertEquals("Settings and recent targets cannot be saved to " + xdg.resolve("connect-doctor/settings.properties")
                + " (" + xdg + " is a file, not a folder); they last until this window closes.", warning.getText());
        assertTrue(lookup(".dialog-pane").tryQuery().isEmpty(), "no dialog blocks the window");
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        clickOn(lookup("#target").queryAs(TextField.class)).write(target);
        clickOn("#run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().reportProperty().get() != null);
        app.awaitSettings();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.viewModel().statusProperty().get().startsWith("Failed to connect"));
        assertEquals(List.of(target), List.copyOf(app.viewModel().recentTargets()), "kept for this window");
        assertEquals(warning.getText(), app.viewModel().settingsWarningProperty().get(), "the same one line");
    }

    /** The same window code with a usable folder: the target is on disk while the window is still open. */
    @Test
    void aRecentTargetIsOnDiskBeforeTheWindowCloses() throws Exception {
        Path file = dir.resolve("ok/settings.properties");
        SettingsStore store = new SettingsStore(file);
        // a second window's target, already on disk, must survive this window's writes
        store.update(s -> s.withRecent("[::1]:22"));
        interact(() -> {
            app.stop();
            System.setProperty(DesktopApp.SETTINGS_PROPERTY, file.toString());
            app = new DesktopApp();
            app.start(new Stage());
        });
        assertEquals("", app.viewModel().settingsWarningProperty().get());
        String target = "127.0.0.1:" + Loopback.closedTcpPort();
        interact(() -> app.viewModel().targetProperty().set(target));
        interact(() -> app.viewModel().run());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().reportProperty().get() != null);
        app.awaitSettings();
        assertEquals(List.of(target, "[::1]:22"), store.load().settings().recentTargets());
    }
}
