package org.connectdoctor.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.connectdoctor.AppInfo;
import org.connectdoctor.checklist.Check;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.ChecklistResult;
import org.connectdoctor.checklist.ChecklistRunner;
import org.connectdoctor.history.HistoryRecording;
import org.connectdoctor.files.AtomicFiles;
import org.connectdoctor.files.FileKind;
import org.connectdoctor.files.NotAFileException;
import org.connectdoctor.files.SafeFiles;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.checklist.Expectation;
import org.connectdoctor.checklist.Profile;
import org.connectdoctor.checklist.ProfileException;
import org.connectdoctor.checklist.ProfileParser;
import org.connectdoctor.checklist.ProfileWriter;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.report.ChecklistReport;
import org.connectdoctor.report.SystemInfo;
import org.connectdoctor.report.TicketReport;

/**
 * The Checklist view: open or create a profile, add the main window's target with one click, run
 * every check (rows fill in as checks finish), open a row's full report with its explanation, save
 * the profile, export the results. Files are read and written, and checks run, off the FX thread.
 */
public final class ChecklistView extends BorderPane {

    /** The most recently used profiles kept. */
    static final int RECENT = 8;

    /** One row: a check and, once it has run, its result. */
    public static final class Row {
        private final Check check;
        private final ObjectProperty<CheckResult> result = new SimpleObjectProperty<>();

        Row(Check check) {
            this.check = check;
        }

        public Check check() {
            return check;
        }

        public ObjectProperty<CheckResult> resultProperty() {
            return result;
        }
    }

    private final Executor background;
    private final Supplier<ProbeRequest> current;
    private final Path recentFile;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final TextField name = new TextField("New checklist");
    private final Label status = new Label("Open a profile, or add the main window's target to a new one.");
    private final TextArea problems = new TextArea();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<ChecklistResult> lastResult = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final TableView<Row> table = new TableView<>(rows);
    private ChecklistRunner.Run run;
    private ProbeEngine engine;
    /** Where check runs are kept, or null (a view without a history). */
    private final HistoryStore history;
    private final Consumer<RunRecord> kept;

    /**
     * @param background where files are read and written and explanations built
     * @param current    the main window's probe as it stands, or null when its form is not valid
     * @param recentFile where the recently used profiles are remembered (one path a line)
     */
    public ChecklistView(Executor background, Supplier<ProbeRequest> current, Path recentFile) {
        this(background, current, recentFile, null, null);
    }

    /**
     * As {@link #ChecklistView(Executor, Supplier, Path)}, and every check run is kept in
     * {@code history} with the checklist's name.
     *
     * @param kept told on the FX thread of each check once kept (the history pane shows it), or null
     */
    public ChecklistView(Executor background, Supplier<ProbeRequest> current, Path recentFile, HistoryStore history,
                         Consumer<RunRecord> kept) {
        this(background, current, recentFile, history, kept, null);
    }

    /**
     * As {@link #ChecklistView(Executor, Supplier, Path, HistoryStore, Consumer)}, and a row's full
     * report opens in the main window's own attempts table and explanation pane ({@code showRun},
     * on the FX thread), the way a live probe is shown, instead of as text in a window of its own.
     */
    public ChecklistView(Executor background, Supplier<ProbeRequest> current, Path recentFile, HistoryStore history,
                         Consumer<RunRecord> kept, Consumer<ProbeViewModel.Run> showRun) {
        this.showRun = showRun;
        this.background = background;
        this.current = current;
        this.recentFile = recentFile;
        this.history = history;
        this.kept = kept;
        setId("checklist-view");
        setTop(toolbar());
        setCenter(table());
        setBottom(bottom());
        loadRecent();
    }

