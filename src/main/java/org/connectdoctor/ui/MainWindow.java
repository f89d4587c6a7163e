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
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.FamilyChoice;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.control.StatusBar;
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
    private final StatusBar statusBar = new StatusBar();
    private final Label elapsed = new Label();
    private final Timeline clock;
    private final TextField targetField;
    private final ValidationSupport validation = new ValidationSupport();

    private final Node handOver;
    private final Node history;

    MainWindow(ProbeViewModel vm, ExplanationPane explanation, Node history, Node menuBar, Node handOver) {
        this.vm = vm;
        this.handOver = handOver;
        this.explanation = explanation;
        this.history = history;
        setId("main-window");
        targetField = targetField();
        VBox top = new VBox(menuBar, settingsWarning(), form());
        setTop(top);
        setCenter(results());
        setBottom(statusBar());
        clock = new Timeline(new KeyFrame(Duration.millis(100), e -> elapsed.setText(
                String.format(Locale.ROOT, "%.1f s", vm.elapsedSeconds()))));
        clock.setCycleCount(Timeline.INDEFINITE);
        vm.runningProperty().addListener((obs, was, running) -> {
            if (running) {
                clock.play();
            } else {
                clock.stop();
            }
        });
        vm.explanationProperty().addListener((obs, o, e) -> explanation.show(e));
    }

    TextField targetField() {
        if (targetField != null) {
            return targetField;
        }
        CustomTextField field = (CustomTextField) TextFields.createClearableTextField();
        field.setId("target");
        field.setPromptText("host:port, [IPv6]:port, or a Unix socket path such as /run/app.sock");
        field.textProperty().bindBidirectional(vm.targetProperty());
        TextFields.bindAutoCompletion(field, request -> {
            String typed = request.getUserText().toLowerCase(Locale.ROOT);
            return vm.recentTargets().stream().filter(t -> t.toLowerCase(Locale.ROOT).contains(typed)
                    && !t.equalsIgnoreCase(request.getUserText())).limit(10).toList();
        });
        validation.registerValidator(field, false, (javafx.scene.control.Control c, String value) -> {
            String message = ProbeViewModel.targetError(value);
            return ValidationResult.fromErrorIf(c, message, !message.isEmpty());
        });
        field.setTooltip(new Tooltip("What the application fails to reach: db.example.org:5432, [2001:db8::1]:443, "
                + "/run/postgresql/.s.PGSQL.5432, unix:@name"));
        return field;
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

        SegmentedButton types = new SegmentedButton();
        types.setId("socket-type");
        for (SocketType t : SocketType.values()) {
            ToggleButton b = new ToggleButton(switch (t) {
                case STREAM -> "Stream (TCP)";
                case DGRAM -> "Datagram (UDP)";
                case SEQPACKET -> "Seqpacket";
            });
            b.setId("type-" + t.cliName());
            b.setUserData(t);
            b.setTooltip(new Tooltip(switch (t) {
                case STREAM -> "A connection with a handshake: web servers, databases, SSH, most services.";
                case DGRAM -> "Single messages without a handshake: DNS, NTP, syslog, games and media.";
                case SEQPACKET -> "A connection that keeps message boundaries: SCTP telecoms links, some Unix sockets.";
            }));
            types.getButtons().add(b);
        }
        bindToggles(types, vm.typeProperty().get(), v -> vm.typeProperty().set((SocketType) v));
        vm.typeProperty().addListener((obs, o, n) -> select(types, n));

        SegmentedButton families = new SegmentedButton();
        families.setId("family");
        for (FamilyChoice f : FamilyChoice.values()) {
            ToggleButton b = new ToggleButton(switch (f) {
                case AUTO -> "Auto";
                case IPV4 -> "IPv4";
                case IPV6 -> "IPv6";
                case UNIX -> "Unix";
            });
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

        HBox.setHgrow(targetField, Priority.ALWAYS);
        HBox line = new HBox(8, targetLabel, targetField, types, families, run, cancel);
        line.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("input-message");
        message.getStyleClass().add(Styles.MESSAGE_ERROR);
        message.setWrapText(true);
        message.textProperty().bind(Bindings.when(vm.targetMessageProperty().isEmpty())
                .then(vm.optionsMessageProperty()).otherwise(vm.targetMessageProperty()));
        message.visibleProperty().bind(message.textProperty().isEmpty().not());
        message.managedProperty().bind(message.visibleProperty());

        VBox form = new VBox(6, line, message, options());
        form.setPadding(new Insets(8, 10, 6, 10));
        return form;
    }

    private Node options() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
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
        g.addRow(0, new Label("Timeout"), timeout, new Label("Source"), source, broadcast);
        g.addRow(1, new Label("Payload"), new HBox(6, payload, hex), new Label("Count"), count, all);
        g.addRow(2, new Label("Interval"), interval);
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.SOMETIMES);
        g.getColumnConstraints().addAll(new ColumnConstraints(), grow, new ColumnConstraints(), grow);
        TitledPane pane = new TitledPane("Options", g);
        pane.setId("options");
        pane.setExpanded(false);
        return pane;
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

    private Node results() {
        TableView<Attempt> table = new TableView<>(vm.attempts());
        table.setId("attempts");
        table.setPlaceholder(new Label("No attempt yet."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("#", 40, a -> vm.reportProperty().get() != null
                && vm.reportProperty().get().request().count() > 1 ? a.round() + "." + a.index() : String.valueOf(a.index())));
        table.getColumns().add(column("Address", 130, a -> a.address().display()));
        table.getColumns().add(column("Family", 58, a -> a.address().family().label()));
        table.getColumns().add(column("Local address", 135, a -> a.local() == null ? "" : a.local().display()));
        table.getColumns().add(column("Phase", 58, a -> a.phase().name().toLowerCase(Locale.ROOT)));
        TableColumn<Attempt, Attempt> result = new TableColumn<>("Result");
        result.setPrefWidth(150);
        result.setCellValueFactory(c -> new javafx.beans.property.SimpleObjectProperty<>(c.getValue()));
        result.setCellFactory(c -> new ResultCell());
        table.getColumns().add(result);
        table.getColumns().add(column("ms", 60, a -> String.format(Locale.ROOT, "%.3f", a.elapsedMillis())));
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, a) -> {
            if (a != null) {
                vm.selectedProperty().set(a);
            }
        });
        vm.selectedProperty().addListener((obs, o, a) -> {
            if (a != null && table.getSelectionModel().getSelectedItem() != a) {
                table.getSelectionModel().select(a);
            }
        });

        Label stats = new Label();
        stats.setId("statistics");
        stats.getStyleClass().add(Styles.STATISTICS);
        stats.textProperty().bind(vm.statisticsProperty());
        stats.setWrapText(true);

        NumberAxis x = new NumberAxis();
        x.setLabel("probe");
        x.setMinorTickVisible(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("ms");
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setId("latency-chart");
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        chart.setPrefHeight(170);
        chart.setMinHeight(120);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        chart.getData().add(series);
        vm.latencies().addListener((javafx.collections.ListChangeListener<Double>) change -> {
            List<XYChart.Data<Number, Number>> points = new java.util.ArrayList<>();
            for (int i = 0; i < vm.latencies().size(); i++) {
                points.add(new XYChart.Data<>(i + 1, vm.latencies().get(i)));
            }
            series.getData().setAll(points);
        });
        chart.visibleProperty().bind(Bindings.size(vm.latencies()).greaterThan(1));
        chart.managedProperty().bind(chart.visibleProperty());

        VBox middle = new VBox(6, table, handOver, stats, chart); // handOver: Copy for ticket, Save (HandOver)
        VBox.setVgrow(table, Priority.ALWAYS);
        middle.setPadding(new Insets(0, 0, 0, 0));

        // the run history (HistoryPane): kept across restarts
        Node left = history;

        SplitPane split = new SplitPane(left, middle, explanation);
        split.setDividerPositions(0.18, 0.63);
        split.setPadding(new Insets(0, 10, 6, 10));
        return split;
    }

    private static TableColumn<Attempt, String> column(String title, double width, java.util.function.Function<Attempt, String> f) {
        TableColumn<Attempt, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(f.apply(cell.getValue())));
        return c;
    }

    /** The result with an icon and a word, coloured as well: never colour alone. */
    private static final class ResultCell extends TableCell<Attempt, Attempt> {
        @Override
        protected void updateItem(Attempt a, boolean empty) {
            super.updateItem(a, empty);
            getStyleClass().removeAll(Styles.SUCCESS, Styles.FAILURE, Styles.NEUTRAL);
            if (empty || a == null) {
                setText(null);
                return;
            }
            String text = switch (a.outcome()) {
                case CONNECTED -> "\u2714 connected";
                case ANSWERED -> "\u2714 answered";
                case NO_REPLY -> "\u2026 no reply";
                case TIMED_OUT -> "\u231b timed out";
                case CANCELLED -> "\u25a0 cancelled";
                case FAILED -> "\u2716 " + (a.error() == null ? "failed" : a.error().symbol());
                case RESOLUTION_FAILED -> "\u2716 not resolved";
                case LOOKUP_TIMED_OUT -> "\u2716 lookup timed out";
            };
            setText(text);
            getStyleClass().add(a.outcome().isSuccess() ? Styles.SUCCESS
                    : a.outcome() == org.connectdoctor.probe.Outcome.CANCELLED ? Styles.NEUTRAL : Styles.FAILURE);
        }
    }

    private Node statusBar() {
        statusBar.setId("status-bar");
        statusBar.textProperty().bind(vm.statusProperty());
        statusBar.progressProperty().bind(Bindings.when(vm.runningProperty()).then(vm.progressProperty()).otherwise(0.0));
        elapsed.setId("elapsed");
        statusBar.getRightItems().add(elapsed);
        return statusBar;
    }
}
