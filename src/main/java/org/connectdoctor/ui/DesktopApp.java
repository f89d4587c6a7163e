package org.connectdoctor.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.connectdoctor.AppInfo;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.settings.Settings;
import org.connectdoctor.settings.SettingsStore;

/**
 * The desktop application: one window over a {@link ProbeViewModel}. Settings (recent targets,
 * window size, theme) are read before the window opens, on the launcher thread, and written when
 * it closes; probes, explanations, man pages and report files are handled on a background thread.
 */
public final class DesktopApp extends Application {

    /** The window as JavaFX starts it: background work on daemon threads of its own. */
    public DesktopApp() {
        this(r -> {
            Thread t = new Thread(r, "connect-doctor-background");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The window with its background threads (probes, explanations, the history) made by
     * {@code background}: a test runs them inside a network namespace of its own.
     */
    DesktopApp(java.util.concurrent.ThreadFactory background) {
        this.background = Executors.newCachedThreadPool(background);
    }

    /** Tests point the settings elsewhere with this system property. */
    public static final String SETTINGS_PROPERTY = "connectdoctor.settings";
    /** With this system property set to true the window reports when it is shown and closes (start-up checks). */
    public static final String EXIT_WHEN_SHOWN = "connectdoctor.exitWhenShown";

    private final ExecutorService background;
    /** One writer, so that changes reach the file in the order they were made. */
    private final ExecutorService settingsWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "connect-doctor-settings");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean settingsWarned;
    private final PauseTransition resized = new PauseTransition(javafx.util.Duration.seconds(1));
    private SettingsStore store;
    private Settings settings = Settings.DEFAULTS;
    private String settingsWarning;
    private ProbeViewModel vm;
    private MainWindow window;
    private Stage stage;
    /** What the window would have said on a terminal it does not have: window.log in the data folder. */
    private final org.connectdoctor.files.FileLog log = new org.connectdoctor.files.FileLog(
            org.connectdoctor.history.HistoryStore.dataDirectory().resolve("window.log"), AppInfo.COMMAND);
    private Scene scene;
    private final ManPages pages = ManPages.system();
    private ExplanationPane explanation;
    private HandOver handOver;
    private HelpView help;

    /**
     * Starts the toolkit and shows the window; returns when the window closes, with the exit code:
     * 0, or {@link #MISSING_PREREQUISITE} after saying what to install when GTK 3 is missing. Any other
     * failure to start is thrown, for the launcher to report.
     */
    public static int launchWindow() {
        try {
            Application.launch(DesktopApp.class);
            return 0;
        } catch (RuntimeException | Error e) {
            if (!GtkPrerequisite.isMissingGtk(e)) {
                throw e;
            }
            System.err.println(GtkPrerequisite.message());
            return MISSING_PREREQUISITE;
        }
    }

    /** The exit code when the desktop library the window needs is not installed. */
    public static final int MISSING_PREREQUISITE = 1;

    @Override
    public void init() {
        String custom = System.getProperty(SETTINGS_PROPERTY);
        store = custom == null ? SettingsStore.standard() : new SettingsStore(Path.of(custom));
        SettingsStore.Loaded loaded = store.load();
        settings = loaded.settings();
        settingsWarning = loaded.warning();
        if (settingsWarning != null && store.folderProblem() != null) {
            // Not damage to set aside: the folder cannot exist. Said in the window's warning line.
            folderWarning = settingsWarning;
            settingsWarning = null;
        }
    }

    private String folderWarning;

    /**
     * Writes one change to the settings file as it is made (merged with what other windows wrote),
     * so that nothing already shown is lost to SIGTERM or a crash. A failure is said once: in the
     * window's warning line and on stderr.
     */
    private java.util.concurrent.Future<?> persist(java.util.function.UnaryOperator<Settings> change) {
        if (settingsWriter.isShutdown()) {
            // The window has closed (its stage may live on, as in tests that reuse one): nothing to keep.
            return CompletableFuture.completedFuture(null);
        }
        return settingsWriter.submit(() -> {
            SettingsStore.Saved saved = store.update(change);
            if (saved.warning() != null && !settingsWarned) {
                settingsWarned = true;
                System.err.println(AppInfo.COMMAND + ": " + saved.warning());
                log.log(System.Logger.Level.WARNING, saved.warning());
                Platform.runLater(() -> vm.settingsWarning(saved.warning()));
            }
        });
    }

    @Override
    public void start(Stage stage) {
        if (store == null) {
            init(); // started directly by tests, without Application.launch
        }
        this.stage = stage;
        log.log(System.Logger.Level.INFO, "window started: " + AppInfo.versionLine());
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            // an error nobody caught is kept for the help desk as well as printed
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
                log.log(System.Logger.Level.ERROR, "uncaught in thread " + t.getName(), e);
                System.err.print("Exception in thread \"" + t.getName() + "\" ");
                e.printStackTrace();
            });
        }
        vm = new ProbeViewModel(background, Platform::runLater, engine -> new Explainer(pages,
                org.connectdoctor.explain.ErrorCatalogue.standard(), org.connectdoctor.sys.HostState.current(),
                org.connectdoctor.sys.Capabilities.current()));
        vm.recentTargets().setAll(settings.recentTargets());
        if (folderWarning != null) {
            settingsWarned = true;
            System.err.println(AppInfo.COMMAND + ": " + folderWarning);
            log.log(System.Logger.Level.WARNING, folderWarning);
            vm.settingsWarning(folderWarning);
        }
        vm.recentTargets().addListener((javafx.collections.ListChangeListener<String>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getFrom() == 0) {
                    String t = c.getAddedSubList().get(0);
                    persist(s -> s.withRecent(t));
                }
            }
        });
        explanation = new ExplanationPane(vm::follow, this::loadPage);
        handOver = new HandOver(vm, background);
        handOver.owner(stage);
        historyPane = new HistoryPane(vm, historyStore(), background, Platform::runLater);
        MainWindow window = new MainWindow(vm, explanation, historyPane, menuBar(explanation), handOver.bar());
        scene = new Scene(window, settings.width(), settings.height());
        applyTheme(settings.dark());
        window.fontScale(settings.fontScale());
        zoom = window.installZoom(scene, scale -> persist(s -> s.withFontScale(scale)));
        this.window = window;
        stage.setTitle(AppInfo.NAME);
        stage.setScene(scene);
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        stage.show();
        resized.setOnFinished(e -> {
            double w = stage.getWidth();
            double h = stage.getHeight();
            persist(s -> s.withSize(w, h));
        });
        stage.widthProperty().addListener((obs, o, n) -> resized.playFromStart());
        stage.heightProperty().addListener((obs, o, n) -> resized.playFromStart());
        window.targetField().requestFocus();
        if (Boolean.getBoolean(EXIT_WHEN_SHOWN)) {
            // Start-up measurement and CDS training: say when the first frame is up, then leave. The
            // time is the wall clock in epoch milliseconds, for the caller to subtract its launch time
            // from: the process's own start instant is only known to about a second.
            Platform.runLater(() -> {
                System.err.println("connect-doctor: window shown at epoch-ms " + System.currentTimeMillis());
                Platform.exit();
            });
            return;
        }
        if (settingsWarning != null) {
            Alert a = new Alert(Alert.AlertType.WARNING, settingsWarning, ButtonType.OK);
            a.setHeaderText("Settings were reset");
            a.initOwner(stage);
            a.show();
        }
    }

    /** Opens a man page in the explanation pane, as the Help menu's page items do. */
    void openManPage(ManRef ref) {
        explanation.open(ref);
    }

    private CompletableFuture<Optional<LoadedPage>> loadPage(ManRef ref) {
        return CompletableFuture.supplyAsync(() -> pages.find(ref), background);
    }

    private MainWindow.Zoom zoom;

    private void zoomStep(java.util.function.Function<MainWindow.Zoom, Runnable> step) {
        if (zoom != null) {
            step.apply(zoom).run();
        }
    }

    private MenuBar menuBar(ExplanationPane explanation) {
        MenuItem copy = new MenuItem("Copy report");
        copy.setId("menu-copy-report");
        copy.setAccelerator(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        copy.disableProperty().bind(vm.hasReportProperty().not());
        copy.setOnAction(e -> handOver.copy(false));
        MenuItem save = new MenuItem("Save report\u2026");
        save.setId("menu-save-report");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.disableProperty().bind(vm.hasReportProperty().not());
        save.setOnAction(e -> handOver.save());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("_File", null, copy, save, quit);

        MenuItem run = new MenuItem("Run");
        run.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        MenuItem cancel = new MenuItem("Cancel");
        cancel.setAccelerator(new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN));
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Menu probe = new Menu("_Probe", null, run, cancel);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setId("menu-dark");
        dark.setSelected(settings.dark());
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        dark.selectedProperty().addListener((obs, o, on) -> {
            settings = settings.withDark(on);
            applyTheme(on);
            persist(s -> s.withDark(on));
        });
        // the zoom is in the menu as well as on its keys, so it can be found (and F1 lists its keys)
        MenuItem zoomIn = new MenuItem("Zoom in");
        zoomIn.setId("menu-zoom-in");
        zoomIn.setAccelerator(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN));
        zoomIn.setOnAction(e -> zoomStep(MainWindow.Zoom::in));
        MenuItem zoomOut = new MenuItem("Zoom out");
        zoomOut.setId("menu-zoom-out");
        zoomOut.setAccelerator(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        zoomOut.setOnAction(e -> zoomStep(MainWindow.Zoom::out));
        MenuItem actual = new MenuItem("Actual size");
        actual.setId("menu-zoom-reset");
        actual.setAccelerator(new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        actual.setOnAction(e -> zoomStep(MainWindow.Zoom::reset));
        Menu view = new Menu("_View", null, zoomIn, zoomOut, actual, new javafx.scene.control.SeparatorMenuItem(), dark);

        MenuItem helpPage = new MenuItem("Connect Doctor help");
        helpPage.setId("menu-help");
        helpPage.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        helpPage.setOnAction(e -> showHelp());
        MenuItem connect = new MenuItem("connect(2) manual page");
        connect.setOnAction(e -> explanation.open(new ManRef("connect", "2")));
        MenuItem socket = new MenuItem("socket(2) manual page");
        socket.setOnAction(e -> explanation.open(new ManRef("socket", "2")));
        MenuItem about = new MenuItem("About Connect Doctor");
        about.setOnAction(e -> {
            Alert a = new Alert(Alert.AlertType.INFORMATION, AppInfo.versionLine()
                    + "\n\nA real connect(2), the exact errno, the manual's words and what to do.", ButtonType.OK);
            a.setHeaderText(AppInfo.NAME);
            a.initOwner(stage);
            a.show();
        });
        Menu helpMenu = new Menu("_Help", null, helpPage, connect, socket, about);
        // --- checklist (its own window; see ChecklistView) ---
        MenuItem checklistItem = new MenuItem("Checklist window\u2026");
        checklistItem.setId("menu-checklist");
        checklistItem.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        checklistItem.setOnAction(e -> openChecklist());
        Menu checklistMenu = new Menu("_Checklist", null, checklistItem);
        MenuBar bar = new MenuBar(file, probe, checklistMenu, view, helpMenu);
        bar.setId("menu-bar");
        help = new HelpView(bar, store.file(), List.of(
                new String[] {"Enter", "Run (in the target field)"},
                new String[] {"Esc", "Cancel a running probe; closes this help"},
                new String[] {"Alt+T", "Go to the target field"},
                new String[] {"Alt+Left", "Back, in a manual page opened in the explanation"},
                new String[] {"Tab, Shift+Tab", "Next and previous control"}),
                "The History list on the left keeps the last " + historyStore().retention() + " runs, also after a "
                        + "restart, in " + historyStore().file() + ". Selecting one puts it back in the form; "
                        + "Ctrl-click a second to compare the two. Warnings and errors of this window are kept in "
                        + log.file() + " (the last megabyte, and the one before in window.log.1): attach it to a ticket "
                        + "about the program itself.");
        return bar;
    }

    private org.connectdoctor.history.HistoryStore historyStore;

    /** The run history in the data folder (or the one the connectdoctor.data property names). */
    private org.connectdoctor.history.HistoryStore historyStore() {
        if (historyStore == null) {
            historyStore = org.connectdoctor.history.HistoryStore.standard();
        }
        return historyStore;
    }

    /** Opens the help window (F1). */
    void showHelp() {
        help.show(stage);
    }

    HelpView help() {
        return help;
    }

    HandOver handOver() {
        return handOver;
    }

    private HistoryPane historyPane;

    /** The history pane, for tests. */
    HistoryPane historyPane() {
        return historyPane;
    }
    private Stage checklistStage;
    private ChecklistView checklist;

    /** Opens the Checklist window, or brings it forward; it shares the theme and the current target. */
    void openChecklist() {
        if (checklistStage == null) {
            checklist = new ChecklistView(background, () -> vm.requestProperty().get(),
                    store.file().resolveSibling("recent-profiles.txt"), historyStore(), historyPane::recorded, run -> {
                        vm.show(run);
                        stage.toFront(); // the main window, where the row's attempts and explanation now are
                    });
            Scene s = new Scene(checklist, 1100, 600);
            s.getStylesheets().setAll(scene.getStylesheets());
            scene.getStylesheets().addListener((javafx.collections.ListChangeListener<String>) c ->
                    s.getStylesheets().setAll(scene.getStylesheets()));
            checklistStage = new Stage();
            checklistStage.setTitle("Checklist — " + AppInfo.NAME);
            checklistStage.initOwner(stage);
            checklistStage.setScene(s);
        }
        checklistStage.show();
        checklistStage.toFront();
    }

    /** The Checklist view once opened, for tests. */
    ChecklistView checklistView() {
        return checklist;
    }

    private void applyTheme(boolean dark) {
        scene.getStylesheets().setAll(
                DesktopApp.class.getResource(dark ? "dark.css" : "light.css").toExternalForm(),
                DesktopApp.class.getResource("app.css").toExternalForm());
    }

    private static java.util.function.UnaryOperator<Settings> withSize(double w, double h) {
        return s -> s.withSize(w, h);
    }

    /** Settings writes still queued, for tests: they wait for the file. */
    void awaitSettings() throws Exception {
        settingsWriter.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /** The window's content, for tests. */
    MainWindow window() {
        return window;
    }

    /** The view-model, for tests that drive the window. */
    ProbeViewModel viewModel() {
        return vm;
    }

    @Override
    public void stop() {
        resized.stop();
        if (checklist != null) {
            checklist.close();
        }
        if (vm != null) {
            vm.close();
        }
        // Every change was written as it was made; the size last. Waited for, so the process does not
        // exit before the file is complete.
        java.util.concurrent.Future<?> done = stage == null || store == null ? null
                : persist(withSize(stage.getWidth(), stage.getHeight()));
        try {
            if (done != null) {
                done.get(4, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // the settings stay as they were on disk
        }
        settingsWriter.shutdownNow();
        background.shutdownNow();
    }
}
