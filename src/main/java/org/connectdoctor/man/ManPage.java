package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A man page read into structure: its title line facts and its sections.
 *
 * @param name     the page name from .TH/.Dt (connect)
 * @param section  the section (2)
 * @param date     the date field
 * @param source   the source field ("Linux man-pages 6.03", or mdoc's .Os)
 * @param manual   the manual's title ("Linux Programmer's Manual"), may be empty
 * @param sections the sections in order
 */
public record ManPage(String name, String section, String date, String source, String manual,
                      List<ManSection> sections) {

    private static final Pattern ERRNO = Pattern.compile("\\bE[A-Z0-9_]{2,}\\b");
    /** Sections whose tagged entries are error codes: ERRORS, and RETURN VALUE for getaddrinfo(3). */
    private static final List<String> ERROR_SECTIONS = List.of("ERRORS", "RETURN VALUE", "DIAGNOSTICS");

    public ManPage {
        sections = List.copyOf(sections);
    }

    /** "connect(2)". */
    public ManRef ref() {
        return new ManRef(name.toLowerCase(Locale.ROOT), section.toLowerCase(Locale.ROOT));
    }

    /** The title line as man prints it: "connect(2) — Linux man-pages 6.03 — 2022-12-04". */
    public String titleLine() {
        StringBuilder sb = new StringBuilder(name).append('(').append(section).append(')');
        if (!source.isBlank()) {
            sb.append(" \u2014 ").append(source);
        }
        if (!date.isBlank()) {
            sb.append(" \u2014 ").append(date);
        }
        return sb.toString();
    }

    /** The section with this heading (case-insensitive), or null. */
    public ManSection section(String heading) {
        for (ManSection s : sections) {
            if (s.heading().equalsIgnoreCase(heading)) {
                return s;
            }
        }
        return null;
    }

    /** The one-line description from NAME ("initiate a connection on a socket"). */
    public String summary() {
        ManSection s = section("NAME");
        if (s == null) {
            return "";
        }
        String text = PlainText.flatten(s.blocks());
        int dash = text.indexOf(" - ");
        int emDash = text.indexOf(" \u2013 ");
        int at = dash >= 0 ? dash + 3 : emDash >= 0 ? emDash + 3 : 0;
        return text.substring(at).strip();
    }

    /**
     * Every tagged entry whose tag names an error code (E…, EAI_…), in page order: the ERRORS
     * section's, then those of RETURN VALUE (where getaddrinfo(3) lists its codes).
     */
    public List<ManEntry> errorEntries() {
        List<ManEntry> entries = new ArrayList<>();
        for (String heading : ERROR_SECTIONS) {
            ManSection errors = section(heading);
            if (errors != null) {
                collect(errors.blocks(), entries);
            }
        }
        return entries;
    }

    private static void collect(List<Block> blocks, List<ManEntry> into) {
        for (Block b : blocks) {
            if (b instanceof Block.Tagged t) {
                List<String> names = new ArrayList<>();
                Matcher m = ERRNO.matcher(PlainText.spansText(t.tag()));
                while (m.find()) {
                    names.add(m.group());
                }
                if (!names.isEmpty()) {
                    into.add(new ManEntry(names, t));
                }
                collect(t.body(), into);
            } else if (b instanceof Block.Indented in) {
                collect(in.blocks(), into);
            }
        }
    }

    /** The entries of the ERRORS section that name {@code errno}. */
    public List<ManEntry> entriesFor(String errno) {
        return errorEntries().stream().filter(e -> e.names().contains(errno)).toList();
    }

    /** The pages listed under SEE ALSO. */
    public List<ManRef> seeAlso() {
        ManSection s = section("SEE ALSO");
        return s == null ? List.of() : ManRef.findAll(PlainText.flatten(s.blocks()));
    }
}
