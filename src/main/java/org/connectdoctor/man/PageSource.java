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

    static PageSource bundled(ManPage page) {
        return bundled(page, "no page is installed on this system");
    }

    /** The bundled copy, read because the installed page could not be: {@code why} says so. */
    static PageSource bundledInstead(ManPage page, String why) {
        return bundled(page, why);
    }

    private static PageSource bundled(ManPage page, String because) {
        return new PageSource(true, null, "the copy bundled with Connect Doctor, as " + because
                + ": the Linux man-pages project's " + page.name() + "(" + page.section() + ") of " + page.date()
                + " (" + page.source() + "), \u00a9 1993 Rickard E. Faith, portions \u00a9 1983 The Regents of the "
                + "University of California");
    }
}
