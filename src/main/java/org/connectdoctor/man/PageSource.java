package org.connectdoctor.man;

import java.nio.file.Path;

/**
 * Where a page's text came from, said in every explanation: the running system's page (with its
 * file and title line) or the copy bundled with Connect Doctor.
 *
 * @param bundled     true for the bundled copy
 * @param file        the file read, for an installed page; null for the bundled copy
 * @param description one line for the reader
 */
public record PageSource(boolean bundled, Path file, String description) {

    static PageSource installed(Path file, ManPage page) {
        return new PageSource(false, file, "the page installed on this system, " + file);
    }

    /** The bundled copy; {@code credit} is the copyright lines of its header. */
    static PageSource bundled(ManPage page, String credit) {
        return bundled(page, "no page is installed on this system", credit);
    }

    /** The bundled copy, read because the installed page could not be: {@code why} says so. */
    static PageSource bundledInstead(PageSource bundled, String why) {
        String d = bundled.description();
        String marker = "no page is installed on this system";
        int at = d.indexOf(marker);
        return new PageSource(true, null, at < 0 ? d : d.substring(0, at) + why + d.substring(at + marker.length()));
    }

    private static PageSource bundled(ManPage page, String because, String credit) {
        return new PageSource(true, null, "the copy bundled with Connect Doctor, as " + because
                + ": the Linux man-pages project's " + page.name() + "(" + page.section() + ") of " + page.date()
                + " (" + page.source() + ")" + (credit == null || credit.isBlank() ? "" : ", " + credit)
                + "; its licence is in the page's header and in the NOTICE bundled with it");
    }
}
