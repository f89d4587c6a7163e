package org.connectdoctor.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.ProbeReport;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.textfield.AutoCompletionBinding;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * The window's content, bound to a {@link ProbeViewModel}: the form (target, socket type, family,
 * options), the attempts table with statistics and latency chart, the explanation pane, the run
 * history and the status bar. Builds controls only; all state and work live in the view-model.
 */
final class MainWindow extends BorderPane {

    private final ProbeViewModel vm;
    private final ExplanationPane explanation;
    private final Label elapsed = new Label();
    private final Timeline clock;
    private final TextField targetField;
    private final ValidationSupport validation = new ValidationSupport();
    private AutoCompletionBinding<String> completion;
    private double fontScale = 1.0;

    private final Node handOver;
    private final Node history;

    MainWindow(ProbeViewModel vm, ExplanationPane explanation, Node history, Node menuBar, Node handOver) {
        this.vm = vm;
        this.handOver = handOver;
        this.explanation = explanation;
        this.history = history;
        setId("main-window");
        targetField = targetField();
        setTop(new VBox(menuBar, settingsWarning()));
        setCenter(page(form(), results()));
        setBottom(statusBar());
        clock = clock();
        vm.explanationProperty().addListener((obs, o, e) -> showExplanation());
        vm.reportProperty().addListener((obs, o, e) -> showExplanation());
        vm.runningProperty().addListener((obs, o, r) -> {
            if (vm.explanationProperty().get() == null && vm.savedProperty().get() == null
                    && vm.comparisonProperty().get() == null) {
                showExplanation(); // the empty pane says what is under way
            }
        });
        vm.savedProperty().addListener((obs, o, e) -> showExplanation());
        vm.comparisonProperty().addListener((obs, o, e) -> showExplanation());
        vm.followUps().addListener((javafx.collections.ListChangeListener<FollowUp>) c ->
                explanation.showFollowUps(List.copyOf(vm.followUps())));
        explanation.followUpResult().textProperty().bind(vm.followUpResultProperty());
    }

    /**
     * The explanation pane follows what is on show: a comparison of runs, else an earlier
     * session's saved report, else this session's explanation (or the empty state).
     */
    private void showExplanation() {
        ProbeViewModel.Comparison c = vm.comparisonProperty().get();
        if (c != null) {
            explanation.showComparison(c, vm::closeComparison);
        } else if (vm.savedProperty().get() != null) {
            var saved = vm.savedProperty().get();
            explanation.showSaved(saved, () -> {
                vm.restoreForm(saved);
                vm.run();
            });
        } else {
            ProbeReport shown = vm.reportProperty().get();
            explanation.show(vm.explanationProperty().get(), shown == null ? null : shown.request().timeout(),
                    vm.runningProperty().get(), shown == null ? null : shown.tls());
            explanation.showFollowUps(List.copyOf(vm.followUps()));
        }
    }

    /** The standard font size in px (app.css's .root); zoom multiplies it. */
    static final double BASE_FONT_PX = 13;

    /** The window's zoom: every font size in app.css is relative to the root's, so this scales them all. */
    void fontScale(double scale) {
        double s = Math.max(org.connectdoctor.settings.Settings.MIN_SCALE,
                Math.min(org.connectdoctor.settings.Settings.MAX_SCALE, scale));
        fontScale = Math.round(s * 10) / 10.0;
        setStyle(String.format(Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * fontScale));
        Icons.SCALE.set(fontScale);
        for (Runnable r : scaled) {
            r.run();
        }
    }

    /** Sizes given in px (table columns, pane minimums) that follow the zoom. */
    private final List<Runnable> scaled = new java.util.ArrayList<>();

    private void scaleMinWidth(Region r, double px) {
        Runnable apply = () -> r.setMinWidth(px * fontScale);
        scaled.add(apply);
        apply.run();
    }

    double fontScale() {
        return fontScale;
    }

    /**
     * Ctrl+Plus (also Ctrl+= and the keypad's +), Ctrl+Minus and Ctrl+0 zoom the whole window;
     * {@code changed} hears each new scale, to remember it.
     */
    /** The zoom steps the View menu's Zoom in, Zoom out and Actual size take, and their other keys. */
    record Zoom(Runnable in, Runnable out, Runnable reset) {
    }

