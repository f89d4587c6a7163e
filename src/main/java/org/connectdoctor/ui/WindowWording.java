package org.connectdoctor.ui;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The explanation is written once for every front end and names command-line options; the window
 * names its own controls instead. Applied to each step and finding at the window's edge: "try
 * again with a longer limit, for example --timeout 30s" reads "… for example raise Timeout in
 * Options to 30 s". An option the table does not know is named by what it does, never left as a flag.
 */
final class WindowWording {

    private record Rule(Pattern pattern, String replacement) { }

    private static final String TYPE = "the type buttons";
    private static final String FAMILY = "the family buttons";

    private static final List<Rule> RULES = List.of(
            rule("--timeout[ =](\\d+(?:\\.\\d+)?)\\s*(ms|s|m)\\b", null),
            rule("--timeout\\b", "a longer Timeout in Options"),
            rule("\\(SO_BROADCAST, --broadcast\\)", "(SO_BROADCAST: turn on Allow broadcast in Options)"),
            rule("\\(--broadcast\\)", "(turn on Allow broadcast in Options)"),
            rule("--broadcast\\b", "Allow broadcast in Options"),
            rule("--payload or --payload-hex", "Payload in Options, with Hex for bytes"),
            rule("--payload-hex\\b", "Payload with Hex in Options"),
            rule("--payload\\b", "Payload in Options"),
            rule("--source ADDR without :PORT", "Source in Options with the address only, without :PORT"),
            rule("leave --source out", "leave Source in Options empty"),
            rule("given with --source", "given in Source in Options"),
            rule("--source(?: ADDR)?\\b", "Source in Options"),
            rule("--tls-name\\b(?: NAME)?", "TLS name in Options"),
            rule("--tls\\b", "Check TLS in Options"),
            rule("--count\\b", "Count in Options"),
            rule("--interval\\b", "Interval in Options"),
            rule("--all-addresses\\b|--all\\b", "Try every address in Options"),
            rule("\\(--type (stream|dgram|datagram|seqpacket)\\)", null),
            rule("--type (stream|dgram|datagram|seqpacket)\\b", null),
            rule("-4 for IPv4", "IPv4 in " + FAMILY + " for IPv4"),
            rule("\\(-4 or -6\\)", "(IPv4 or IPv6 in " + FAMILY + ")"),
            rule("-4 or -6", "IPv4 or IPv6 in " + FAMILY),
            rule("\\(-4\\)", "(IPv4 in " + FAMILY + ")"),
            rule("\\(-6\\)", "(IPv6 in " + FAMILY + ")"),
            rule("(?<![\\w-])-4(?![\\w-])", "IPv4 in " + FAMILY),
            rule("(?<![\\w-])-6(?![\\w-])", "IPv6 in " + FAMILY));

    private static final Pattern ANY_FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    private WindowWording() {
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex), replacement);
    }

    /** An explanation's headline as the window shows it: words a person says, the code beside them, and its tone. */
    record Headline(String words, String code, String style) {
    }

    /**
     * "Timed out after 5 s" with TIMED_OUT beside it, "No reply within 5 s", "Cancelled" (neutral,
     * not red): a verdict is said in words; an errno keeps its native name, number and the system's
     * text ("WSAECONNREFUSED (10061)  No connection could be made …" on Windows).
     *
     * @param limit the run's time limit, or null when there is no run (the explanation of a code)
     */
    static Headline headline(org.connectdoctor.explain.Explanation e, java.time.Duration limit) {
        // the window writes a unit apart from its number, as people do: 5 s, 1.5 s, 300 ms
        String within = limit == null ? "" : " " + org.connectdoctor.probe.Durations.format(limit)
                .replaceAll("(\\d)(ms|s|m|min|h)$", "$1 $2");
        String words = switch (e.key()) {
            case "CONNECTED" -> "Connected";
            case "ANSWERED" -> "Answered: a reply came back";
            case "NO_REPLY" -> limit == null ? "No reply" : "No reply within" + within;
            case "TIMED_OUT" -> limit == null ? "Timed out" : "Timed out after" + within;
            case "LOOKUP_TIMED_OUT" -> "The name lookup did not finish" + (limit == null ? "" : " within" + within);
            case "CANCELLED" -> "Cancelled";
            default -> null;
        };
        String style = e.key().equals("CANCELLED") ? Styles.NEUTRAL : e.isSuccess() ? Styles.SUCCESS : Styles.FAILURE;
        if (words != null) {
            return new Headline(words, e.key(), style);
        }
        return new Headline(e.nativeSymbol() + (e.number() == null ? "" : " (" + e.number() + ")")
                + (e.systemText() == null ? "" : "  " + e.systemText()), null, style);
    }

    /** {@code text} with every command-line option replaced by the window control that does the same. */
    static String forWindow(String text) {
        if (text == null || !text.contains("-")) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            do {
                m.appendReplacement(sb, Matcher.quoteReplacement(replace(r, m)));
            } while (m.find());
            m.appendTail(sb);
            out = sb.toString();
        }
        // An option this table does not know yet: said as "the matching option in Options", not as a flag.
        return ANY_FLAG.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                "the matching option in Options (" + m.group().substring(2).replace('-', ' ') + ")"));
    }

    private static String replace(Rule r, Matcher m) {
        if (r.replacement() != null) {
            return r.replacement();
        }
        if (m.group().startsWith("--timeout")) {
            String unit = m.group(2);
            String number = m.group(1);
            return "raise Timeout in Options to " + number + " " + unit;
        }
        String type = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "stream" -> "Stream (TCP)";
            case "seqpacket" -> "Seqpacket";
            default -> "Datagram (UDP)";
        };
        return m.group().startsWith("(") ? "(" + type + " in " + TYPE + ")" : type + " in " + TYPE;
    }
}
