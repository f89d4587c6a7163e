package org.connectdoctor.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.connectdoctor.AppInfo;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.report.TextReport;

/**
 * The desktop window, first version: a target, a socket type, Run and Cancel, and the same report
 * the command line prints. The probe runs on a background thread; the FX thread only shows.
 */
public final class DesktopApp extends Application {

    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "connect-doctor-probe");
        t.setDaemon(true);
        return t;
    });
    private volatile Cancellation running;
    private ProbeEngine engine;
    private Explainer explainer;

    /** Created on the background thread: loading the native library is not the FX thread's work. */
    private ProbeEngine engine() {
        if (engine == null) {
            engine = ProbeEngine.system();
            explainer = Explainer.system(engine.sockets());
        }
        return engine;
    }

    /** Starts the toolkit and shows the window; returns when the window closes. */
    public static void launchWindow() {
        Application.launch(DesktopApp.class);
    }

    @Override
    public void start(Stage stage) {
        TextField target = new TextField();
        target.setId("target");
        target.setPromptText("host:port, [IPv6]:port or /path/to/unix.sock");
        HBox.setHgrow(target, Priority.ALWAYS);
        ChoiceBox<SocketType> type = new ChoiceBox<>();
        type.setId("type");
        type.getItems().setAll(SocketType.values());
        type.setValue(SocketType.STREAM);
        type.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SocketType t) {
                return t == null ? "" : switch (t) {
                    case STREAM -> "Stream (TCP)";
                    case DGRAM -> "Datagram (UDP)";
                    case SEQPACKET -> "Seqpacket";
                };
            }

            @Override
            public SocketType fromString(String s) {
                return null;
            }
        });
        Button run = new Button("Run");
        run.setId("run");
        run.setDefaultButton(true);
        Button cancel = new Button("Cancel");
        cancel.setId("cancel");
        cancel.setCancelButton(true);
        cancel.setDisable(true);
        Label message = new Label();
        message.setId("message");
        message.setWrapText(true);
        TextArea output = new TextArea();
        output.setId("output");
        output.setEditable(false);
        output.setStyle("-fx-font-family: monospace;");
        VBox.setVgrow(output, Priority.ALWAYS);

        target.textProperty().addListener((obs, old, text) -> {
            try {
                TargetParser.parse(text);
                message.setText("");
                run.setDisable(false);
            } catch (InvalidInputException e) {
                message.setText(text.isEmpty() ? "" : e.getMessage());
                run.setDisable(true);
            }
        });
        run.setDisable(true);

        run.setOnAction(e -> {
            ProbeRequest request;
            try {
                request = ProbeRequest.builder(TargetParser.parse(target.getText())).type(type.getValue()).build();
            } catch (InvalidInputException ex) {
                message.setText(ex.getMessage());
                return;
            }
            Cancellation cancellation = new Cancellation();
            running = cancellation;
            run.setDisable(true);
            cancel.setDisable(false);
            output.setText("Probing " + request.target().display() + " …\n");
            background.execute(() -> {
                String text;
                try {
                    ProbeEngine engine = engine();
                    ProbeReport report = engine.run(request, org.connectdoctor.probe.ProbeListener.NONE, cancellation);
                    text = TextReport.render(report) + ExplanationText.render(explainer.explain(report));
                } catch (RuntimeException | LinkageError ex) {
                    text = "The probe could not run: " + ex.getMessage();
                }
                String shown = text;
                Platform.runLater(() -> {
                    output.setText(shown);
                    run.setDisable(false);
                    cancel.setDisable(true);
                });
            });
        });
        cancel.setOnAction(e -> {
            Cancellation c = running;
            if (c != null) {
                c.cancel();
            }
        });

        HBox bar = new HBox(8, new Label("Target"), target, type, run, cancel);
        VBox root = new VBox(8, bar, message, output);
        root.setPadding(new Insets(12));
        stage.setTitle(AppInfo.NAME);
        stage.setScene(new Scene(new BorderPane(root), 900, 560));
        stage.show();
    }

    @Override
    public void stop() {
        Cancellation c = running;
        if (c != null) {
            c.cancel();
        }
        background.shutdownNow();
    }
}
