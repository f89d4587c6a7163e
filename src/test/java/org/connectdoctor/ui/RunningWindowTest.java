package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #13 §1 and the completion popup of §2, in the real window: the pending row from the first
 * moment with its phase, countdown and attempt number; a live clock; follow-ups that change the
 * form and say what they changed; and a popup that never fights the keyboard.
 */
@Tag("gui")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunningWindowTest extends ApplicationTest {

    @TempDir
    static Path dir;

    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, dir.resolve("settings.properties").toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    private ProbeViewModel vm() {
        return app.viewModel();
    }

    private void awaitDone() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm().runningProperty().get() && vm().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private TableView<AttemptRow> table() {
        return lookup("#attempts").queryAs(TableView.class);
    }

    @Test
    void aPendingRowShowsThePhaseTheCountdownAndTheAttemptFromTheStart() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            boolean[] pendingAtOnce = new boolean[1];
            interact(() -> {
                vm().targetProperty().set("127.0.0.1:" + silent.port());
                vm().timeoutProperty().set("20s");
                vm().countProperty().set("2");
                vm().run();
                // Before the background thread has done anything: the row is there.
                pendingAtOnce[0] = !vm().rows().isEmpty() && vm().rows().get(0) instanceof AttemptRow.Running;
            });
            assertTrue(pendingAtOnce[0], "a pending row the moment the probe starts");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().runningRowProperty().get() != null
                    && vm().runningRowProperty().get().address() != null);
            WaitForAsyncUtils.waitForFxEvents();
            String cell = lookup(".table-cell.pending").queryLabeled().getText();
            // in short lines, so that a narrow column wraps them without cutting a word; the
            // address is in its own column and the status line
            assertTrue(cell.matches("\\d+ s left of 20 s\nconnecting\nattempt 1 of 2"), cell);
            assertTrue(lookup(".table-cell .icon-pending").tryQuery().isPresent(), "a drawn icon, not a glyph");
            String status = lookup("#status-text").queryLabeled().getText();
            assertTrue(status.startsWith("Connecting to 127.0.0.1:" + silent.port() + " (attempt 1 of 2)"), status);
            String elapsed = lookup("#elapsed").queryLabeled().getText();
            Thread.sleep(1200);
            WaitForAsyncUtils.waitForFxEvents();
            assertNotEquals(elapsed, lookup("#elapsed").queryLabeled().getText(), "the clock moves while it waits");
            String later = lookup(".table-cell.pending").queryLabeled().getText();
            assertNotEquals(cell, later, "the countdown moves: " + later);
            // the countdown and the clock add up to the limit (within the rounding to whole seconds)
            // (the clock counts from Run, the limit from the attempt's start: that gap is allowed for)
            String[] both = new String[2];
            double[] before = new double[1];
            interact(() -> {
                vm().tick();
                long now = System.nanoTime();
                before[0] = vm().elapsedSeconds() - (now - vm().runningRowProperty().get().startedNanos()) / 1e9;
                both[0] = lookup("#elapsed").queryLabeled().getText();
                both[1] = lookup(".table-cell.pending").queryLabeled().getText();
            });
            double gone = Double.parseDouble(both[0].replace(" s", ""));
            double left = Double.parseDouble(both[1].substring(0, both[1].indexOf(" s left")));
            assertTrue(Math.abs(gone + left - 20) <= 0.6 + before[0], both[0] + " gone and " + both[1]
                    + " should add up to 20 s (the attempt began " + before[0] + " s after Run)");
            clickOn("#cancel");
            awaitDone();
            assertTrue(vm().rows().stream().noneMatch(r -> r instanceof AttemptRow.Running), "no pending row after the end");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> lookup(".table-cell.pending").match(
                    n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null && !l.getText().isEmpty())
                    .tryQuery().isEmpty());
        }
    }

    /**
     * A lookup that fails is a row of its own, never a table left at "No attempt yet.". The name
     * is localhost and the service one /etc/services does not have: getaddrinfo refuses it
     * (EAI_SERVICE) without asking any name server (checked with strace: no packet leaves).
     */
    @Test
    void aFailedLookupIsARowWithItsOwnVerdict() throws Exception {
        interact(() -> {
            vm().targetProperty().set("localhost:nosuchservice");
            vm().run();
        });
        awaitDone();
        assertEquals(1, vm().rows().size());
        assertTrue(vm().rows().get(0) instanceof AttemptRow.LookupFailed, vm().rows().toString());
        String result = lookup("#attempts").lookup(".table-cell.failure").queryLabeled().getText();
        assertEquals("not resolved:\nEAI_SERVICE", result); // two lines: the column is narrower than both
        assertEquals("localhost", ((AttemptRow.LookupFailed) vm().rows().get(0)).addressText());
        assertTrue(lookup("#attempts").lookup(".numeric").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && l.getText() != null
                        && l.getText().matches("\\d+\\.\\d{3}")), "the lookup's time is in the ms column");
        assertTrue(lookup("#explanation-headline").queryLabeled().getText().startsWith("EAI_SERVICE"),
                lookup("#explanation-headline").queryLabeled().getText());
        assertTrue(lookup("#status-text").queryLabeled().getText().startsWith("Could not resolve localhost"),
                lookup("#status-text").queryLabeled().getText());
    }

    @Test
    void aTimeoutAtAFullAcceptQueueOffersNoLongerLimit() throws Exception {
        // the finding says the service is not accepting: waiting longer cures nothing
        // (NetworkTimeoutWindowTest: a packet dropped on the way does get the longer limit)
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            interact(() -> {
                vm().targetProperty().set("127.0.0.1:" + silent.port());
                vm().timeoutProperty().set("300ms");
                vm().run();
            });
            awaitDone();
            assertTrue(vm().explanationProperty().get().findings().stream()
                    .anyMatch(f -> f.text().contains("queue of connections waiting to be accepted is full")));
            assertTrue(lookup("#action-longer-timeout").tryQuery().isEmpty(), "a longer timeout was offered");
            assertTrue(vm().followUps().stream().noneMatch(f -> f.kind() == FollowUp.Kind.LONGER_TIMEOUT));
        }
    }

    @Test
    void refusedOnIpv4WhileTheServiceListensOnIpv6OffersTheOtherFamily() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/net/if_inet6")) && Files.readString(Path.of("/proc/net/if_inet6")).contains(" lo"),
                "this computer has no IPv6 loopback");
        try (ServerSocket v6 = new ServerSocket(0, 50, InetAddress.getByName("::1"))) {
            int port = v6.getLocalPort();
            interact(() -> {
                vm().targetProperty().set("127.0.0.1:" + port);
                vm().run();
            });
            awaitDone();
            Button other = lookup("#action-try-target").queryButton();
            assertEquals("Try [::1]:" + port, other.getText());
            clickOn(other);
            awaitDone();
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm().history().size() == 2);
            assertEquals("[::1]:" + port, lookup("#target").queryAs(TextField.class).getText());
            assertEquals("\u201cTry [::1]:" + port + "\u201d changed Target 127.0.0.1:" + port + " \u2192 [::1]:" + port + ".",
                    lookup("#form-change").queryLabeled().getText());
            assertTrue(lookup("connected").tryQuery().isPresent(), "the retry connected");
        }
    }

    @Test
    void checkThePathSaysWhatIsThere() throws Exception {
        Path missing = dir.resolve("gone/app.sock");
        interact(() -> {
            vm().targetProperty().set(missing.toString());
            vm().run();
        });
        awaitDone();
        clickOn("#action-check-path");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#follow-up-result").queryLabeled().getText()
                .contains("does not exist"));
        assertEquals(missing + ": no such file, and its folder " + missing.getParent() + " does not exist either "
                + "(the nearest folder that does is " + dir + ").", lookup("#follow-up-result").queryLabeled().getText());
    }

    @Test
    void theCompletionPopupNeverFightsTheKeyboard() throws Exception {
        int closed = Loopback.closedTcpPort();
        interact(() -> vm().recentTargets().setAll("127.0.0.1:" + closed + "9", "db01:5432"));
        TextField field = lookup("#target").queryAs(TextField.class);
        javafx.stage.PopupWindow popup = app.window().completion().getAutoCompletionPopup();
        clickOn(field).write("127.0.0.1:" + closed);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, popup::isShowing);
        // Enter runs what was typed, not the suggestion, and the popup closes as the probe starts.
        type(KeyCode.ENTER);
        awaitDone();
        assertFalse(popup.isShowing());
        assertEquals("127.0.0.1:" + closed, vm().reportProperty().get().request().target().display());
        // An emptied field opens nothing.
        interact(field::clear);
        write("1");
        type(KeyCode.BACK_SPACE);
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(popup.isShowing(), "no popup on an empty field");
        // Escape with the popup open cancels a running probe.
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            interact(() -> vm().recentTargets().setAll("127.0.0.1:" + silent.port(), "127.0.0.1:" + silent.port() + "0"));
            interact(() -> vm().timeoutProperty().set("30s"));
            write("127.0.0.1:" + silent.port());
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, popup::isShowing);
            interact(vm()::run);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> vm().runningProperty().get());
            assertFalse(popup.isShowing(), "the popup closes when a probe starts");
            type(KeyCode.ESCAPE);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !vm().runningProperty().get());
            awaitDone();
            assertEquals(org.connectdoctor.probe.Outcome.CANCELLED, vm().reportProperty().get().outcome());
        }
    }
}
