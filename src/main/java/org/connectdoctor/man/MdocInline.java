package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One line of mdoc(7) callable macros set into spans: every word that names a callable macro
 * (.Nm, .Fl, .Ar, .Xr, .Fn, .Dq, …) starts a new macro, the words after it are its arguments,
 * and closing punctuation sticks to the word before it. It keeps the two names later macros
 * refer to: the utility's (the first .Nm) and the function's (the last .Fn).
 */
final class MdocInline {

    private static final Set<String> MDOC_CALLABLE = Set.of("Ad", "An", "Ap", "Ar", "Bq", "Bo", "Bc", "Brq", "Bro",
            "Brc", "Bx", "Bsx", "Cd", "Cm", "Dq", "Do", "Dc", "Dv", "Dx", "Em", "Er", "Ev", "Fa", "Fl", "Fn", "Fr",
            "Ft", "Fx", "Ic", "In", "Li", "Lk", "Mt", "Nm", "No", "Ns", "Nx", "Ox", "Pa", "Pq", "Po", "Pc", "Ql",
            "Qq", "Qo", "Qc", "Sq", "So", "Sc", "Sx", "Sy", "Tn", "Ux", "Va", "Vt", "Xr", "Aq", "Ao", "Ac", "At",
            "Eo", "Ec", "St", "Ms", "Oo", "Oc", "Op", "Ta");

    private static final Set<String> CLOSING = Set.of(".", ",", ":", ";", ")", "]", "?", "!");
    private static final Set<String> OPENING = Set.of("(", "[");

    private final PageBuilder page;
    private final Escapes escapes;
    /** The name the first .Nm gave; a bare .Nm repeats it. */
    private String mdocName = "";
    private String lastFn = "";

    MdocInline(PageBuilder page, Escapes escapes) {
        this.page = page;
        this.escapes = escapes;
    }

    /** Whether {@code macro} is callable: it may start a line and be called from within one. */
    static boolean callable(String macro) {
        return MDOC_CALLABLE.contains(macro);
    }

    /** .Nm with arguments: the first one names the utility, unless one did before. */
    void utilityName(List<String> args) {
        if (mdocName.isEmpty() && !args.isEmpty()) {
            mdocName = args.get(0);
        }
    }

    /** The utility's name (.Ex speaks of it); empty before the first .Nm with one. */
    String utilityName() {
        return mdocName;
    }

    /** The function .Rv speaks of: the last .Fn, else the page's name. */
    String functionName() {
        return lastFn.isEmpty() ? page.name() : lastFn;
    }

    /**
     * Formats an mdoc line: {@code first} is the line's macro (null when the words come from an
     * .It or .D1 line), and every word that names a callable macro starts a new macro.
     */
    List<Span> line(String first, List<String> words) {
        List<Span> out = new ArrayList<>();
        List<String> all = words;
        if (first != null && MDOC_CALLABLE.contains(first)) {
            all = new ArrayList<>(words.size() + 1);
            all.add(first);
            all.addAll(words);
            first = null;
        }
        mdocWords(first, all, 0, all.size(), out);
        return out;
    }

    private void mdocWords(String macro, List<String> words, int from, int to, List<Span> out) {
        String current = macro;
        boolean noSpace = false;
        boolean firstArg = true;
        for (int i = from; i < to; i++) {
            String w = words.get(i);
            if (MDOC_CALLABLE.contains(w)) {
                current = w;
                firstArg = true;
                switch (w) {
                    case "Ns" -> {
                        noSpace = true;
                        current = null;
                        continue;
                    }
                    case "Ap" -> {
                        out.add(Span.roman("'"));
                        noSpace = true;
                        current = null;
                        continue;
                    }
                    case "Dq", "Pq", "Bq", "Sq", "Qq", "Aq", "Brq", "Ql", "Op" -> {
                        int end = to;
                        while (end > i + 1 && CLOSING.contains(words.get(end - 1))) {
                            end--;
                        }
                        String[] delims = enclosure(w);
                        space(out, noSpace);
                        out.add(Span.roman(delims[0]));
                        List<Span> inner = new ArrayList<>();
                        mdocWords(w.equals("Ql") ? "Li" : null, words, i + 1, end, inner);
                        Spans.trimLeadingSpace(inner);
                        out.addAll(inner);
                        out.add(Span.roman(delims[1]));
                        for (int j = end; j < to; j++) {
                            out.add(Span.roman(words.get(j)));
                        }
                        return;
                    }
                    case "Bx", "Ox", "Nx", "Fx", "Dx", "Bsx", "At", "Ux" -> {
                        space(out, noSpace);
                        noSpace = false;
                        out.add(Span.roman(switch (w) {
                            case "Bx" -> "BSD";
                            case "Ox" -> "OpenBSD";
                            case "Nx" -> "NetBSD";
                            case "Fx" -> "FreeBSD";
                            case "Dx" -> "DragonFly";
                            case "Bsx" -> "BSD/OS";
                            case "At" -> "AT&T UNIX";
                            default -> "UNIX";
                        }));
                        continue;
                    }
                    case "Nm" -> {
                        if (i + 1 >= to || MDOC_CALLABLE.contains(words.get(i + 1)) || CLOSING.contains(words.get(i + 1))) {
                            space(out, noSpace);
                            noSpace = false;
                            out.add(Span.bold(mdocName.isEmpty() ? page.name() : mdocName));
                        }
                        continue;
                    }
                    default -> {
                        continue;
                    }
                }
            }
            if (CLOSING.contains(w)) {
                out.add(Span.roman(w));
                continue;
            }
            if (OPENING.contains(w)) {
                space(out, noSpace);
                out.add(Span.roman(w));
                noSpace = true;
                continue;
            }
            space(out, noSpace);
            noSpace = false;
            out.addAll(mdocWord(current, w, firstArg, words, i, to));
            if ("Xr".equals(current) && i + 1 < to && words.get(i + 1).matches("[1-9n][a-z0-9]*")) {
                i++; // the section was consumed with the name
            }
            if ("Fn".equals(current)) {
                // Fn name arg arg …: the remaining words up to the next macro are its arguments
                List<String> fnArgsHere = new ArrayList<>();
                while (i + 1 < to && !MDOC_CALLABLE.contains(words.get(i + 1)) && !CLOSING.contains(words.get(i + 1))) {
                    fnArgsHere.add(words.get(++i));
                }
                out.add(Span.roman("("));
                for (int k = 0; k < fnArgsHere.size(); k++) {
                    out.add(Span.roman(k == 0 ? "" : ", "));
                    out.add(Span.italic(fnArgsHere.get(k)));
                }
                out.add(Span.roman(")"));
                current = null;
            }
            firstArg = false;
        }
    }

