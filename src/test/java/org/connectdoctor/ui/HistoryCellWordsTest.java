package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.history.RunContext;
import org.connectdoctor.history.RunOptions;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The history list at the window's smallest size: every word of every row fits its cell (no
 * "ECONNREFUSE/D", no "127.0.0.1:3539/7"), and a run of another day carries its day.
 */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryCellWordsTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private DesktopApp app;

    private static RunRecord run(Instant time, String target, Outcome outcome, String errno) {
        return new RunRecord(RunRecord.newId(time), time, "probe", null, target, SocketType.STREAM,
                new RunOptions(FamilyChoice.AUTO, 5000, null, false, false, "", 1, 1000, false), outcome, "verdict",
                errno, errno == null ? null : 111, errno == null ? null : "connect", null, List.of(), null,
                RunContext.unknown("made by the test"), List.of(), "report", 1.5);
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path data = dir.resolve("data");
        HistoryStore store = new HistoryStore(data.resolve("history.jsonl"), 500);
        Instant now = Instant.now();
        store.record(run(now.minus(3, ChronoUnit.DAYS), "127.0.0.1:35397", Outcome.FAILED, "ECONNREFUSED"));
        store.record(run(now.minus(1, ChronoUnit.DAYS), "inventory-service.eu-west.corp.example.org:5432",
                Outcome.FAILED, "EHOSTUNREACH"));
        store.record(run(now, "[2001:db8:85a3::8a2e:370:7334]:65535", Outcome.TIMED_OUT, null));
        store.record(run(now.plusSeconds(1), "db01:5432", Outcome.FAILED, "EPROTONOSUPPORT"));
        System.setProperty(HistoryStore.DATA_PROPERTY, data.toString());
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, dir.resolve("settings.properties").toString());
        app = new DesktopApp();
        app.start(stage);
        stage.setWidth(900);
        stage.setHeight(560);
    }

    @Override
    public void stop() {
        app.stop();
        System.clearProperty(HistoryStore.DATA_PROPERTY);
    }

    /** What the label really draws: its skin's text node, which holds the ellipsis when the text was cut. */
    private static String drawn(javafx.scene.control.Label l) {
        return l.lookupAll(".text").stream().filter(n -> n instanceof Text).map(n -> ((Text) n).getText())
                .findFirst().orElse("");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWordFitsItsRowAndOtherDaysSayTheirDay() throws Exception {
        javafx.scene.control.ListView<Object> list = lookup("#history").queryAs(javafx.scene.control.ListView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == 4);
        List<String> problems = new ArrayList<>();
        java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            int index = i;
            interact(() -> list.scrollTo(index));
            WaitForAsyncUtils.waitForFxEvents();
            for (Node n : lookup("#history").lookup(".list-cell").queryAll()) {
                if (!(n instanceof ListCell<?> cell) || cell.getGraphic() == null || !cell.isVisible()) {
                    continue;
                }
                javafx.scene.control.Label target = (javafx.scene.control.Label) cell.lookup("#history-target");
                javafx.scene.control.Label when = (javafx.scene.control.Label) cell.lookup("#history-when");
                javafx.scene.control.Label result = (javafx.scene.control.Label) cell.lookup("#history-result");
                if (rows.containsKey(target.getText())) {
                    continue;
                }
                rows.put(target.getText(), when.getText() + " | " + result.getText() + " | drawn " + drawn(target));
                // the result is drawn whole, wrapping only between its words
                if (!drawn(result).replace("\n", " ").strip().equals(result.getText())) {
                    problems.add("result " + result.getText() + " drawn as " + drawn(result));
                }
                for (String word : result.getText().split("\\s+")) {
                    Text t = new Text(word);
                    t.setFont(result.getFont());
                    if (t.getLayoutBounds().getWidth() > result.getWidth() + 0.5) {
                        problems.add("\"" + word + "\" is wider than the result's line (" + Math.round(result.getWidth()) + " px)");
                    }
                }
                if (result.getBoundsInParent().getMaxX() > cell.getWidth() - cell.getInsets().getRight() + 0.5) {
                    problems.add("result " + result.getText() + " ends past its row");
                }
                // a target wider than the row is shortened in its middle, whole in the tooltip
                if (!drawn(target).equals(target.getText())
                        && !(drawn(target).contains("\u2026") && cell.getTooltip().getText().startsWith(target.getText()))) {
                    problems.add("target " + target.getText() + " drawn as " + drawn(target));
                }
                // the time and type wrap at their words, never inside one
                for (String word : when.getText().split("\\s+")) {
                    Text t = new Text(word);
                    t.setFont(when.getFont());
                    if (t.getLayoutBounds().getWidth() > when.getWidth() + 0.5) {
                        problems.add("\"" + word + "\" is wider than its line (" + Math.round(when.getWidth()) + " px)");
                    }
                }
            }
        }
        String all = rows.toString();
        assertEquals(4, rows.size(), all);
        assertEquals(List.of(), problems, all);
        ZonedDateTime threeDaysAgo = ZonedDateTime.now(ZoneId.systemDefault()).minusDays(3);
        assertTrue(all.contains(threeDaysAgo.toLocalDate().toString() + " "), all);
        assertTrue(all.contains("yesterday "), all);
        assertTrue(all.contains("today "), all);
        assertTrue(all.contains("EHOSTUNREACH") && all.contains("EPROTONOSUPPORT"), all);
    }
}
