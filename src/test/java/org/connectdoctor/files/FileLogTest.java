package org.connectdoctor.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The window's log: one line a message, bounded in size, and never written into anything but a regular file. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileLogTest {

    @TempDir
    Path dir;

    @Test
    void eachMessageIsOneLineAndAnErrorKeepsItsTrace() throws Exception {
        FileLog log = new FileLog(dir.resolve("data/window.log"), "test");
        log.log(System.Logger.Level.WARNING, "two\nlines");
        log.log(System.Logger.Level.DEBUG, "not kept");
        log.log(System.Logger.Level.ERROR, "failed", new IllegalStateException("boom"));
        List<String> lines = Files.readAllLines(log.file());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\S+ WARNING two lines"), lines.get(0));
        assertTrue(lines.get(1).endsWith(" ERROR failed (java.lang.IllegalStateException: boom)"), lines.get(1));
        assertTrue(lines.get(2).startsWith("    at org.connectdoctor.files.FileLogTest."), lines.get(2));
        assertTrue(lines.stream().noneMatch(l -> l.contains("not kept")));
    }

    @Test
    void pastAMegabyteTheLogStartsAgainAndKeepsTheOneBefore() throws Exception {
        FileLog log = new FileLog(dir.resolve("window.log"), "test");
        Files.write(log.file(), new byte[(int) FileLog.MAX_BYTES + 1]);
        log.log(System.Logger.Level.INFO, "after");
        assertEquals(FileLog.MAX_BYTES + 1, Files.size(dir.resolve("window.log.1")));
        assertEquals(1, Files.readAllLines(log.file()).size());
    }

    @Test
    void aFifoWhereTheLogShouldBeIsLeftAloneAndNothingBlocks() throws Exception {
        Path fifo = dir.resolve("window.log");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        new FileLog(fifo, "test").log(System.Logger.Level.WARNING, "not written");
        assertEquals(FileKind.FIFO, FileKind.ofLink(fifo));
    }
}
