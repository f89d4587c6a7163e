package org.connectdoctor.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one way files are replaced: the new content whole, no temporary file left behind, the old kept on failure. */
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
}
