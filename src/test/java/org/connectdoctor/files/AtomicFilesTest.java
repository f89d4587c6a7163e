package org.connectdoctor.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way files are replaced (the new content whole, no temporary file left behind, the old
 * kept on failure) and lock files taken turns on with another process.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileIsCreatedThenReplacedWholeAndNoTemporaryFileStays() throws Exception {
        Path f = dir.resolve("settings.properties");
        AtomicFiles.replace(f, "first\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("first\n", Files.readString(f));
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        AtomicFiles.replace(f, big);
        assertArrayEquals(big, Files.readAllBytes(f));
        AtomicFiles.replace(f, new byte[0]);
        assertEquals(0, Files.size(f));
        assertEquals(List.of("settings.properties"), names());
    }

    @Test
    void aReplacementThatCannotBeRenamedKeepsWhatWasThereAndLeavesNoTemporaryFile() throws Exception {
        // a folder that holds a file cannot be replaced by a file: the rename fails
        Path target = dir.resolve("history.jsonl");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "kept");
        assertThrows(IOException.class, () -> AtomicFiles.replace(target, "new".getBytes(StandardCharsets.UTF_8)));
        assertEquals("kept", Files.readString(target.resolve("inside")));
        assertEquals(List.of("history.jsonl"), names());
    }

    @Test
    void aMissingFolderIsAnIoErrorNamingIt() {
        Path f = dir.resolve("no-such-folder").resolve("settings.properties");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(f, new byte[] {1}));
        assertEquals(true, e.getMessage().contains("no-such-folder"), e.getMessage());
    }

    @Test
    void aLockAnotherProcessHoldsIsWaitedForThenTaken() throws Exception {
        Path lockFile = dir.resolve("history.jsonl.lock");
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lockFile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            String said = new java.io.BufferedReader(new java.io.InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("held", said);
            assertNull(AtomicFiles.lock(ch, 100), "held by the other process");
            other.getOutputStream().close();
            try (FileLock lock = AtomicFiles.lock(ch, 20_000)) {
                assertNotNull(lock, "taken once the other process let go");
                assertTrue(lock.isValid());
            }
        } finally {
            other.destroy();
            assertTrue(other.waitFor(10, TimeUnit.SECONDS));
        }
    }
}
