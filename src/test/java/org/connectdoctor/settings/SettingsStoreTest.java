package org.connectdoctor.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings survive a restart, and a damaged file never stops the application. */
class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedSettingsComeBack() {
        SettingsStore store = new SettingsStore(dir.resolve("cfg/settings.properties"));
        Settings s = Settings.DEFAULTS.withRecent("db:5432").withRecent("[::1]:22").withSize(1300, 820).withDark(true);
        assertNull(store.save(s));
        SettingsStore.Loaded loaded = store.load();
        assertNull(loaded.warning());
        assertEquals(List.of("[::1]:22", "db:5432"), loaded.settings().recentTargets());
        assertEquals(1300, loaded.settings().width());
        assertTrue(loaded.settings().dark());
    }

    @Test
    void missingFileGivesDefaultsQuietly() {
        SettingsStore.Loaded loaded = new SettingsStore(dir.resolve("none.properties")).load();
        assertEquals(Settings.DEFAULTS, loaded.settings());
        assertNull(loaded.warning());
    }

    private void assertDamaged(byte[] content, String why) throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.write(file, content);
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertEquals(Settings.DEFAULTS, loaded.settings());
        assertNotNull(loaded.warning());
        assertTrue(loaded.warning().contains(why), loaded.warning());
        assertFalse(Files.exists(file), "the damaged file is moved aside");
        try (var files = Files.list(dir)) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().startsWith("settings.properties.damaged-")).toList();
            assertEquals(1, backups.size());
            assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(backups.get(0))), "the backup keeps the bytes");
            Files.delete(backups.get(0));
        }
    }

    @Test
    void damagedFilesAreSetAsideWithAWarning() throws Exception {
        assertDamaged(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80}, "it is not text");
        assertDamaged("format=1\nwindow.width=wide\n".getBytes(), "wrong type");
        assertDamaged("format=1\nwindow.width=-5\n".getBytes(), "outside 400 to 10000");
        assertDamaged("recent.0=db:5432\n".getBytes(), "no \"format=1\" line");
        assertDamaged("format=1\nrecent.0=\\uZZZZ\n".getBytes(), "cannot be read");
        assertDamaged("format=1\nwindow.height=NaN\n".getBytes(), "outside");
    }

    @Test
    @org.junit.jupiter.api.Timeout(30)
    void aFifoOrALinkToADeviceIsSetAsideUnopenedAndTheLockFileToo() throws Exception {
        Path file = dir.resolve("settings.properties");
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
        SettingsStore.Loaded fifo = new SettingsStore(file).load();
        assertEquals(Settings.DEFAULTS, fifo.settings());
        assertTrue(fifo.warning().contains("it is a FIFO (named pipe), not a regular file")
                && fifo.warning().contains("settings.properties.damaged-"), fifo.warning());
        assertFalse(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS));

        Files.createSymbolicLink(file, Path.of("/dev/zero"));
        SettingsStore.Loaded zero = new SettingsStore(file).load();
        assertEquals(Settings.DEFAULTS, zero.settings());
        assertTrue(zero.warning().contains("it is a character device, not a regular file"), zero.warning());
        assertFalse(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(Path.of("/dev/zero")), "the link was moved, not what it points to");

        Path lock = dir.resolve("settings.properties.lock");
        assertEquals(0, new ProcessBuilder("mkfifo", lock.toString()).start().waitFor());
        SettingsStore.Saved saved = new SettingsStore(file).update(x -> x.withRecent("db:5432"));
        assertTrue(saved.warning().contains("settings.properties.lock was a FIFO (named pipe), not a regular file; "
                + "it was moved aside"), saved.warning());
        assertEquals(List.of("db:5432"), new SettingsStore(file).load().settings().recentTargets());
    }

    @Test
    void truncatedFileKeepsWhatIsWhole() throws Exception {
        Path file = dir.resolve("settings.properties");
        Files.writeString(file, "format=1\nrecent.0=db:5432\nrecent.1=web:4");
        SettingsStore.Loaded loaded = new SettingsStore(file).load();
        assertNull(loaded.warning());
        assertEquals(List.of("db:5432", "web:4"), loaded.settings().recentTargets());
    }

    @Test
    void readOnlyDirectoryIsReportedNotThrown() throws Exception {
        assumeTrue(!Loopback.isRoot(), "root may write into read-only directories, so there is nothing to refuse");
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        String warning = new SettingsStore(ro.resolve("settings.properties")).save(Settings.DEFAULTS);
        assertNotNull(warning);
        assertTrue(warning.startsWith("Settings and recent targets cannot be saved to "), warning);
    }

    @Test
    void unwritablePlaceIsReportedNotThrown() throws Exception {
        // A regular file where the directory should be fails for root too.
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        String warning = new SettingsStore(blocker.resolve("settings.properties")).save(Settings.DEFAULTS);
        assertNotNull(warning);
        assertTrue(warning.startsWith("Settings and recent targets cannot be saved to "), warning);
    }
}
