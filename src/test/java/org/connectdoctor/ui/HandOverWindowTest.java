package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/** Issue #13 §3: handing a result over, from the real window: Copy for ticket and Save with their confirmations. */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HandOverWindowTest extends WindowTest {

    @Override
    protected void afterStart() {
        stage.setWidth(900);
        stage.setHeight(560);
    }

    private int refusedProbe() throws Exception {
        int port = Loopback.closedTcpPort();
        var before = app.viewModel().reportProperty().get();
        TextField field = lookup("#target").queryAs(TextField.class);
        interact(field::clear);
        clickOn(field).write("127.0.0.1:" + port);
        clickOn("#run");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().reportProperty().get() != before
                && app.viewModel().explanationProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        return port;
    }

    private String message() {
        return lookup("#handover-message").queryAs(Label.class).getText();
    }

    @Test
    void copyForTicketIsVisibleBesideTheResultAndSaysWhatItCopied() throws Exception {
        Button copy = lookup("#copy-for-ticket").queryAs(Button.class);
        assertTrue(copy.isDisabled(), "nothing to copy before a probe");
        refusedProbe();
        assertTrue(copy.isVisible() && !copy.isDisabled());
        Bounds b = copy.localToScene(copy.getBoundsInLocal());
        assertTrue(b.getMinX() >= 0 && b.getMaxX() <= stage.getScene().getWidth() && b.getMaxY() <= stage.getScene().getHeight(),
                "on screen at 900x560: " + b);
        clickOn(copy);
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        String markdown = app.viewModel().reportMarkdown();
        assertEquals(markdown, clip[0]);
        assertTrue(clip[0].startsWith("# Connect Doctor report: 127.0.0.1:"), clip[0]);
        assertTrue(clip[0].contains("ECONNREFUSED"), clip[0]);
        long lines = markdown.lines().count();
        assertEquals("Copied: " + lines + " lines, Markdown", message());

        // Another result makes the confirmation stale: it goes.
        refusedProbe();
        assertEquals("", message());
    }

    @Test
    void saveProposesADescriptiveNameAndSaysWhereItWrote() throws Exception {
        int port = refusedProbe();
        String name = app.handOver().proposedName();
        LocalDateTime started = LocalDateTime.ofInstant(app.viewModel().reportProperty().get().started(), ZoneId.systemDefault());
        assertEquals("connect-doctor_127.0.0.1_" + port + "_"
                + DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmm").format(started) + ".md", name);

        Path file = appDir.resolve(name);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        interact(() -> app.handOver().saveTo(file, false, done::complete));
        assertTrue(done.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(app.viewModel().reportMarkdown(), written);
        assertEquals("Saved: " + written.lines().count() + " lines, Markdown, to " + file.toAbsolutePath(), message());

        Path json = appDir.resolve(name.replace(".md", ".json"));
        CompletableFuture<Boolean> asJson = new CompletableFuture<>();
        interact(() -> app.handOver().saveTo(json, true, asJson::complete));
        assertTrue(asJson.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.readString(json).startsWith("{"), "JSON when asked for JSON");
        assertTrue(message().startsWith("Saved: ") && message().contains(", JSON, to " + json.toAbsolutePath()), message());

        Path nowhere = appDir.resolve("no-such-folder").resolve(name);
        CompletableFuture<Boolean> failed = new CompletableFuture<>();
        interact(() -> app.handOver().saveTo(nowhere, false, failed::complete));
        assertEquals(false, failed.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Not saved: " + nowhere + " could not be written: its folder does not exist.", message());

        // a folder (or a FIFO, a device) is refused, and an existing report is replaced whole
        Path folder = Files.createDirectory(appDir.resolve("a-folder.md"));
        CompletableFuture<Boolean> onFolder = new CompletableFuture<>();
        interact(() -> app.handOver().saveTo(folder, false, onFolder::complete));
        assertEquals(false, onFolder.get(10, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(message().startsWith("Not saved: " + folder + " could not be written: "), message());
        assertTrue(Files.isDirectory(folder), "the folder is left as it was");
        Files.writeString(file, "an older, longer report\n".repeat(5000));
        CompletableFuture<Boolean> again = new CompletableFuture<>();
        interact(() -> app.handOver().saveTo(file, false, again::complete));
        assertTrue(again.get(10, TimeUnit.SECONDS));
        assertEquals(app.viewModel().reportMarkdown(), Files.readString(file, StandardCharsets.UTF_8));
        try (var left = Files.list(appDir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file left");
        }
    }
}
