package org.connectdoctor.man;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The block-level mdoc(7) macros of BSD and macOS pages: the prologue (.Dd, .Dt, .Os), sections
 * (.Sh, .Ss), paragraphs, lists (.Bl/.It/.El), displays (.Bd/.Ed, .D1, .Dl), function blocks
 * (.Fo/.Fc), the canned sentences (.Rv, .Ex) and spacing (.Sm, .Xo/.Xc), and lines of callable
 * macros (.Nm, .Fl, .Xr, …); {@link PageBuilder} puts the spans where they go.
 */
final class MdocMacros {

    private final PageBuilder page;
    private final Escapes escapes;

    /** The kind (-tag, -bullet, -enum, …) of each open .Bl list, innermost first. */
    private final Deque<String> listKinds = new ArrayDeque<>();
    /** For each open .Bd display, whether it opened a literal block. */
    private final Deque<Boolean> literalDisplays = new ArrayDeque<>();
    /** The function a .Fo opened, until its .Fc; null outside one. */
    private String fnOpen;
    private List<String> fnArgs;
    /** Between .Xo and .Xc, text lines continue the macro line. */
    private boolean inXo;

    MdocMacros(PageBuilder page, Escapes escapes) {
        this.page = page;
        this.escapes = escapes;
    }

    /** True between .Xo and .Xc: a text line there is part of the entry being built. */
    boolean inXo() {
        return inXo;
    }

    /**
     * One macro line; {@code rest} is the line after the macro name, {@code args} its words.
     *
     * @throws UnreadablePageException when a .Bl nests deeper than {@link SectionTree#MAX_DEPTH}
     */
    void macro(String macro, String rest, List<String> args) throws UnreadablePageException {
        SectionTree tree = page.tree();
        switch (macro) {
            case "Dd" -> page.date(escapes.plain(rest).strip());
            case "Dt" -> {
                page.name(arg(args, 0).toLowerCase(Locale.ROOT));
                page.section(arg(args, 1));
                page.manual(args.size() > 2 ? args.get(2) : "");
            }
            case "Os" -> page.source(args.isEmpty() ? "BSD" : String.join(" ", args));
            case "Sh" -> {
                page.endSection();
                listKinds.clear();
                page.heading(String.join(" ", args).toUpperCase(Locale.ROOT));
            }
            case "Ss" -> {
                page.flush();
                tree.reset();
                tree.add(new SectionTree.SubNode(String.join(" ", args)));
            }
            case "Pp", "Lp" -> {
                page.flush();
                if (!tree.inList()) {
                    tree.closeTag();
                }
            }
            case "Nm" -> {
                utilityName(args);
                page.emit(line(macro, args));
            }
            case "Nd" -> page.emit(escapes.inline("\u2013 " + String.join(" ", args), Style.ROMAN));
            case "Bl" -> {
                page.flush();
                tree.indent(true);
                listKinds.push(args.isEmpty() ? "-tag" : args.get(0));
            }
            case "El" -> {
                page.flush();
                tree.outdent();
                if (!listKinds.isEmpty()) {
                    listKinds.pop();
                }
            }
            case "It" -> {
                page.flush();
                tree.closeTag();
                String kind = listKinds.isEmpty() ? "-tag" : listKinds.peek();
                List<Span> tag = switch (kind) {
                    case "-bullet" -> List.of(Span.roman("\u2022"));
                    case "-dash", "-hyphen" -> List.of(Span.roman("-"));
                    case "-enum" -> List.of(Span.roman((tree.itemsOnLevel() + 1) + "."));
                    default -> line(null, args);
                };
                tree.openTag(tag);
            }
            case "Bd" -> {
                page.flush();
                if (args.contains("-literal") || args.contains("-unfilled")) {
                    page.startLiteral();
                }
                literalDisplays.push(page.noFill());
            }
            case "Ed" -> {
                if (!literalDisplays.isEmpty() && literalDisplays.pop()) {
                    page.endLiteral();
                } else {
                    page.flush();
                }
            }
            case "D1", "Dl" -> {
                page.flush();
                List<Span> spans = line(null, args);
                SectionTree.Node n = macro.equals("Dl") ? new SectionTree.LiteralNode(List.of(spans))
                        : new SectionTree.ParaNode(spans);
                tree.add(new SectionTree.IndentNode(new ArrayList<>(List.of(n))));
            }
            case "Rv" -> page.emit(List.of(Span.roman("The "), Span.bold(functionName() + "()"),
                    Span.roman(" function returns the value 0 if successful; otherwise the value -1 is returned and "
                            + "the global variable "), Span.italic("errno"),
                    Span.roman(" is set to indicate the error.")));
            case "Ex" -> page.emit(List.of(Span.roman("The "), Span.bold(utilityName()),
                    Span.roman(" utility exits 0 on success, and >0 if an error occurs.")));
            case "Fo" -> {
                fnOpen = arg(args, 0);
                fnArgs = new ArrayList<>();
            }
            case "Fc" -> {
                if (fnOpen != null) {
                    List<Span> spans = new ArrayList<>();
                    spans.add(Span.bold(fnOpen));
                    spans.add(Span.roman("("));
                    for (int i = 0; i < fnArgs.size(); i++) {
                        spans.add(Span.roman(i == 0 ? "" : ", "));
                        spans.add(Span.italic(fnArgs.get(i)));
                    }
                    spans.add(Span.roman(")"));
                    page.emit(spans);
                    fnOpen = null;
                }
            }
            case "Fa" -> {
                if (fnOpen != null) {
                    fnArgs.add(String.join(" ", args));
                } else {
                    page.emit(line(macro, args));
                }
            }
            case "Sm" -> page.spacingOff(args.isEmpty() ? !page.spacingOff() : args.get(0).equals("off"));
            case "Xo" -> inXo = true;
            case "Xc" -> inXo = false;
            case "br" -> page.forcedLineBreak();
            case "sp" -> page.flush();
            case "nf" -> {
                page.flush();
                page.startLiteral();
            }
            case "fi" -> page.endLiteral();
            default -> {
                if (callable(macro) || macro.equals("Fd") || macro.equals("Lb")) {
                    page.emit(line(macro, args));
                }
                // other requests carry layout only
            }
        }
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : "";
    }

    private static final Set<String> MDOC_CALLABLE = Set.of("Ad", "An", "Ap", "Ar", "Bq", "Bo", "Bc", "Brq", "Bro",
            "Brc", "Bx", "Bsx", "Cd", "Cm", "Dq", "Do", "Dc", "Dv", "Dx", "Em", "Er", "Ev", "Fa", "Fl", "Fn", "Fr",
            "Ft", "Fx", "Ic", "In", "Li", "Lk", "Mt", "Nm", "No", "Ns", "Nx", "Ox", "Pa", "Pq", "Po", "Pc", "Ql",
            "Qq", "Qo", "Qc", "Sq", "So", "Sc", "Sx", "Sy", "Tn", "Ux", "Va", "Vt", "Xr", "Aq", "Ao", "Ac", "At",
            "Eo", "Ec", "St", "Ms", "Oo", "Oc", "Op", "Ta");

    private static final Set<String> CLOSING = Set.of(".", ",", ":", ";", ")", "]", "?", "!");
    private static final Set<String> OPENING = Set.of("(", "[");

    /** The name the first .Nm gave; a bare .Nm repeats it. */
    private String mdocName = "";
    private String lastFn = "";

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
