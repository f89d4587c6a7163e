package org.connectdoctor.ui;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;
import org.connectdoctor.history.ContextReader;
import org.connectdoctor.history.Diff;
import org.connectdoctor.history.DiffText;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.history.RunContext;
import org.connectdoctor.history.RunRecord;

/**
 * The run history, kept across restarts: every run of the window is recorded in the
 * {@link HistoryStore} as it ends, and the runs of earlier sessions are read back at start.
 * Selecting a run puts its type, target and options back into the form and shows its report in
 * the main panes (this session's runs in full, earlier ones as saved); "Run again" repeats it;
 * "Compare with last success" says, in the explanation pane, what changed since the target last
 * worked. Files are read and written on the background executor only.
 */
final class HistoryPane extends VBox {

    /** One row: the record as kept, and this session's full run when there is one. */
    static final class Entry {
        private RunRecord record;
        private final ProbeViewModel.Run run;

        Entry(RunRecord record, ProbeViewModel.Run run) {
            this.record = record;
            this.run = run;
        }

        RunRecord record() {
            return record;
        }
    }

    private final ProbeViewModel vm;
    private final HistoryStore store;
    private final Executor background;
    private final Executor ui;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    /** Every record, oldest first, for comparisons. */
    private final List<RunRecord> all = new ArrayList<>();
    private final ListView<Entry> list = new ListView<>(entries);
    private final Label warning = new Label();
    private final Button runAgain = new Button("Run again");
    private final Button compare = new Button("Compare with last success");

