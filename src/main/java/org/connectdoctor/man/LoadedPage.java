package org.connectdoctor.man;

/** A page that was read, with where it came from. */
public record LoadedPage(ManPage page, PageSource source) {
}
