package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

/** The type buttons name the transport the target will use: TCP and UDP for an address, Unix for a socket path. */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TypeWordsWindowTest extends ApplicationTest {

    @TempDir
    static Path dir;
    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, dir.resolve("settings.properties").toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    @Test
    void theWindowKeepsALogInTheDataFolderAndHelpNamesIt() throws Exception {
        java.nio.file.Path logFile = org.connectdoctor.history.HistoryStore.dataDirectory().resolve("window.log");
        assertEquals(true, java.nio.file.Files.readString(logFile).contains(" INFO window started: connect-doctor "));
        String help = DesktopAppTextOf.textOf(app.help().content());
        org.junit.jupiter.api.Assertions.assertTrue(help.contains(logFile.toString()), help);
    }

    @Test
    void aUnixPathMakesTheTypeButtonsSayUnix() {
        interact(() -> app.viewModel().targetProperty().set("/run/app.sock"));
        assertEquals("Stream (Unix)", lookup("#type-stream").queryLabeled().getText());
        assertEquals("Datagram (Unix)", lookup("#type-dgram").queryLabeled().getText());
        interact(() -> app.viewModel().targetProperty().set("db01:5432"));
        assertEquals("Stream (TCP)", lookup("#type-stream").queryLabeled().getText());
        assertEquals("Datagram (UDP)", lookup("#type-dgram").queryLabeled().getText());
        interact(() -> app.viewModel().targetProperty().set("http://db01:5432/"));
        String plan = lookup("#run-plan").queryLabeled().getText();
        org.junit.jupiter.api.Assertions.assertTrue(plan.startsWith("Using db01:5432 from the URL. Run looks up db01"), plan);
    }
}