    /**
     * Ctrl+Plus, Ctrl+Minus and Ctrl+0 are the View menu's (Zoom in, Zoom out, Actual size); this
     * adds the other keys people press for them (Ctrl+=, the keypad's + and -, Ctrl+keypad 0).
     * {@code changed} hears each new scale, to remember it.
     */
    Zoom installZoom(javafx.scene.Scene scene, java.util.function.DoubleConsumer changed) {
        Runnable in = () -> { fontScale(fontScale + 0.1); changed.accept(fontScale); };
        Runnable out = () -> { fontScale(fontScale - 0.1); changed.accept(fontScale); };
        Runnable reset = () -> { fontScale(1.0); changed.accept(fontScale); };
        var keys = scene.getAccelerators();
        javafx.scene.input.KeyCombination.Modifier ctrl = javafx.scene.input.KeyCombination.SHORTCUT_DOWN;
        for (KeyCode k : List.of(KeyCode.EQUALS, KeyCode.ADD)) {
            keys.put(new javafx.scene.input.KeyCodeCombination(k, ctrl), in);
        }
        keys.put(new javafx.scene.input.KeyCodeCombination(KeyCode.EQUALS, ctrl,
                javafx.scene.input.KeyCombination.SHIFT_DOWN), in);
        keys.put(new javafx.scene.input.KeyCodeCombination(KeyCode.SUBTRACT, ctrl), out);
        keys.put(new javafx.scene.input.KeyCodeCombination(KeyCode.NUMPAD0, ctrl), reset);
        return new Zoom(in, out, reset);
    }

    /**
     * The form above the results, in a scroll pane that only scrolls when the window is smaller than
     * its content's minimum (900x560 at 150 % with the options open): then the page scrolls, and no
     * part of it is squeezed out of sight or drawn outside its place.
     */
    private Node page(Node form, Region results) {
        results.setMinHeight(240);
        VBox.setVgrow(results, Priority.ALWAYS);
        VBox page = new VBox(form, results);
        ScrollPane scroll = new ScrollPane(page);
        scroll.setId("page");
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("page");
        return scroll;
    }

    /** Ten ticks a second while a probe runs: the elapsed time and the countdown never stand still. */
    private Timeline clock() {
        Timeline t = new Timeline(new KeyFrame(Duration.millis(100), e -> vm.tick()));
        t.setCycleCount(Timeline.INDEFINITE);
        vm.runningProperty().addListener((obs, was, running) -> {
            if (running) {
                t.play();
            } else {
                t.stop();
            }
        });
        return t;
    }

    TextField targetField() {
        if (targetField != null) {
            return targetField;
        }
        CustomTextField field = (CustomTextField) TextFields.createClearableTextField();
        field.setId("target");
        field.setPromptText(TargetWords.prompt(Capabilities.current()));
        field.textProperty().bindBidirectional(vm.targetProperty());
        completion(field);
        validation.setErrorDecorationEnabled(false); // the message line below says it, without moving anything
        validation.registerValidator(field, false, (javafx.scene.control.Control c, String value) -> {
            String message = FormWords.targetError(value);
            return ValidationResult.fromErrorIf(c, message, !message.isEmpty());
        });
        field.setTooltip(new Tooltip(TargetWords.tooltip(Capabilities.current())));
        return field;
    }


