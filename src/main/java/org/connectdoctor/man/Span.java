package org.connectdoctor.man;

/** A run of text in one style. A newline inside {@code text} is a forced line break. */
public record Span(String text, Style style) {
    public static Span roman(String text) {
        return new Span(text, Style.ROMAN);
    }

    public static Span bold(String text) {
        return new Span(text, Style.BOLD);
    }

    public static Span italic(String text) {
        return new Span(text, Style.ITALIC);
    }
}
