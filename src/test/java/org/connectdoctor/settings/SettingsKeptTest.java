package org.connectdoctor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue #15 §7: settings are never lost without a word, and two windows keep each other's targets. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SettingsKeptTest {

    @TempDir
    Path dir;

    @Test
    void eachUpdateReadsWhatIsOnDiskFirst() {
        Path file = dir.resolve("settings.properties");
        SettingsStore first = new SettingsStore(file);
        SettingsStore second = new SettingsStore(file);
        assertNull(first.update(s -> s.withRecent("a:1")).warning());
        assertNull(second.update(s -> s.withRecent("b:2").withDark(true)).warning());
        SettingsStore.Saved last = first.update(s -> s.withSize(1300, 800));
        assertNull(last.warning());
        assertEquals(List.of("b:2", "a:1"), last.settings().recentTargets());
        Settings loaded = new SettingsStore(file).load().settings();
        assertEquals(List.of("b:2", "a:1"), loaded.recentTargets());
        assertTrue(loaded.dark(), "the second window's theme is kept");
        assertEquals(1300, loaded.width());
    }

    /** Two processes, each writing ten targets one at a time: all twenty survive. */
    @Test
    void twoWindowsInTwoProcessesLoseNothing() throws Exception {
        Path file = dir.resolve("settings.properties");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SettingsWriter.class.getName(), file.toString(), "other", "10")
                .redirectErrorStream(true).start();
        SettingsStore mine = new SettingsStore(file);
        for (int i = 0; i < 10; i++) {
            String t = "mine" + i + ":1";
            assertNull(mine.update(s -> s.withRecent(t)).warning());
            Thread.sleep(30);
        }
        assertTrue(other.waitFor(40, TimeUnit.SECONDS), "the other writer ends");
        String out = new String(other.getInputStream().readAllBytes());
        assertEquals(0, other.exitValue(), out);
        Set<String> kept = new HashSet<>(new SettingsStore(file).load().settings().recentTargets());
        for (int i = 0; i < 10; i++) {
            assertTrue(kept.contains("mine" + i + ":1"), kept.toString());
            assertTrue(kept.contains("other" + i + ":1"), kept.toString());
        }
        try (var files = Files.list(dir)) {
            assertEquals(Set.of("settings.properties", "settings.properties.lock"),
                    new HashSet<>(files.map(p -> p.getFileName().toString()).toList()), "no temporary file is left");
        }
    }

    /** XDG_CONFIG_HOME pointing at a file: the folder can never exist, said at load and at every save. */
    @Test
    void aFileWhereTheFolderShouldBeIsSaidAtOnce() throws IOException {
        Path xdg = Files.writeString(dir.resolve("xdg-is-a-file"), "x");
        SettingsStore store = new SettingsStore(xdg.resolve("connect-doctor/settings.properties"));
        SettingsStore.Loaded loaded = store.load();
        assertEquals(Settings.DEFAULTS, loaded.settings());
        assertEquals("Settings and recent targets cannot be saved to " + store.file() + " (" + xdg + " is a file, "
                + "not a folder); they last until this window closes.", loaded.warning());
        SettingsStore.Saved saved = store.update(s -> s.withRecent("db:5432"));
        assertEquals(loaded.warning(), saved.warning());
        assertEquals(List.of("db:5432"), saved.settings().recentTargets(), "the window keeps working");
        assertFalse(Files.isDirectory(xdg));
    }

    /**
     * A read-only settings folder. chmod 555 does not stop root, so the folder is made immutable
     * with chattr +i (ext4, as /tmp is here), which stops root too; removed again afterwards.
     */
    @Test
    void aReadOnlyFolderIsSaidNotSilent() throws Exception {
        assumeTrue(Loopback.isRoot(), "chattr +i needs root; without root, chmod 555 is the read-only case and "
                + "SettingsStoreTest covers it");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Path file = ro.resolve("settings.properties");
        assertNull(new SettingsStore(file).update(s -> s.withRecent("kept:1")).warning());
        assumeTrue(run("chattr", "+i", ro.toString()) == 0, "this file system has no immutable attribute");
        try {
            SettingsStore.Saved saved = new SettingsStore(file).update(s -> s.withRecent("new:2"));
            assertTrue(saved.warning() != null && saved.warning().startsWith("Settings and recent targets cannot be "
                    + "saved to " + file + " ("), String.valueOf(saved.warning()));
            assertTrue(saved.warning().contains("Operation not permitted") || saved.warning().contains("permission"),
                    saved.warning());
            assertEquals(List.of("new:2", "kept:1"), saved.settings().recentTargets(), "the window keeps working");
            assertEquals(List.of("kept:1"), new SettingsStore(file).load().settings().recentTargets(),
                    "what was on disk is untouched");
        } finally {
            run("chattr", "-i", ro.toString());
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return p.exitValue();
    }
}
