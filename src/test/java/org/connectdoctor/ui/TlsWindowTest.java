package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.report.TlsReport;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.tls.TlsVerdict;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Check TLS in the window: the option, and the result as a short list a person reads, in the same
 * words as the text report of the same run.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsWindowTest extends ApplicationTest {

    @TempDir
    static Path settingsDir;

    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, settingsDir.resolve("settings.properties").toString());
        try {
            System.setProperty(org.connectdoctor.history.HistoryStore.DATA_PROPERTY,
                    java.nio.file.Files.createTempDirectory(settingsDir, "data").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
        System.clearProperty(org.connectdoctor.history.HistoryStore.DATA_PROPERTY);
    }

    @Test
    void checkTlsShowsTheVerdictAndTheChainAsAShortList() throws Exception {
        try (TlsPeers.Peer peer = TlsPeers.tls(TestCertificates.selfSigned("CN=tls.test", List.of("tls.test"),
                List.of()))) {
            openOptions();
            CheckBox tls = lookup("#check-tls").queryAs(CheckBox.class);
            TextField name = lookup("#tls-name").queryAs(TextField.class);
            assertTrue(name.isDisabled(), "the TLS name waits for Check TLS");
            clickOn(tls);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !name.isDisabled());
            clickOn(name).write("tls.test");
            clickOn("#target").write(peer.target());
            WaitForAsyncUtils.waitForFxEvents();
            String plan = app.viewModel().planProperty().get();
            assertTrue(plan.contains("then checks TLS for tls.test"), plan);
            clickOn("#run");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                    && app.viewModel().reportProperty().get() != null
                    && app.viewModel().explanationProperty().get() != null);
            WaitForAsyncUtils.waitForFxEvents();
            ProbeReport r = app.viewModel().reportProperty().get();
            assertEquals(TlsVerdict.SELF_SIGNED, r.tls().verdict());
            String pane = DesktopAppTextOf.textOf(lookup("#explanation").query());
            assertTrue(pane.contains("TLS: " + TlsReport.words(TlsVerdict.SELF_SIGNED)), pane);
            assertTrue(pane.contains("Server: tls.test"), pane);
            assertTrue(pane.contains("issued by tls.test"), pane);
            assertTrue(pane.contains("for tls.test"), pane);
            assertTrue(pane.contains("What to do about TLS"), pane);
            assertTrue(pane.contains("beyond the connection"), "the connect's own explanation follows: " + pane);
            assertFalse(pane.contains("--tls"), pane);
            String status = lookup("#status-text").queryLabeled().getText();
            assertTrue(status.startsWith("Connected to 127.0.0.1 port " + peer.port()), status);
            assertTrue(status.endsWith("TLS with tls.test: self-signed certificate."), status);
        }
    }

    /**
     * Options opened at once and the Check TLS box scrolled into view: a click during the pane's
     * opening animation, or on a box below the page's visible part, missed it in a full run.
     */
    private void openOptions() throws Exception {
        interact(() -> {
            javafx.scene.control.TitledPane options = lookup("#options").queryAs(javafx.scene.control.TitledPane.class);
            options.setAnimated(false);
            options.setExpanded(true);
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Node box = lookup("#check-tls").query();
        javafx.scene.control.ScrollPane page = lookup("#page").queryAs(javafx.scene.control.ScrollPane.class);
        interact(() -> {
            javafx.scene.Node content = page.getContent();
            double room = content.getLayoutBounds().getHeight() - page.getViewportBounds().getHeight();
            if (room > 0) {
                double y = content.sceneToLocal(box.localToScene(box.getBoundsInLocal())).getMinY();
                page.setVvalue(Math.max(0, Math.min(1, (y - 20) / room)));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void checkTlsIsOnlyForStreams() throws Exception {
        openOptions();
        interact(() -> app.viewModel().typeProperty().set(org.connectdoctor.net.SocketType.DGRAM));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#check-tls").queryAs(CheckBox.class).isDisabled());
        assertTrue(lookup("#tls-name").queryAs(TextField.class).isDisabled());
    }
}
