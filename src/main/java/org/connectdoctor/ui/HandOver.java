package org.connectdoctor.ui;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Handing a result to a colleague: "Copy for ticket" puts the Markdown report on the clipboard,
 * "Save…" writes it under a descriptive name; each says what it did in the line beside them
 * ("Copied: 14 lines, Markdown"). Files are written on a background thread.
 */
final class HandOver {

    private final ProbeViewModel vm;
    private final Executor background;
    private final Label message = new Label();
    private final HBox bar;
    private Window owner;

    HandOver(ProbeViewModel vm, Executor background) {
        this.vm = vm;
        this.background = background;
        Button copy = new Button("Copy for ticket");
        copy.setId("copy-for-ticket");
        copy.setTooltip(new Tooltip("The report as Markdown, ready to paste into a ticket (Ctrl+Shift+C)"));
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.disableProperty().bind(vm.hasReportProperty().not());
        copy.setOnAction(e -> copy(true));
        Button save = new Button("Save\u2026");
        save.setId("save-report");
        save.setTooltip(new Tooltip("Save the report as a Markdown or JSON file (Ctrl+S)"));
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.disableProperty().bind(vm.hasReportProperty().not());
        save.setOnAction(e -> save());
        message.setId("handover-message");
        message.getStyleClass().add(Styles.HINT);
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        bar = new HBox(8, copy, save, message);
        bar.setId("handover");
        bar.setAlignment(Pos.CENTER_LEFT);
        // A confirmation is about one report: another one on show makes it stale.
        vm.reportProperty().addListener((obs, o, n) -> message.setText(""));
        vm.savedProperty().addListener((obs, o, n) -> message.setText(""));
    }

    /** The buttons and their confirmation line, for the window to place beside the result. */
    HBox bar() {
        return bar;
    }

    void owner(Window w) {
        owner = w;
    }

    /** Copies the report on show, as Markdown (for a ticket) or plain text, and says how much. */
    void copy(boolean markdown) {
        String text = markdown ? vm.reportMarkdown() : vm.reportText();
        if (text == null) {
            return;
        }
        ClipboardContent c = new ClipboardContent();
        c.putString(text);
        Clipboard.getSystemClipboard().setContent(c);
        message.setText("Copied: " + lines(text) + " lines, " + (markdown ? "Markdown" : "plain text"));
    }

    /** Asks where to save, proposing a name from the target and the time, and saves there. */
    void save() {
        String name = vm.reportFileName("md");
        if (name == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save report");
        FileChooser.ExtensionFilter md = new FileChooser.ExtensionFilter("Markdown (*.md)", "*.md");
        FileChooser.ExtensionFilter json = new FileChooser.ExtensionFilter("JSON (*.json)", "*.json");
        chooser.getExtensionFilters().addAll(md, json);
        chooser.setInitialFileName(name);
        java.io.File f = chooser.showSaveDialog(owner);
        if (f != null) {
            boolean asJson = chooser.getSelectedExtensionFilter() == json || f.getName().endsWith(".json");
            saveTo(f.toPath(), asJson, ok -> { });
        }
    }

    /** The name Save proposes for the report on show. */
    String proposedName() {
        return vm.reportFileName("md");
    }

    /**
     * Writes the report on show to {@code file} in the background and says where, or why not;
     * {@code done} learns on the FX thread whether it was written.
     */
    void saveTo(Path file, boolean asJson, Consumer<Boolean> done) {
        String content = asJson ? vm.reportJson() : vm.reportMarkdown();
        if (content == null) {
            return;
        }
        String kind = asJson ? "JSON" : "Markdown";
        message.setText("Saving to " + file + " \u2026");
        background.execute(() -> {
            String said;
            boolean ok;
            try {
                // a folder, FIFO or device is refused; the file is replaced whole or not at all
                org.connectdoctor.files.SafeFiles.requireRegularOrMissing(file);
                org.connectdoctor.files.AtomicFiles.replace(file, content.getBytes(StandardCharsets.UTF_8));
                said = "Saved: " + lines(content) + " lines, " + kind + ", to " + file.toAbsolutePath();
                ok = true;
            } catch (Exception ex) {
                said = "Not saved: " + file + " could not be written: " + why(ex) + ".";
                ok = false;
            }
            String text = said;
            boolean written = ok;
            Platform.runLater(() -> {
                message.setText(text);
                done.accept(written);
            });
        });
    }

    private static String why(Exception ex) {
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "its folder does not exist";
        }
        if (ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    String message() {
        return message.getText();
    }

    private static long lines(String text) {
        return text.lines().count();
    }
}
