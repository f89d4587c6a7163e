package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history pane in the real window, headless: a run survives a restart (a new window on the
 * same data folder), selecting it restores the form and shows its saved report, "Run again"
 * repeats it, "Compare with last success" says what changed, and a cancelled run is drawn as
 * cancelled, not failed. Loopback only.
 */
@Tag("gui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryPaneTest extends ApplicationTest {

    @TempDir
    static Path dir;
    private static int instance;
    private Path data;
    private DesktopApp app;
    private Stage stage;
    private DesktopApp second;
    private Stage secondStage;

    @Override
    public void start(Stage stage) {
        data = dir.resolve("data-" + (++instance));
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, dir.resolve("settings-" + instance + ".properties").toString());
        System.setProperty(HistoryStore.DATA_PROPERTY, data.toString());
        this.stage = stage;
        app = new DesktopApp();
        app.start(stage);
    }

    @AfterEach
    void closeWindows() throws Exception {
        if (second != null) {
            interact(() -> {
                second.stop();
                secondStage.close();
            });
        }
        System.clearProperty(HistoryStore.DATA_PROPERTY);
    }

    private boolean firstStopped;

    @Override
    public void stop() {
        if (!firstStopped) {
            app.stop();
        }
    }

    private void probe(FxRobot in, DesktopApp a, String target) throws Exception {
        TextField field = in.lookup("#target").queryAs(TextField.class);
        interact(field::clear);
        in.clickOn(field).write(target);
        in.clickOn("#run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !a.viewModel().runningProperty().get()
                && a.viewModel().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private long linesOnDisk() throws Exception {
        Path f = data.resolve("history.jsonl");
        return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    }

    private void awaitLines(long n) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> linesOnDisk() >= n);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static ListView<HistoryPane.Entry> history(FxRobot in) {
        return in.lookup("#history").queryAs(ListView.class);
    }

    /** A second window on the same data folder, as after a restart. */
    private FxRobot restart() throws Exception {
        interact(() -> {
            app.stop();
            firstStopped = true;
            stage.close();
            secondStage = new Stage();
            second = new DesktopApp();
            second.start(secondStage);
        });
        FxRobot in = new FxRobot() { };
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !history(from2()).getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        return in;
    }

    private FxRobot from2() {
        return new FxRobot() {
            @Override
            public org.testfx.service.query.NodeQuery lookup(String query) {
                return from(secondStage.getScene().getRoot()).lookup(query);
            }
        };
    }

    /** The cell showing row {@code index} (not the list's spare cells, which show nothing). */
    private static Node cell(FxRobot in, int index) {
        return in.lookup("#history").lookup(".list-cell").queryAllAs(ListCell.class).stream()
                .filter(c -> c.getIndex() == index && c.getItem() != null && c.isVisible()).findFirst()
                .orElseThrow(() -> new AssertionError("no cell shows row " + index));
    }

    @Test
    void aRunSurvivesARestartAndSelectingItRestoresTheFormAndItsReport() throws Exception {
        int port = Loopback.closedTcpPort();
        interact(() -> app.viewModel().timeoutProperty().set("2s"));
        probe(this, app, "127.0.0.1:" + port);
        awaitLines(1);
        FxRobot in = restart();
        FxRobot w = from2();
        ListView<HistoryPane.Entry> list = history(w);
        assertEquals(1, list.getItems().size());
        ProbeViewModel vm = second.viewModel();
        interact(() -> {
            vm.targetProperty().set("somewhere.else:80");
            vm.typeProperty().set(SocketType.DGRAM);
            vm.timeoutProperty().set("5s");
        });
        ListCell<?> c = (ListCell<?>) cell(w, 0);
        assertEquals("127.0.0.1:" + port, ((javafx.scene.control.Label) c.lookup("#history-target")).getText());
        assertTrue(((javafx.scene.control.Label) c.lookup("#history-when")).getText().endsWith(" \u00b7 stream"));
        assertEquals("ECONNREFUSED", ((javafx.scene.control.Label) c.lookup("#history-result")).getText());
        assertNotNull(w.lookup("#history-icon-failed").tryQuery().orElse(null), "a drawn icon, not a glyph");
        in.clickOn(c);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("127.0.0.1:" + port, w.lookup("#target").queryAs(TextField.class).getText());
        assertEquals(SocketType.STREAM, vm.typeProperty().get());
        assertEquals("2s", vm.timeoutProperty().get());
        assertTrue(list.getSelectionModel().getSelectedIndex() == 0, "the highlight is on the selected run");
        // the main panes show it: its row in the table, its saved report in the explanation pane
        assertEquals(1, vm.rows().size());
        assertTrue(vm.rows().get(0) instanceof AttemptRow.Saved, vm.rows().toString());
        String result = w.lookup("#attempts").lookup(".table-cell.failure").queryLabeled().getText();
        assertEquals("ECONNREFUSED", result);
        String saved = w.lookup("#saved-report").queryLabeled().getText();
        assertTrue(saved.contains("failed: ECONNREFUSED (111) Connection refused"), saved);
        // drawn line for line as saved: not re-wrapped, nothing cut (a wide line scrolls sideways)
        javafx.scene.control.Label savedLabel = w.lookup("#saved-report").queryAs(javafx.scene.control.Label.class);
        assertFalse(savedLabel.isWrapText());
        String drawn = savedLabel.lookupAll(".text").stream().filter(t -> t instanceof javafx.scene.text.Text)
                .map(t -> ((javafx.scene.text.Text) t).getText()).findFirst().orElse("");
        assertEquals(saved, drawn);
        assertTrue(w.lookup("#saved-note").queryLabeled().getText().contains("from an earlier session"));
        assertEquals("ECONNREFUSED (111)", w.lookup("#explanation-headline").queryLabeled().getText());
        assertFalse(w.lookup("#copy-for-ticket").queryButton().isDisabled(), "a saved report can be copied");
        String markdown = vm.reportMarkdown();
        assertTrue(markdown.startsWith("## Connect Doctor: 127.0.0.1:" + port + " (saved run of "), markdown);
        assertTrue(markdown.contains("ECONNREFUSED (111) Connection refused"), markdown);
        assertTrue(vm.reportFileName("md").startsWith("connect-doctor_127.0.0.1_" + port + "_"), vm.reportFileName("md"));
        assertTrue(w.lookup("#history-compare").queryButton().isDisabled(),
                "nothing to compare: this target never worked");

        // Run again: the same probe, a second entry, now selected
        in.clickOn(w.lookup("#history-run-again").queryButton());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == 2
                && !vm.runningProperty().get());
        awaitLines(2);
        assertEquals(0, list.getSelectionModel().getSelectedIndex());
        assertEquals("ECONNREFUSED", vm.reportProperty().get().decisive().error().symbol());
        assertEquals(2_000, vm.reportProperty().get().request().timeout().toMillis());
    }

    @Test
    void compareWithLastSuccessSaysWhatChanged() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = server.getLocalPort();
            probe(this, app, "127.0.0.1:" + port);
        }
        probe(this, app, "127.0.0.1:" + port);
        awaitLines(2);
        assertEquals(2, history(this).getItems().size());
        clickOn(cell(this, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#history-compare").queryButton().isDisabled(), "a run that worked has no failure to compare");
        clickOn(cell(this, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#history-compare").queryButton().isDisabled(), "this failure has an earlier success");
        clickOn("#history-compare");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#comparison-summary").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        String text = lookup("#comparison-summary").queryLabeled().getText();
        assertTrue(text.startsWith("Worked at "), text);
        assertTrue(text.contains("fails with ECONNREFUSED. Nothing this history records changed"), text);
        // a real table: each fact a row, its value then and now in cells of their own, the changed row marked
        javafx.scene.layout.GridPane table = lookup("#comparison-table").queryAs(javafx.scene.layout.GridPane.class);
        javafx.scene.control.Label result = lookup("#comparison-row-result").queryAs(javafx.scene.control.Label.class);
        int row = javafx.scene.layout.GridPane.getRowIndex(result);
        java.util.List<String> cells = table.getChildren().stream()
                .filter(n -> javafx.scene.layout.GridPane.getRowIndex(n) == row)
                .sorted(java.util.Comparator.comparing(javafx.scene.layout.GridPane::getColumnIndex))
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertEquals(java.util.List.of("result\nchanged", "connected", "ECONNREFUSED"), cells);
        assertTrue(result.getStyleClass().contains(Styles.CHANGED));
        assertTrue(lookup("#comparison-row-interface").queryAs(javafx.scene.control.Label.class).getStyleClass()
                .contains(Styles.UNCHANGED));
        // every cell's text is drawn whole, wrapping inside its column
        for (javafx.scene.Node n : table.getChildren()) {
            javafx.scene.control.Label l = (javafx.scene.control.Label) n;
            String drawn = l.lookupAll(".text").stream().filter(t -> t instanceof javafx.scene.text.Text)
                    .map(t -> ((javafx.scene.text.Text) t).getText()).reduce("", String::concat);
            assertEquals(l.getText().replace("\n", ""), drawn.replace("\n", ""), "a cell cut short");
        }

        // Back returns to the run's own explanation
        clickOn("#comparison-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#comparison-summary").tryQuery().isEmpty());
        assertTrue(lookup("#explanation-headline").queryLabeled().getText().startsWith("ECONNREFUSED"));
        // two runs picked: compared with each other, the earlier first
        // Two runs picked as Ctrl-click picks them: the robot's modifier did not always reach the
        // list's mouse handler under Monocle in a full run, and Ctrl-click itself is ListView's.
        interact(() -> history(this).getSelectionModel().selectIndices(0, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, history(this).getSelectionModel().getSelectedItems().size());
        assertEquals("Compare the two runs", lookup("#history-compare").queryButton().getText());
        clickOn("#history-compare");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#comparison-summary").tryQuery().isPresent());
        String two = lookup("#comparison-summary").queryLabeled().getText();
        assertTrue(two.startsWith("Worked at "), two);
        assertTrue(two.contains("fails with ECONNREFUSED."), two);
    }

    @Test
    void aCancelledRunIsDrawnAsCancelledNotAsAFailure() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            TextField field = lookup("#target").queryAs(TextField.class);
            interact(() -> app.viewModel().timeoutProperty().set("30s"));
            clickOn(field).write("127.0.0.1:" + silent.port());
            clickOn("#run");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.viewModel().runningProperty().get());
            clickOn("#cancel");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get());
        }
        awaitLines(1);
        ListCell<?> c = (ListCell<?>) cell(this, 0);
        assertEquals("cancelled", ((javafx.scene.control.Label) c.lookup("#history-result")).getText());
        assertTrue(c.getStyleClass().contains("neutral"), c.getStyleClass().toString());
        assertFalse(c.getStyleClass().contains("failure"), c.getStyleClass().toString());
        assertNotNull(lookup("#history-icon-cancelled").tryQuery().orElse(null));
        assertTrue(Files.readString(data.resolve("history.jsonl")).contains("\"outcome\":\"CANCELLED\""));
    }
}
