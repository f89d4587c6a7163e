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

/**
 * Something that is not good settings where the settings should be: the window opens anyway,
 * says why in its dialog, and keeps what was there as a backup beside it.
 */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class SetAsideSettingsTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private DesktopApp app;

    /** Puts the bad settings at {@code file}. */
    abstract void prepare(Path file) throws Exception;

    /** What the dialog says about it. */
    abstract String why();

    @Override
    public void start(Stage stage) throws Exception {
        Path file = dir.resolve("settings.properties");
        prepare(file);
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, file.toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void theFileIsSetAsideAndSaidAndTheWindowOpens() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Settings were reset", pane.getHeaderText());
        assertTrue(pane.getContentText().contains(why()), pane.getContentText());
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
