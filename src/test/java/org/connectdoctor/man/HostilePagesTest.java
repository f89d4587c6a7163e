package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pages written to hurt the reader (issue #15 §2): each one reads, or is reported unreadable with
 * its reason while the bundled connect(2) takes its place; none throws, none takes long.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostilePagesTest {

    private static final ManRef CONNECT = new ManRef("connect", "2");

    @TempDir
    Path dir;

    /** 10,000 nested .RS in 40 KB: once a StackOverflowError that took the CLI and the window down. */
    static String deeplyNested() {
        return ".TH CONNECT 2 2024-01-01\n.SH ERRORS\n" + ".RS\n".repeat(10_000) + ".TP\n.B EACCES\nDeep.\n";
    }

    private Path man2() throws IOException {
        return Files.createDirectories(dir.resolve("man2"));
    }

    @Test
    void tenThousandNestedIndentsAreUnreadableAndTheBundledPageTakesTheirPlace() throws IOException {
        String page = deeplyNested();
        assertTrue(page.length() < 41_000, "about 40 KB: " + page.length());
        Files.writeString(man2().resolve("connect.2"), page);
        ManPages pages = new ManPages(List.of(dir), true);

        LoadedPage p = pages.find(CONNECT).orElseThrow();
        assertTrue(p.source().bundled());
        String why = "the page installed as " + dir.resolve("man2/connect.2") + " cannot be read: it nests indents "
                + "(.RS, .Bl) more than 64 levels deep";
        assertEquals(why, pages.unreadable(CONNECT).orElseThrow());
        assertTrue(p.source().description().startsWith("the copy bundled with Connect Doctor, as " + why + ": the "
                + "Linux man-pages project's CONNECT(2)"), p.source().description());
        assertFalse(p.page().entriesFor("ECONNREFUSED").isEmpty(), "the bundled page explains");
    }

    @Test
    void deepMdocListsAreBoundedToo() {
        String page = ".Dd June 3, 2021\n.Dt CONNECT 2\n.Sh ERRORS\n" + ".Bl -tag -width Er\n".repeat(10_000)
                + ".It Bq Er EACCES\nDeep.\n";
        assertEquals("it nests indents (.RS, .Bl) more than 64 levels deep",
                assertThrows(UnreadablePageException.class, () -> RoffReader.read(page)).getMessage());
    }

    @Test
    void nestingWithinTheBoundReadsAndRenders() throws UnreadablePageException {
        ManPage page = RoffReader.read(".TH T 7\n.SH ERRORS\n" + ".RS\n.TP\n.B EDEEP\nLevel.\n".repeat(60)
                + ".RE\n".repeat(60) + ".TP\n.B ELAST\nAfter.\n");
        assertEquals(60, page.entriesFor("EDEEP").size());
        assertEquals("After.", page.entriesFor("ELAST").get(0).plainText());
        String text = PlainText.render(page, 400);
        assertTrue(text.contains("ELAST"), text);
    }

    @Test
    void soLoopsAndEndlessChainsAreUnreadable() throws IOException {
        Path man2 = man2();
        Files.writeString(man2.resolve("ping.2"), ".so man2/pong.2\n");
        Files.writeString(man2.resolve("pong.2"), ".\\\" a comment first\n.so man2/ping.2\n");
        Files.writeString(man2.resolve("self.2"), ".so man2/self.2\n");
        for (int i = 0; i < 9; i++) {
            Files.writeString(man2.resolve("chain" + i + ".2"), ".so man2/chain" + (i + 1) + ".2\n");
        }
        Files.writeString(man2.resolve("chain9.2"), ".TH CHAIN 2\n.SH NAME\nchain \\- the end\n");
        Files.writeString(man2.resolve("escape.2"), ".so ../../etc/passwd\n");
        Files.writeString(man2.resolve("dangling.2"), ".so man2/nowhere.2\n");
        ManPages pages = new ManPages(List.of(dir), true);

        assertUnreadable(pages, "ping", "its .so redirections loop (ping.2 \u2192 pong.2 \u2192 ping.2)");
        assertUnreadable(pages, "self", "its .so redirections loop (self.2 \u2192 self.2)");
        assertUnreadable(pages, "chain0", "its .so redirections go on for more than 5 pages");
        assertEquals("CHAIN", pages.find(new ManRef("chain5", "2")).orElseThrow().page().name(), "4 hops are fine");
        assertUnreadable(pages, "escape", "its .so redirection \"../../etc/passwd\" leaves the man directory");
        assertUnreadable(pages, "dangling", "its .so redirection names man2/nowhere.2, which is not installed");
    }

    @Test
    void aGzipBombIsUnreadable() throws IOException {
        Path bomb = man2().resolve("connect.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 100_000, "8 MiB of zeros compress to " + Files.size(bomb) + " bytes");
        ManPages pages = new ManPages(List.of(dir), true);
        assertTrue(pages.find(CONNECT).orElseThrow().source().bundled());
        assertEquals("the page installed as " + bomb + " cannot be read: it expands to more than 4194304 bytes; a "
                + "man page has at most 4194304", pages.unreadable(CONNECT).orElseThrow());
    }

    @Test
    void aDamagedGzipFileIsUnreadable() throws IOException {
        Path broken = man2().resolve("connect.2.gz");
        Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        ManPages pages = new ManPages(List.of(dir), true);
        assertTrue(pages.find(CONNECT).orElseThrow().source().bundled());
        assertTrue(pages.unreadable(CONNECT).orElseThrow().contains("cannot be read: it is not a readable gzip file ("),
                pages.unreadable(CONNECT).orElseThrow());
    }

    @Test
    void aMillionLinesReadInBoundedTime() throws UnreadablePageException {
        long start = System.nanoTime();
        ManPage text = RoffReader.read(".TH T 7\n.SH DESCRIPTION\n" + "w\n".repeat(1_000_000));
        assertEquals(1, text.sections().size());
        ManPage entries = RoffReader.read(".TH T 7\n.SH ERRORS\n" + ".TP\n.B EFOO\nx\n".repeat(280_000));
        assertEquals(280_000, entries.entriesFor("EFOO").size());
        ManPage continued = RoffReader.read(".TH T 7\n.SH DESCRIPTION\n" + "w\\\n".repeat(1_000_000) + "end\n");
        assertTrue(PlainText.flatten(continued.section("DESCRIPTION").blocks()).endsWith("wend"));
        ManPage indents = RoffReader.read(".TH T 7\n.SH DESCRIPTION\n" + ".RS\nx\n.RE\n".repeat(333_333));
        assertEquals(1, indents.sections().size());
        System.out.printf("four pages of a million lines read in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    void oversizedPagesAreUnreadable() throws IOException {
        assertEquals("it has 2000003 lines; a man page has at most 1048576", assertThrows(UnreadablePageException.class,
                () -> RoffReader.read(".TH T 7\n.SH X\n" + "\n".repeat(2_000_000))).getMessage());
        assertEquals("it is 4194305 characters long; a man page has at most 4194304",
                assertThrows(UnreadablePageException.class, () -> RoffReader.read("x".repeat(4_194_305))).getMessage());
        Path big = man2().resolve("connect.2");
        Files.write(big, new byte[5 << 20]);
        ManPages pages = new ManPages(List.of(dir), false);
        assertTrue(pages.find(CONNECT).isEmpty(), "no bundled fallback asked for");
        assertEquals("the page installed as " + big + " cannot be read: the file holds 5242880 bytes; a man page has "
                + "at most 4194304", pages.unreadable(CONNECT).orElseThrow());
    }

    @Test
    void bytesThatAreNotTextStillRead() throws IOException, UnreadablePageException {
        byte[] junk = new byte[40_000];
        new java.util.Random(15).nextBytes(junk);
        String asText = new String(junk, StandardCharsets.ISO_8859_1);
        RoffReader.read(asText);
        RoffReader.read(".TH T 7\n.SH X\n" + asText.replace('\n', '.'));
        RoffReader.read(".TH T 7\n.SH X\n" + "\\".repeat(100_000) + "\n\\f\\(\\[\\*\\s\\h\n.if \\{\n");
    }

    private static void assertUnreadable(ManPages pages, String name, String reason) {
        ManRef ref = new ManRef(name, "2");
        assertTrue(pages.find(ref).isEmpty(), name + " has no bundled copy");
        String why = pages.unreadable(ref).orElseThrow(() -> new AssertionError("no reason for " + name));
        assertTrue(why.endsWith(" cannot be read: " + reason), why);
    }
}
