package org.connectdoctor.explain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectdoctor.man.Block;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManEntry;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.net.Cause;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.FamilyResults;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Target;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NativeSockets;

/**
 * Turns a probe's result into an {@link Explanation}: the catalogue's plain meaning and steps with
 * this probe's facts filled in, the man-page entry that fits the context (others folded), and
 * what the context checks find on this computer. Runs on the probing thread, never the UI's:
 * checks read the host state (in the calling thread's network namespace on Linux) and the file
 * system. Thread-safe.
 */
public final class Explainer {

    private final ManPages pages;
    private final ErrorCatalogue catalogue;
    private final HostState host;
    private final Capabilities caps;
    private final List<Check> checks = List.of(new IcmpSenderCheck(), new FirewallCheck(), new ListenerCheck(),
            new UnixPathCheck(), new TimeoutCheck(), new DualStackCheck(), new RouteCheck(), new PortCheck(),
            new BroadcastCheck(), new ResolverCheck(), new ProgramBugCheck(), new ProxyCheck(), new ConnectivityCheck());
    /** Checks run after the standard ones: for tests of a check that fails. */
    private final List<Check> extraChecks;

    /** An explainer whose checks read {@code host} and word their advice for {@code caps}' system. */
    public Explainer(ManPages pages, ErrorCatalogue catalogue, HostState host, Capabilities caps) {
        this(pages, catalogue, host, caps, List.of());
    }

    Explainer(ManPages pages, ErrorCatalogue catalogue, HostState host, Capabilities caps, List<Check> extraChecks) {
        this.pages = pages;
        this.catalogue = catalogue;
        this.host = java.util.Objects.requireNonNull(host, "host");
        this.caps = java.util.Objects.requireNonNull(caps, "caps");
        this.extraChecks = List.copyOf(extraChecks);
    }

    /** Every check, in the order they run. */
    List<Check> checks() {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(extraChecks);
        return all;
    }