    private List<Span> mdocWord(String macro, String word, boolean firstArg, List<String> words, int i, int to) {
        String w = escapes.plain(word);
        if (macro == null) {
            return List.of(Span.roman(w));
        }
        return switch (macro) {
            case "Nm", "Sy", "Cm", "Ic", "In", "Fd", "Er", "Dv", "Ev", "Li", "Ms", "Tn" -> {
                if (macro.equals("In")) {
                    yield List.of(Span.bold("#include <" + w + ">"));
                }
                yield List.of(new Span(w, macro.equals("Li") ? Style.CODE : Style.BOLD));
            }
            case "Fl" -> List.of(Span.bold("-" + w));
            case "Em", "Ar", "Va", "Pa", "Ft", "Fa", "Vt", "Ad", "Mt" -> List.of(Span.italic(w));
            case "Xr" -> {
                String sec = i + 1 < to && words.get(i + 1).matches("[1-9n][a-z0-9]*") ? words.get(i + 1) : "";
                yield sec.isEmpty() ? List.of(Span.bold(w)) : List.of(Span.bold(w), Span.roman("(" + sec + ")"));
            }
            case "Fn" -> {
                lastFn = w;
                yield List.of(Span.bold(w));
            }
            case "St" -> List.of(Span.roman(standard(w)));
            case "Lk", "Sx" -> List.of(Span.roman(w));
            default -> List.of(Span.roman(w));
        };
    }

    private static String standard(String s) {
        return switch (s) {
            case "-p1003.1" -> "IEEE Std 1003.1 (\u201cPOSIX.1\u201d)";
            case "-p1003.1-2001" -> "IEEE Std 1003.1-2001 (\u201cPOSIX.1\u201d)";
            case "-p1003.1-2008" -> "IEEE Std 1003.1-2008 (\u201cPOSIX.1\u201d)";
            case "-susv2" -> "Version 2 of the Single UNIX Specification (\u201cSUSv2\u201d)";
            case "-susv3" -> "Version 3 of the Single UNIX Specification (\u201cSUSv3\u201d)";
            case "-xpg4.2" -> "X/Open Portability Guide Issue 4, Version 2 (\u201cXPG4.2\u201d)";
            case "-isoC", "-isoC-99" -> "ISO/IEC 9899:1999 (\u201cISO C99\u201d)";
            default -> s;
        };
    }

    private static String[] enclosure(String macro) {
        return switch (macro) {
            case "Dq" -> new String[] {"\u201c", "\u201d"};
            case "Pq" -> new String[] {"(", ")"};
            case "Bq", "Op" -> new String[] {"[", "]"};
            case "Sq", "Ql" -> new String[] {"\u2018", "\u2019"};
            case "Aq" -> new String[] {"\u27e8", "\u27e9"};
            case "Brq" -> new String[] {"{", "}"};
            default -> new String[] {"\"", "\""};
        };
    }

    private void space(List<Span> out, boolean noSpace) {
        if (!out.isEmpty() && !noSpace && !page.spacingOff()) {
            String last = out.get(out.size() - 1).text();
            if (!last.endsWith(" ") && !last.endsWith("(") && !last.endsWith("[") && !last.endsWith("\u201c")
                    && !last.endsWith("\u2018") && !last.endsWith("\n")) {
                out.add(Span.roman(" "));
            }
        }
    }
}
