package org.connectdoctor.history;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.connectdoctor.explain.AddressSource;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.InterfaceKind;

/**
 * What changed between the last run of a target that worked and the run that fails now: the
 * resolved address, the source interface or address, the route (gateway, device, kind), the name
 * servers and the options, the likely cause first. Pure: it reads two records and nothing else.
 */
public final class Diff {

    /** How a comparison came out. */
    public enum Status {
        /** The newest run worked: nothing to explain. */
        WORKS_NOW,
        /** It fails now and something recorded changed since it last worked. */
        CHANGED,
        /** It fails now, but nothing this history records changed. */
        NOTHING_CHANGED,
        /** It fails now and no earlier run of the same type worked. */
        NEVER_WORKED,
        /** No run of the target (other than cancelled ones) is in the history. */
        NO_RUNS
    }

    /**
     * @param status      how it came out
     * @param now         the run compared (the newest that was not cancelled), or null for NO_RUNS
     * @param worked      the last run before it that worked, or null
     * @param changes     what changed, the likely cause first
     * @param notCompared facts that could not be compared, with why
     * @param summary     the plain-words account: "Worked at 09:02 from … ; now from … , times out."
     */
    public record Comparison(Status status, RunRecord now, RunRecord worked, List<Change> changes,
                             List<String> notCompared, String summary) {
        public Comparison {
            changes = List.copyOf(changes);
            notCompared = List.copyOf(notCompared);
        }

        /** The likely cause in one sentence, or null when none was found. */
        public String likelyCause() {
            return changes.isEmpty() ? null : changes.get(0).sentence();
        }
    }

    private final ZoneId zone;
    private final LocalDate today;

    /** @param zone the time zone times are shown in; today is the day in it of {@code todayIn} */
    public Diff(ZoneId zone, LocalDate today) {
        this.zone = zone;
        this.today = today;
    }

    public static Diff local() {
        ZoneId z = ZoneId.systemDefault();
        return new Diff(z, LocalDate.now(z));
    }

    /** Compares the newest run of {@code target} in {@code runs} (oldest first) with its last success of the same type. */
    public Comparison lastSuccess(List<RunRecord> runs, String target) {
        List<RunRecord> of = runs.stream().filter(r -> r.target().equals(target)).toList();
        RunRecord now = null;
        for (int i = of.size() - 1; i >= 0; i--) {
            if (!of.get(i).cancelled()) {
                now = of.get(i);
                break;
            }
        }
        if (now == null) {
            return new Comparison(Status.NO_RUNS, null, null, List.of(), List.of(), of.isEmpty()
                    ? "The history holds no run of " + target + "."
                    : "The history holds only cancelled runs of " + target + ".");
        }
        if (now.succeeded()) {
            return new Comparison(Status.WORKS_NOW, now, null, List.of(), List.of(),
                    "The last run of " + target + " (" + when(now) + ") worked: " + now.verdict());
        }
        RunRecord worked = null;
        for (int i = of.indexOf(now) - 1; i >= 0; i--) {
            RunRecord r = of.get(i);
            if (r.succeeded() && r.type() == now.type()) {
                worked = r;
                break;
            }
        }
        if (worked == null) {
            return new Comparison(Status.NEVER_WORKED, now, null, List.of(), List.of(),
                    "No earlier " + now.type().cliName() + " run of " + target + " in the history worked, so there is "
                            + "nothing to compare with. The newest (" + when(now) + "): " + now.verdict());
        }
        return compare(worked, now);
    }

