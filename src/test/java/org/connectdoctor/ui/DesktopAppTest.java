package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, driven headless (Monocle) the way a user would: typing, clicking, shortcuts. */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DesktopAppTest extends ApplicationTest {

    @TempDir
    static Path settingsDir;

    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, settingsDir.resolve("settings.properties").toString());
        try {
            // a history of this test's own runs only, not of every window test before it
            System.setProperty(org.connectdoctor.history.HistoryStore.DATA_PROPERTY,
                    java.nio.file.Files.createTempDirectory(settingsDir, "data").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
        System.clearProperty(org.connectdoctor.history.HistoryStore.DATA_PROPERTY);
    }

    private void probe(String target) throws Exception {
        TextField field = lookup("#target").queryAs(TextField.class);
        interact(field::clear);
        clickOn(field).write(target);
        clickOn("#run");
        waitUntilIdle();
    }

    private void waitUntilIdle() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String textOf(Node root) {
        return DesktopAppTextOf.textOf(root);
    }

    @SuppressWarnings("unchecked")
    private TableView<AttemptRow> table() {
        return lookup("#attempts").queryAs(TableView.class);
    }

    /** The finished attempt on row {@code i} of the table. */
    private Attempt attempt(int i) {
        return ((AttemptRow.Done) table().getItems().get(i)).attempt();
    }

    @Test
    void closedPortShowsEconnrefusedAndTheManualsWords() throws Exception {
        probe("127.0.0.1:" + Loopback.closedTcpPort());
        Attempt row = attempt(0);
        assertEquals("ECONNREFUSED", row.error().symbol());
        assertTrue(lookup(".table-cell").match(n -> n instanceof javafx.scene.control.Labeled l
                && "ECONNREFUSED".equals(l.getText()) && l.getGraphic() != null
                && l.getGraphic().lookup(".icon-failed") instanceof javafx.scene.shape.SVGPath).tryQuery().isPresent(),
                "the result cell shows a drawn icon and the errno");
        String pane = textOf(lookup("#explanation").query());
        assertTrue(pane.contains("ECONNREFUSED (111)  Connection refused"), pane);
        assertTrue(pane.contains("From the manual: connect(2)"), pane);
        assertTrue(pane.contains("A connect() on a stream socket found no one listening on the remote address."), pane);
        assertTrue(pane.contains("Nothing on this computer listens on TCP port"), pane);
        assertTrue(pane.contains("1. Check that the service is running"), pane);
        String status = lookup("#status-text").queryLabeled().getText();
        assertTrue(status.startsWith("Failed to connect to 127.0.0.1 port"), status);
    }

    @Test
    void listeningPortShowsConnected() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            probe("127.0.0.1:" + server.getLocalPort());
            assertTrue(lookup(".table-cell .icon-connected").tryQuery().isPresent());
            assertTrue(lookup("connected").tryQuery().isPresent());
            assertTrue(textOf(lookup("#explanation").query()).contains("beyond the connection"));
        }
    }

    @Test
    void invalidInputDisablesRunAndSaysWhy() {
        clickOn("#target").write("localhost:0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#run").queryButton().isDisabled());
        assertEquals("Port 0 cannot be connected to. Enter a port from 1 to 65535.",
                lookup("#input-message").queryAs(Label.class).getText());
        TextField field = lookup("#target").queryAs(TextField.class);
        interact(field::clear);
        clickOn(field).write("127.0.0.1:22");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#run").queryButton().isDisabled());
        assertFalse(lookup("#input-message").queryAs(Label.class).isVisible());
    }

    @Test
    void enterRunsAndAPathChoosesUnix() throws Exception {
        Path missing = settingsDir.resolve("no.sock");
        clickOn("#target").write(missing.toString());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(lookup("#family-unix").queryAs(ToggleButton.class).isSelected());
        type(KeyCode.ENTER);
        waitUntilIdle();
        assertEquals("ENOENT", attempt(0).error().symbol());
        assertTrue(textOf(lookup("#explanation").query()).contains("holds no file named no.sock"));
    }

    @Test
    void cancelDuringASilentProbeReturnsControlAtOnce() throws Exception {
        try (NativeSocket listener = NativeSockets.system().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket()) {
            int port = listener.localAddress().port();
            filler.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            clickOn("#options");
            TextField timeout = lookup("#timeout").queryAs(TextField.class);
            interact(timeout::clear);
            clickOn(timeout).write("30s");
            clickOn("#target").write("127.0.0.1:" + port);
            clickOn("#run");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.viewModel().runningProperty().get()
                    && app.viewModel().statusProperty().get().startsWith("Connecting to"));
            Thread.sleep(200);
            long[] fired = new long[1];
            lookup("#cancel").queryButton().addEventHandler(javafx.event.ActionEvent.ACTION, e -> fired[0] = System.nanoTime());
            long start = System.nanoTime();
            clickOn("#cancel");
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get());
            long end = System.nanoTime();
            long millis = (end - start) / 1_000_000;
            System.out.println("window: Cancel fired " + (fired[0] - start) / 1_000_000 + " ms after the click began; "
                    + "control back " + (end - fired[0]) / 1_000_000 + " ms after it fired");
            System.out.println("window: control back " + millis + " ms after Cancel was clicked");
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(millis < 1000, "cancel took " + millis + " ms");
            assertTrue(lookup("cancelled").tryQuery().isPresent(), "the table says cancelled");
            assertTrue(lookup(".table-cell .icon-cancelled").tryQuery().isPresent());
            assertFalse(lookup("#run").queryButton().isDisabled());
        }
    }

    @Test
    void copyReportPutsTheErrnoAndTheManTextOnTheClipboard() throws Exception {
        probe("127.0.0.1:" + Loopback.closedTcpPort());
        clickOn("File").clickOn("Copy report");
        WaitForAsyncUtils.waitForFxEvents();
        String[] clip = new String[1];
        interact(() -> clip[0] = Clipboard.getSystemClipboard().getString());
        assertTrue(clip[0].contains("ECONNREFUSED (111) Connection refused"), clip[0]);
        assertTrue(clip[0].contains("found no one listening on the remote"), clip[0]);
        assertTrue(clip[0].contains("Kernel:"), clip[0]);
        assertTrue(clip[0].matches("(?s).*App: +Connect Doctor \\d.*"), clip[0]);
    }

    @Test
    void wrongUnixTypeOffersTheRetryAndTheRetryWorks() throws Exception {
        Path path = settingsDir.resolve("d.sock");
        Files.deleteIfExists(path);
        try (NativeSocket s = NativeSockets.system().open(org.connectdoctor.net.Family.UNIX, SocketType.DGRAM)) {
            s.bind(new SockAddr.Unix(path.toString(), false));
            probe(path.toString());
            assertEquals("EPROTOTYPE", attempt(0).error().symbol());
            clickOn("#action-retry-as-datagram");
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> app.viewModel().typeProperty().get() == SocketType.DGRAM
                    && !app.viewModel().runningProperty().get() && app.viewModel().history().size() == 2);
            assertTrue(lookup("#type-dgram").queryAs(ToggleButton.class).isSelected());
            assertEquals(2, app.viewModel().history().size());
        }
    }

    @Test
    void seeAlsoOpensThePageAndBackReturns() throws Exception {
        probe("127.0.0.1:" + Loopback.closedTcpPort());
        // The link may lie below the pane's fold; a user scrolls to it, the test fires it.
        javafx.scene.control.Hyperlink link = lookup("#explanation-see-also").lookup("socket(2)")
                .queryAs(javafx.scene.control.Hyperlink.class);
        interact(link::fire);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#man-page-view").tryQuery().isPresent());
        String page = textOf(lookup("#man-page-view").query());
        assertTrue(page.contains("socket(2)"), page);
        assertTrue(page.contains("EPROTONOSUPPORT"), page);
        clickOn("#explanation-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(lookup("#man-page-view").tryQuery().isPresent());
        assertTrue(textOf(lookup("#explanation").query()).contains("ECONNREFUSED"));
    }

    @Test
    void historyShowsAnEarlierRunAgain() throws Exception {
        probe("127.0.0.1:" + Loopback.closedTcpPort());
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            probe("127.0.0.1:" + server.getLocalPort());
        }
        assertEquals(2, app.viewModel().history().size());
        clickOn(lookup("#history").lookup(".list-cell").nth(1).queryAs(Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("ECONNREFUSED", attempt(0).error().symbol());
        assertTrue(textOf(lookup("#explanation").query()).contains("ECONNREFUSED"));
    }

    @Test
    void keyboardOnlyUseReachesRun() throws Exception {
        clickOn("#target");
        write("127.0.0.1:" + Loopback.closedTcpPort());
        push(KeyCode.SHORTCUT, KeyCode.R);
        waitUntilIdle();
        assertEquals("ECONNREFUSED", attempt(0).error().symbol());
        Button run = lookup("#run").queryButton();
        assertFalse(run.isDisabled());
    }
}
