package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** tbl(1) tables (.TS/.TE) read into {@link Block.Table}: the real socket(2), then each construct alone. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TblTest {

    static final Path SOCKET_2 = Path.of("/usr/share/man/man2/socket.2.gz");

    static List<Block.Table> tables(List<Block> blocks) {
        List<Block.Table> out = new ArrayList<>();
        for (Block b : blocks) {
            if (b instanceof Block.Table t) {
                out.add(t);
            } else if (b instanceof Block.Indented in) {
                out.addAll(tables(in.blocks()));
            } else if (b instanceof Block.Tagged t) {
                out.addAll(tables(t.body()));
            }
        }
        return out;
    }

    static List<Block.Table> tables(ManPage page) {
        List<Block.Table> out = new ArrayList<>();
        page.sections().forEach(s -> out.addAll(tables(s.blocks())));
        return out;
    }

    private static String cell(Block.Table t, int row, int column) {
        List<List<Span>> r = t.rows().get(row);
        return column < r.size() ? PlainText.spansText(r.get(column)) : "";
    }

    static String socketSource() throws IOException {
        assertTrue(Files.exists(SOCKET_2), SOCKET_2 + " is not installed; .ci/run installs manpages-dev");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SOCKET_2))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void socketPageListsItsAddressFamiliesAsATable() throws Exception {
        String source = socketSource();
        ManPage page = RoffReader.read(source);
        List<Block.Table> tables = tables(page.section("DESCRIPTION").blocks());
        assertEquals(1, tables.size(), "socket(2) has one table, the address families");
        Block.Table families = tables.get(0);
        assertEquals(3, families.columns());
        assertEquals(List.of("Name", "Purpose", "Man page"), List.of(cell(families, 0, 0), cell(families, 0, 1),
                cell(families, 0, 2)));
        // One row per family: a cell that starts a row with ".B AF_…" right after T{, counted in the source itself.
        List<String> table = source.substring(source.indexOf("\n.TS"), source.indexOf("\n.TE")).lines().toList();
        long named = 0;
        for (int i = 1; i < table.size(); i++) {
            if (table.get(i).startsWith(".B AF_") && table.get(i - 1).equals("T{")) {
                named++;
            }
        }
        assertTrue(named > 20, "socket(2) lists more than 20 families: " + named);
        assertEquals(named, families.rows().size() - 1, "one row per family below the header");
        int unix = rowOf(families, "AF_UNIX");
        assertEquals(List.of(Span.bold("AF_UNIX")), families.rows().get(unix).get(0));
        assertEquals("Local communication", cell(families, unix, 1));
        assertEquals("unix(7)", cell(families, unix, 2));
        assertEquals(Span.bold("unix"), families.rows().get(unix).get(2).get(0), "the page name bold, as .BR sets it");
        int inet = rowOf(families, "AF_INET");
        assertEquals("IPv4 Internet protocols", cell(families, inet, 1));
        assertEquals("ip(7)", cell(families, inet, 2));
        int local = rowOf(families, "AF_LOCAL");
        assertEquals("Synonym for AF_UNIX", cell(families, local, 1));
        assertEquals("", cell(families, local, 2), "an empty T{ T} cell stays empty");
        int ipx = rowOf(families, "AF_IPX");
        assertEquals("IPX - Novell protocols", cell(families, ipx, 1));
        // Nothing of tbl's own syntax reaches the text.
        String all = PlainText.render(page, 80);
        for (String syntax : List.of("T{", "T}", "tab(:)", "lw40", "l1 ")) {
            assertFalse(all.contains(syntax), syntax + " leaked into the page text");
        }
    }

    private static int rowOf(Block.Table t, String first) {
        for (int i = 0; i < t.rows().size(); i++) {
            if (cell(t, i, 0).equals(first)) {
                return i;
            }
        }
        throw new AssertionError("no row starts with " + first + ": " + t.rows());
    }

    private static Block.Table only(String roff) throws UnreadablePageException {
        List<Block.Table> t = tables(RoffReader.read(roff));
        assertEquals(1, t.size(), t.toString());
        return t.get(0);
    }

    @Test
    void theDefaultSeparatorIsATabAndRulesAreNotRows() throws Exception {
        Block.Table t = only(".TH T 1\n.SH DESCRIPTION\nBefore.\n.TS\nl l.\n_\nKey\tValue\n=\n\\fBone\\fR\t1\n.TE\nAfter.\n");
        assertEquals(2, t.rows().size(), t.rows().toString());
        assertEquals("Key", cell(t, 0, 0));
        assertEquals(List.of(Span.bold("one")), t.rows().get(1).get(0));
        assertEquals("1", cell(t, 1, 1));
        ManPage page = RoffReader.read(".TH T 1\n.SH DESCRIPTION\nBefore.\n.TS\nl l.\nKey\tValue\n.TE\nAfter.\n");
        List<Block> blocks = page.section("DESCRIPTION").blocks();
        assertEquals(3, blocks.size(), "paragraph, table, paragraph: " + blocks);
        assertTrue(blocks.get(1) instanceof Block.Table);
        assertEquals("After.", PlainText.flatten(List.of(blocks.get(2))));
    }

    @Test
    void aNewFormatSectionIsNotData() throws Exception {
        Block.Table t = only(".TH T 1\n.SH D\n.TS\ntab(;);\nlb lb\nl l.\nA;B\n.T&\nc s\nl l.\nC;D\n.TE\n");
        assertEquals(List.of("A", "B", "C", "D"), List.of(cell(t, 0, 0), cell(t, 0, 1), cell(t, 1, 0), cell(t, 1, 1)));
    }

    @Test
    void aTableLeftOpenEndsAtTheNextSection() throws Exception {
        ManPage page = RoffReader.read(".TH T 1\n.SH ONE\n.TS\nl l.\nA\tB\nT{\nopen block\n.SH TWO\nText.\n");
        Block.Table t = tables(page.section("ONE").blocks()).get(0);
        assertEquals("A", cell(t, 0, 0));
        assertEquals("open block", cell(t, 1, 0));
        assertEquals("Text.", PlainText.flatten(page.section("TWO").blocks()));
    }

    @Test
    void aRowOfThousandsOfCellsKeepsAtMostTheColumnLimit() throws Exception {
        String wide = String.join("\t", java.util.Collections.nCopies(5000, "x"));
        Block.Table t = only(".TH T 1\n.SH D\n.TS\nl.\n" + wide + "\n.TE\n");
        assertEquals(Tbl.MAX_COLUMNS, t.columns());
        assertEquals(5000 - Tbl.MAX_COLUMNS + 1, cell(t, 0, Tbl.MAX_COLUMNS - 1).split(" ").length,
                "the cells beyond the limit are joined into the last one, not dropped");
    }

    @Test
    void plainTextSetsTheColumnsSideBySide() throws Exception {
        String text = PlainText.render(RoffReader.read(socketSource()), 100);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\s+AF_INET\\s{2,}IPv4 Internet protocols\\s{2,}ip\\(7\\)")),
                text);
    }

    @Test
    void hostileTablesStayBounded() throws Exception {
        // 200,000 text blocks opened and never closed, a .TS inside a table, and a table that never ends.
        String roff = ".TH T 1\n.SH D\n.TS\nl l.\n" + "a\tT{\n.TS\n".repeat(100_000) + "T}\n";
        ManPage page = RoffReader.read(roff);
        Block.Table t = tables(page).get(0);
        assertTrue(t.rows().size() <= 1, "one row that never ended, not a table per line: " + t.rows().size());
        assertEquals(1, tables(page).size(), "a .TS inside a table opens no second table");
        // Within the page limits a long table is read row by row.
        String rows = "x\ty\n".repeat(RoffReader.MAX_LINES / 2 - 10);
        assertEquals(RoffReader.MAX_LINES / 2 - 10, only(".TH T 1\n.SH D\n.TS\nl l.\n" + rows + ".TE\n").rows().size());
    }
}
