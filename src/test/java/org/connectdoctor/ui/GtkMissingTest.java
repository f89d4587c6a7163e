package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13 §6: the real window (JavaFX's GTK glass, not Monocle) started on an X display where
 * libgtk-3.so.0 cannot be loaded. The library is hidden in a private mount namespace of the child
 * only (a bind mount of /dev/null over it, gone with the child), so the rest of the machine never
 * sees it missing. The program names the package to install, prints no stack trace and exits 1;
 * with the library in place the same start shows the window.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GtkMissingTest {

    @TempDir
    static Path dir;

    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void startDisplay() throws Exception {
        assumeTrue(Loopback.isRoot(), "hiding libgtk-3.so.0 needs a private mount namespace (unshare -m), which needs root");
        Path server = Path.of("/usr/bin/Xvfb");
        assertTrue(Files.isExecutable(server), "this test needs an X server: apt-get install xvfb");
        for (int d = 150; d < 200 && xvfb == null; d++) {
            if (Files.exists(Path.of("/tmp/.X" + d + "-lock"))) {
                continue;
            }
            Process p = new ProcessBuilder(server.toString(), ":" + d, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
            for (int i = 0; i < 50 && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + d)); i++) {
                Thread.sleep(100);
            }
            if (p.isAlive()) {
                xvfb = p;
                display = ":" + d;
            }
        }
        assertTrue(xvfb != null, "no Xvfb display could start: " + Files.readString(dir.resolve("xvfb.log")));
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Where the dynamic linker finds libgtk-3.so.0 on this machine. */
    private static Path gtkLibrary() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        // "libgtk-3.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgtk-3.so.0": the first entry is the one loaded.
        for (String line : out.lines().map(String::strip).toList()) {
            if (line.startsWith("libgtk-3.so.0 ") && line.contains("=>")) {
                return Path.of(line.substring(line.indexOf("=>") + 2).strip());
            }
        }
        return null;
    }

    private static ChildJvm.Result window(List<String> prefix) throws Exception {
        List<String> options = List.of("-Dconnectdoctor.exitWhenShown=true",
                "-Dconnectdoctor.settings=" + dir.resolve("settings.properties"), "-Djava.awt.headless=true");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of("env", "DISPLAY=" + display));
        return ChildJvm.run(cmd, options, Main.class, List.of(), 90);
    }

    @Test
    void withoutGtkTheProgramNamesThePackageToInstall() throws Exception {
        Path gtk = gtkLibrary();
        // Without GTK on this machine there is nothing to hide: the child meets the real situation.
        List<String> hide = gtk == null ? List.of() : List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "mount --bind /dev/null \"$0\" && exec \"$@\"", gtk.toString());
        ChildJvm.Result r = window(hide);
        String out = r.output();
        assertEquals(DesktopApp.MISSING_PREREQUISITE, r.exitCode(), out);
        assertTrue(out.contains("the GTK 3 library (libgtk-3.so.0)"), out);
        assertTrue(out.contains("sudo apt install libgtk-3-0"), "names the Debian/Ubuntu package: " + out);
        assertTrue(out.contains("sudo dnf install gtk3"), "names the Fedora package: " + out);
        assertTrue(out.contains("connect-doctor probe HOST:PORT"), "offers the command line: " + out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), "no stack trace: " + out);
        assertFalse(out.contains("Without a display"), "the display is there; that is not the problem: " + out);
        assertFalse(out.contains("window shown"), out);
    }

    @Test
    void withGtkTheSameStartShowsTheWindow() throws Exception {
        assumeTrue(gtkLibrary() != null, "libgtk-3-0 is not installed here, so the window cannot open at all");
        ChildJvm.Result r = window(List.of());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("connect-doctor: window shown at epoch-ms"), r.output());
        assertFalse(r.output().contains("GTK 3"), r.output());
    }
}
