package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {

    @TempDir
    Path dir;

    @Test
    void systemPagesComeFirstAndSayWhereFrom() {
        LoadedPage p = ManPages.system().find(new ManRef("connect", "2")).orElseThrow();
        assertFalse(p.source().bundled(), "manpages-dev is installed here; .ci/run installs it");
        assertTrue(p.source().file().toString().endsWith("man2/connect.2.gz"), p.source().toString());
    }

    @Test
    void withoutInstalledPagesTheBundledEditionIsUsedAndNamed() {
        ManPages none = new ManPages(List.of(dir), true);
        LoadedPage p = none.find(new ManRef("connect", "2")).orElseThrow();
        assertTrue(p.source().bundled());
        assertEquals("1998-10-03", p.page().date());
        assertEquals("Linux 2.2", p.page().source());
        assertTrue(p.source().description().contains("bundled with Connect Doctor"), p.source().description());
        assertTrue(p.source().description().contains("Rickard E. Faith"), "attribution is shown");
        assertTrue(none.find(new ManRef("signal", "7")).isEmpty(), "signal(7) is not bundled");
    }

    @Test
    void readsPlainAndGzippedPagesFromManpathDirectories() throws Exception {
        Path man2 = Files.createDirectories(dir.resolve("man2"));
        Files.writeString(man2.resolve("plain.2"), ".TH PLAIN 2\n.SH NAME\nplain \\- a page\n");
        try (var out = new GZIPOutputStream(Files.newOutputStream(man2.resolve("zipped.2.gz")))) {
            out.write(".TH ZIPPED 2\n.SH NAME\nzipped \\- a page\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(man2.resolve("alias.2"), ".so man2/plain.2\n");
        ManPages pages = new ManPages(ManPages.searchPath(dir.toString()), false);
        assertEquals("a page", pages.find(new ManRef("plain", "2")).orElseThrow().page().summary());
        assertEquals("ZIPPED", pages.find(new ManRef("zipped", "2")).orElseThrow().page().name());
        assertEquals("PLAIN", pages.find(new ManRef("alias", "2")).orElseThrow().page().name());
        assertTrue(pages.find(new ManRef("absent", "2")).isEmpty());
    }

    @Test
    void manpathEmptyElementMeansTheStandardDirectories() {
        assertEquals(ManPages.STANDARD_DIRS, ManPages.searchPath(null));
        List<Path> p = ManPages.searchPath("/opt/x/man:");
        assertEquals(Path.of("/opt/x/man"), p.get(0));
        assertTrue(p.containsAll(ManPages.STANDARD_DIRS));
        assertEquals(List.of(Path.of("/a")), ManPages.searchPath("/a:relative/ignored"));
    }

    @Test
    void pageNamesAreValidatedBeforeTheyBecomePaths() {
        assertThrows(IllegalArgumentException.class, () -> new ManRef("../../etc/passwd", "2"));
        assertThrows(IllegalArgumentException.class, () -> new ManRef("connect; rm -rf /", "2"));
        assertThrows(IllegalArgumentException.class, () -> new ManRef("connect", "2/../.."));
        assertEquals("\"connectU+0000U+001B[31m\" is not a man page name (letters, digits, '_', '.', '+', ':', '@' and '-').",
                assertThrows(IllegalArgumentException.class, () -> new ManRef("connect\u0000\u001b[31m", "2")).getMessage());
        assertEquals("\"" + "a".repeat(60) + "\u2026\" (100000 characters) is not a man page name (letters, digits, '_', "
                + "'.', '+', ':', '@' and '-').", assertThrows(IllegalArgumentException.class,
                        () -> new ManRef("a".repeat(100_000), "2")).getMessage());
        assertEquals(new ManRef("socket", "7"), ManRef.parse("socket(7)"));
        assertEquals(List.of(new ManRef("ip", "7"), new ManRef("tcp", "7")), ManRef.findAll("see ip(7) and tcp(7)."));
    }

    /** The bundled page carries the seed's words: every ERRORS entry of the seed, word for word. */
    @Test
    void bundledEditionSaysWhatTheSeedSays() throws Exception {
        Path seed = Path.of("../shared/seed/connect.2-phpman.txt");
        assumeTrue(Files.isReadable(seed), "the seed document lies outside the repository (../shared/seed); "
                + "it is present beside CI's clone, absent elsewhere");
        Map<String, String> seedEntries = seedErrors(Files.readAllLines(seed, StandardCharsets.UTF_8));
        ManPage bundled = ManPages.bundled(new ManRef("connect", "2")).orElseThrow().page();
        assertEquals(List.copyOf(seedEntries.keySet()), bundled.errorEntries().stream()
                .map(e -> String.join(", ", e.names())).toList());
        for (ManEntry e : bundled.errorEntries()) {
            assertEquals(words(seedEntries.get(String.join(", ", e.names()))), words(e.plainText()), e.names().toString());
        }
    }

    /** The ERRORS entries of the rendered seed text: tag at column 7, body at column 14. */
    private static Map<String, String> seedErrors(List<String> lines) {
        Map<String, String> entries = new LinkedHashMap<>();
        boolean inErrors = false;
        String tag = null;
        StringBuilder body = new StringBuilder();
        for (String line : lines) {
            if (line.equals("ERRORS")) {
                inErrors = true;
                continue;
            }
            if (inErrors && !line.isEmpty() && !line.startsWith(" ")) {
                break;
            }
            if (!inErrors) {
                continue;
            }
            if (line.matches(" {7}E[A-Z, ]+.*") && !line.startsWith("       The")) {
                if (tag != null) {
                    entries.put(tag, body.toString());
                }
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(E[A-Z]+(?:, E[A-Z]+)*)\\s*(.*)")
                        .matcher(line.substring(7));
                if (!m.matches()) {
                    throw new AssertionError("unexpected seed line: " + line);
                }
                tag = m.group(1);
                body.setLength(0);
                body.append(m.group(2));
            } else if (tag != null) {
                body.append(' ').append(line.strip());
            }
        }
        if (tag != null) {
            entries.put(tag, body.toString());
        }
        return entries;
    }

    /** Words, with the rendering's line-end hyphenation undone and typographic quotes folded. */
    private static List<String> words(String text) {
        String t = text.replace('\u2019', '\'').replaceAll("(\\w)- (\\w)", "$1$2").toLowerCase(Locale.ROOT);
        return List.of(t.strip().split("\\s+"));
    }
}