    /**
     * Recent targets as the user types; the popup never fights the keyboard: nothing is offered
     * for an empty field or while a probe runs, Enter runs what was typed, Escape cancels a running
     * probe even while the popup is open, and the popup closes when a probe starts.
     */
    private void completion(TextField field) {
        AutoCompletionBinding<String> binding = TextFields.bindAutoCompletion(field, request -> {
            String typed = request.getUserText().strip().toLowerCase(Locale.ROOT);
            if (typed.isEmpty() || vm.runningProperty().get()) {
                return List.of();
            }
            return vm.recentTargets().stream().filter(t -> t.toLowerCase(Locale.ROOT).contains(typed)
                    && !t.equalsIgnoreCase(request.getUserText())).limit(10).toList();
        });
        completion = binding;
        javafx.stage.PopupWindow popup = binding.getAutoCompletionPopup();
        popup.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                popup.hide();
                vm.cancel();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                popup.hide();
                vm.run();
                e.consume();
            }
        });
        field.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && vm.runningProperty().get()) {
                popup.hide();
                vm.cancel();
                e.consume();
            }
        });
        vm.runningProperty().addListener((obs, was, running) -> {
            if (running) {
                popup.hide();
            }
        });
    }

    /** The completion popup, for tests. */
    AutoCompletionBinding<String> completion() {
        return completion;
    }

    /** One line under the menu while settings cannot be kept: said once, never in a dialog that blocks. */
    private Label settingsWarning() {
        Label warning = new Label();
        warning.setId("settings-warning");
        warning.getStyleClass().add(Styles.MESSAGE_ERROR);
        warning.setWrapText(true);
        warning.setPadding(new Insets(4, 10, 0, 10));
        warning.textProperty().bind(vm.settingsWarningProperty());
        warning.visibleProperty().bind(warning.textProperty().isEmpty().not());
        warning.managedProperty().bind(warning.visibleProperty());
        return warning;
    }

    private Node form() {
        Label targetLabel = new Label("_Target");
        targetLabel.setMnemonicParsing(true);
        targetLabel.setLabelFor(targetField);
        targetLabel.setMinWidth(Region.USE_PREF_SIZE);

        SegmentedButton types = typeChooser();
        SegmentedButton families = familyChooser();

        Button run = new Button("_Run");
        run.setId("run");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        for (Region r : List.of(run, cancel, types, families)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }

        HBox.setHgrow(targetField, Priority.ALWAYS);
        targetField.setMinWidth(160);
        // Two lines, in reading (and Tab) order: what to reach and the buttons; then how. At 900 px
        // and 150 % one line would not hold them all.
        HBox line = new HBox(8, targetLabel, targetField, run, cancel);
        line.setAlignment(Pos.CENTER_LEFT);
        Label typeLabel = new Label("Type");
        Label familyLabel = new Label("Family");
        typeLabel.setMinWidth(Region.USE_PREF_SIZE);
        familyLabel.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane how = new FlowPane(8, 6, new HBox(8, typeLabel, types), new HBox(8, familyLabel, families));
        for (Node n : how.getChildren()) {
            ((HBox) n).setAlignment(Pos.CENTER_LEFT);
        }
        how.setHgap(20);
        VBox form = new VBox(6, line, how, messageLine(), options());
        form.setPadding(new Insets(8, 10, 6, 10));
        return form;
    }

    /**
     * One line under the target that always keeps its height, so that a message never moves the
     * form: the input's problem when there is one, else what the last follow-up changed, else what
     * Run will do.
     */
    private Node messageLine() {
        Label message = new Label();
        message.setId("input-message");
        message.getStyleClass().add(Styles.MESSAGE_ERROR);
        message.textProperty().bind(Bindings.when(vm.targetMessageProperty().isEmpty())
                .then(vm.optionsMessageProperty()).otherwise(vm.targetMessageProperty()));
        message.visibleProperty().bind(message.textProperty().isEmpty().not());
        message.setWrapText(true);
        Label change = new Label();
        change.setId("form-change");
        change.getStyleClass().add(Styles.FORM_CHANGE);
        change.textProperty().bind(vm.formChangeProperty());
        change.visibleProperty().bind(message.visibleProperty().not().and(change.textProperty().isEmpty().not()));
        change.setWrapText(true);
        // Neither: what Run will do with the form as it stands, so the line's room is never empty.
        Label plan = new Label();
        plan.setId("run-plan");
        plan.getStyleClass().add(Styles.HINT);
        plan.textProperty().bind(vm.planProperty());
        plan.visibleProperty().bind(message.visibleProperty().not().and(change.visibleProperty().not())
                .and(plan.textProperty().isEmpty().not()));
        plan.setWrapText(true);
        StackPane line = new StackPane(message, change, plan);
        line.setAlignment(Pos.CENTER_LEFT);
        line.getStyleClass().add(Styles.MESSAGE_LINE);
        // Two lines' room, held whether or not a message shows: nothing below it ever moves.
        line.minHeightProperty().bind(Bindings.createDoubleBinding(() -> 2.6 * message.getFont().getSize(),
                message.fontProperty()));
        line.prefHeightProperty().bind(line.minHeightProperty());
        line.maxHeightProperty().bind(line.minHeightProperty());
        return line;
    }

    /** The socket types this system has (asked of {@link Capabilities#current()}); the others are off with the reason. */
    private SegmentedButton typeChooser() {
        Capabilities caps = Capabilities.current();
        SegmentedButton types = new SegmentedButton();
        types.setId("socket-type");
        for (SocketType t : SocketType.values()) {
            ToggleButton b = new ToggleButton(FormWords.typeWords(t));
            b.textProperty().bind(Bindings.createStringBinding(() -> FormWords.typeWords(t,
                    vm.unixTargetProperty().get()), vm.unixTargetProperty()));
            b.setId("type-" + t.cliName());
            b.setUserData(t);
            String tip = switch (t) {
                case STREAM -> "A connection with a handshake: web servers, databases, SSH, most services.";
                case DGRAM -> "Single messages without a handshake: DNS, NTP, syslog, games and media.";
                case SEQPACKET -> "A connection that keeps message boundaries: SCTP telecoms links, some Unix sockets.";
            };
            boolean any = false;
            for (Family f : List.of(Family.INET, Family.INET6, Family.UNIX)) {
                any |= caps.supports(t, f);
            }
            if (!any) {
                b.setDisable(true);
                tip = caps.unsupportedReason(t, Family.INET);
            }
            b.setTooltip(new Tooltip(tip));
            types.getButtons().add(b);
        }
        bindToggles(types, vm.typeProperty().get(), v -> vm.typeProperty().set((SocketType) v));
        vm.typeProperty().addListener((obs, o, n) -> select(types, n));
        return types;
    }

    private SegmentedButton familyChooser() {
        SegmentedButton families = new SegmentedButton();
        families.setId("family");
        for (FamilyChoice f : FamilyChoice.values()) {
            ToggleButton b = new ToggleButton(FormWords.familyWords(f));
            b.setId("family-" + f.name().toLowerCase(Locale.ROOT));
            b.setUserData(f);
            b.setTooltip(new Tooltip(switch (f) {
                case AUTO -> "Every address the name has, IPv6 and IPv4, in the system's order.";
                case IPV4 -> "IPv4 addresses only (like ping -4).";
                case IPV6 -> "IPv6 addresses only.";
                case UNIX -> "A socket file on this computer; chosen by itself when the target is a path.";
            }));
            families.getButtons().add(b);
        }
        bindToggles(families, vm.familyProperty().get(), v -> vm.familyProperty().set((FamilyChoice) v));
        vm.familyProperty().addListener((obs, o, n) -> select(families, n));
        families.getButtons().get(FamilyChoice.UNIX.ordinal()).setDisable(true);
        return families;
    }

    private Node options() {
        TextField timeout = field("timeout", vm.timeoutProperty(), "Limit for each attempt: 1500ms, 2s, 0.5s, 1m.");
        TextField source = field("source", vm.sourceProperty(),
                "Local address and/or port to send from: 10.0.0.5, 10.0.0.5:40000, [::1]:40000, :40000. Empty: any.");
        CheckBox broadcast = new CheckBox("Allow broadcast (SO_BROADCAST)");
        broadcast.setMnemonicParsing(false); // the underscore belongs to the name
        broadcast.setId("broadcast");
        broadcast.selectedProperty().bindBidirectional(vm.broadcastProperty());
        broadcast.disableProperty().bind(vm.typeProperty().isNotEqualTo(SocketType.DGRAM));
        TextField payload = field("payload", vm.payloadProperty(), "What a datagram probe sends; empty sends an empty datagram.");
        payload.disableProperty().bind(vm.typeProperty().isNotEqualTo(SocketType.DGRAM));
        CheckBox hex = new CheckBox("Hex");
        hex.setId("payload-hex");
        hex.selectedProperty().bindBidirectional(vm.payloadHexProperty());
        hex.disableProperty().bind(payload.disableProperty());
        TextField count = field("count", vm.countProperty(), "How many probes; more than 1 gives statistics.");
        TextField interval = field("interval", vm.intervalProperty(), "Pause between probes: 1s, 200ms, 0s.");
        CheckBox all = new CheckBox("Try every address");
        all.setId("all-addresses");
        all.selectedProperty().bindBidirectional(vm.allAddressesProperty());
        all.setTooltip(new Tooltip("Also try the remaining addresses after one connects."));
        CheckBox eyeballs = new CheckBox("Race IPv6 and IPv4 (Happy Eyeballs)");
        eyeballs.setId("happy-eyeballs");
        eyeballs.selectedProperty().bindBidirectional(vm.happyEyeballsProperty());
        eyeballs.disableProperty().bind(vm.typeProperty().isNotEqualTo(SocketType.STREAM).or(all.selectedProperty()));
        eyeballs.setTooltip(new Tooltip("Connect as browsers do (RFC 8305): IPv6 first, the next address 250 ms "
                + "later, the first to connect wins and the others are cancelled."));
        CheckBox tls = new CheckBox("Check TLS");
        tls.setId("check-tls");
        tls.selectedProperty().bindBidirectional(vm.checkTlsProperty());
        tls.disableProperty().bind(vm.typeProperty().isNotEqualTo(SocketType.STREAM));
        tls.setTooltip(new Tooltip("After the connect, shake hands with TLS on the same connection and check the "
                + "certificate: dates, name, trust by Java and by this system."));
        TextField tlsName = field("tls-name", vm.tlsNameProperty(),
                "The name sent to the server and checked against its certificate. Empty: the target's host.");
        tlsName.setPromptText("the target's host");
        tlsName.disableProperty().bind(tls.selectedProperty().not().or(tls.disabledProperty()));
        FlowPane g = new FlowPane(20, 8);
        g.getChildren().addAll(option("Timeout", timeout), option("Source", source), option(null, broadcast),
                option("Payload", payload, hex), option("Count", count), option("Interval", interval), option(null, all),
                option(null, eyeballs), option(null, tls), option("TLS name", tlsName));
        TitledPane pane = new TitledPane("Options", g);
        pane.setId("options");
        pane.setExpanded(false);
        return pane;
    }

    /** A label and its controls, kept together: the options wrap as whole pairs, never cut. */
    private static Node option(String label, Region... controls) {
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        if (label != null) {
            Label l = new Label(label);
            l.setMinWidth(Region.USE_PREF_SIZE);
            l.setLabelFor(controls[0]);
            box.getChildren().add(l);
        }
        for (Region c : controls) {
            if (!(c instanceof TextField)) {
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
            box.getChildren().add(c);
        }
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String tip) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setTooltip(new Tooltip(tip));
        f.setPrefColumnCount(id.equals("source") || id.equals("payload") ? 18 : 8);
        return f;
    }

    private static void bindToggles(SegmentedButton s, Object initial, Consumer<Object> onSelect) {
        select(s, initial);
        s.getToggleGroup().selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one choice is always made
            } else {
                onSelect.accept(now.getUserData());
            }
        });
    }

    private static void select(SegmentedButton s, Object value) {
        for (ToggleButton b : s.getButtons()) {
            if (b.getUserData() == value && !b.isSelected()) {
                b.setSelected(true);
            }
        }
    }

    private Region results() {
        Label stats = new Label();
        stats.setId("statistics");
        stats.getStyleClass().add(Styles.STATISTICS);
        stats.textProperty().bind(vm.statisticsProperty());
        stats.setWrapText(true);
        stats.setMinHeight(Region.USE_PREF_SIZE);
        stats.visibleProperty().bind(stats.textProperty().isEmpty().not());
        stats.managedProperty().bind(stats.visibleProperty());

        Label omitted = new Label();
        omitted.setId("attempts-omitted");
        omitted.getStyleClass().add(Styles.HINT);
        omitted.setWrapText(true);
        omitted.setMinHeight(Region.USE_PREF_SIZE);
        omitted.textProperty().bind(Bindings.createStringBinding(() -> {
            long more = vm.omittedProperty().get();
            if (more <= 0) {
                return "";
            }
            long shownRows = vm.attempts().size();
            return "The table shows " + shownRows + " of " + (shownRows + more) + " attempts (the first "
                    + org.connectdoctor.probe.ProbeReport.KEPT_ATTEMPTS + (shownRows > org.connectdoctor.probe.ProbeReport.KEPT_ATTEMPTS
                    ? " and the one the verdict rests on" : "") + "); the other " + more
                    + " ran and are counted in the statistics.";
        }, vm.omittedProperty(), vm.attempts()));
        omitted.visibleProperty().bind(vm.omittedProperty().greaterThan(0));
        omitted.managedProperty().bind(omitted.visibleProperty());

        TableView<AttemptRow> table = attemptsTable();
        SplitPane split = new SplitPane();
        LatencyChart chart = latencyChart();
        VBox middle = new VBox(6, table, omitted, handOver, stats, chart); // handOver: Copy for ticket, Save (HandOver)
        VBox.setVgrow(table, Priority.ALWAYS);

        // the run history (HistoryPane): kept across restarts
        Node left = history;
        if (left instanceof Region r) {
            // room for a row's longest word, an errno such as EPROTONOSUPPORT, and the list's scroll
            // bar: a result is never broken inside its name
            scaleMinWidth(r, 156);
        }
        // Room for the table's first four columns and its scroll bar wherever the dividers were
        // left: at 100 % the result and its time are always in view. Not scaled: at 150 % in a
        // small window the explanation needs the room more, and the table scrolls sideways.
        middle.setMinWidth(java.util.Arrays.stream(FIRST_COLUMNS).sum() + 20);
        // The explanation is never squeezed out of sight.
        scaleMinWidth(explanation, 200);
        table.setMinHeight(60);
        split.getItems().addAll(left, middle, explanation);
        split.setDividerPositions(0.18, 0.63);
        split.setPadding(new Insets(0, 10, 6, 10));
        return split;
    }

    /** The widths (px at 100 %) of the columns that stay in view at the minimum size: #, Address, Result, ms. */
    private static final double[] FIRST_COLUMNS = {36, 120, 150, 66};

    /** Finished attempts, then the one in progress with its phase, countdown and attempt number. */
    private TableView<AttemptRow> attemptsTable() {
        TableView<AttemptRow> table = new TableView<>(vm.rows());
        table.setId("attempts");
        Label none = new Label("No attempt yet.");
        none.getStyleClass().add(Styles.HINT);
        table.setPlaceholder(none);
        table.setTableMenuButtonVisible(false);
        table.getColumns().add(column("#", FIRST_COLUMNS[0], 36, row -> row.numberText(vm.requestCount() > 1)));
        TableColumn<AttemptRow, String> address = column("Address", FIRST_COLUMNS[1], 110, AttemptRow::addressText);
        // a long address (a Unix socket path) is shortened in its middle, so its file name stays in
        // view, and is whole in the cell's tooltip
        address.setCellFactory(c -> new TableCell<>() {
            {
                setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
                setEllipsisString("\u2026");
                getStyleClass().add(Styles.ELIDED);
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
            }
        });
        table.getColumns().add(address);
        TableColumn<AttemptRow, AttemptRow> result = new TableColumn<>("Result");
        scaleColumn(result, FIRST_COLUMNS[2], 120);
        result.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        result.setCellFactory(c -> new ResultCell(vm));
        table.getColumns().add(result);
        TableColumn<AttemptRow, AttemptRow> ms = new TableColumn<>("ms");
        scaleColumn(ms, FIRST_COLUMNS[3], 60);
        ms.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        ms.setCellFactory(c -> new MillisCell(vm));
        ms.getStyleClass().add("numeric");
        table.getColumns().add(ms);
        // The result and its time first: at the minimum width they are what stays in view, and the
        // rest is reached with the table's horizontal scroll bar.
        table.getColumns().add(column("Family", 66, 60, AttemptRow::familyText));
        table.getColumns().add(column("Local address", 140, 110, AttemptRow::localText));
        table.getColumns().add(column("Phase", 80, 64, AttemptRow::phaseText));
        // An empty table has no scroll bar to reach columns past its edge: until the first row it
        // shows only its "No attempt yet." (app.css: .table-view.no-rows hides the headers).
        Runnable empty = () -> {
            table.getStyleClass().remove(Styles.NO_ROWS);
            if (table.getItems().isEmpty()) {
                table.getStyleClass().add(Styles.NO_ROWS);
            }
        };
        table.getItems().addListener((javafx.collections.ListChangeListener<AttemptRow>) c -> empty.run());
        empty.run();
        fitOrScroll(table);
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, row) -> {
            if (row instanceof AttemptRow.Done d) {
                vm.selectedProperty().set(d.attempt());
            }
        });
        vm.selectedProperty().addListener((obs, o, a) -> {
            if (a == null) {
                return;
            }
            for (AttemptRow row : table.getItems()) {
                if (row instanceof AttemptRow.Done d && d.attempt() == a) {
                    if (table.getSelectionModel().getSelectedItem() != row) {
                        table.getSelectionModel().select(row);
                    }
                    return;
                }
            }
        });
        return table;
    }

    /**
     * Columns share the table's width while their preferred widths fit in it (the last one takes
     * what is left); in a narrower table they keep those widths and the table scrolls sideways.
     * A constrained table never shows a horizontal scroll bar, so columns that do not fit would be
     * out of reach: this was the 900 px window's Family, Local address and Phase.
     */
    private static void fitOrScroll(TableView<AttemptRow> table) {
        Runnable choose = () -> {
            double wanted = 0;
            for (TableColumn<AttemptRow, ?> c : table.getColumns()) {
                wanted += c.isVisible() ? c.getPrefWidth() : 0;
            }
            // the table's own width less its borders and a vertical scroll bar's room
            boolean fits = table.getWidth() - 20 >= wanted;
            var policy = fits ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN
                    : TableView.UNCONSTRAINED_RESIZE_POLICY;
            if (table.getColumnResizePolicy() != policy) {
                table.setColumnResizePolicy(policy);
                if (!fits) {
                    for (TableColumn<AttemptRow, ?> c : table.getColumns()) {
                        // back to its own width after the constrained share (a column's width
                        // follows its preferred width only when that changes)
                        double w = c.getPrefWidth();
                        c.setPrefWidth(w + 1);
                        c.setPrefWidth(w);
                    }
                }
            }
        };
        boolean[] choosing = {false};
        Runnable once = () -> {
            if (!choosing[0]) {
                choosing[0] = true;
                try {
                    choose.run();
                } finally {
                    choosing[0] = false;
                }
            }
        };
        table.widthProperty().addListener((obs, o, w) -> once.run());
        for (TableColumn<AttemptRow, ?> c : table.getColumns()) {
            c.prefWidthProperty().addListener((obs, o, w) -> once.run());
        }
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    }

    /**
     * The latest rounds' times; the view-model keeps at most {@link ProbeViewModel#CHART_POINTS},
     * and while a probe runs the chart is redrawn at most four times a second.
     */
    private LatencyChart latencyChart() {
        LatencyChart chart = new LatencyChart();
        chart.setId("latency-chart");
        javafx.animation.PauseTransition redraw = new javafx.animation.PauseTransition(Duration.millis(250));
        redraw.setOnFinished(e -> chart.show(vm.latencies()));
        vm.latencies().addListener((javafx.collections.ListChangeListener<ProbeViewModel.Point>) change -> {
            if (!vm.runningProperty().get()) {
                redraw.stop();
                chart.show(vm.latencies());
            } else if (redraw.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                redraw.playFromStart();
            }
        });
        chart.visibleProperty().bind(Bindings.size(vm.latencies()).greaterThan(1));
        chart.managedProperty().bind(chart.visibleProperty());
        return chart;
    }

    private TableColumn<AttemptRow, String> column(String title, double width, double min,
                                                          java.util.function.Function<AttemptRow, String> f) {
        TableColumn<AttemptRow, String> c = new TableColumn<>(title);
        scaleColumn(c, width, min);
        c.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(f.apply(cell.getValue())));
        return c;
    }

    private void scaleColumn(TableColumn<AttemptRow, ?> c, double width, double min) {
        Runnable apply = () -> {
            c.setMinWidth(min * fontScale);
            c.setPrefWidth(width * fontScale);
        };
        scaled.add(apply);
        apply.run();
    }

    /** The key under which the table remembers the pending row's height it last asked for. */
    private static final String PENDING_HEIGHT = "connectdoctor.pendingRowHeight";

    /** The result with an icon (a vector path, never a font glyph) and words, coloured as well: never colour alone. */
    private static final class ResultCell extends TableCell<AttemptRow, AttemptRow> {
        private final ProbeViewModel vm;
        private Node pendingIcon;
        /** Shows the pending row: several lines, whose height the row must follow. */
        private boolean pending;
        /**
         * One icon node per outcome, per cell, reused: a flood re-lays out the visible rows about 20
         * times a second, and a new node each time (or a style class removed and added back) made
         * JavaFX re-apply CSS to every visible cell: the FX thread's main cost in the flood test.
         */
        private final java.util.Map<org.connectdoctor.probe.Outcome, Node> icons =
                new java.util.EnumMap<>(org.connectdoctor.probe.Outcome.class);
        private String style;

        ResultCell(ProbeViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected double computePrefHeight(double width) {
            // two pixels to spare for the pending row's lines: at exactly its height a label of
            // several lines may cut the last one (rounding to whole pixels)
            return super.computePrefHeight(width) + (pending ? 2 : 0);
        }

        /**
         * The table sizes a row when its item changes, not when a cell's words do; when the
         * pending row's words need more (or less) height than the row has, the table is asked
         * once to size its rows again. Once per height: a flood's countdown keeps its lines.
         */
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            TableView<AttemptRow> table = getTableView();
            if (!pending || table == null || getTableRow() == null) {
                return;
            }
            double wanted = Math.ceil(prefHeight(-1));
            double has = getTableRow().getHeight();
            Object asked = table.getProperties().get(PENDING_HEIGHT);
            if (Math.abs(wanted - has) > 1 && !Double.valueOf(wanted).equals(asked)) {
                table.getProperties().put(PENDING_HEIGHT, wanted);
                javafx.application.Platform.runLater(table::refresh);
            }
        }

        private Node icon(org.connectdoctor.probe.Outcome o) {
            return icons.computeIfAbsent(o, Icons::forOutcome);
        }

        /** Puts {@code next} (or none) in place of the result style, touching the list only when it changes. */
        private void style(String next) {
            if (java.util.Objects.equals(style, next)) {
                return;
            }
            if (style != null) {
                getStyleClass().remove(style);
            }
            if (next != null) {
                getStyleClass().add(next);
            }
            style = next;
        }

        @Override
        protected void updateItem(AttemptRow row, boolean empty) {
            super.updateItem(row, empty);
            textProperty().unbind();
            pending = false;
            if (empty || row == null) {
                setWrapText(false);
                setText(null);
                setGraphic(null);
                style(null);
                return;
            }
            if (row instanceof AttemptRow.Running r) {
                if (pendingIcon == null) {
                    pendingIcon = Icons.pending(); // one per cell: a flood replaces the row 20 times a second
                }
                setGraphic(pendingIcon);
                textProperty().bind(Bindings.createStringBinding(() -> {
                    // the run's latest state: the list keeps one pending row while no attempt ends
                    AttemptRow.Running now = vm.runningRowProperty().get() != null ? vm.runningRowProperty().get() : r;
                    return now.cellWords(vm.nowProperty().get());
                }, vm.nowProperty(), vm.runningRowProperty()));
                style(Styles.PENDING);
                // short lines of their own (AttemptRow.Running.cellWords), not wrapped: a wrapping
                // label in a table cell cut its last line even with room for it
                setWrapText(false);
                pending = true;
            } else if (row instanceof AttemptRow.LookupFailed l) {
                setWrapText(false);
                setGraphic(icon(l.timedOut() ? org.connectdoctor.probe.Outcome.LOOKUP_TIMED_OUT
                        : org.connectdoctor.probe.Outcome.RESOLUTION_FAILED));
                // "not resolved:" and the code on lines of their own: the column is narrower than both
                setText(l.verdict().replaceFirst(": ", ":\n"));
                style(Styles.FAILURE);
            } else if (row instanceof AttemptRow.Saved saved) {
                setWrapText(false);
                var r = saved.record();
                setGraphic(icon(r.outcome()));
                setText(saved.resultText());
                style(r.outcome().isSuccess() ? Styles.SUCCESS
                        : r.outcome() == org.connectdoctor.probe.Outcome.CANCELLED ? Styles.NEUTRAL : Styles.FAILURE);
            } else if (row instanceof AttemptRow.Done d) {
                setWrapText(false);
                Attempt a = d.attempt();
                setGraphic(icon(a.outcome()));
                setText(resultWords(a));
                style(a.outcome().isSuccess() ? Styles.SUCCESS
                        : a.outcome() == org.connectdoctor.probe.Outcome.CANCELLED ? Styles.NEUTRAL : Styles.FAILURE);
            }
        }
    }

    /** A finished attempt's result in words, as the table shows it next to its icon. */
    static String resultWords(Attempt a) {
        return a.outcome() == org.connectdoctor.probe.Outcome.FAILED && a.error() != null ? a.error().nativeSymbol()
                : AttemptRow.words(a.outcome());
    }

    /**
     * A time in the ms column, in at most seven characters so that the column holds any of them:
     * microseconds below a second (0.048, 999.999), tenths up to 100 s (1012.3), whole ms above.
     */
    static String millis(double ms) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        return ms < 100_000 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    /** Milliseconds: the attempt's own time (the lookup's, for a failed lookup). */
    private static final class MillisCell extends TableCell<AttemptRow, AttemptRow> {
        private final ProbeViewModel vm;

        MillisCell(ProbeViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(AttemptRow row, boolean empty) {
            super.updateItem(row, empty);
            textProperty().unbind();
            if (empty || row == null) {
                setText(null);
                return;
            }
            if (row instanceof AttemptRow.Done d) {
                setText(millis(d.attempt().elapsedMillis()));
            } else if (row instanceof AttemptRow.LookupFailed l) {
                setText(millis(l.resolution().elapsedNanos() / 1e6));
            } else if (row instanceof AttemptRow.Saved saved) {
                setText(millis(saved.record().elapsedMillis()));
            } else {
                setText(""); // in progress: its time so far is the countdown and the status line's clock
            }
        }
    }

    /**
     * The status line: what happens now or how the run ended, wrapping rather than cut; the
     * progress of a repeated probe; the elapsed time. Our own row (ControlsFX's StatusBar is one
     * text line high, whatever it holds).
     */
    private Node statusBar() {
        Label status = new Label();
        status.setId("status-text");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.setMaxWidth(Double.MAX_VALUE);
        status.textProperty().bind(vm.statusProperty());
        HBox.setHgrow(status, Priority.ALWAYS);
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.setId("progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setMinWidth(Region.USE_PREF_SIZE);
        elapsed.setId("elapsed");
        elapsed.textProperty().bind(vm.elapsedTextProperty());
        elapsed.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, status, progress, elapsed);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.setMinHeight(Region.USE_PREF_SIZE);
        return bar;
    }
}
