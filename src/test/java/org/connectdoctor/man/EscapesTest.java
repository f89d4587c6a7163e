package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The inline escapes of one line, and the special-character tables they look names up in. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EscapesTest {

    @Test
    void aFontChangeOnATextLineLastsIntoTheNextLine() {
        Escapes e = new Escapes();
        assertEquals(List.of(Span.roman("a "), Span.bold("b")), e.inline("a \\fBb", Style.ROMAN));
        assertEquals(List.of(Span.bold("c"), Span.roman(" d")), e.inline("c\\fP d", Style.ROMAN));
    }

    @Test
    void aFontChangeInsideAFontMacroEndsWithItsArgument() {
        Escapes e = new Escapes();
        assertEquals(List.of(Span.bold("x"), Span.italic("y"), Span.bold("z")), e.inline("x\\fIy\\fPz", Style.BOLD));
        assertEquals(List.of(Span.roman("w")), e.inline("w", Style.ROMAN));
    }

    @Test
    void escapesThatCarryNoTextAreDropped() {
        Escapes e = new Escapes();
        assertEquals("small x y z c", e.plain("\\s-1small\\s0 \\h'2m'x \\w'abc'y \\n(INz \\m[red]c"));
        assertEquals("zero width", e.plain("zero\\& width\\\" a comment"));
    }

    @Test
    void overstrikeKeepsItsCharacters() {
        assertEquals("a", new Escapes().plain("\\o'a'"));
    }

    @Test
    void aLineEndingInBackslashCIsReportedAsContinued() {
        Escapes e = new Escapes();
        e.inline("word\\c", Style.ROMAN);
        assertTrue(e.endsWithContinuation());
        e.inline("next", Style.ROMAN);
        assertFalse(e.endsWithContinuation());
    }

    @Test
    void theFontForTheNextLineIsUsedOnce() {
        Escapes e = new Escapes();
        e.nextLineFont(Style.ITALIC);
        assertEquals(Style.ITALIC, e.takeNextLineFont());
        assertEquals(Style.ROMAN, e.takeNextLineFont());
    }

    @Test
    void glyphsByNameByCodePointAndByNumber() {
        assertEquals("\u2014", Glyphs.glyph("em"));
        assertEquals("\u00e9", Glyphs.glyph("u00E9"));
        assertEquals("A\u0301", Glyphs.glyph("u0041_0301"));
        assertEquals(".", Glyphs.glyph("char46"));
        assertEquals("", Glyphs.glyph("nosuchglyph"));
        assertEquals("\u201c", Glyphs.string("lq"));
        assertEquals("", Glyphs.string("nosuchstring"));
    }
}
