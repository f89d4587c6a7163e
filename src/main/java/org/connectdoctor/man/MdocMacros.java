package org.connectdoctor.man;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The block-level mdoc(7) macros of BSD and macOS pages: the prologue (.Dd, .Dt, .Os), sections
 * (.Sh, .Ss), paragraphs, lists (.Bl/.It/.El), displays (.Bd/.Ed, .D1, .Dl), function blocks
 * (.Fo/.Fc), the canned sentences (.Rv, .Ex) and spacing (.Sm, .Xo/.Xc). A line of callable
 * macros (.Nm, .Fl, .Xr, …) is formatted by {@link MdocInline}; {@link PageBuilder} puts the
 * spans where they go.
 */
final class MdocMacros {

    private final PageBuilder page;
    private final Escapes escapes;
    private final MdocInline inline;

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
        this.inline = new MdocInline(page, escapes);
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
                inline.utilityName(args);
                page.emit(inline.line(macro, args));
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
                    default -> inline.line(null, args);
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
                List<Span> spans = inline.line(null, args);
                SectionTree.Node n = macro.equals("Dl") ? new SectionTree.LiteralNode(List.of(spans))
                        : new SectionTree.ParaNode(spans);
                tree.add(new SectionTree.IndentNode(new ArrayList<>(List.of(n))));
            }
            case "Rv" -> page.emit(List.of(Span.roman("The "), Span.bold(inline.functionName() + "()"),
                    Span.roman(" function returns the value 0 if successful; otherwise the value -1 is returned and "
                            + "the global variable "), Span.italic("errno"),
                    Span.roman(" is set to indicate the error.")));
            case "Ex" -> page.emit(List.of(Span.roman("The "), Span.bold(inline.utilityName()),
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
                    page.emit(inline.line(macro, args));
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
                if (MdocInline.callable(macro) || macro.equals("Fd") || macro.equals("Lb")) {
                    page.emit(inline.line(macro, args));
                }
                // other requests carry layout only
            }
        }
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : "";
    }
}
