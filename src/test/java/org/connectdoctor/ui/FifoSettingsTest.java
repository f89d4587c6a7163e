package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** A FIFO where the settings should be (open(2) would wait for a writer for ever): the window opens anyway and says so. */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FifoSettingsTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private DesktopApp app;

    @Override
    public void start(Stage stage) throws Exception {
        Path file = dir.resolve("settings.properties");
        if (new ProcessBuilder("mkfifo", file.toString()).start().waitFor() != 0) {
            throw new AssertionError("mkfifo failed");
        }
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, file.toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void aFifoIsSetAsideUnopenedAndSaid() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Settings were reset", pane.getHeaderText());
        assertTrue(pane.getContentText().contains("it is a FIFO (named pipe), not a regular file"), pane.getContentText());
        assertTrue(pane.getContentText().contains("settings.properties.damaged-"), pane.getContentText());
        try (var files = Files.list(dir)) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().contains(".damaged-")).toList();
            assertEquals(1, backups.size());
        }
        assertTrue(Window.getWindows().stream().anyMatch(w -> w instanceof Stage s && "Connect Doctor".equals(s.getTitle())),
                "the main window is open");
        clickOn("OK");
    }
}
