package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The man(7) macros of the Linux man-pages project (and groff's an-ext): title (.TH), sections
 * (.SH, .SS), paragraphs and tagged entries (.PP, .TP, .TQ, .IP), indents (.RS/.RE), literal
 * blocks (.nf/.fi, .EX/.EE), font macros (.B, .BR, …) and synopses (.SY, .OP). Each says what
 * happens to the page; {@link PageBuilder} puts the spans where they go. Layout requests (.ad,
 * .in, .ta, …) carry no content and are skipped.
 */
final class ManMacros {

    private final PageBuilder page;
    private final Escapes escapes;

    ManMacros(PageBuilder page, Escapes escapes) {
        this.page = page;
        this.escapes = escapes;
    }

    /**
     * One macro line.
     *
     * @throws UnreadablePageException when an .RS nests deeper than {@link SectionTree#MAX_DEPTH}
     */
    void macro(String macro, List<String> args) throws UnreadablePageException {
        SectionTree tree = page.tree();
        switch (macro) {
            case "TH" -> {
                page.name(arg(args, 0));
                page.section(arg(args, 1));
                page.date(arg(args, 2));
                page.source(arg(args, 3));
                page.manual(arg(args, 4));
            }
            case "SH" -> {
                page.endSection();
                String heading = escapes.plain(String.join(" ", args)).strip().toUpperCase(Locale.ROOT);
                page.heading(heading);
                if (heading.isEmpty()) {
                    page.headingOnNextLine();
                }
            }
            case "SS" -> {
                page.flush();
                tree.reset();
                tree.add(new SectionTree.SubNode(escapes.plain(String.join(" ", args)).strip()));
            }
            case "PP", "LP", "P", "HP" -> {
                page.flush();
                tree.closeTag();
            }
            case "TP" -> {
                page.flush();
                tree.closeTag();
                page.expectTag();
            }
            case "TQ" -> {
                page.flush();
                page.expectTagContinuing();
            }
            case "IP" -> {
                page.flush();
                tree.closeTag();
                List<Span> tag = args.isEmpty() ? List.of() : escapes.inline(args.get(0), Style.ROMAN);
                tree.openTag(tag);
            }
            case "RS" -> {
                page.flush();
                tree.indent(false);
            }
            case "RE" -> {
                page.flush();
                tree.outdent();
            }
            case "nf", "EX" -> {
                page.flush();
                page.startLiteral();
            }
            case "fi", "EE" -> page.endLiteral();
            case "br" -> page.lineBreak();
            case "sp", "ne" -> page.blankLine();
            case "B", "I", "SB", "SM", "CW" -> {
                Style s = switch (macro) {
                    case "B", "SB" -> Style.BOLD;
                    case "I" -> Style.ITALIC;
                    case "CW" -> Style.CODE;
                    default -> Style.ROMAN;
                };
                if (args.isEmpty()) {
                    escapes.nextLineFont(s);
                } else {
                    page.emit(escapes.inline(String.join(" ", args), s));
                }
            }
            case "BR", "BI", "IB", "IR", "RB", "RI" ->
                    page.emit(alternate(args, style(macro.charAt(0)), style(macro.charAt(1))));
            case "UR", "MT" -> { /* link start: the text follows; the address is kept out of the prose */ }
            case "UE", "ME" -> {
                if (!args.isEmpty()) {
                    page.emitNoSpace(escapes.inline(args.get(0), Style.ROMAN));
                }
            }
            case "SY" -> {
                page.flush();
                page.emit(escapes.inline(String.join(" ", args), Style.BOLD));
            }
            case "OP" -> page.emit(escapes.inline("[" + String.join(" ", args) + "]", Style.ROMAN));
            case "YS" -> page.flush();
            case "ft" -> escapes.setFont(args.isEmpty() ? "P" : args.get(0));
            case "so" -> { /* resolved by the locator before reading */ }
            default -> { /* layout requests (ad, hy, in, ti, ds, nr, na, nh, ta, …) carry no content */ }
        }
    }

    private static Style style(char c) {
        return switch (c) {
            case 'B' -> Style.BOLD;
            case 'I' -> Style.ITALIC;
            default -> Style.ROMAN;
        };
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** .BR and friends: arguments alternate between two fonts and are set without spaces. */
    private List<Span> alternate(List<String> args, Style a, Style b) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            spans.addAll(escapes.inline(args.get(i), i % 2 == 0 ? a : b));
        }
        return spans;
    }
}
