package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testfx.util.WaitForAsyncUtils;

/** Issue #13 §3: the built-in help opens with F1 and tells what the window means, offline. */
@Tag("gui")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HelpWindowTest extends WindowTest {

    private boolean helpShowing() {
        return app.help().stage() != null && app.help().stage().isShowing();
    }

    @Test
    void f1OpensTheHelpAndEscapeClosesIt() throws Exception {
        clickOn("#target");
        push(KeyCode.F1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, this::helpShowing);
        WaitForAsyncUtils.waitForFxEvents();
        String help = DesktopAppTextOf.textOf(app.help().stage().getScene().getRoot());

        for (String type : List.of("Stream (TCP)", "Datagram (UDP)", "Seqpacket")) {
            assertTrue(help.contains(type), type + " is explained: " + help);
        }
        for (Phase p : Phase.values()) {
            assertTrue(help.contains(p.name().toLowerCase(Locale.ROOT) + "\n"), "phase " + p + " is explained");
        }
        for (Outcome o : Outcome.values()) {
            assertTrue(help.contains(o.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "\n"), "verdict " + o + " is explained");
        }
        // Every accelerator the window's menus have is listed with its key.
        MenuBar bar = lookup("#menu-bar").queryAs(MenuBar.class);
        int accelerators = 0;
        for (Menu m : bar.getMenus()) {
            for (MenuItem item : m.getItems()) {
                if (item.getAccelerator() != null) {
                    accelerators++;
                    String key = item.getAccelerator().getDisplayText();
                    assertTrue(help.contains(key + "\n"), key + " (" + item.getText() + ") is listed: " + help);
                    assertTrue(help.contains(item.getText().replace("_", "")), item.getText() + " is named");
                }
            }
        }
        assertTrue(accelerators >= 6, "the menus have their shortcuts: " + accelerators);
        assertTrue(help.contains("F1\n"), "F1 itself is listed");
        assertTrue(help.contains("Esc\n") && help.contains("Enter\n"), "the keys that are not menu items too");
        assertTrue(help.contains(appDir.resolve("settings.properties").toAbsolutePath().toString()),
                "names the settings file this window really uses: " + help);
        assertTrue(help.contains("Nothing is fetched from the network"), help);

        // F1 again brings the same window forward, not a second one.
        Stage first = app.help().stage();
        interact(app::showHelp);
        assertTrue(first == app.help().stage());

        interact(() -> app.help().stage().requestFocus());
        push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !helpShowing());
        assertFalse(helpShowing());
    }
}
