package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #15 §2, the window's side: with a pathological connect(2) first on the man path (10,000
 * nested .RS), a probe still ends with its verdict, Run is enabled again, and the explanation
 * says the installed page could not be read and quotes the bundled copy instead.
 */
@Tag("gui")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HostileManPageWindowTest extends WindowTest {

    @Override
    protected void beforeStart() throws Exception {
        Path man2 = Files.createDirectories(appDir.resolve("man/man2"));
        Files.writeString(man2.resolve("connect.2"), ".TH CONNECT 2\n.SH ERRORS\n" + ".RS\n".repeat(10_000)
                + ".TP\n.B ECONNREFUSED\nDeep.\n");
        System.setProperty(ManPages.MANPATH_PROPERTY, appDir.resolve("man").toString());
    }

    @Override
    public void stop() {
        super.stop();
        System.clearProperty(ManPages.MANPATH_PROPERTY);
    }

    @Test
    void aPageThatCannotBeReadLeavesTheWindowReady() throws Exception {
        TextField field = lookup("#target").queryAs(TextField.class);
        clickOn(field).write("127.0.0.1:" + Loopback.closedTcpPort());
        clickOn("#run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.viewModel().runningProperty().get()
                && app.viewModel().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        String status = app.viewModel().statusProperty().get();
        assertTrue(status.startsWith("Failed to connect to 127.0.0.1 port"), status);
        assertFalse(status.contains("Cancelling"), status);
        assertFalse(lookup("#run").queryAs(Button.class).isDisabled(), "Run is enabled again");
        assertTrue(app.viewModel().canRunProperty().get());
        var explanation = app.viewModel().explanationProperty().get();
        assertTrue(explanation != null, "the explanation is built from the bundled page");
        String pane = DesktopAppTextOf.textOf(lookup("#explanation").query());
        assertTrue(pane.contains("cannot be read: it nests indents (.RS, .Bl) more than 64 levels deep"), pane);
        assertTrue(pane.contains("No one listening on the remote address."), "the bundled 1998 edition's words: " + pane);
    }
}