    HistoryPane(ProbeViewModel vm, HistoryStore store, Executor background, Executor ui) {
        super(4);
        this.vm = vm;
        this.store = store;
        this.background = background;
        this.ui = ui;
        setId("history-pane");
        Label title = new Label("History");
        title.getStyleClass().add(Styles.PANE_TITLE);

        list.setId("history");
        Label noRuns = new Label("Runs appear here, and stay after a restart.");
        noRuns.setWrapText(true);
        noRuns.getStyleClass().add(Styles.HINT);
        list.setPlaceholder(noRuns);
        list.setCellFactory(l -> new EntryCell());
        // two runs picked (Ctrl-click) are compared with each other; one, with its last success
        list.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, e) -> select(e));
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<Entry>) c -> {
            compare.setText(list.getSelectionModel().getSelectedItems().size() == 2 ? "Compare the two runs"
                    : "Compare with last success");
            updateCompare();
        });

        runAgain.setId("history-run-again");
        runAgain.setWrapText(true);
        runAgain.setMaxWidth(Double.MAX_VALUE);
        runAgain.setTooltip(new Tooltip("Put this run's type, target and options in the form and run it again."));
        runAgain.setOnAction(e -> runAgain());
        compare.setId("history-compare");
        compare.setWrapText(true);
        compare.setMaxWidth(Double.MAX_VALUE);
        // a narrow pane wraps the label onto two lines instead of cutting it
        compare.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        runAgain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        compare.setTooltip(new Tooltip("What changed since this target last worked: address, source, route, name "
                + "servers. Pick two runs (Ctrl-click) to compare them with each other."));
        compare.setOnAction(e -> compare());
        runAgain.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull()
                .or(vm.runningProperty()));
        compare.setDisable(true); // until a run is picked that has something to compare with (updateCompare)

        warning.setId("history-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add(Styles.MESSAGE_ERROR);
        show(warning, false);

        getChildren().addAll(title, list, runAgain, compare, warning);
        VBox.setVgrow(list, Priority.ALWAYS);
        setPadding(new Insets(0));
        setMinWidth(140);

        vm.history().addListener((ListChangeListener<ProbeViewModel.Run>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getFrom() == 0) {
                    for (ProbeViewModel.Run run : c.getAddedSubList()) {
                        added(run);
                    }
                }
            }
        });
        background.execute(() -> {
            HistoryStore.Loaded loaded = store.load();
            ui.execute(() -> loaded(loaded));
        });
    }

    /** The rows shown, newest first. */
    ObservableList<Entry> entries() {
        return entries;
    }

    private void loaded(HistoryStore.Loaded loaded) {
        List<Entry> older = new ArrayList<>();
        for (int i = loaded.runs().size() - 1; i >= 0; i--) {
            older.add(new Entry(loaded.runs().get(i), null));
        }
        entries.addAll(older);
        all.addAll(0, loaded.runs());
        updateCompare();
        if (!loaded.warnings().isEmpty()) {
            warn(String.join(" ", loaded.warnings()));
        }
    }

    /**
     * A run of this window ended: shown at once, selected, then recorded with where it went from
     * (read in the background, right away).
     */
    private void added(ProbeViewModel.Run run) {
        RunRecord provisional = RunRecord.ofProbe(run.report(), run.explanation(),
                RunContext.unknown("not read yet"), "");
        Entry entry = new Entry(provisional, run);
        entries.add(0, entry);
        all.add(provisional);
        adding = true;
        try {
            list.getSelectionModel().clearAndSelect(0); // the highlight follows the run on show, alone
        } finally {
            adding = false;
        }
        background.execute(() -> {
            RunRecord full;
            try {
                RunContext context = ContextReader.system().read(run.report());
                full = new RunRecord(provisional.id(), provisional.time(), provisional.kind(), provisional.checklist(),
                        provisional.target(), provisional.type(), provisional.options(), provisional.outcome(),
                        provisional.verdict(), provisional.errno(), provisional.errnoNumber(), provisional.failedCall(),
                        provisional.address(), provisional.resolved(), provisional.resolveError(), context,
                        provisional.findings(), HistoryStore.reportText(run.report(), run.explanation()),
                        provisional.elapsedMillis());
            } catch (RuntimeException e) {
                ui.execute(() -> warn("This run could not be added to the history (" + e + ")."));
                return;
            }
            String problem = store.record(full).message();
            ui.execute(() -> {
                entry.record = full;
                int i = all.indexOf(provisional);
                if (i >= 0) {
                    all.set(i, full);
                }
                updateCompare();
                // the row's words (time, type, target, result) are the same: no cell to redraw
                if (problem != null) {
                    warn(problem);
                }
            });
        });
    }

    /**
     * A run kept elsewhere in this window (a check of the Checklist view): shown at the top, not
     * selected, so the main window's form and report stay as they are. Call on the FX thread.
     */
    void recorded(RunRecord run) {
        entries.add(0, new Entry(run, null));
        all.add(run);
    }

    private boolean adding;

    /**
     * "Compare" is offered only where it can compare: two runs picked, or a failed run whose target
     * worked earlier with the same socket type. Otherwise it stays off, and its tooltip says why.
     */
    private void updateCompare() {
        List<Entry> picked = List.copyOf(list.getSelectionModel().getSelectedItems());
        String why;
        if (picked.size() == 2) {
            why = null;
        } else if (picked.size() != 1 || picked.get(0) == null) {
            why = "Pick a run (or two, with Ctrl-click) to compare.";
        } else {
            why = compareWhyNot(picked.get(0).record(), all);
        }
        compare.setDisable(why != null);
        compare.setTooltip(new Tooltip(why != null ? why
                : "What changed since this target last worked: address, source, route, name servers. "
                + "Pick two runs (Ctrl-click) to compare them with each other."));
    }

    /** Why a run cannot be compared with its target's last success (null: it can), from the runs oldest first. */
    static String compareWhyNot(RunRecord r, List<RunRecord> runs) {
        if (r.succeeded()) {
            return "This run worked: there is no failure to compare.";
        }
        if (r.cancelled()) {
            return "This run was cancelled: it has no result to compare.";
        }
        int upTo = runs.indexOf(r);
        for (int i = (upTo < 0 ? runs.size() : upTo) - 1; i >= 0; i--) {
            RunRecord earlier = runs.get(i);
            if (earlier.succeeded() && earlier.type() == r.type() && earlier.target().equals(r.target())) {
                return null;
            }
        }
        return "No earlier " + r.type().cliName() + " run of " + r.target() + " in the history worked, so there is "
                + "nothing to compare with.";
    }

    private void select(Entry e) {
        if (e == null || adding || vm.runningProperty().get()) {
            return;
        }
        vm.restoreForm(e.record());
        if (e.run != null) {
            vm.show(e.run);
        } else {
            vm.showSaved(e.record()); // an earlier session's run: the main panes show its saved report
        }
    }

    private void runAgain() {
        Entry e = list.getSelectionModel().getSelectedItem();
        if (e == null || vm.runningProperty().get()) {
            return;
        }
        vm.restoreForm(e.record());
        vm.run();
    }

    /** Compares the two runs picked, earlier with later; or the selected run with its target's last success before it. */
    private void compare() {
        List<Entry> picked = List.copyOf(list.getSelectionModel().getSelectedItems());
        if (picked.size() == 2) {
            RunRecord a = picked.get(0).record();
            RunRecord b = picked.get(1).record();
            RunRecord earlier = a.time().isAfter(b.time()) ? b : a;
            RunRecord later = earlier == a ? b : a;
            background.execute(() -> {
                Diff.Comparison c = Diff.local().compare(earlier, later);
                ui.execute(() -> vm.showComparison("Two runs of the history compared, the earlier first", c));
            });
            return;
        }
        Entry e = list.getSelectionModel().getSelectedItem();
        if (e == null) {
            return;
        }
        int upTo = all.indexOf(e.record());
        List<RunRecord> until = upTo < 0 ? List.copyOf(all) : List.copyOf(all.subList(0, upTo + 1));
        String target = e.record().target();
        background.execute(() -> {
            Diff.Comparison c = Diff.local().lastSuccess(until, target);
            ui.execute(() -> vm.showComparison("This run of " + target + " compared with its last success", c));
        });
    }

    private void warn(String text) {
        warning.setText(text);
        show(warning, true);
    }

    private static void show(javafx.scene.Node n, boolean visible) {
        n.setVisible(visible);
        n.setManaged(visible);
    }

    // ------------------------------------------------------------------ cells

    private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /**
     * Time, type, target and the verdict with its icon; cancelled runs drawn as neither success nor
     * failure. One label a line: the target never wraps inside a word (a name longer than the row
     * is shortened in its middle, whole in the tooltip), the time and type wrap at their words, the
     * result is one word the pane's minimum width has room for.
     */
    private static final class EntryCell extends ListCell<Entry> {
        private final Label target = new Label();
        private final Label when = new Label();
        private final Label result = new Label();
        private final Label checklist = new Label();
        private final javafx.scene.layout.HBox first = new javafx.scene.layout.HBox(6);
        private final VBox lines = new VBox(0, first, when, result, checklist);

        EntryCell() {
            // as wide as the list, never wider: the lines fit instead of being cut or scrolled sideways
            setPrefWidth(0);
            setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            target.setId("history-target");
            target.getStyleClass().add(Styles.ELIDED);
            target.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            target.setEllipsisString("\u2026");
            target.setMinWidth(0);
            when.setId("history-when");
            when.setWrapText(true);
            when.setMinHeight(Region.USE_PREF_SIZE);
            result.setId("history-result");
            result.setMinHeight(Region.USE_PREF_SIZE);
            checklist.setId("history-checklist");
            checklist.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            checklist.setMinWidth(0);
            checklist.managedProperty().bind(checklist.visibleProperty());
            // the icon leads the first line only: the lines under it have the row's whole width
            result.setWrapText(true); // "not resolved EAI_NONAME" wraps at its words
            first.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            first.setMinWidth(0);
            javafx.scene.layout.HBox.setHgrow(target, Priority.ALWAYS);
            lines.setMinWidth(0);
            lines.prefWidthProperty().bind(widthProperty().subtract(getInsets().getLeft() + getInsets().getRight() + 2));
            lines.maxWidthProperty().bind(lines.prefWidthProperty());
            for (Label l : List.of(target, when, result, checklist)) {
                l.textFillProperty().bind(textFillProperty()); // the cell's colour: success, failure, selection
                l.fontProperty().bind(fontProperty());
            }
        }

        @Override
        protected void updateItem(Entry e, boolean empty) {
            super.updateItem(e, empty);
            getStyleClass().removeAll(Styles.SUCCESS, Styles.FAILURE, Styles.NEUTRAL);
            setStyle(null);
            setText(null);
            if (empty || e == null) {
                setGraphic(null);
                setTooltip(null);
                setAccessibleText(null);
                return;
            }
            RunRecord r = e.record();
            ZonedDateTime t = r.time().atZone(ZoneId.systemDefault());
            target.setText(r.target());
            when.setText(when(t) + " \u00b7 " + r.type().cliName());
            result.setText(words(r));
            checklist.setText(r.checklist() == null ? "" : "checklist " + r.checklist());
            checklist.setVisible(r.checklist() != null);
            first.getChildren().setAll(Icons.scaled(icon(r)), target);
            setGraphic(lines);
            setTooltip(new Tooltip(r.target() + "\n" + r.verdict()));
            setAccessibleText(r.target() + ", " + when.getText() + ", " + result.getText());
            if (r.cancelled()) {
                getStyleClass().add(Styles.NEUTRAL);
                setStyle("-fx-text-fill: -cd-neutral;");
            } else {
                getStyleClass().add(r.succeeded() ? Styles.SUCCESS : Styles.FAILURE);
            }
        }

        /** "today 09:02:13", "yesterday 17:40:00", "2026-12-01 09:02:13": a run of another day never reads as today's. */
        static String when(ZonedDateTime t) {
            LocalDate today = LocalDate.now(t.getZone());
            LocalDate day = t.toLocalDate();
            return (day.equals(today) ? "today" : day.equals(today.minusDays(1)) ? "yesterday" : day.toString())
                    + " " + HM.format(t);
        }

        private static String words(RunRecord r) {
            return switch (r.outcome()) {
                case TIMED_OUT -> "timed out";
                case NO_REPLY -> "no reply";
                default -> DiffText.result(r);
            };
        }

        /** Drawn shapes, not glyphs: no font needs to have them. */
        private static SVGPath icon(RunRecord r) {
            SVGPath p = new SVGPath();
            String colour;
            switch (r.outcome()) {
                case CONNECTED, ANSWERED -> {
                    p.setContent("M2 8 L6 12 L14 3");
                    colour = "-cd-success";
                }
                case CANCELLED -> {
                    p.setContent("M4 4 H12 V12 H4 Z");
                    colour = "-cd-neutral";
                }
                case TIMED_OUT, NO_REPLY, LOOKUP_TIMED_OUT -> {
                    p.setContent("M8 1 A7 7 0 1 1 7.99 1 Z M8 4 V8 L11 10");
                    colour = "-cd-failure";
                }
                default -> {
                    p.setContent("M3 3 L13 13 M13 3 L3 13");
                    colour = "-cd-failure";
                }
            }
            p.setStyle("-fx-fill: transparent; -fx-stroke: " + colour + "; -fx-stroke-width: 2;");
            p.getStyleClass().add("history-icon");
            p.setId("history-icon-" + r.outcome().name().toLowerCase(Locale.ROOT));
            return p;
        }
    }
}
