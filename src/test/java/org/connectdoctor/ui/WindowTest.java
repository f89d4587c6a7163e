package org.connectdoctor.ui;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.connectdoctor.history.HistoryStore;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The real window started headless for a TestFX test: the settings of the test class kept in a
 * folder of its own ({@link #appDir}), and each test's runs in a data folder of its own
 * ({@link #data}), never the user's. Subclasses set up before the window with
 * {@link #beforeStart()} and after it with {@link #afterStart()}.
 */
abstract class WindowTest extends ApplicationTest {

    /** The test class's folder: settings.properties, recent profiles, and each test's data folder. */
    @TempDir
    static Path appDir;
    private static int instance;

    protected DesktopApp app;
    protected Stage stage;
    /** This test's data folder: the history of the runs it makes. */
    protected Path data;

    @Override
    public final void start(Stage stage) throws Exception {
        this.stage = stage;
        data = appDir.resolve("data-" + (++instance));
        System.setProperty(HistoryStore.DATA_PROPERTY, data.toString());
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, appDir.resolve("settings.properties").toString());
        beforeStart();
        app = new DesktopApp();
        app.start(stage);
        afterStart();
    }

    /** Before the window is made (on the FX thread): system properties it reads, files it opens. */
    protected void beforeStart() throws Exception {
    }

    /** Once the window shows (on the FX thread). */
    protected void afterStart() {
    }

    @Override
    public void stop() {
        app.stop();
        System.clearProperty(HistoryStore.DATA_PROPERTY);
    }
}
