package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.sys.linux.NetworkNamespaces;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A timeout the network caused, in the real window: the window's background threads run inside
 * a namespace of the test's own where 10.77.0.9 has a permanent neighbour entry on a veth whose
 * far end has no address, so every SYN leaves and nothing ever answers (nothing leaves the
 * namespace). There, and only there, a longer limit is offered, and the retry says what it changed
 * and that the change stays.
 */
@Tag("gui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetworkTimeoutWindowTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private static TestNamespace ns;
    private DesktopApp app;

    @BeforeAll
    static void namespace() throws Exception {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, why);
        ns = TestNamespace.routed("cd-timeout-window");
        ns.ip("neigh", "add", "10.77.0.9", "lladdr", "02:00:00:00:00:09", "dev", "v0", "nud", "permanent");
    }

    @AfterAll
    static void removeNamespace() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, dir.resolve("settings.properties").toString());
        Path file = Path.of("/run/netns", ns.name());
        app = new DesktopApp(r -> {
            Thread t = new Thread(() -> {
                try {
                    NetworkNamespaces.callInside(file, () -> {
                        r.run();
                        return null;
                    });
                } catch (InterruptedException e) {
                    // the window closed: its pool stops its threads
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "window-background-in-" + ns.name());
            t.setDaemon(true);
            return t;
        });
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    private static long recorded() throws java.io.IOException {
        Path file = org.connectdoctor.history.HistoryStore.standard().file();
        if (!java.nio.file.Files.exists(file)) {
            return 0;
        }
        try (var lines = java.nio.file.Files.lines(file)) {
            return lines.filter(l -> l.contains("\"target\":\"10.77.0.9:80\"")).count();
        }
    }

    @Test
    void aTimeoutOnTheWayOffersALongerOneAndTheRetrySaysWhatItChangedAndThatItStays() throws Exception {
        ProbeViewModel vm = app.viewModel();
        long before = recorded();
        interact(() -> {
            vm.targetProperty().set("10.77.0.9:80");
            vm.timeoutProperty().set("300ms");
            vm.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get() && vm.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(org.connectdoctor.probe.Outcome.TIMED_OUT, vm.reportProperty().get().outcome());
        assertEquals("Timed out after 300 ms", lookup("#explanation-headline").queryLabeled().getText());
        assertEquals("TIMED_OUT", lookup("#explanation-code").queryLabeled().getText());
        Button longer = lookup("#action-longer-timeout").queryButton();
        assertEquals("Retry with a longer timeout (30s)", longer.getText());
        clickOn(longer);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.runningProperty().get());
        assertEquals("30s", lookup("#timeout").queryAs(TextField.class).getText());
        assertEquals("\u201cRetry with a longer timeout (30s)\u201d changed Timeout 300ms \u2192 30s in the form; it stays "
                + "for the next probes until you change it back.", lookup("#form-change").queryLabeled().getText());
        assertTrue(lookup("#form-change").queryLabeled().isVisible());
        interact(vm::cancel);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Cancelled", lookup("#explanation-headline").queryLabeled().getText());
        assertTrue(lookup("#explanation-headline").queryLabeled().getStyleClass().contains(Styles.NEUTRAL));
        // both runs reach the history before the window closes
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> recorded() == before + 2);
    }
}