    /**
     * Compares an earlier run with a later one: the last success with the failure, or any two runs
     * the person picked (then the earlier one is called "then", not "when it worked", unless it worked).
     */
    public Comparison compare(RunRecord worked, RunRecord now) {
        List<Change> changes = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        String then = worked.succeeded() ? "when it worked" : "then";
        resolved(worked, now, changes, then);
        RunContext a = worked.context();
        RunContext b = now.context();
        boolean sourceKnown = comparable("the source interface", a.sourceInterface(), b.sourceInterface(), notCompared, then)
                & comparable("the source address", a.sourceAddress(), b.sourceAddress(), notCompared, then);
        if (sourceKnown && (!Objects.equals(a.sourceInterface().value(), b.sourceInterface().value())
                || !Objects.equals(a.sourceAddress().value(), b.sourceAddress().value()))) {
            String before = place(a);
            String after = place(b);
            changes.add(new Change(Change.Kind.SOURCE, before, after, "The connection leaves from another place: it "
                    + "left from " + before + " " + then + " and leaves from " + after + " now."));
        }
        boolean routeKnown = comparable("the gateway", a.gateway(), b.gateway(), notCompared, then)
                & comparable("the route", a.route(), b.route(), notCompared, then);
        if (routeKnown && (!Objects.equals(a.gateway().value(), b.gateway().value())
                || !Objects.equals(a.route().value(), b.route().value()))) {
            String before = routeWords(a);
            String after = routeWords(b);
            changes.add(new Change(Change.Kind.ROUTE, before, after, "The route changed: it was " + before
                    + " " + then + " and is " + after + " now."));
        }
        vpn(a, b, changes, notCompared, then);
        if (isName(now.target()) && !notRecorded(a.addressSource(), b.addressSource())
                && comparable("where the address came from", a.addressSource(), b.addressSource(), notCompared, then) && a.addressSource().value() != null && b.addressSource().value() != null
                && !a.addressSource().value().equals(b.addressSource().value())) {
            String before = sourceWords(a);
            String after = sourceWords(b);
            changes.add(new Change(Change.Kind.ADDRESS_SOURCE, before, after, "Resolved through " + after + " now; through "
                    + before + " " + then + "."));
        }
        if (comparable("the name servers", a.resolvers(), b.resolvers(), notCompared, then)
                && !Objects.equals(servers(a), servers(b))) {
            String before = servers(a);
            String after = servers(b);
            changes.add(new Change(Change.Kind.RESOLVERS, before, after, "Other name servers are asked: " + before
                    + " " + then + ", " + after + " now."));
        }
        if (!notRecorded(a.proxy(), b.proxy()) && !RunContext.PROXY_NOT_LOOKED_UP.equals(a.proxy().unknown())
                && !RunContext.PROXY_NOT_LOOKED_UP.equals(b.proxy().unknown()) && comparable("the proxy", a.proxy(), b.proxy(), notCompared, then)
                && !Objects.equals(a.proxy().value(), b.proxy().value())) {
            String before = a.proxy().value() == null ? "none" : a.proxy().value();
            String after = b.proxy().value() == null ? "none" : b.proxy().value();
            changes.add(new Change(Change.Kind.PROXY, before, after, "The proxy changed from " + before + " to " + after
                    + ": applications that use the system's setting went " + proxyWords(before) + " " + then
                    + " and go " + proxyWords(after) + " now."));
        }
        tlsIssuer(a, b, changes, then, now);
        hostFact(Change.Kind.FIREWALL, "this computer's firewall", a.firewall(), b.firewall(), changes, notCompared, then);
        hostFact(Change.Kind.IPV6, "this computer's IPv6", a.ipv6(), b.ipv6(), changes, notCompared, then);
        options(worked, now, changes, then);
        changes.sort(Comparator.comparingInt(c -> rank(c, worked, now)));
        Status status = changes.isEmpty() ? Status.NOTHING_CHANGED : Status.CHANGED;
        StringBuilder summary = new StringBuilder();
        if (worked.succeeded()) {
            summary.append("Worked ").append(when(worked)).append(path(worked));
        } else {
            String w = when(worked);
            summary.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1)).append(path(worked))
                    .append(", it ").append(failsHow(worked));
        }
        summary.append("; now").append(path(now)).append(", ").append(failsHow(now)).append('.');
        if (changes.isEmpty()) {
            summary.append(" Nothing this history records changed (resolved address and its source, source, route, "
                    + "VPN, proxy, TLS issuer, firewall, IPv6, name servers, options), so look at what it does not record: the service itself (is it running, and "
                    + "listening on that address and port?) and firewalls on the way.");
        } else {
            // a likely cause only of a failure; between two runs that both work, only what changed
            summary.append(now.succeeded() ? " Changed: " : " Likely cause: ").append(changes.get(0).sentence());
        }
        return new Comparison(status, now, worked, changes, notCompared, summary.toString());
    }

    // ------------------------------------------------------------------ the facts

    private static void resolved(RunRecord worked, RunRecord now, List<Change> changes, String then) {
        if (!isName(now.target())) {
            return;
        }
        String before = String.join(", ", worked.resolved());
        if (now.resolved().isEmpty()) {
            String why = now.resolveError() != null ? now.resolveError()
                    : now.outcome() == Outcome.LOOKUP_TIMED_OUT ? "the lookup did not finish in time" : "no address";
            changes.add(new Change(Change.Kind.RESOLVED_ADDRESS, before, "nothing", "The name no longer resolves: it "
                    + "resolved to " + before + " " + then + "; now " + why + "."));
            return;
        }
        if (!new HashSet<>(worked.resolved()).equals(new HashSet<>(now.resolved()))) {
            String after = String.join(", ", now.resolved());
            changes.add(new Change(Change.Kind.RESOLVED_ADDRESS, before, after, "The name resolves to another address: "
                    + before + " " + then + ", " + after + " now."));
        }
    }

    /**
     * The VPN interfaces that were up, and whether the route's interface was a VPN's: "the VPN
     * (wg0) was up when it worked and is down now". Runs recorded before these facts are not
     * compared (and, from such runs, not listed as "not compared": nothing was lost).
     */
    private static void vpn(RunContext a, RunContext b, List<Change> changes, List<String> notCompared, String then) {
        if (notRecorded(a.vpnInterfaces(), b.vpnInterfaces()) || !comparable("the VPN interfaces", a.vpnInterfaces(), b.vpnInterfaces(), notCompared, then)) {
            return;
        }
        List<String> before = a.vpnInterfaces().value() == null ? List.of() : a.vpnInterfaces().value();
        List<String> after = b.vpnInterfaces().value() == null ? List.of() : b.vpnInterfaces().value();
        String was = before.isEmpty() ? "no VPN up" : String.join(", ", before) + " up";
        String is = after.isEmpty() ? "no VPN up" : String.join(", ", after) + " up";
        if (!before.isEmpty() && after.isEmpty()) {
            changes.add(new Change(Change.Kind.VPN, was, is, "The VPN (" + String.join(", ", before) + ") was up "
                    + then + " and is down now."));
            return;
        }
        if (before.isEmpty() && !after.isEmpty()) {
            changes.add(new Change(Change.Kind.VPN, was, is, "A VPN (" + String.join(", ", after) + ") is up now and "
                    + "was not " + then + ": the route may go through it now."));
            return;
        }
        if (!new HashSet<>(before).equals(new HashSet<>(after))) {
            changes.add(new Change(Change.Kind.VPN, was, is, "Other VPN interfaces are up: " + String.join(", ", before)
                    + " " + then + ", " + String.join(", ", after) + " now."));
            return;
        }
        InterfaceKind k0 = kind(a);
        InterfaceKind k1 = kind(b);
        if (k0 != null && k1 != null && k0.vpn() != k1.vpn()) {
            String d0 = a.sourceInterface().value() == null ? k0.words() : a.sourceInterface().value() + " (" + k0.words() + ")";
            String d1 = b.sourceInterface().value() == null ? k1.words() : b.sourceInterface().value() + " (" + k1.words() + ")";
            changes.add(new Change(Change.Kind.VPN, d0, d1, k0.vpn()
                    ? "The connection went through the VPN interface " + d0 + " " + then + " and goes around it now, "
                    + "through " + d1 + " (the VPN is still up: a split-tunnel rule or a missing route)."
                    : "The connection went through " + d0 + " " + then + " and goes through the VPN interface " + d1
                    + " now."));
        }
    }

    /**
     * The issuer at the top of the chain the server sent, compared only when both runs checked TLS
     * and got a chain: "the certificate's issuer changed from DigiCert Global Root G2 to Zscaler Root CA".
     */
    private static void tlsIssuer(RunContext a, RunContext b, List<Change> changes, String then, RunRecord now) {
        if (!a.tlsIssuer().isKnown() || !b.tlsIssuer().isKnown() || a.tlsIssuer().value() == null
                || b.tlsIssuer().value() == null || a.tlsIssuer().value().equals(b.tlsIssuer().value())) {
            return;
        }
        String before = a.tlsIssuer().value();
        String after = b.tlsIssuer().value();
        String why = now.tlsVerdict() == org.connectdoctor.tls.TlsVerdict.INSPECTED
                ? ": the new issuer is a TLS-inspection product, so something on the way now decrypts the connection"
                : now.tlsFailed() ? ": a certificate from another authority, which this computer does not accept as it accepted "
                + "the old one, is what fails" : "";
        changes.add(new Change(Change.Kind.TLS_ISSUER, before, after, "The certificate's issuer changed from " + before
                + " " + then + " to " + after + " now" + why + "."));
    }

    /** A fact of this computer (IPv6, the firewall) as the environment line says it, compared when both runs read it. */
    private static void hostFact(Change.Kind kind, String what, Fact<String> a, Fact<String> b, List<Change> changes,
                                 List<String> notCompared, String then) {
        if (!a.isKnown() && !b.isKnown() && Objects.equals(a.unknown(), b.unknown())) {
            // never readable here, for the same reason both times (no privilege, not read on this system):
            // nothing changed that could be told, and the environment line of each run says why
            return;
        }
        if (notRecorded(a, b) || !comparable(what, a, b, notCompared, then) || Objects.equals(a.value(), b.value())) {
            return;
        }
        String before = a.value() == null ? "none" : a.value();
        String after = b.value() == null ? "none" : b.value();
        String label = what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1);
        changes.add(new Change(kind, before, after, label + " changed: " + before + " " + then + "; " + after + " now."));
    }

    /** Either run was written before the fact was recorded: nothing to compare, and nothing lost. */
    private static String proxyWords(String p) {
        return p.equals("direct") ? "directly" : p.startsWith("the PAC file") || p.startsWith("automatic")
                ? "as " + p + " decides" : "through " + p;
    }

    private static boolean notRecorded(Fact<?> a, Fact<?> b) {
        return RunContext.NOT_RECORDED.equals(a.unknown()) || RunContext.NOT_RECORDED.equals(b.unknown());
    }

    private static InterfaceKind kind(RunContext c) {
        return c.interfaceKind().isKnown() && c.interfaceKind().value() != null
                ? InterfaceKind.ofId(c.interfaceKind().value()) : null;
    }

    /** "the hosts file (/etc/hosts line 3)", "DNS (10.0.0.53)". */
    private static String sourceWords(RunContext c) {
        AddressSource.Kind k =
                AddressSource.Kind.ofId(c.addressSource().value());
        String words = k == null ? c.addressSource().value() : k.words();
        String from = c.addressFrom().isKnown() ? c.addressFrom().value() : null;
        if (k == AddressSource.Kind.HOSTS_FILE && from != null) {
            return words + " (" + from + ")";
        }
        if (k == AddressSource.Kind.SEARCH_SUFFIX && from != null) {
            return from;
        }
        return words;
    }

    private static void options(RunRecord worked, RunRecord now, List<Change> changes, String then) {
        RunOptions a = worked.options();
        RunOptions b = now.options();
        List<String> earlier = new ArrayList<>();
        List<String> later = new ArrayList<>();
        if (a.timeoutMillis() != b.timeoutMillis()) {
            earlier.add("timeout " + Durations.format(Duration.ofMillis(a.timeoutMillis())));
            later.add("timeout " + Durations.format(Duration.ofMillis(b.timeoutMillis())));
        }
        if (!Objects.equals(a.source(), b.source())) {
            earlier.add(a.source() == null ? "no source address" : "source " + a.source());
            later.add(b.source() == null ? "no source address" : "source " + b.source());
        }
        if (a.family() != b.family()) {
            earlier.add("family " + a.family().name());
            later.add("family " + b.family().name());
        }
        if (a.broadcast() != b.broadcast() || a.anySource() != b.anySource() || !a.payloadHex().equals(b.payloadHex())) {
            earlier.add("broadcast " + onOff(a.broadcast()) + ", any-source " + onOff(a.anySource()) + ", "
                    + (a.payloadHex().isEmpty() ? "no payload" : "payload 0x" + a.payloadHex()));
            later.add("broadcast " + onOff(b.broadcast()) + ", any-source " + onOff(b.anySource()) + ", "
                    + (b.payloadHex().isEmpty() ? "no payload" : "payload 0x" + b.payloadHex()));
        }
        if (a.tls() != b.tls() || !Objects.equals(a.tlsName(), b.tlsName())) {
            earlier.add(a.tls() ? "TLS checked" + (a.tlsName() == null ? "" : " as " + a.tlsName()) : "no TLS check");
            later.add(b.tls() ? "TLS checked" + (b.tlsName() == null ? "" : " as " + b.tlsName()) : "no TLS check");
        }
        if (a.happyEyeballs() != b.happyEyeballs()) {
            earlier.add(a.happyEyeballs() ? "addresses raced (Happy Eyeballs)" : "addresses in order");
            later.add(b.happyEyeballs() ? "addresses raced (Happy Eyeballs)" : "addresses in order");
        }
        if (!earlier.isEmpty()) {
            String before = String.join(", ", earlier);
            String after = String.join(", ", later);
            changes.add(new Change(Change.Kind.OPTIONS, before, after, "The run's options changed: " + before
                    + " " + then + ", " + after + " now."));
        }
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }

    /**
     * The likely cause first: for a name that no longer resolves, the name servers; for a
     * refusal, another address; for a shortened limit that now times out, the options; for
     * anything else (silence, unreachable), the route and the source.
     */
    private static int rank(Change c, RunRecord worked, RunRecord now) {
        boolean lookup = now.outcome() == Outcome.RESOLUTION_FAILED || now.outcome() == Outcome.LOOKUP_TIMED_OUT;
        boolean refused = "ECONNREFUSED".equals(now.errno());
        boolean shorter = (now.outcome() == Outcome.TIMED_OUT || now.outcome() == Outcome.NO_REPLY)
                && now.options().timeoutMillis() < worked.options().timeoutMillis();
        List<Change.Kind> order;
        if (lookup) {
            order = List.of(Change.Kind.RESOLVERS, Change.Kind.ADDRESS_SOURCE, Change.Kind.RESOLVED_ADDRESS,
                    Change.Kind.VPN, Change.Kind.ROUTE, Change.Kind.SOURCE, Change.Kind.OPTIONS, Change.Kind.PROXY);
        } else if (shorter) {
            order = List.of(Change.Kind.OPTIONS, Change.Kind.VPN, Change.Kind.PROXY, Change.Kind.ROUTE,
                    Change.Kind.SOURCE, Change.Kind.ADDRESS_SOURCE, Change.Kind.RESOLVED_ADDRESS, Change.Kind.RESOLVERS);
        } else if (refused) {
            order = List.of(Change.Kind.ADDRESS_SOURCE, Change.Kind.RESOLVED_ADDRESS, Change.Kind.OPTIONS,
                    Change.Kind.VPN, Change.Kind.ROUTE, Change.Kind.SOURCE, Change.Kind.PROXY, Change.Kind.RESOLVERS);
        } else {
            order = List.of(Change.Kind.VPN, Change.Kind.PROXY, Change.Kind.ROUTE, Change.Kind.SOURCE,
                    Change.Kind.ADDRESS_SOURCE, Change.Kind.RESOLVED_ADDRESS, Change.Kind.OPTIONS, Change.Kind.RESOLVERS);
        }
        if (now.tlsFailed()) {
            order = List.of(Change.Kind.TLS_ISSUER, Change.Kind.PROXY, Change.Kind.OPTIONS, Change.Kind.VPN,
                    Change.Kind.ADDRESS_SOURCE, Change.Kind.RESOLVED_ADDRESS, Change.Kind.ROUTE, Change.Kind.SOURCE);
        } else if (now.errno() != null && (now.errno().equals("EPERM") || now.errno().equals("EACCES"))) {
            order = new ArrayList<>(order);
            order.add(0, Change.Kind.FIREWALL);
        }
        // every kind has a place: those the order does not name come after it, in declaration order
        int i = order.indexOf(c.kind());
        return i >= 0 ? i : order.size() + c.kind().ordinal();
    }

    private static boolean comparable(String what, Fact<?> a, Fact<?> b, List<String> notCompared, String then) {
        if (a.isKnown() && b.isKnown()) {
            return true;
        }
        String side = !a.isKnown() && !b.isKnown() ? "unknown then and now (" + a.unknown() + ")"
                : !a.isKnown() ? "unknown " + then + " (" + a.unknown() + ")" : "unknown now (" + b.unknown() + ")";
        notCompared.add(what.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + what.substring(1)
                + " could not be compared: " + side + ".");
        return false;
    }

    // ------------------------------------------------------------------ words

    private String when(RunRecord r) {
        ZonedDateTime t = r.time().atZone(zone);
        String hm = t.format(DateTimeFormatter.ofPattern("HH:mm"));
        return t.toLocalDate().equals(today) ? "at " + hm : "on " + t.toLocalDate() + " at " + hm;
    }

    /** " from eth0 10.1.2.3 via 10.1.2.1, resolved to 10.9.0.5", leaving out what is not known. */
    private static String path(RunRecord r) {
        RunContext c = r.context();
        StringBuilder sb = new StringBuilder();
        String place = knownPlace(c);
        if (!place.isEmpty()) {
            sb.append(" from ").append(place);
        }
        if (c.gateway().isKnown() && c.gateway().value() != null) {
            sb.append(" via ").append(c.gateway().value());
        } else if (c.route().isKnown() && c.route().value() != null && c.gateway().isKnown()
                && !c.route().value().contains(" dev ")) {
            sb.append(" (route: ").append(c.route().value()).append(')');
        }
        if (isName(r.target()) && !r.resolved().isEmpty()) {
            sb.append(", resolved to ").append(String.join(", ", r.resolved()));
        }
        return sb.toString();
    }

    private static String knownPlace(RunContext c) {
        List<String> parts = new ArrayList<>();
        if (c.sourceInterface().isKnown() && c.sourceInterface().value() != null) {
            parts.add(c.sourceInterface().value());
        }
        if (c.sourceAddress().isKnown() && c.sourceAddress().value() != null) {
            parts.add(c.sourceAddress().value());
        }
        return String.join(" ", parts);
    }

    private static String place(RunContext c) {
        String p = knownPlace(c);
        return p.isEmpty() ? "no interface" : p;
    }

    private static String routeWords(RunContext c) {
        return c.route().value() == null ? "none" : "\"" + c.route().value() + "\"";
    }

    private static String servers(RunContext c) {
        List<String> s = c.resolvers().value();
        return s == null ? "none (a literal address)" : s.isEmpty() ? "none configured" : String.join(", ", s);
    }

    private static String failsHow(RunRecord r) {
        return switch (r.outcome()) {
            case TIMED_OUT -> "times out after " + Durations.format(Duration.ofMillis(r.options().timeoutMillis()));
            case NO_REPLY -> "gets no reply within " + Durations.format(Duration.ofMillis(r.options().timeoutMillis()));
            case FAILED -> "fails with " + (r.errno() == null ? "an error"
                    : org.connectdoctor.net.NumberTable.nativeSymbol(r.errno(), r.errnoNumber()));
            case RESOLUTION_FAILED -> "the name does not resolve" + (r.errno() == null ? ""
                    : " (" + org.connectdoctor.net.NumberTable.nativeSymbol(r.errno(), r.errnoNumber()) + ")");
            case LOOKUP_TIMED_OUT -> "the name lookup does not finish in time";
            case CANCELLED -> "was cancelled";
            case CONNECTED -> r.tlsFailed() ? "connects, but the TLS check fails (" + r.tlsVerdict().words() + ")"
                    : "connects";
            case ANSWERED -> "is answered";
        };
    }

    private static boolean isName(String target) {
        try {
            return TargetParser.parse(target) instanceof Target.Inet in && !in.isLiteral();
        } catch (InvalidInputException e) {
            return false;
        }
    }
}