    /**
     * The failures an explanation survives: exceptions, a stack overflow (a pathological page),
     * a class or assertion failure. Other VirtualMachineErrors (out of memory, internal errors)
     * leave the JVM in no state to continue and are not caught.
     */
    private static boolean survivable(Throwable t) {
        // Any Error but the JVM's own failures: a plain Error is what the JDK throws when, say, the
        // time-zone data cannot be opened because the process ran out of file descriptors.
        return t instanceof RuntimeException || t instanceof StackOverflowError
                || (t instanceof Error && !(t instanceof VirtualMachineError));
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + (m.length() > 200
                ? m.substring(0, 200) + "…" : m));
    }

    /** The system's man pages (bundled copy as fallback), the standard catalogue, this computer's state. */
    public static Explainer system() {
        return new Explainer(ManPages.system(), ErrorCatalogue.standard(), HostState.current(), Capabilities.current());
    }

    /**
     * As {@link #system()}: for a probe made through {@code sockets}, which is always a backend of
     * the running system (the explanation reads this computer through {@link HostState}, never
     * through the sockets, so the argument decides nothing; it names what the caller probed with).
     */
    public static Explainer system(NativeSockets sockets) {
        return system();
    }


    /** Explains one attempt of {@code report} (the window's selected row). */
    public Explanation explain(ProbeReport report, Attempt a) {
        try {
            return withEnvironment(report, explainUnguarded(report, a));
        } catch (Throwable t) {
            if (!survivable(t)) {
                throw t;
            }
            Attempt at = a != null ? a : report.decisive();
            boolean failed = at != null && at.outcome() == Outcome.FAILED && at.error() != null;
            String key = failed ? at.error().symbol() : at != null ? at.outcome().name() : report.outcome().name();
            return unbuilt(key, failed ? at.error().number() : null, failed ? at.error().message() : null, t);
        }
    }

    /** Explains how {@code report} ended: its decisive attempt, or its resolution failure. Never throws. */
    public Explanation explain(ProbeReport report) {
        try {
            return withEnvironment(report, throughTunnel(report, explainUnguarded(report)));
        } catch (Throwable t) {
            if (!survivable(t)) {
                throw t;
            }
            Attempt a = report.decisive();
            Resolution r = report.resolution();
            if (report.outcome() == Outcome.RESOLUTION_FAILED && r != null && r.error() != null) {
                return unbuilt(r.error().symbol(), r.error().number(), r.error().message(), t);
            }
            boolean failed = a != null && a.outcome() == Outcome.FAILED && a.error() != null;
            return unbuilt(failed ? a.error().symbol() : report.outcome().name(), failed ? a.error().number() : null,
                    failed ? a.error().message() : null, t);
        }
    }

    /** {@code e} with the environment of its run; as it was when the environment cannot be read. */
    private Explanation withEnvironment(ProbeReport report, Explanation e) {
        Explanation out = e;
        try {
            out = out.withEnvironment(EnvironmentReader.read(host, report, e.path()));
        } catch (RuntimeException | LinkageError t) {
            // the explanation stands without it
        }
        if (report.tls() != null) {
            try {
                // built here, off the window's thread: it may read the system's connectivity verdict
                out = out.withTls(TlsExplainer.explain(report.tls(), os(), host));
            } catch (RuntimeException | LinkageError t) {
                // the renderers explain the check themselves
            }
        }
        return out;
    }

    /**
     * A probe through a proxy whose connect to the proxy succeeded is explained by the proxy's answer
     * to CONNECT: its meaning, fault and steps take the place of "connected", which is only the
     * first half (the window's explanation pane shows this one explanation).
     */
    static Explanation throughTunnel(ProbeReport report, Explanation e) {
        org.connectdoctor.probe.proxy.TunnelCheck t = report.tunnel();
        if (t == null || !"CONNECTED".equals(e.key())) {
            return e;
        }
        TunnelExplanation x = TunnelExplainer.explain(t, e.os() != null ? e.os() : Os.current());
        List<Finding> findings = new ArrayList<>(e.findings());
        for (String f : x.findings()) {
            findings.add(new Finding("proxy", f));
        }
        return new Explanation(e.key(), e.number(), e.systemText(), "Connected to the proxy; then " + x.headline(),
                x.meaning(), x.fault(), x.steps().isEmpty() ? e.steps() : x.steps(), e.quote(), e.otherQuotes(),
                findings, e.seeAlso(), e.actions(), e.cause(), e.nativeSymbol(), e.os(), e.path(), e.environment(), e.tls());
    }

    /**
     * What is left when building the explanation failed: the verdict's key, number and text
     * intact, the catalogue's reading when it can be had, and the reason it could not be built.
     */
    private Explanation unbuilt(String key, Integer number, String systemText, Throwable t) {
        String note = "The explanation could not be built: " + reason(t) + ".";
        String meaning = note;
        Fault fault = Fault.THIS_COMPUTER;
        List<String> steps = new ArrayList<>();
        try {
            CatalogueEntry entry = catalogue.lookup(key, Set.of());
            if (entry == null) {
                // no context-free entry: the first one for the key reads the errno in its commonest context
                String filed = ErrorCatalogue.fileKey(key);
                entry = catalogue.all().stream().filter(c -> c.key().equals(filed)).findFirst().orElse(null);
            }
            if (entry != null) {
                meaning = fillGeneric(entry.meaning(os()));
                fault = entry.fault();
                entry.steps(os()).forEach(step -> steps.add(fillGeneric(step)));
            }
        } catch (RuntimeException again) {
            // the note says enough
        }
        if (steps.isEmpty()) {
            steps.add("Include this report when asking for help: the verdict above is the probe's own.");
        }
        return new Explanation(key, number, systemText, headline(nativeSymbol(key, os()), number, systemText, note),
                meaning, fault, steps, null, List.of(), List.of(new Finding("error", note)), List.of(), List.of(),
                ErrorCatalogue.errno(key).flatMap(Cause::of).orElse(null), nativeSymbol(key, os()), os());
    }

    /**
     * The system whose numbers, tools and names the explanation uses: the one the capabilities
     * belong to, else the one this JVM runs on (Linux where it is none of the known ones).
     */
    private Os os() {
        Os os = Commands.osOf(caps);
        if (os == null) {
            os = Os.current();
        }
        return os == null ? Os.LINUX : os;
    }

    /** WSAECONNREFUSED for ECONNREFUSED on Windows; every other key as it is. */
    private static String nativeSymbol(String key, Os os) {
        if (key.startsWith("EAI_")) {
            // on Windows a getaddrinfo code is a Winsock error of its own: EAI_NONAME is WSAHOST_NOT_FOUND
            try {
                org.connectdoctor.net.GaiError g = org.connectdoctor.net.GaiError.valueOf(key);
                return NumberTable.gai(os).number(g).isPresent() ? NumberTable.gai(os).nativeName(g) : key;
            } catch (IllegalArgumentException unknown) {
                return key;
            }
        }
        return ErrorCatalogue.errno(key).map(e -> NumberTable.errno(os).nativeName(e)).orElse(key);
    }

    private Explanation explainUnguarded(ProbeReport report, Attempt a) {
        if (a == null || a.equals(report.decisive())) {
            return explainUnguarded(report);
        }
        ProbeRequest request = report.request();
        boolean failed = a.outcome() == Outcome.FAILED && a.error() != null;
        String key = failed ? a.error().symbol() : a.outcome().name();
        Situation s = new Situation(key, qualifiers(request, a, a.failedCall()), request, a, report.resolution(), host, caps);
        return build(s, failed ? a.error().number() : null, failed ? a.error().message() : null, facts(request, a));
    }

    private Explanation explainUnguarded(ProbeReport report) {
        ProbeRequest request = report.request();
        Resolution resolution = report.resolution();
        if (report.outcome() == Outcome.RESOLUTION_FAILED && resolution != null && resolution.error() != null) {
            Set<String> q = qualifiers(request, null, "getaddrinfo");
            var e = resolution.error();
            Situation s = new Situation(e.symbol(), q, request, null, resolution, host, caps);
            return build(s, e.number(), e.message() + (e.system() == null ? "" : " (" + e.system() + ")"),
                    facts(request, null));
        }
        if (report.outcome() == Outcome.LOOKUP_TIMED_OUT) {
            Situation s = new Situation(Outcome.LOOKUP_TIMED_OUT.name(), qualifiers(request, null, "getaddrinfo"),
                    request, null, resolution, host, caps);
            return build(s, null, null, facts(request, null));
        }
        Attempt a = report.decisive();
        if (a == null) {
            Situation s = new Situation(Outcome.CANCELLED.name(), qualifiers(request, null, null), request, null,
                    resolution, host, caps);
            return build(s, null, null, facts(request, null));
        }
        String key;
        Integer number = null;
        String text = null;
        if (a.outcome() == Outcome.FAILED && a.error() == null && ProbeEngine.SELF_CONNECT.equals(a.failedCall())) {
            key = "SELF_CONNECTED";
        } else if (a.outcome() == Outcome.FAILED && a.error() != null) {
            key = a.error().symbol();
            number = a.error().number();
            text = a.error().message();
        } else {
            key = report.outcome() == Outcome.CANCELLED ? Outcome.CANCELLED.name() : a.outcome().name();
        }
        Situation s = new Situation(key, qualifiers(request, a, a.failedCall()), request, a, resolution, host, caps,
                FamilyResults.of(report));
        return build(s, number, text, facts(request, a));
    }

    /**
     * Explains a bare code without a probe (the {@code explain} command): an errno name, EAI_*
     * name or verdict, in the context the qualifiers give (call:bind, unix, dgram, …).
     */
    public Explanation explain(String key, Integer number, String systemText, Set<String> qualifiers) {
        return explain(key, number, systemText, qualifiers, os());
    }

    /**
     * Explains a bare code as it reads on {@code os}: that system's native name, its steps and
     * tools. Lets one system render another's explanation (the catalogue tests, a ticket from a
     * Windows desk read on Linux). The context checks still look at this computer.
     */
    public Explanation explain(String key, Integer number, String systemText, Set<String> qualifiers, Os os) {
        try {
            Situation s = new Situation(key, qualifiers, null, null, null, host, caps);
            return build(s, os, number, systemText, null);
        } catch (Throwable t) {
            if (!survivable(t)) {
                throw t;
            }
            return unbuilt(key, number, systemText, t);
        }
    }

    private Explanation build(Situation s, Integer number, String systemText, Map<String, String> facts) {
        return build(s, os(), number, systemText, facts);
    }

    /**
     * The portable cause of the situation's errno in its context: a reset on a datagram socket is
     * the refusal (Windows' WSAECONNRESET for an ICMP port unreachable); empty for EAI_* codes and
     * verdicts.
     */
    static Optional<Cause> cause(Situation s) {
        Optional<Errno> errno = ErrorCatalogue.errno(s.key());
        if (errno.isEmpty()) {
            return Optional.empty();
        }
        return Cause.of(errno.get(), s.qualifiers().contains("dgram") ? SocketType.DGRAM
                : s.qualifiers().contains("seqpacket") ? SocketType.SEQPACKET : SocketType.STREAM);
    }

    private Explanation build(Situation s, Os os, Integer number, String systemText, Map<String, String> facts) {
        Optional<Cause> cause = cause(s);
        Set<String> context = new LinkedHashSet<>(s.qualifiers());
        context.add(os.id());
        context.add("errno:" + s.key());
        CatalogueEntry entry = catalogue.lookup(cause.map(Cause::id).orElse(s.key()), context);
        String meaning;
        Fault fault;
        List<String> steps = new ArrayList<>();
        if (entry != null) {
            meaning = facts == null ? fillGeneric(entry.meaning(os)) : fill(entry.meaning(os), facts);
            fault = entry.fault();
            entry.steps(os).forEach(step -> steps.add(facts == null ? fillGeneric(step) : fill(step, facts)));
        } else {
            meaning = systemText == null ? "No explanation is catalogued for " + s.key() + "."
                    : "The system reported: " + systemText + ". Connect Doctor has no catalogue entry for " + s.key() + " yet.";
            fault = Fault.THIS_COMPUTER;
            steps.add("Search the man pages listed below for " + s.key() + ", and include this report when asking for help.");
        }
        List<ManRef> candidates = pagesFor(s, entry);
        // The man pages speak POSIX errno names: the errno the cause stands for where the context
        // changed it (a datagram reset is quoted as the refusal), else the reported one.
        String quoteKey = entry != null && entry.quote() != null ? entry.quote()
                : cause.isPresent() && !cause.equals(ErrorCatalogue.errno(s.key()).flatMap(Cause::of))
                ? cause.get().errnos().get(0).name() : s.key();
        ManQuote quote = null;
        List<ManQuote> others = new ArrayList<>();
        Set<ManRef> seeAlso = new LinkedHashSet<>();
        List<Finding> findings = new ArrayList<>();
        for (ManRef ref : candidates) {
            Optional<LoadedPage> page;
            List<ManEntry> found;
            try {
                page = pages.find(ref);
                found = page.isEmpty() ? List.of() : page.get().page().entriesFor(quoteKey);
                Optional<String> refused = pages.unreadable(ref);
                if (refused.isPresent() && !found.isEmpty()) {
                    // the reader refused the installed page (over its limits) and ManPages fell back
                    findings.add(new Finding("man", "The installed page " + ref + " could not be read ("
                            + refused.get() + ")" + (page.get().source().bundled()
                            ? "; quoted from the copy bundled with Connect Doctor instead." : ".")));
                }
            } catch (Throwable t) {
                if (!survivable(t)) {
                    throw t;
                }
                // An installed page this reader cannot cope with: the bundled copy, if there is one.
                String note = "The installed page " + ref + " could not be read (" + reason(t) + ")";
                try {
                    page = ManPages.bundled(ref);
                    found = page.isEmpty() ? List.of() : page.get().page().entriesFor(quoteKey);
                } catch (Throwable again) {
                    if (!survivable(again)) {
                        throw again;
                    }
                    page = Optional.empty();
                    found = List.of();
                }
                findings.add(new Finding("man", note + (page.isPresent() ? "; quoted from the copy bundled with "
                        + "Connect Doctor instead." : ".")));
            }
            if (page.isEmpty() || found.isEmpty()) {
                continue;
            }
            int chosen = choose(found, s, entry);
            for (int i = 0; i < found.size(); i++) {
                ManQuote q = new ManQuote(page.get().page().ref(), page.get().page().titleLine(), page.get().source(),
                        found.get(i).block());
                if (quote == null && i == chosen) {
                    quote = q;
                } else {
                    others.add(q);
                }
            }
            if (quote != null) {
                seeAlso.addAll(page.get().page().seeAlso());
                break;
            }
        }
        for (ManRef ref : candidates) {
            if (quote == null || !ref.equals(quote.page())) {
                seeAlso.add(ref);
            }
        }
        if (quote != null) {
            seeAlso.remove(quote.page());
        }
        List<Action> actions = new ArrayList<>();
        PathFacts path = PathFacts.NONE;
        try {
            path = PathReader.read(s.host(), os, s.request(), s.resolution(), s.attempt());
            findings.addAll(PathCheck.findings(path, s));
        } catch (Throwable t) {
            if (!survivable(t)) {
                throw t;
            }
            findings.add(new Finding("error", "The path on this computer (VPN, address source) could not be read: "
                    + reason(t)));
        }
        for (Check c : checks()) {
            try {
                List<Finding> f = c.findings(s);
                findings.addAll(f);
                for (Action a : c.actions(s, f)) {
                    if (!actions.contains(a)) {
                        actions.add(a);
                    }
                }
            } catch (Throwable t) {
                if (!survivable(t)) {
                    throw t;
                }
                // a check that fails says so rather than spoil the explanation
                findings.add(new Finding("error", "A check could not finish: " + reason(t)));
            }
        }
        protocolActions(s, actions);
        // A finding that establishes the cause outranks the catalogue's general reading of the errno.
        // A VPN's routes not covering a private address is a likely cause, not a certain one: it
        // stands only where no other check established the cause (a silent gateway, a reject route).
        List<Finding> byCertainty = new ArrayList<>(findings);
        // A rule of this computer's firewall that certainly matches is read from the rules themselves:
        // it outranks what the route or the neighbour table suggest.
        byCertainty.sort(java.util.Comparator.comparingInt(f -> f.check().equals("firewall") ? 0
                : f.check().equals("vpn") ? 2 : 1));
        for (Finding f : byCertainty) {
            if (f.diagnosis() != null) {
                meaning = f.diagnosis().meaning();
                fault = f.diagnosis().fault();
                if (!f.diagnosis().steps().isEmpty()) {
                    steps.clear();
                    steps.addAll(f.diagnosis().steps());
                }
                break;
            }
        }
        if (os != Os.LINUX) {
            // The bundled pages are Linux's: what only Linux has (SELinux, its sysctl files, gai.conf) is not
            // shown as a cause or a page to read on another system.
            others.removeIf(q -> LinuxOnly.mentions(quotePlain(q)));
            seeAlso.removeIf(LinuxOnly::page);
        }
        String nativeSymbol = nativeSymbol(s.key(), os);
        String headline = headline(nativeSymbol, number, systemText, meaning);
        return new Explanation(s.key(), number, systemText, headline, meaning, fault, steps, quote, others, findings,
                List.copyOf(seeAlso), actions, cause.orElse(null), nativeSymbol, os, path);
    }

    /** Follow-ups that depend on the request alone: IPv4 after an IPv6 failure and the reverse. */
    private static void protocolActions(Situation s, List<Action> actions) {
        if (s.request() == null || s.attempt() == null || s.key().equals("CONNECTED") || s.key().equals("ANSWERED")
                || !(s.request().target() instanceof Target.Inet in) || in.isLiteral()) {
            return;
        }
        if (s.attempt().address().family() == Family.INET6 && s.request().family().family() == null) {
            actions.add(Action.RETRY_IPV4_ONLY);
        }
    }

    private static String headline(String key, Integer number, String systemText, String meaning) {
        StringBuilder sb = new StringBuilder(key);
        if (number != null) {
            sb.append(" (").append(number).append(')');
        }
        if (systemText != null) {
            // Winsock's FormatMessage texts end in a full stop; the meaning follows after a colon
            sb.append(' ').append(systemText.endsWith(".") ? systemText.substring(0, systemText.length() - 1) : systemText);
        }
        String m = meaning.length() > 1 && Character.isUpperCase(meaning.charAt(0)) && Character.isLowerCase(meaning.charAt(1))
                && number != null ? Character.toLowerCase(meaning.charAt(0)) + meaning.substring(1) : meaning;
        return sb.append(": ").append(m).toString();
    }

    /** The pages to look in: the catalogue's, then the failed call's, then the family's section 7 pages. */
    private static List<ManRef> pagesFor(Situation s, CatalogueEntry entry) {
        Set<ManRef> refs = new LinkedHashSet<>();
        if (entry != null) {
            refs.addAll(entry.pages());
        }
        for (String q : s.qualifiers()) {
            if (q.startsWith("call:")) {
                String call = q.substring(5);
                switch (call) {
                    case "getaddrinfo" -> refs.add(new ManRef("getaddrinfo", "3"));
                    case "socket", "bind", "connect", "send", "recv", "poll", "getsockopt" -> refs.add(new ManRef(call, "2"));
                    default -> { }
                }
            }
        }
        if (s.isUnix()) {
            refs.add(new ManRef("unix", "7"));
        } else if (s.isIp()) {
            refs.add(new ManRef(s.qualifiers().contains("dgram") ? "udp" : "tcp", "7"));
            refs.add(new ManRef("ip", "7"));
            if (s.qualifiers().contains("ipv6")) {
                refs.add(new ManRef("ipv6", "7"));
            }
        }
        if (s.key().startsWith("EAI_")) {
            refs.add(new ManRef("getaddrinfo", "3"));
        }
        refs.add(new ManRef("socket", "7"));
        return new ArrayList<>(refs);
    }

    /** The entry that fits: the catalogue's match words, else the family's words. */
    private static int choose(List<ManEntry> found, Situation s, CatalogueEntry entry) {
        if (found.size() == 1) {
            return 0;
        }
        List<String> words = new ArrayList<>();
        if (entry != null && entry.match() != null) {
            words.add(entry.match());
        }
        if (s.isUnix()) {
            words.add("UNIX domain");
        } else if (s.isIp()) {
            words.add("broadcast");
            words.add("Internet");
        }
        for (String w : words) {
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).plainText().toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        return 0;
    }

    /** The context words catalogue entries are chosen by. */
    static Set<String> qualifiers(ProbeRequest request, Attempt attempt, String failedCall) {
        Set<String> q = new LinkedHashSet<>();
        if (request != null) {
            boolean unix = request.target() instanceof Target.Unix;
            q.add(unix ? "unix" : "ip");
            q.add(request.type() == SocketType.STREAM ? "stream" : request.type() == SocketType.DGRAM ? "dgram" : "seqpacket");
        }
        if (attempt != null && attempt.address().family() == Family.INET6) {
            q.add("ipv6");
        }
        if (failedCall != null) {
            // Who said it: this computer at once (the call itself failed, from its own routing table
            // or policy), or the network after a round trip (the late result of SO_ERROR, a recv).
            q.add(switch (failedCall) {
                case "SO_ERROR", "recv" -> "remote";
                default -> "local";
            });
            q.add("call:" + switch (failedCall) {
                case "SO_ERROR" -> "connect";
                default -> failedCall;
            });
        }
        return q;
    }

    /** The host as a command takes it (the name as typed, or the literal address), for {host} inside quotes. */
    static final String COMMAND_HOST = "host as typed";

    /** The placeholder values for this probe. */
    private static Map<String, String> facts(ProbeRequest request, Attempt attempt) {
        Map<String, String> f = genericFacts();
        if (request == null) {
            return f;
        }
        f.put("target", request.target().display());
        f.put("timeout", Durations.format(request.timeout()));
        if (request.target() instanceof Target.Unix u) {
            String path = u.abstractName() ? "@" + u.path() : u.path();
            f.put("path", path);
            f.put("where", request.target().display());
            f.put("host", "this computer");
            f.put("proto", "Unix " + request.type().cliName());
        } else {
            Target.Inet in = (Target.Inet) request.target();
            SockAddr address = attempt == null ? null : attempt.address();
            String host = address == null ? in.host() : in.isLiteral() ? address.host() : in.host() + " (" + address.host() + ")";
            String port = address == null ? in.service() : Integer.toString(address.port());
            f.put("host", host);
            f.put(COMMAND_HOST, address == null || !in.isLiteral() ? in.host() : address.host());
            f.put("port", port);
            f.put("where", host + " port " + port);
            f.put("proto", switch (request.type()) {
                case STREAM -> "TCP";
                case DGRAM -> "UDP";
                case SEQPACKET -> "SCTP";
            });
        }
        if (attempt != null) {
            f.put("elapsed", Durations.format(Duration.ofNanos(attempt.elapsedNanos())));
        }
        if (attempt != null && attempt.local() != null) {
            f.put("local", attempt.local().display());
        } else if (request.source() != null) {
            f.put("local", request.source().display());
        }
        return f;
    }

    private static Map<String, String> genericFacts() {
        Map<String, String> f = new HashMap<>();
        f.put("where", "the target");
        f.put("host", "the host");
        f.put("port", "the port");
        f.put("path", "the socket path");
        f.put("target", "the target");
        f.put("timeout", "the time limit");
        f.put("proto", "the protocol");
        f.put("local", "the local address");
        f.put("elapsed", "a while");
        return f;
    }

    /** Without a probe there are no facts: the placeholders become general words that still read well. */
    static String fillGeneric(String template) {
        String t = commandPlaceholders(template).replace("{proto} port {port}", "the port").replace("{host} port {port}", "the host and port")
                .replace("port {port}", "the port").replace("{port} is the right port", "the port is the right one")
                .replace("{host}:443 rather than {host}:https", "host:443 rather than host:https")
                .replace("\"{port}\"", "given").replace("for {proto}", "for this protocol")
                .replace("{proto} to {host}", "connections to the host")
                .replace("{host} -Port {port}", "HOST -Port PORT").replace(":{port}", ":PORT")
                .replace("-LocalPort {port}", "-LocalPort PORT").replace("{host} {port}", "HOST PORT")
                .replace("-RemoteIPAddress {host}", "-RemoteIPAddress HOST")
                // sentences that read wrong with a general word in place of a fact
                .replace("The name {host}", "The host name").replace("the name {host}", "the host name")
                .replace("a name {host}", "a host name").replace("your limit of {timeout}", "your time limit");
        return fill(t, genericFacts());
    }

    /**
     * Inside a quoted command ("Resolve-DnsName {host}") a placeholder without a fact becomes the
     * word to type there (HOST, PORT, PATH), not a phrase that cannot be typed ("the host").
     */
    private static String commandPlaceholders(String template) {
        StringBuilder sb = new StringBuilder(template.length());
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= template.length(); i++) {
            if (i == template.length() || template.charAt(i) == '"') {
                String part = template.substring(start, i);
                sb.append(quoted ? part.replace("{host}", "HOST").replace("{port}", "PORT").replace("{path}", "PATH")
                        : part);
                if (i < template.length()) {
                    sb.append('"');
                }
                quoted = !quoted;
                start = i + 1;
            }
        }
        return sb.toString();
    }

    static String fill(String template, Map<String, String> facts) {
        StringBuilder sb = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                sb.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                sb.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 1, close);
            // Inside a quoted command the host is what is typed there: "Test-NetConnection db01 -Port
            // 5432", never the prose form "db01 (10.0.0.5)", which PowerShell and a shell cannot run
            boolean inCommand = template.chars().limit(open).filter(c -> c == '"').count() % 2 == 1;
            String value = inCommand && name.equals("host") && facts.containsKey(COMMAND_HOST)
                    ? facts.get(COMMAND_HOST) : facts.get(name);
            sb.append(template, i, open).append(value != null ? value : template.substring(open, close + 1));
            i = close + 1;
        }
        return sb.toString();
    }

    /** The man entry of a quote as plain text, laid out as man does (for the command line and reports). */
    public static String quoteText(ManQuote quote, int indent, int width) {
        return PlainText.render(quote.entry(), indent, width);
    }

    /** Entry text without layout, for JSON. */
    public static String quotePlain(ManQuote quote) {
        return PlainText.flatten(List.<Block>of(quote.entry()));
    }
}
