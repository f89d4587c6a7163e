package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The roff reader against real pages and against each construct on its own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RoffReaderTest {

    private static final ManPages SYSTEM = ManPages.system();

    static ManPage installed(String name, String section) {
        return SYSTEM.findInstalled(new ManRef(name, section)).orElseThrow(() -> new AssertionError(
                name + "(" + section + ") is not installed; .ci/run installs manpages and manpages-dev")).page();
    }

    @Test
    void installedConnectPageReadsIntoSectionsAndErrorEntries() {
        ManPage page = installed("connect", "2");
        assertEquals("connect", page.name());
        assertEquals("2", page.section());
        assertTrue(page.source().startsWith("Linux man-pages"), page.source());
        assertEquals("initiate a connection on a socket", page.summary());
        List<String> headings = page.sections().stream().map(ManSection::heading).toList();
        assertTrue(headings.containsAll(List.of("NAME", "SYNOPSIS", "DESCRIPTION", "RETURN VALUE", "ERRORS", "SEE ALSO")),
                headings.toString());
        List<String> errnos = page.errorEntries().stream().flatMap(e -> e.names().stream()).distinct().toList();
        assertTrue(errnos.containsAll(List.of("EACCES", "EPERM", "EADDRINUSE", "ECONNREFUSED", "EINPROGRESS", "ETIMEDOUT")),
                errnos.toString());
        assertEquals(3, page.entriesFor("EACCES").size(), "connect(2) lists EACCES three times");
        assertTrue(page.seeAlso().contains(new ManRef("socket", "2")));
    }

    @Test
    void fontsSurviveAsStyles() {
        ManPage page = installed("connect", "2");
        ManEntry refused = page.entriesFor("ECONNREFUSED").get(0);
        assertEquals(List.of(Span.bold("ECONNREFUSED")), refused.block().tag());
        Block.Paragraph body = (Block.Paragraph) refused.block().body().get(0);
        // ".BR connect ()" sets the name bold and the parentheses roman.
        int at = body.spans().indexOf(Span.bold("connect"));
        assertTrue(at >= 0, body.spans().toString());
        assertTrue(body.spans().get(at + 1).text().startsWith("()"), body.spans().toString());
        ManEntry inProgress = page.entriesFor("EINPROGRESS").get(0);
        String text = PlainText.flatten(inProgress.block().body());
        assertTrue(text.contains("SO_ERROR option at level SOL_SOCKET"), text);
    }

    @Test
    void renderedLikeManOnATerminal() {
        String text = PlainText.render(installed("connect", "2"), 80);
        assertTrue(text.contains("\nERRORS\n"), text);
        assertTrue(text.contains("       EBADF  "), "a short tag shares its line with the body");
        assertTrue(text.contains("       ECONNREFUSED\n              A connect() on a stream socket"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 80 || !line.contains(" "), "too wide: " + line);
        }
    }

    @Test
    void getaddrinfoListsItsCodesUnderReturnValue() {
        ManPage page = installed("getaddrinfo", "3");
        List<String> codes = page.errorEntries().stream().flatMap(e -> e.names().stream()).toList();
        assertTrue(codes.containsAll(List.of("EAI_AGAIN", "EAI_NONAME", "EAI_SERVICE", "EAI_SYSTEM")), codes.toString());
    }

    @Test
    void escapesBecomeTheirCharacters() throws UnreadablePageException {
        ManPage page = RoffReader.read(String.join("\n",
                ".TH T 7 2024-01-01 \"test\"",
                ".SH NAME",
                "t \\- a test",
                ".SH DESCRIPTION",
                "minus \\-1, quote \\(aq, backslash \\e, \\(lqquoted\\(rq, \\[em] dash, \\*(lqstring\\*(rq,",
                "bullet \\(bu, unicode \\[u00E9], zero\\&width, comment\\\" not shown",
                ".PP",
                "\\fBbold\\fR roman \\fIitalic\\fP back \\f(CWcode\\fR.",
                ".PP",
                ".B",
                "next line bold",
                ".IR file .conf",
                ".SH \"SEE ALSO\"",
                ".BR ip (7),",
                ".BR socket (2)"));
        List<Block> body = page.section("DESCRIPTION").blocks();
        String first = PlainText.spansText(((Block.Paragraph) body.get(0)).spans());
        assertEquals("minus -1, quote ', backslash \\, \u201cquoted\u201d, \u2014 dash, \u201cstring\u201d, bullet \u2022, "
                + "unicode \u00e9, zerowidth, comment", first);
        List<Span> fonts = ((Block.Paragraph) body.get(1)).spans();
        assertEquals(List.of(Span.bold("bold"), Span.roman(" roman "), Span.italic("italic"), Span.roman(" back "),
                new Span("code", Style.CODE), Span.roman(".")), fonts);
        assertEquals(List.of(Span.bold("next line bold"), Span.roman(" "), Span.italic("file"), Span.roman(".conf")),
                ((Block.Paragraph) body.get(2)).spans());
        assertEquals(List.of(new ManRef("ip", "7"), new ManRef("socket", "2")), page.seeAlso());
    }

    @Test
    void indentsLiteralBlocksAndTaggedParagraphsNest() throws UnreadablePageException {
        ManPage page = RoffReader.read(String.join("\n",
                ".TH T 7 2024-01-01",
                ".SH ERRORS",
                ".TP",
                ".B EONE",
                "first line",
                ".RS",
                ".PP",
                "indented under the entry",
                ".RE",
                ".TP",
                ".BR ETWO \", \" ETHREE",
                "second",
                ".PP",
                ".in +4n",
                ".EX",
                "int   fd;",
                "    kept;",
                ".EE",
                ".SS Sub heading",
                "after"));
        List<Block> blocks = page.section("ERRORS").blocks();
        Block.Tagged one = (Block.Tagged) blocks.get(0);
        assertEquals("EONE", PlainText.spansText(one.tag()));
        assertTrue(one.body().get(1) instanceof Block.Indented, one.body().toString());
        assertEquals(List.of("ETWO", "ETHREE"), page.errorEntries().get(1).names());
        Block.Literal code = (Block.Literal) blocks.get(2);
        assertEquals("    kept;", PlainText.spansText(code.lines().get(1)));
        assertEquals(new Block.SubHeading("Sub heading"), blocks.get(3));
    }

    @Test
    void mdocPagesReadLikeManPages() throws IOException, UnreadablePageException {
        String source;
        try (InputStream in = getClass().getResourceAsStream("bsd-connect.2")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ManPage page = RoffReader.read(source);
        assertEquals("connect", page.name());
        assertEquals("2", page.section());
        assertEquals("June 3, 2021", page.date());
        assertEquals("initiate a connection on a socket", page.summary());
        assertEquals(2, page.entriesFor("EACCES").size());
        ManEntry refused = page.entriesFor("ECONNREFUSED").get(0);
        assertEquals("[ECONNREFUSED]", PlainText.spansText(refused.block().tag()));
        assertTrue(refused.block().tag().contains(Span.bold("ECONNREFUSED")), refused.block().tag().toString());
        assertEquals("The attempt to connect was forcefully rejected.", refused.plainText());
        assertEquals("Search permission is denied for a component of the path prefix (UNIX domain sockets).",
                page.entriesFor("EACCES").get(0).plainText());
        String synopsis = PlainText.flatten(page.section("SYNOPSIS").blocks());
        assertEquals("#include <sys/socket.h> int connect(int s, const struct sockaddr *name, socklen_t namelen)", synopsis);
        String description = PlainText.flatten(page.section("DESCRIPTION").blocks());
        assertEquals("The parameter s is a socket. If it is of type SOCK_DGRAM, this call names the peer; see socket(2).",
                description);
        assertTrue(PlainText.flatten(page.section("RETURN VALUES").blocks()).startsWith("The connect() function returns "
                + "the value 0 if successful"));
        assertEquals(List.of(new ManRef("accept", "2"), new ManRef("getsockname", "2"), new ManRef("socket", "2")),
                page.seeAlso());
        assertEquals("The connect() function call appeared in BSD 4.2.", PlainText.flatten(page.section("HISTORY").blocks()));
    }

    @Test
    void everySectionTwoAndSevenPageReadsWithoutError() throws IOException {
        int read = 0;
        List<String> empty = new ArrayList<>();
        for (String section : List.of("2", "7")) {
            Path dir = Path.of("/usr/share/man/man" + section);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString().replaceFirst("\\.gz$", "");
                    int dot = name.lastIndexOf('.');
                    ManRef ref = new ManRef(name.substring(0, dot), name.substring(dot + 1));
                    ManPage page = SYSTEM.findInstalled(ref)
                            .orElseThrow(() -> new AssertionError("unreadable: " + SYSTEM.unreadable(ref).orElse(f.toString())))
                            .page();
                    if (page.sections().isEmpty()) {
                        empty.add(name);
                    }
                    assertNotNull(PlainText.render(page, 80));
                    read++;
                }
            }
        }
        System.out.println("read " + read + " pages of sections 2 and 7");
        assertTrue(read > 100, "expected the manpages packages: read " + read);
        assertEquals(List.of(), empty);
    }

    @Test
    void aliasPagesFollowTheirSoRequest() {
        // accept4(2) is ".so man2/accept.2" in Linux man-pages.
        LoadedPage p = SYSTEM.findInstalled(new ManRef("accept4", "2")).orElseThrow();
        assertEquals("accept", p.page().name());
        assertFalse(p.page().errorEntries().isEmpty());
    }
}
