package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.Profile;
import org.connectdoctor.checklist.ProfileParser;
import org.connectdoctor.checklist.Verdict;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** The Checklist window, clicked headless, running a small loopback profile. */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ChecklistViewTest extends WindowTest {

    @TempDir
    Path dir;

    private ServerSocket listening;
    private ServerSocketChannel unix;
    private Path unixPath;
    private int closed;

    @BeforeEach
    void fixtures() throws Exception {
        listening = Loopback.acceptingServer(50);
        closed = Loopback.closedTcpPort();
        unixPath = dir.resolve("agent.sock");
        unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(unixPath), 10);
    }

    @AfterEach
    void close() throws Exception {
        unix.close();
        listening.close();
    }

    private ChecklistView openWindow() {
        clickOn("_Checklist".replace("_", ""));
        clickOn("#menu-checklist");
        WaitForAsyncUtils.waitForFxEvents();
        return app.checklistView();
    }

    /** Runs {@code c} on the FX thread, where the view's actions belong, and returns its value. */
    private static <T> T fx(java.util.concurrent.Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private TableView<ChecklistView.Row> rows() {
        return lookup("#checklist-rows").queryAs(TableView.class);
    }

    @Test
    void aLoopbackProfileRunsWithRowsFilledInAndEachRowOpensItsReport() throws Exception {
        Path profile = dir.resolve("loopback.yaml");
        Files.writeString(profile, "name: Loopback\ntimeout: 1s\nchecks:\n"
                + "  - {name: web, target: '127.0.0.1:" + listening.getLocalPort() + "'}\n"
                + "  - {name: telnet stays closed, target: '127.0.0.1:" + closed + "', expect: blocked}\n"
                + "  - {name: agent, target: '" + unixPath + "'}\n"
                + "  - {name: wrong, target: '127.0.0.1:" + closed + "'}\n");
        ChecklistView view = openWindow();
        fx(() -> view.open(profile)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(4, rows().getItems().size());
        assertEquals("Loopback", lookup("#checklist-name").queryAs(TextField.class).getText());

        clickOn("#checklist-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.lastResultProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        List<CheckResult> results = rows().getItems().stream().map(r -> r.resultProperty().get()).toList();
        assertEquals(List.of(Verdict.CONNECTED, Verdict.REFUSED, Verdict.CONNECTED, Verdict.REFUSED),
                results.stream().map(CheckResult::verdict).toList());
        assertEquals(List.of(true, true, true, false), results.stream().map(CheckResult::met).toList());
        String shown = DesktopAppTextOf.textOf(rows());
        assertTrue(shown.contains("connected") && shown.contains("refused") && shown.contains("NO"), shown);
        // the Time column is the connect's own time, as the main window's ms column shows it
        for (CheckResult r : results) {
            double ms = r.report().decisive().elapsedMillis();
            String expected = String.format(java.util.Locale.ROOT, ms < 10 ? "%.3f ms" : "%.1f ms", ms);
            assertTrue(shown.contains(expected), expected + " in " + shown);
        }
        assertTrue(DesktopAppTextOf.textOf(lookup("#checklist-status").query())
                .contains("4 checks: 3 met their expectation, 1 did not"));

        // every check is kept in the history with the checklist's name, and the main window's history pane lists it
        @SuppressWarnings("unchecked")
        ListView<Object> history = lookup("#history").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> history.getItems().size() == 4);
        List<String> kept = Files.readAllLines(data.resolve("history.jsonl"));
        assertEquals(4, kept.size(), String.join("\n", kept));
        ObjectMapper json = new ObjectMapper();
        for (String line : kept) {
            JsonNode run = json.readTree(line);
            assertEquals("check", run.get("kind").asText(), line);
            assertEquals("Loopback", run.get("checklist").asText(), line);
        }
        WaitForAsyncUtils.waitForFxEvents();
        String pane = DesktopAppTextOf.textOf(history);
        assertTrue(pane.contains("127.0.0.1:" + closed) && pane.contains("checklist Loopback"), pane);

        Node wrongRow = lookup(".table-row-cell").match(n -> DesktopAppTextOf.textOf(n).contains("wrong")).query();
        doubleClickOn(wrongRow);
        // the row's report is shown as a live probe is: in the main window's table and explanation pane
        CheckResult wrong = results.get(3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.viewModel().reportProperty().get() == wrong.report());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(wrong.report().attempts(), app.viewModel().attempts());
        assertTrue(lookup("#explanation-headline").queryLabeled().getText().startsWith("ECONNREFUSED"),
                lookup("#explanation-headline").queryLabeled().getText());
        assertTrue(lookup("#attempts").lookup(".table-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "ECONNREFUSED".equals(l.getText())).tryQuery().isPresent(), "the attempts table shows the row's attempt");
        String report = app.viewModel().reportText();
        assertTrue(report.contains("Reproduce with (Linux):\n  nc -vz -w 1 127.0.0.1 " + closed), report);
        assertTrue(lookup("#checklist-report").tryQuery().isEmpty(), "no raw-text window");
    }

    @Test
    void theCurrentTargetIsAddedWithOneClickAndTheProfileSavedExportedAndRemembered() throws Exception {
        TextField target = lookup("#target").queryAs(TextField.class);
        interact(target::clear);
        clickOn(target).write("127.0.0.1:" + listening.getLocalPort());
        ChecklistView view = openWindow();
        clickOn("#checklist-new");
        clickOn("#checklist-add");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, rows().getItems().size());
        assertEquals("127.0.0.1:" + listening.getLocalPort(), rows().getItems().get(0).check().name());
        TextField name = lookup("#checklist-name").queryAs(TextField.class);
        interact(name::clear);
        clickOn(name).write("Mine");
        clickOn("#checklist-run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> view.lastResultProperty().get() != null);

        Path saved = dir.resolve("mine.yaml");
        fx(() -> view.save(saved)).get(10, TimeUnit.SECONDS);
        Profile back = ProfileParser.parse(Files.readString(saved), saved.toString());
        assertEquals("Mine", back.name());
        assertEquals(fx(() -> view.profile().checks()), back.checks());
        Path csv = dir.resolve("results.csv");
        fx(() -> view.export(csv)).get(10, TimeUnit.SECONDS);
        String text = Files.readString(csv);
        assertTrue(text.startsWith("name,target,type,expect,verdict,met,"), text);
        assertTrue(text.contains(",stream,reachable,connected,true,"), text);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(saved.toAbsolutePath().toString(), view.recent().get(0));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(appDir.resolve("recent-profiles.txt")));
        assertTrue(Files.readString(appDir.resolve("recent-profiles.txt")).contains(saved.toAbsolutePath().toString()));
        assertFalse(view.runningProperty().get());
    }

    @Test
    void aBadProfileShowsItsProblemsAndLoadsNothing() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nchecks:\n  - target: 127.0.0.1:80\n    expect: open\n");
        ChecklistView view = openWindow();
        fx(() -> view.open(bad)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, rows().getItems().size());
        String problems = lookup("#checklist-problems").queryAs(TextArea.class).getText();
        assertEquals(bad + ":4:13: \"open\" is not an expectation. Use reachable, refused or blocked.", problems);
    }
}
