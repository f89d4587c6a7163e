package org.connectdoctor.man;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages bundled for systems without man pages (Windows, macOS, a minimal Linux): each is
 * found where the system has none, says where it came from and whose it is, keeps its licence
 * header, and is named in the NOTICE beside it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BundledPagesTest {

    @TempDir
    Path empty;

    private static String resource(String name) throws IOException {
        try (InputStream in = ManPages.class.getResourceAsStream(name)) {
            assertTrue(in != null, name + " is not bundled");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyBundledPageIsFoundWhereNoneIsInstalledAndListsItsErrors() {
        ManPages none = new ManPages(List.of(empty), true);
        assertTrue(ManPages.bundledRefs().size() >= 13, ManPages.bundledRefs().toString());
        for (ManRef ref : ManPages.bundledRefs()) {
            LoadedPage p = none.find(ref).orElseThrow(() -> new AssertionError(ref + " was not found bundled"));
            assertTrue(p.source().bundled(), ref.toString());
            assertEquals(ref.name(), p.page().name().toLowerCase(java.util.Locale.ROOT), ref.toString());
            assertFalse(p.page().errorEntries().isEmpty(), ref + ": no ERRORS entries read");
            String d = p.source().description();
            assertTrue(d.startsWith("the copy bundled with Connect Doctor, as no page is installed on this system"), d);
            assertTrue(d.contains("Copyright") || d.contains("copyright"), ref + " names no copyright holder: " + d);
            assertTrue(d.contains("NOTICE"), d);
        }
    }

    @Test
    void theFallbackQuotesTheEntriesAWindowsOrMacosDeskNeeds() {
        ManPages none = new ManPages(List.of(empty), true);
        assertFalse(none.find(new ManRef("socket", "2")).orElseThrow().page().entriesFor("EAFNOSUPPORT").isEmpty());
        assertFalse(none.find(new ManRef("bind", "2")).orElseThrow().page().entriesFor("EADDRINUSE").isEmpty());
        assertFalse(none.find(new ManRef("getaddrinfo", "3")).orElseThrow().page().entriesFor("EAI_NONAME").isEmpty());
        assertFalse(none.find(new ManRef("udp", "7")).orElseThrow().page().entriesFor("ECONNREFUSED").isEmpty());
        assertFalse(none.find(new ManRef("recv", "2")).orElseThrow().page().entriesFor("ECONNREFUSED").isEmpty());
        String bind = none.find(new ManRef("bind", "2")).orElseThrow().source().description();
        assertTrue(bind.contains("Rickard E. Faith") && bind.contains("Michael Kerrisk"), bind);
        assertFalse(bind.contains("@"), "no e-mail addresses in the attribution: " + bind);
    }

    @Test
    void anInstalledPageStillComesFirst() throws IOException {
        Path man2 = Files.createDirectories(empty.resolve("man2"));
        Files.writeString(man2.resolve("bind.2"), ".TH BIND 2 2030-01-01 \"local\"\n.SH NAME\nbind \\- local copy\n"
                + ".SH ERRORS\n.TP\n.B EADDRINUSE\nThe local copy says so.\n");
        ManPages pages = new ManPages(List.of(empty), true);
        LoadedPage p = pages.find(new ManRef("bind", "2")).orElseThrow();
        assertFalse(p.source().bundled());
        assertEquals("2030-01-01", p.page().date());
        assertTrue(pages.find(new ManRef("socket", "2")).orElseThrow().source().bundled());
    }

    /** The bundled files are Debian's, byte for byte, licence header included, and the NOTICE names each. */
    @Test
    void bundledFilesKeepTheirLicenceHeaderAndAreInTheNotice() throws IOException {
        String notice = resource("NOTICE");
        assertTrue(notice.contains("Linux-man-pages-copyleft") && notice.contains("BSD-4-clause"), notice);
        assertTrue(notice.contains("Permission is granted to make and distribute verbatim copies"), notice);
        for (ManRef ref : ManPages.bundledRefs()) {
            String file = ref.name() + "." + ref.section();
            String text = resource(file);
            assertTrue(notice.contains("\n" + file + " "), file + " is not in the NOTICE");
            String header = text.substring(0, text.indexOf(".TH"));
            assertTrue(header.contains("Copyright") || header.contains("copyright"), file + ": copyright notice");
            assertTrue(header.contains("SPDX-License-Identifier") || header.contains("LICENSE_START")
                    || header.toLowerCase(java.util.Locale.ROOT).contains("permission is granted"), file + ": licence notice");
            if (ref.equals(new ManRef("connect", "2"))) {
                continue; // the Linux 2.2 edition, restored as its header says
            }
            Path installed = Path.of("/usr/share/man/man" + ref.section(), file + ".gz");
            if (Files.isRegularFile(installed)) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(installed))) {
                    String original = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if (original.contains("Linux man-pages 6.03")) {
                        assertEquals(original, text, file + " differs from Debian's man-pages 6.03 copy");
                    }
                }
            }
        }
    }

    @Test
    void creditKeepsCopyrightLinesWithoutAddresses() {
        String page = ".\\\" Copyright 1993 Rickard E. Faith (faith@cs.unc.edu)\n"
                + ".\\\" and Copyright 2005-2007, Michael Kerrisk <mtk.manpages@gmail.com>\n"
                + ".\\\" SPDX-License-Identifier: Linux-man-pages-copyleft\n.TH BIND 2\n.\\\" Copyright later\n";
        assertEquals("Copyright 1993 Rickard E. Faith; Copyright 2005-2007, Michael Kerrisk", ManPages.credit(page));
    }
}
