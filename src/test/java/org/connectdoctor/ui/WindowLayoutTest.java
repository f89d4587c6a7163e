package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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
 * Issue #13 §2: nothing is cut at the minimum (900x560), default (1180x760) and large
 * (1920x1080) sizes, at 100 % and 150 % font size. The whole scene graph is walked: any shown
 * Labeled (labels, buttons, column headers, table and list cells) whose drawn text differs from
 * its text (an ellipsis) fails, and so does any node that lies outside its parent's bounds (except
 * where the parent scrolls or clips by design: scroll panes, tables' and lists' rows). Zoom is
 * Ctrl+Plus / Ctrl+Minus / Ctrl+0 and is remembered across starts.
 */
@Tag("gui")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WindowLayoutTest extends ApplicationTest {

    @TempDir
    static Path settingsDir;

    private DesktopApp app;
    private Stage stage;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, settingsDir.resolve("settings.properties").toString());
        this.stage = stage;
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    private void runAndWait(String target, String count) throws Exception {
        ProbeViewModel vm = app.viewModel();
        interact(() -> {
            vm.targetProperty().set(target);
            vm.countProperty().set(count);
            vm.intervalProperty().set("0s");
            vm.run();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get() && vm.reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void nothingIsCutAtThreeSizesAndTwoFontSizes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            runAndWait("127.0.0.1:" + server.getLocalPort(), "5");
        }
        runAndWait("127.0.0.1:" + Loopback.closedTcpPort(), "3");
        interact(() -> lookup("#options").queryAs(TitledPane.class).setExpanded(true));
        List<String> problems = new ArrayList<>();
        for (double scale : new double[] {1.0, 1.5}) {
            for (int[] size : new int[][] {{900, 560}, {1180, 760}, {1920, 1080}}) {
                interact(() -> {
                    app.window().fontScale(scale);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                Thread.sleep(300); // the table and the split panes lay out over more than one pulse
                WaitForAsyncUtils.waitForFxEvents();
                String where = size[0] + "x" + size[1] + " at " + Math.round(scale * 100) + " %";
                interact(() -> walk(stage.getScene().getRoot(), where, problems));
            }
        }
        interact(() -> {
            app.window().fontScale(1.0);
            stage.setWidth(1180);
            stage.setHeight(760);
        });
        problems.forEach(System.out::println);
        assertTrue(problems.isEmpty(), problems.size() + " problems, the first: "
                + problems.subList(0, Math.min(10, problems.size())));
    }

    /** Shown text versus drawn text, and bounds versus the parent's, for every visible node. */
    private static void walk(Node n, String where, List<String> problems) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty() && l.getScene() != null) {
            Node drawn = l.lookup(".text");
            if (drawn instanceof Text t && t.getParent() == l) {
                String expected = l.isMnemonicParsing() ? l.getText().replaceFirst("_(?=.)", "") : l.getText();
                if (!expected.equals(t.getText())) {
                    problems.add(where + ": " + describe(l) + " shows \"" + t.getText() + "\" for \"" + expected + "\"");
                }
            }
        }
        if (n instanceof Parent p) {
            Bounds inside = p.getLayoutBounds();
            boolean clipsByDesign = p instanceof ScrollPane || p.getStyleClass().contains("viewport")
                    || p.getParent() != null && p.getParent().getStyleClass().contains("viewport")
                    || p.getStyleClass().contains("clipped-container") || p.getStyleClass().contains("sheet")
                    || p.getClass().getSimpleName().equals("VirtualFlow")
                    || p.getStyleClass().contains("column-header-background")
                    || p.getStyleClass().contains("nested-column-header");
            for (Node c : p.getChildrenUnmodifiable()) {
                if (!c.isVisible() || !c.isManaged() || clipsByDesign || c instanceof Text) {
                    walk(c, where, problems);
                    continue;
                }
                Bounds b = c.getBoundsInParent();
                Bounds lb = c.localToParent(c.getLayoutBounds());
                double slack = 1.0;
                if (lb.getWidth() > 0 && (lb.getMinX() < inside.getMinX() - slack || lb.getMaxX() > inside.getMaxX() + slack
                        || lb.getMinY() < inside.getMinY() - slack || lb.getMaxY() > inside.getMaxY() + slack)) {
                    problems.add(String.format(Locale.ROOT, "%s: %s lies outside %s (%.0f,%.0f %.0fx%.0f in %.0fx%.0f)",
                            where, describe(c), describe(p), lb.getMinX(), lb.getMinY(), lb.getWidth(), lb.getHeight(),
                            inside.getWidth(), inside.getHeight()));
                }
                assertTrue(b != null);
                walk(c, where, problems);
            }
        }
    }

    private static String describe(Node n) {
        String id = n.getId() != null ? "#" + n.getId() : "";
        String text = n instanceof Labeled l && l.getText() != null ? " \"" + l.getText() + "\"" : "";
        return n.getClass().getSimpleName() + id + (n.getStyleClass().isEmpty() ? "" : "." + n.getStyleClass().get(0)) + text;
    }

    @Test
    void zoomScalesTheWindowAndIsRememberedAcrossStarts() throws Exception {
        clickOn("#target");
        double before = lookup("#run").queryButton().getFont().getSize();
        push(KeyCode.SHORTCUT, KeyCode.EQUALS);
        push(KeyCode.SHORTCUT, KeyCode.EQUALS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.2, app.window().fontScale(), 1e-9);
        double after = lookup("#run").queryButton().getFont().getSize();
        assertEquals(before * 1.2, after, 0.2, "the buttons' font grows with the window's");
        app.awaitSettings();
        assertEquals(1.2, new SettingsStore(settingsDir.resolve("settings.properties")).load().settings().fontScale(), 1e-9);
        push(KeyCode.SHORTCUT, KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.1, app.window().fontScale(), 1e-9);
        push(KeyCode.SHORTCUT, KeyCode.DIGIT0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, app.window().fontScale(), 1e-9);
        assertEquals(before, lookup("#run").queryButton().getFont().getSize(), 0.01);
        push(KeyCode.SHORTCUT, KeyCode.EQUALS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.1, app.window().fontScale(), 1e-9);
        app.awaitSettings();
        // A new start reads it back.
        DesktopApp second = new DesktopApp();
        Stage[] other = new Stage[1];
        interact(() -> {
            other[0] = new Stage();
            second.start(other[0]);
        });
        try {
            assertEquals(1.1, second.window().fontScale(), 1e-9);
            assertEquals(before * 1.1, second.window().lookup("#run").getStyleableParent() == null ? 0
                    : ((javafx.scene.control.Button) second.window().lookup("#run")).getFont().getSize(), 0.2);
        } finally {
            interact(() -> {
                other[0].close();
                second.stop();
            });
        }
    }
}