    private VBox toolbar() {
        Button open = button("checklist-open", "_Open\u2026", "Open a profile (a YAML file).", () -> {
            Path p = choose(false, "Open a checklist profile");
            if (p != null) {
                open(p);
            }
        });
        Button create = button("checklist-new", "_New", "Start an empty checklist.", () -> create());
        Button add = button("checklist-add", "_Add current target", "Add the main window's target, type and options "
                + "as a check expected to be reachable.", this::addCurrent);
        Button runAll = button("checklist-run", "_Run all", "Run every check at once, each within its own limit.",
                this::runAll);
        runAll.disableProperty().bind(running.getReadOnlyProperty().or(javafx.beans.binding.Bindings.isEmpty(rows)));
        Button cancel = button("checklist-cancel", "Cancel", "Stop the checks still running.", this::cancel);
        cancel.disableProperty().bind(running.getReadOnlyProperty().not());
        Button save = button("checklist-save", "_Save profile\u2026", "Save the checks as a profile to mail to a "
                + "colleague or run with connect-doctor check.", () -> {
            Path p = choose(true, "Save the checklist profile");
            if (p != null) {
                save(p);
            }
        });
        save.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(rows));
        Button export = button("checklist-export", "_Export results\u2026", "Save the results as CSV, Markdown "
                + "(.md) or JSON, by the file name's ending.", () -> {
            Path p = choose(true, "Export the results");
            if (p != null) {
                export(p);
            }
        });
        export.disableProperty().bind(lastResult.isNull());
        ComboBox<String> recentBox = new ComboBox<>(recent);
        recentBox.setId("checklist-recent");
        recentBox.setPromptText("Recent profiles");
        recentBox.setTooltip(new Tooltip("Profiles used recently"));
        recentBox.setOnAction(e -> {
            String p = recentBox.getValue();
            if (p != null) {
                open(Path.of(p));
                Platform.runLater(() -> recentBox.getSelectionModel().clearSelection());
            }
        });
        HBox buttons = new HBox(6, open, create, recentBox, add, runAll, cancel, save, export);
        buttons.setAlignment(Pos.CENTER_LEFT);
        name.setId("checklist-name");
        name.setPromptText("What the checklist is for: Accounting app");
        Label nameLabel = new Label("Name");
        HBox.setHgrow(name, Priority.ALWAYS);
        HBox nameLine = new HBox(8, nameLabel, name);
        nameLine.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(6, buttons, nameLine);
        top.setPadding(new Insets(8, 10, 6, 10));
        return top;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMnemonicParsing(true);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private TableView<Row> table() {
        table.setId("checklist-rows");
        table.setPlaceholder(new Label("No checks yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Name", 140, r -> r.check().name()));
        table.getColumns().add(column("Target", 190, r -> r.check().request().target().display()));
        table.getColumns().add(column("Type", 70, r -> r.check().request().type().cliName()));
        table.getColumns().add(column("Expected", 80, r -> r.check().expect().word()));
        table.getColumns().add(resultColumn("Verdict", 90, x -> x.verdict().words()));
        // the connect's own time, as the main window shows it; not the check's wait for a free worker
        table.getColumns().add(resultColumn("Time", 80, x -> String.format(Locale.ROOT,
                x.connectMillis() < 10 ? "%.3f ms" : "%.1f ms", x.connectMillis())));
        table.getColumns().add(resultColumn("Met", 60, x -> x.met() ? "yes" : "NO"));
        table.getColumns().add(resultColumn("Cause", 260, CheckResult::cause));
        table.setRowFactory(t -> {
            TableRow<Row> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null && row.getItem().resultProperty().get() != null) {
                    openReport(row.getItem().resultProperty().get());
                }
            });
            return row;
        });
        return table;
    }

    private static TableColumn<Row, String> column(String title, double width, java.util.function.Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new SimpleStringProperty(f.apply(d.getValue())));
        return c;
    }

    /** A column of the result, which fills in when the check finishes; a row not met is marked. */
    private static TableColumn<Row, CheckResult> resultColumn(String title, double width,
                                                              java.util.function.Function<CheckResult, String> f) {
        TableColumn<Row, CheckResult> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> d.getValue().resultProperty());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(CheckResult r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll(Styles.SUCCESS, Styles.FAILURE);
                if (empty) {
                    setText(null);
                } else if (r == null) {
                    setText(getTableRow() != null && getTableRow().getItem() != null && runningRow() ? "\u2026" : "");
                } else {
                    setText(f.apply(r));
                    getStyleClass().add(r.met() ? Styles.SUCCESS : Styles.FAILURE);
                }
            }

            private boolean runningRow() {
                return getTableView().getProperties().get("running") == Boolean.TRUE;
            }
        });
        return c;
    }

    private VBox bottom() {
        status.setId("checklist-status");
        status.setWrapText(true);
        problems.setId("checklist-problems");
        problems.setEditable(false);
        problems.setWrapText(true);
        problems.setPrefRowCount(4);
        problems.getStyleClass().add(Styles.MESSAGE_ERROR);
        problems.visibleProperty().bind(problems.textProperty().isEmpty().not());
        problems.managedProperty().bind(problems.visibleProperty());
        VBox b = new VBox(6, problems, status);
        b.setPadding(new Insets(6, 10, 8, 10));
        return b;
    }

    // --- actions, callable from tests -------------------------------------------------------

    /** Reads and checks {@code path} in the background; on success its checks replace the rows. */
    public CompletableFuture<Void> open(Path path) {
        status.setText("Reading " + path + "\u2026");
        return CompletableFuture.supplyAsync(() -> {
            try {
                int max = ProfileParser.MAX_CHARS * 4;
                byte[] bytes = SafeFiles.readInput(path, max);
                if (bytes.length > max) {
                    return "The profile " + path + " is larger than " + max + " bytes; a profile holds at most "
                            + ProfileParser.MAX_CHARS + " characters.";
                }
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                return (Object) ProfileParser.parse(text, path.toString());
            } catch (ProfileException e) {
                return e;
            } catch (java.nio.charset.CharacterCodingException e) {
                return "The profile " + path + " is not UTF-8 text; save it as UTF-8.";
            } catch (NotAFileException e) {
                return "The profile " + path + " is " + e.kind().words() + ", not a profile file.";
            } catch (SafeFiles.InputTimeoutException e) {
                return "The profile " + path + " sent no end within " + SafeFiles.INPUT_WAIT_MILLIS / 1000
                        + " s (a FIFO with no writer, or one that never finished).";
            } catch (IOException | RuntimeException e) {
                return "The profile " + path + " cannot be read: " + (e.getMessage() == null
                        ? e.getClass().getSimpleName() : e.getMessage());
            }
        }, background).thenAcceptAsync(o -> {
            if (o instanceof Profile p) {
                show(p);
                file.set(path);
                problems.clear();
                status.setText(p.checks().size() + (p.checks().size() == 1 ? " check" : " checks") + " from " + path
                        + ". Run all to check them.");
                remember(path);
            } else if (o instanceof ProfileException e) {
                problems.setText(e.problems().stream().map(x -> x.describe(e.source())).reduce((a, b) -> a + "\n" + b)
                        .orElse(""));
                status.setText("The profile has problems; nothing was loaded. Fix the lines named above.");
            } else {
                problems.setText((String) o);
                status.setText("Nothing was loaded.");
            }
        }, Platform::runLater);
    }

    private void show(Profile p) {
        name.setText(p.name());
        rows.clear();
        lastResult.set(null);
        for (Check c : p.checks()) {
            rows.add(new Row(c));
        }
    }

    /** An empty checklist. */
    public void create() {
        cancel();
        name.setText("New checklist");
        rows.clear();
        file.set(null);
        lastResult.set(null);
        problems.clear();
        status.setText("Add the main window's target, then save the profile.");
    }

    /** Adds the main window's probe as a check expected to be reachable, named after its target. */
    public void addCurrent() {
        ProbeRequest r = current.get();
        if (r == null) {
            status.setText("The main window's target or options are not valid yet; fix them there first.");
            return;
        }
        String base = r.target().display();
        String n = base;
        for (int i = 2; exists(n); i++) {
            n = base + " (" + i + ")";
        }
        rows.add(new Row(new Check(n, r, List.of(), Expectation.REACHABLE)));
        lastResult.set(null);
        status.setText("Added " + n + ".");
    }

    private boolean exists(String n) {
        return rows.stream().anyMatch(r -> r.check().name().equalsIgnoreCase(n));
    }

    /** The profile as the rows and the name field hold it. */
    public Profile profile() {
        String n = name.getText() == null || name.getText().isBlank() ? "Checklist" : name.getText().strip();
        return new Profile(n, rows.stream().map(Row::check).toList());
    }

    /** Runs every check; rows fill in as checks finish. */
    public void runAll() {
        if (running.get() || rows.isEmpty()) {
            return;
        }
        List<Check> checks = new ArrayList<>(rows.stream().map(Row::check).toList());
        rows.forEach(r -> r.resultProperty().set(null));
        lastResult.set(null);
        running.set(true);
        table.getProperties().put("running", Boolean.TRUE);
        table.refresh();
        status.setText("Running " + checks.size() + " checks, at most " + ChecklistRunner.CONCURRENCY + " at once\u2026");
        if (engine == null) {
            engine = ProbeEngine.system();
        }
        List<Row> snapshot = List.copyOf(rows);
        ChecklistRunner.Listener live = new ChecklistRunner.Listener() {
            @Override
            public void finished(CheckResult result) {
                Platform.runLater(() -> snapshot.get(result.index()).resultProperty().set(result));
            }
        };
        String profileName = profile().name();
        HistoryRecording recording = history == null ? null : new HistoryRecording(live, history, profileName,
                r -> {
                    if (kept != null) {
                        Platform.runLater(() -> kept.accept(r));
                    }
                });
        ChecklistRunner.Run started = new ChecklistRunner(engine).start(profileName, checks,
                recording == null ? live : recording);
        run = started;
        CompletableFuture.supplyAsync(() -> {
            try {
                return started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }, background).thenAcceptAsync(result -> {
            running.set(false);
            table.getProperties().put("running", Boolean.FALSE);
            table.refresh();
            if (result != null && run == started) {
                lastResult.set(result);
                String notKept = recording == null ? null : recording.problems();
                status.setText(result.summary() + " Double-click a row to see its report in the main window."
                        + (notKept == null ? "" : " " + notKept));
            }
        }, Platform::runLater);
    }

    public void cancel() {
        if (run != null) {
            run.cancel();
        }
    }

    /** Writes the profile to {@code path} in the background. */
    public CompletableFuture<Void> save(Path path) {
        String text = ProfileWriter.write(profile());
        return write(path, text, "Profile saved to " + path + ".").thenRun(() -> Platform.runLater(() -> {
            file.set(path);
            remember(path);
        }));
    }

    /** Writes the last results to {@code path}: CSV, Markdown (.md) or JSON by its ending. */
    public CompletableFuture<Void> export(Path path) {
        ChecklistResult r = lastResult.get();
        if (r == null) {
            return CompletableFuture.completedFuture(null);
        }
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = lower.endsWith(".json") ? ChecklistReport.json(r, AppInfo.version(), Os.current()) + "\n"
                : lower.endsWith(".md") || lower.endsWith(".markdown") ? ChecklistReport.markdown(r, Os.current())
                : ChecklistReport.csv(r);
        return write(path, text, "Results exported to " + path + ".");
    }

    private CompletableFuture<Void> write(Path path, String text, String done) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                // a profile kept behind a symbolic link stays there: the link's target is replaced
                Path real = Files.exists(path) ? path.toRealPath() : path;
                AtomicFiles.replace(real, text.getBytes(StandardCharsets.UTF_8));
                return done;
            } catch (IOException | RuntimeException e) {
                return "Could not write " + path + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage());
            }
        }, background).thenAcceptAsync(status::setText, Platform::runLater);
    }

    private final Consumer<ProbeViewModel.Run> showRun;

    /**
     * The full report of a row with its explanation: in the main window's table and explanation
     * pane when this view was given one, else as text (with the commands that reproduce it) in a
     * window of its own.
     */
    void openReport(CheckResult r) {
        ProbeEngine e = engine;
        if (showRun != null) {
            CompletableFuture.supplyAsync(() -> {
                Explanation explanation = null;
                try {
                    explanation = Explainer.system(e.sockets()).explain(r.report());
                } catch (RuntimeException x) {
                    // the report stands without its explanation
                }
                return new ProbeViewModel.Run(r.report(), explanation);
            }, background).thenAcceptAsync(showRun, Platform::runLater);
            return;
        }
        CompletableFuture.supplyAsync(() -> {
            Explanation explanation = null;
            try {
                explanation = Explainer.system(e.sockets()).explain(r.report());
            } catch (RuntimeException x) {
                // the report stands without its explanation
            }
            return TicketReport.text(r.report(), explanation, SystemInfo.current());
        }, background).thenAcceptAsync(text -> {
            TextArea area = new TextArea(text);
            area.setId("checklist-report");
            area.setEditable(false);
            area.getStyleClass().add(Styles.MAN_LITERAL);
            Stage s = new Stage();
            s.setTitle(r.check().name() + " \u2014 " + AppInfo.NAME);
            Window owner = getScene() == null ? null : getScene().getWindow();
            if (owner != null) {
                s.initOwner(owner);
            }
            Scene scene = new Scene(area, 760, 560);
            if (getScene() != null) {
                scene.getStylesheets().setAll(getScene().getStylesheets());
            }
            s.setScene(scene);
            s.show();
        }, Platform::runLater);
    }

    private Path choose(boolean save, String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(save && lastResult.get() != null && title.startsWith("Export")
                ? List.of(new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("Markdown", "*.md"),
                        new FileChooser.ExtensionFilter("JSON", "*.json"))
                : List.of(new FileChooser.ExtensionFilter("Checklist profile (YAML)", "*.yaml", "*.yml"),
                        new FileChooser.ExtensionFilter("All files", "*")));
        if (file.get() != null && file.get().getParent() != null) {
            chooser.setInitialDirectory(file.get().getParent().toFile());
        }
        Window w = getScene() == null ? null : getScene().getWindow();
        java.io.File f = save ? chooser.showSaveDialog(w) : chooser.showOpenDialog(w);
        return f == null ? null : f.toPath();
    }

    // --- recently used profiles: one absolute path a line, newest first ----------------------

    private void loadRecent() {
        CompletableFuture.supplyAsync(() -> {
            try {
                if (FileKind.of(recentFile) != FileKind.REGULAR) {
                    return List.<String>of();
                }
                byte[] bytes = SafeFiles.readRegular(recentFile, 64 * 1024);
                return bytes.length > 64 * 1024 ? List.<String>of()
                        : List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            } catch (IOException | RuntimeException e) {
                return List.<String>of();
            }
        }, background).thenAcceptAsync(lines -> {
            recent.setAll(lines.stream().filter(l -> !l.isBlank()).limit(RECENT).toList());
            if (!recent.isEmpty() && rows.isEmpty()) {
                status.setText("Open a profile, pick a recent one (" + Path.of(recent.get(0)).getFileName()
                        + " was used last), or add the main window's target to a new one.");
            }
        }, Platform::runLater);
    }

    private void remember(Path path) {
        String p = path.toAbsolutePath().toString();
        recent.remove(p);
        recent.add(0, p);
        if (recent.size() > RECENT) {
            recent.remove(RECENT, recent.size());
        }
        List<String> lines = List.copyOf(recent);
        background.execute(() -> {
            try {
                Files.createDirectories(recentFile.toAbsolutePath().getParent());
                AtomicFiles.replace(recentFile, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                // the list is a convenience; the profile itself was handled
            }
        });
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObservableList<String> recent() {
        return recent;
    }

    public javafx.beans.property.ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ObjectProperty<ChecklistResult> lastResultProperty() {
        return lastResult;
    }

    /** Stops what runs and closes the engine: when the window closes. */
    public void close() {
        cancel();
        if (engine != null) {
            engine.close();
        }
    }
}
