package org.connectdoctor.man;

import java.util.Map;

/**
 * The special characters of roff as data: named glyphs ({@code \(em}, {@code \[em]}), Unicode and
 * numbered characters ({@code \[u00E9]}, {@code \[char46]}) and the predefined strings
 * ({@code \*(lq}). A name it does not know stands for nothing, as an unknown glyph prints nothing.
 */
final class Glyphs {

    private static final Map<String, String> GLYPHS = Map.ofEntries(
            Map.entry("aq", "'"), Map.entry("dq", "\""), Map.entry("lq", "\u201c"), Map.entry("rq", "\u201d"),
            Map.entry("oq", "\u2018"), Map.entry("cq", "\u2019"), Map.entry("em", "\u2014"), Map.entry("en", "\u2013"),
            Map.entry("hy", "-"), Map.entry("bu", "\u2022"), Map.entry("co", "\u00a9"), Map.entry("rg", "\u00ae"),
            Map.entry("tm", "\u2122"), Map.entry("dg", "\u2020"), Map.entry("de", "\u00b0"), Map.entry("mu", "\u00d7"),
            Map.entry("di", "\u00f7"), Map.entry("+-", "\u00b1"), Map.entry("<=", "\u2264"), Map.entry(">=", "\u2265"),
            Map.entry("!=", "\u2260"), Map.entry("->", "\u2192"), Map.entry("<-", "\u2190"), Map.entry("ti", "~"),
            Map.entry("ha", "^"), Map.entry("rs", "\\"), Map.entry("sl", "/"), Map.entry("ga", "`"),
            Map.entry("aa", "\u00b4"), Map.entry("ul", "_"), Map.entry("pl", "+"), Map.entry("mi", "\u2212"),
            Map.entry("eq", "="), Map.entry("fm", "\u2032"), Map.entry("sq", "\u25a1"), Map.entry("ba", "|"),
            Map.entry("br", "\u2502"), Map.entry("lB", "["), Map.entry("rB", "]"), Map.entry("lC", "{"),
            Map.entry("rC", "}"), Map.entry("la", "\u27e8"), Map.entry("ra", "\u27e9"), Map.entry("Fo", "\u00ab"),
            Map.entry("Fc", "\u00bb"), Map.entry("ss", "\u00df"), Map.entry("'e", "\u00e9"), Map.entry(":u", "\u00fc"),
            Map.entry(":o", "\u00f6"), Map.entry(":a", "\u00e4"), Map.entry("`a", "\u00e0"), Map.entry("ct", "\u00a2"),
            Map.entry("Po", "\u00a3"), Map.entry("Eu", "\u20ac"), Map.entry("es", "\u2205"), Map.entry("if", "\u221e"));

    /** Predefined strings (\*(lq and friends), as groff's an-old and mdoc define them. */
    private static final Map<String, String> STRINGS = Map.ofEntries(
            Map.entry("lq", "\u201c"), Map.entry("rq", "\u201d"), Map.entry("R", "\u00ae"), Map.entry("Tm", "\u2122"),
            Map.entry("Aq", "'"), Map.entry("Lq", "\u201c"), Map.entry("Rq", "\u201d"), Map.entry("Pi", "\u03c0"),
            Map.entry("Ne", "\u2260"), Map.entry("Le", "\u2264"), Map.entry("Ge", "\u2265"), Map.entry("Lt", "<"),
            Map.entry("Gt", ">"), Map.entry("Ba", "|"), Map.entry("q", "\""));

    private Glyphs() {
    }

    /** The character a {@code \(xx} or {@code \[name]} escape stands for; empty when unknown. */
    static String glyph(String name) {
        if (name.startsWith("u") && name.length() >= 5 && name.substring(1).matches("[0-9A-Fa-f_]+")) {
            StringBuilder sb = new StringBuilder();
            for (String cp : name.substring(1).split("_")) {
                sb.appendCodePoint(Integer.parseInt(cp, 16));
            }
            return sb.toString();
        }
        if (name.startsWith("char") && name.length() > 4) {
            return String.valueOf((char) Integer.parseInt(name.substring(4)));
        }
        return GLYPHS.getOrDefault(name, "");
    }

    /** The text of a predefined string ({@code \*(lq}); empty when unknown. */
    static String string(String name) {
        return STRINGS.getOrDefault(name, "");
    }
}
