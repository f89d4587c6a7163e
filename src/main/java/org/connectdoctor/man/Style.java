package org.connectdoctor.man;

/** The typefaces man pages use: roman, bold, italic (underlined on a terminal), both, and constant width. */
public enum Style {
    ROMAN, BOLD, ITALIC, BOLD_ITALIC, CODE
}
