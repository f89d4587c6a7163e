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
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #13 §2: nothing is cut at the minimum (900x560), default (1180x760) and large
 * (1920x1080) sizes, at 100 % and 150 % font size, with a finished run on show, with an earlier
 * session's saved run, and while a probe runs. The whole scene graph is walked: any shown
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
        List<String> problems = new ArrayList<>();
        walkAllSizes("empty", problems);
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            runAndWait("127.0.0.1:" + server.getLocalPort(), "5");
        }
        runAndWait("127.0.0.1:" + Loopback.closedTcpPort(), "3");
        interact(() -> lookup("#options").queryAs(TitledPane.class).setExpanded(true));
        walkAllSizes("finished", problems);
        // a time-out: its time has four digits before the point
        ProbeViewModel running = app.viewModel();
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            interact(() -> running.timeoutProperty().set("1100ms"));
            runAndWait("127.0.0.1:" + silent.port(), "1");
        }
        assertTrue(running.reportProperty().get().decisive().elapsedMillis() >= 1000,
                "the time-out took its limit: " + running.reportProperty().get().decisive().elapsedMillis());
        walkAllSizes("timed out", problems);
        // a lookup that failed, and a Unix socket path that does not exist: long words in the table's cells
        interact(() -> running.timeoutProperty().set("5s"));
        runAndWait("localhost:nosuchservice", "1");
        walkAllSizes("lookup failed", problems);
        runAndWait(settingsDir.resolve("run/app-server/app.sock").toString(), "1");
        walkAllSizes("unix path", problems);
        // the same history entry as an earlier session's saved run: one row and the saved report
        ProbeViewModel vm = app.viewModel();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.historyPane().entries().isEmpty()
                && !app.historyPane().entries().get(0).record().report().isEmpty());
        interact(() -> vm.showSaved(app.historyPane().entries().get(0).record()));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#saved-report").tryQuery().isPresent(), "the saved report is in the explanation pane");
        walkAllSizes("saved run", problems);
        // socket(2) in the explanation pane: its prose wraps at the pane's width, its table scrolls on its own
        interact(() -> app.openManPage(new org.connectdoctor.man.ManRef("socket", "2")));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> lookup("#man-page-view").tryQuery().isPresent());
        walkAllSizes("man page", problems);
        interact(() -> vm.showSaved(app.historyPane().entries().get(0).record()));
        // a probe in progress: its pending row (countdown, attempt, phase in words) wraps, never cut
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            interact(() -> {
                vm.targetProperty().set("127.0.0.1:" + silent.port());
                vm.countProperty().set("3");
                vm.timeoutProperty().set("60s");
                vm.run();
            });
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.runningProperty().get());
            walkAllSizes("running", problems);
            interact(vm::cancel);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.runningProperty().get());
        }
        problems.forEach(System.out::println);
        assertTrue(problems.isEmpty(), problems.size() + " problems, the first: "
                + problems.subList(0, Math.min(10, problems.size())));
    }

    private void walkAllSizes(String state, List<String> problems) throws Exception {
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
                String where = state + ", " + size[0] + "x" + size[1] + " at " + Math.round(scale * 100) + " %";
                interact(() -> {
                    walk(stage.getScene().getRoot(), where, problems);
                    insideViewports(stage.getScene().getRoot(), where, scale == 1.0, problems);
                    withinTheWindow(stage, where, problems);
                });
            }
        }
        interact(() -> {
            app.window().fontScale(1.0);
            stage.setWidth(1180);
            stage.setHeight(760);
        });
    }

    /**
     * A label marked {@link Styles#ELIDED} may be shortened in its middle when the control it sits in
     * has a tooltip with the whole text: a long target in a history row.
     */
    private static boolean elidedOnPurpose(Labeled l, String expected, String drawn) {
        if (!l.getStyleClass().contains(Styles.ELIDED) || !drawn.contains("\u2026")) {
            return false;
        }
        for (Node n = l; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.control.Control c && c.getTooltip() != null
                    && c.getTooltip().getText().contains(expected)) {
                return true;
            }
        }
        return false;
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
                if (!expected.equals(t.getText()) && !elidedOnPurpose(l, expected, t.getText())) {
                    problems.add(where + ": " + describe(l) + " shows \"" + t.getText() + "\" for \"" + expected + "\""
                            + String.format(Locale.ROOT, " (%.0fx%.0f, needs %.0f px of height)", l.getWidth(),
                            l.getHeight(), l.prefHeight(l.getWidth())));
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
                    || p.getStyleClass().contains("nested-column-header")
                    // a folded titled pane's arrow is drawn turned, its box past the button's by 2 px
                    || p.getStyleClass().contains("arrow-button");
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

    /**
     * Inside tables and lists the walk above cannot see a cut: a cell that runs past the visible
     * part is clipped by the viewport, not shortened with an ellipsis. So: a list never runs
     * sideways (its lines wrap); a table's cells and column headers past its visible width need a
     * horizontal scroll bar to reach them; and at 100 % the attempts table's first four columns
     * (#, Address, Result, ms) are in view without scrolling at every size.
     */
    private static void insideViewports(Node root, String where, boolean normalSize, List<String> problems) {
        for (Node flowNode : root.lookupAll(".virtual-flow")) {
            if (!(flowNode instanceof javafx.scene.control.skin.VirtualFlow<?> flow) || !flow.isVisible()
                    || flow.getScene() == null) {
                continue;
            }
            Node clip = flow.lookup(".clipped-container");
            if (clip == null) {
                continue;
            }
            Bounds view = clip.localToScene(clip.getLayoutBounds());
            boolean hbar = false;
            for (Node b : flow.getChildrenUnmodifiable()) {
                if (b instanceof javafx.scene.control.ScrollBar bar && bar.isVisible()
                        && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                    hbar = true;
                }
            }
            Node owner = flow.getParent();
            while (owner != null && !(owner instanceof javafx.scene.control.Control)) {
                owner = owner.getParent();
            }
            String of = owner == null ? "a virtual flow" : describe(owner);
            boolean list = owner instanceof javafx.scene.control.ListView;
            if (list && hbar) {
                problems.add(where + ": " + of + " scrolls sideways: its lines should wrap");
            }
            for (Node c : flow.lookupAll(".indexed-cell")) {
                if (!(c instanceof javafx.scene.control.IndexedCell<?> cell) || cell.isEmpty() || !cell.isVisible()
                        || (cell.getText() == null || cell.getText().isEmpty()) && cell.getGraphic() == null
                        || !isShown(cell)) {
                    continue;
                }
                Bounds b = cell.localToScene(cell.getLayoutBounds());
                if (b.getMinY() >= view.getMaxY() || b.getMaxY() <= view.getMinY()) {
                    continue; // a row scrolled out of view vertically
                }
                if (b.getMaxX() > view.getMaxX() + 1 && !hbar) {
                    problems.add(String.format(Locale.ROOT, "%s: in %s, %s runs %.0f px past the visible part, "
                            + "with no scroll bar to reach it", where, of, describe(cell), b.getMaxX() - view.getMaxX()));
                }
            }
        }
        for (Node t : root.lookupAll("#attempts")) {
            if (!(t instanceof javafx.scene.control.TableView<?> table) || !table.isVisible()) {
                continue;
            }
            Node clip = table.lookup(".clipped-container");
            // an empty table's flow has no cells and no size: then the table's own inside is the view
            Bounds view = clip == null || table.getItems().isEmpty() || clip.getLayoutBounds().getWidth() < 1
                    ? table.localToScene(new javafx.geometry.BoundingBox(table.snappedLeftInset(), 0,
                            table.getWidth() - table.snappedLeftInset() - table.snappedRightInset(), table.getHeight()))
                    : clip.localToScene(clip.getLayoutBounds());
            boolean hbar = false;
            for (Node b : table.lookupAll(".scroll-bar")) {
                if (b instanceof javafx.scene.control.ScrollBar bar && bar.isVisible()
                        && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                    hbar = true;
                }
            }
            for (Node h : table.lookupAll(".column-header")) {
                if (!(h instanceof javafx.scene.control.skin.TableColumnHeader header) || !isShown(header)
                        || header.getTableColumn() == null) {
                    continue;
                }
                Bounds b = header.localToScene(header.getLayoutBounds());
                int index = table.getVisibleLeafColumns().indexOf(header.getTableColumn());
                String title = header.getTableColumn().getText();
                if (b.getMaxX() > view.getMaxX() + 1 && !hbar) {
                    problems.add(where + ": the attempts table's column \"" + title + "\" is past its visible width, "
                            + "with no scroll bar to reach it");
                }
                if (normalSize && index >= 0 && index < 4 && b.getMaxX() > view.getMaxX() + 1) {
                    problems.add(where + ": the attempts table's column \"" + title + "\" is not in view without "
                            + "scrolling (it ends " + Math.round(b.getMaxX() - view.getMaxX()) + " px past the edge)");
                }
            }
        }
    }

    /** Shown: it and every parent visible (a collapsed pane's content is not). */
    private static boolean isShown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The status bar, the last thing in the window, ends inside it: nothing is cut at the window's
     * bottom; and the explanation pane never runs sideways (its words wrap at its width).
     */
    private static void withinTheWindow(Stage stage, String where, List<String> problems) {
        ScrollPane explanation = (ScrollPane) stage.getScene().lookup("#explanation-scroll");
        if (explanation != null && explanation.getContent() != null) {
            double content = explanation.getContent().getLayoutBounds().getWidth();
            double view = explanation.getViewportBounds().getWidth();
            if (content > view + 1) {
                problems.add(String.format(Locale.ROOT, "%s: the explanation pane's content is %.0f px wide in a "
                        + "%.0f px view: it runs sideways", where, content, view));
            }
        }
        Node bar = stage.getScene().lookup("#status-bar");
        Bounds b = bar.localToScene(bar.getLayoutBounds());
        if (b.getMaxY() > stage.getScene().getHeight() + 1 || b.getMaxX() > stage.getScene().getWidth() + 1) {
            problems.add(String.format(Locale.ROOT, "%s: the status bar ends at %.0f,%.0f, outside the %.0fx%.0f window",
                    where, b.getMaxX(), b.getMaxY(), stage.getScene().getWidth(), stage.getScene().getHeight()));
        }
    }

    private static String describe(Node n) {
        String id = n.getId() != null ? "#" + n.getId() : "";
        String text = n instanceof Labeled l && l.getText() != null ? " \"" + l.getText() + "\"" : "";
        return n.getClass().getSimpleName() + id + (n.getStyleClass().isEmpty() ? "" : "." + n.getStyleClass().get(0)) + text;
    }

    @Test
    void zoomIsInTheViewMenuAndInHelpAndTheIconsFollowIt() throws Exception {
        javafx.scene.control.MenuBar bar = lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu view = bar.getMenus().stream().filter(m -> m.getText().replace("_", "").equals("View"))
                .findFirst().orElseThrow();
        java.util.Map<String, javafx.scene.control.MenuItem> items = new java.util.HashMap<>();
        view.getItems().forEach(i -> items.put(i.getText(), i));
        for (String name : List.of("Zoom in", "Zoom out", "Actual size")) {
            assertTrue(items.containsKey(name) && items.get(name).getAccelerator() != null, name + " in " + items.keySet());
        }
        List<String> helpKeys = app.help().shortcuts().stream().map(k -> k[1]).toList();
        assertTrue(helpKeys.containsAll(List.of("View \u203a Zoom in", "View \u203a Zoom out", "View \u203a Actual size")),
                helpKeys.toString());
        interact(() -> items.get("Actual size").fire());
        assertEquals(1.0, app.window().fontScale(), 1e-9);
        double base = Icons.forOutcome(org.connectdoctor.probe.Outcome.FAILED).getLayoutBounds().getWidth();
        interact(() -> items.get("Zoom in").fire());
        interact(() -> items.get("Zoom in").fire());
        interact(() -> items.get("Zoom in").fire());
        interact(() -> items.get("Zoom in").fire());
        interact(() -> items.get("Zoom in").fire());
        try {
            assertEquals(1.5, app.window().fontScale(), 1e-9);
            // an icon takes room at the zoom, as its words do
            double zoomed = Icons.forOutcome(org.connectdoctor.probe.Outcome.FAILED).getLayoutBounds().getWidth();
            assertEquals(base * 1.5, zoomed, 0.5);
        } finally {
            interact(() -> items.get("Actual size").fire());
        }
        assertEquals(1.0, app.window().fontScale(), 1e-9);
        app.awaitSettings();
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
