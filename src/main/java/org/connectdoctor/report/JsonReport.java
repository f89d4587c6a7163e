package org.connectdoctor.report;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.AddressSource;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.PathFacts;
import org.connectdoctor.explain.VpnPath;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.explain.ManQuote;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.IcmpError;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Responder;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Statistics;

/**
 * The whole {@link ProbeReport} as JSON, with stable snake_case field names; errno values appear
 * as {"symbol", "number", "message"}. Times are in microseconds ({@code _us}, three decimals) or
 * milliseconds for the request's limits ({@code _ms}).
 */
public final class JsonReport {
    /** Bumped when a field changes meaning or disappears; additions keep the number. */
    public static final int FORMAT = 1;
    /**
     * The version of report.schema.json (next to this class) that the output follows, as
     * "major.minor": the minor part grows with additions, the major part with anything else.
     */
    public static final String SCHEMA_VERSION = "1.5";

    private JsonReport() {
    }

    public static String render(ProbeReport report, String appVersion) {
        return render(report, null, appVersion);
    }

    /** The report with its explanation (null to leave it out). */
    public static String render(ProbeReport report, Explanation explanation, String appVersion) {
        StringWriter text = new StringWriter();
        Stream s = new Stream(new PrintWriter(text), report.request(), appVersion);
        if (report.resolution() != null) {
            s.resolved(report.resolution());
        }
        for (Attempt a : report.attempts()) {
            s.attempt(a);
        }
        s.finish(report, explanation, null);
        return text.toString();
    }

    /**
     * Writes a report while its probe runs, so that a flood of probes never holds its attempts: the
     * request first, each attempt as it ends, then the verdict, statistics and explanation. The text
     * is one JSON document with the fields {@link #render} writes. Fed from the probing thread.
     */
    public static final class Stream {
        private final Json j;
        private final PrintWriter out;
        private boolean resolutionWritten;
        private boolean attemptsOpen;
        private long written;
        private Attempt firstSuccess;
        private long firstSuccessIndex = -1;
        private int lastRound = -1;
        private long lastRoundStart;
        private final List<Attempt> lastRoundAttempts = new ArrayList<>();
        /** The last attempt's address and its words: every round of a repeated probe tries the same ones. */
        private SockAddr lastAddress;
        private String lastAddressText;

        /** Writes the document's opening and the request. */
        public Stream(PrintWriter out, ProbeRequest request, String appVersion) {
            this(out, request, appVersion, 0);
        }

        /** A report written as a value {@code depth} levels deep in another document (a checklist's). */
        Stream(PrintWriter out, ProbeRequest request, String appVersion, int depth) {
            this.out = out;
            this.j = new Json(true, depth);
            j.beginObject();
            j.field("format", FORMAT);
            j.field("schema_version", SCHEMA_VERSION);
            j.field("kind", "probe");
            j.field("tool", "connect-doctor " + appVersion);
            JsonReport.request(j.name("request"), request);
            drain();
        }

        public void resolved(Resolution r) {
            if (resolutionWritten || attemptsOpen) {
                return;
            }
            JsonReport.resolution(j.name("resolution"), r);
            resolutionWritten = true;
            drain();
        }

        public void attempt(Attempt a) {
            if (!attemptsOpen) {
                j.name("attempts").beginArray();
                attemptsOpen = true;
            }
            if (!a.address().equals(lastAddress)) {
                lastAddress = a.address();
                lastAddressText = lastAddress.display();
            }
            JsonReport.attempt(j, a, lastAddressText);
            // Only what the verdict can rest on is remembered: the first success and the last round.
            if (a.outcome().isSuccess() && firstSuccess == null) {
                firstSuccess = a;
                firstSuccessIndex = written;
            }
            if (a.round() != lastRound) {
                lastRound = a.round();
                lastRoundStart = written;
                lastRoundAttempts.clear();
            }
            lastRoundAttempts.add(a);
            written++;
            drain();
        }

        private HistogramBuckets histogram;

        /** Writes statistics.histogram with these buckets (null: none). */
        public void histogram(HistogramBuckets buckets) {
            histogram = buckets;
        }

        /** How many attempts were written. */
        public long attempts() {
            return written;
        }

        /**
         * Closes the document: verdict, statistics, then the explanation, or {@code explanation_error}
         * when it could not be built ({@code explanationError}) or written. Both null: no explanation.
         */
        public void finish(ProbeReport report, Explanation explanation, String explanationError) {
            if (!attemptsOpen) {
                j.name("attempts").beginArray();
            }
            j.endArray();
            if (!resolutionWritten && report.resolution() != null) {
                resolution(j.name("resolution"), report.resolution());
            }
            j.field("outcome", lower(report.outcome().name()));
            long decisive = decisiveIndex(report.decisive());
            if (decisive < 0) {
                j.name("decisive_attempt").nullValue();
            } else {
                j.field("decisive_attempt", decisive);
            }
            statistics(j.name("statistics"), report.statistics(), histogram);
            j.field("started", report.started().toString());
            j.field("elapsed_us", report.elapsedNanos() / 1e3);
            if (report.tls() != null) {
                TlsReport.json(j.name("tls"), report.tls(), org.connectdoctor.net.Os.current(),
                        explanation == null ? null : explanation.tls());
            }
            families(j.name("families"), org.connectdoctor.probe.FamilyResults.of(report));
            race(j.name("race"), report.race());
            if (report.proxy() != null) {
                ProxyReport.systemJson(j.name("system_proxy"), report.proxy(), ProxyReport.systemLine(report));
            }
            if (report.tunnel() != null) {
                ProxyReport.tunnelJson(j.name("tunnel"), report.tunnel(), org.connectdoctor.net.Os.current());
            }
            String problem = explanationError;
            if (explanation != null) {
                try {
                    Json e = new Json(true, j.depth());
                    explanation(e, explanation);
                    j.name("explanation").rawValue(e.toString());
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError x) {
                    problem = Failure.describe(x);
                }
            }
            if (problem != null) {
                j.field("explanation_error", problem);
            }
            reproduce(j.name("reproduce"), report.request(), org.connectdoctor.net.Os.current());
            j.endObject();
            drain();
        }

        private long decisiveIndex(Attempt d) {
            if (d == null) {
                return -1;
            }
            if (d == firstSuccess) {
                return firstSuccessIndex;
            }
            for (int i = 0; i < lastRoundAttempts.size(); i++) {
                if (lastRoundAttempts.get(i) == d) {
                    return lastRoundStart + i;
                }
            }
            return -1;
        }

        private void drain() {
            out.write(j.take());
        }
    }

    /** How each address family fared (schema 1.4): null unless the name had IPv6 and IPv4 addresses. */
    private static void families(Json j, org.connectdoctor.probe.FamilyResults f) {
        if (f == null) {
            j.nullValue();
            return;
        }
        j.beginArray();
        for (org.connectdoctor.probe.FamilyResults.FamilyResult r : f.families()) {
            j.beginObject();
            j.field("family", r.family().label());
            j.field("addresses", r.addresses());
            j.field("tried", r.tried());
            j.field("verdict", lower(r.verdict().name()));
            Attempt a = r.attempt();
            j.field("address", a == null ? null : a.address().display());
            j.field("errno", a == null || a.error() == null ? null : a.error().symbol());
            if (a == null) {
                j.name("elapsed_us").nullValue();
            } else {
                j.field("elapsed_us", a.elapsedNanos() / 1e3);
            }
            j.endObject();
        }
        j.endArray();
    }

    /** How a Happy Eyeballs probe's last round raced (schema 1.4): null for addresses tried in order. */
    private static void race(Json j, org.connectdoctor.probe.Race race) {
        if (race == null) {
            j.nullValue();
            return;
        }
        j.beginObject();
        j.field("attempt_delay_ms", race.attemptDelayNanos() / 1e6);
        org.connectdoctor.probe.Race.Leg w = race.winning();
        j.field("winner", w == null ? null : w.family().label());
        j.field("winner_address", w == null ? null : w.attempt().address().display());
        j.name("attempts").beginArray();
        for (org.connectdoctor.probe.Race.Leg leg : race.legs()) {
            Attempt a = leg.attempt();
            j.beginObject();
            j.field("family", leg.family().label());
            j.field("address", a.address().display());
            j.field("started_after_ms", leg.startedAfterNanos() / 1e6);
            j.field("ended_after_ms", leg.endedAfterNanos() / 1e6);
            j.field("outcome", lower(a.outcome().name()));
            j.field("lost", leg.lost());
            j.field("errno", a.error() == null ? null : a.error().symbol());
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    /** An explanation alone, as the explain command prints it with --json. */
    public static String render(Explanation e) {
        Json j = new Json(true);
        explanation(j, e);
        return j.toString();
    }

    private static void explanation(Json j, Explanation e) {
        j.beginObject();
        j.field("key", e.key());
        j.field("native_symbol", e.nativeSymbol());
        j.field("cause", e.cause() == null ? null : e.cause().id());
        if (e.number() == null) {
            j.name("number").nullValue();
        } else {
            j.field("number", e.number());
        }
        j.field("system_text", e.systemText());
        j.field("meaning", e.meaning());
        j.field("fault", lower(e.fault().name()));
        j.name("steps").beginArray();
        e.steps().forEach(j::value);
        j.endArray();
        j.name("findings").beginArray();
        for (Finding f : e.findings()) {
            j.beginObject().field("check", f.check()).field("text", f.text()).endObject();
        }
        j.endArray();
        if (e.quote() == null) {
            j.name("man").nullValue();
        } else {
            quote(j.name("man"), e.quote());
        }
        j.name("other_man_entries").beginArray();
        for (ManQuote q : e.otherQuotes()) {
            quote(j, q);
        }
        j.endArray();
        j.name("see_also").beginArray();
        e.seeAlso().forEach(r -> j.value(r.toString()));
        j.endArray();
        j.name("actions").beginArray();
        e.actions().forEach(a -> j.value(lower(a.name())));
        j.endArray();
        path(j.name("path"), e.path());
        environment(j.name("environment"), e.environment());
        j.endObject();
    }

    /** Where the run went from (schema 1.5): each aspect read ({"value"}) or unknown ({"unknown"}). */
    private static void environment(Json j, org.connectdoctor.explain.Environment env) {
        if (env == null) {
            j.nullValue();
            return;
        }
        j.beginObject();
        for (org.connectdoctor.explain.Environment.Item i : env.items()) {
            j.name(i.aspect().id()).beginObject();
            if (i.value() instanceof org.connectdoctor.sys.Read.Unknown<String> u) {
                j.field("unknown", u.reason());
            } else {
                j.field("value", i.value().orElse(""));
            }
            j.endObject();
        }
        j.endObject();
    }

    /** The attempt's path on this computer (schema 1.1): VPN or not, where the address came from. */
    private static void path(Json j, PathFacts p) {
        j.beginObject();
        VpnPath v = p.vpn();
        if (v == null) {
            j.name("vpn").nullValue();
        } else {
            j.name("vpn").beginObject();
            j.field("verdict", v.verdict().id());
            NetworkLink link = v.routeLink();
            j.field("interface", link == null ? null : link.name());
            j.field("interface_kind", link == null ? null : link.kind().id());
            j.field("interface_detail", link == null ? null : link.detail());
            if (v.vpnUp() == null) {
                j.name("vpn_interfaces_up").nullValue();
            } else {
                j.name("vpn_interfaces_up").beginArray();
                v.vpnUp().forEach(l -> j.beginObject().field("interface", l.name()).field("kind", l.kind().id())
                        .field("detail", l.detail()).endObject());
                j.endArray();
            }
            j.field("unknown", v instanceof VpnPath.Unknown u ? u.reason() : null);
            j.endObject();
        }
        AddressSource a = p.addressSource();
        if (a == null) {
            j.name("address_source").nullValue();
        } else {
            j.name("address_source").beginObject();
            j.field("source", a.kind().id());
            j.field("where", a.where());
            if (a instanceof AddressSource.HostsFile h) {
                j.field("file", h.file()).field("line", h.line()).field("entry_address", h.address())
                        .field("likely_cause", h.blocklist());
            } else if (a instanceof AddressSource.Dns d) {
                strings(j.name("name_servers"), d.servers());
                j.field("name_servers_from", d.serversFrom());
                strings(j.name("other_sources"), d.otherSources());
                j.field("taken_as_complete", d.asComplete());
                if (d.policyRule() == null) {
                    j.name("policy_rule").nullValue();
                } else {
                    j.name("policy_rule").beginObject().field("namespace", d.policyRule().namespace())
                            .field("source", d.policyRule().source()).endObject();
                }
            } else if (a instanceof AddressSource.SearchSuffix ss) {
                j.field("full_name", ss.fullName()).field("suffix", ss.suffix());
                strings(j.name("name_servers"), ss.servers());
                j.field("name_servers_from", ss.serversFrom());
            } else if (a instanceof AddressSource.Unknown u) {
                j.field("unknown", u.reason());
            }
            j.endObject();
        }
        j.endObject();
    }

    private static void strings(Json j, List<String> values) {
        j.beginArray();
        values.forEach(j::value);
        j.endArray();
    }

    private static void quote(Json j, ManQuote q) {
        j.beginObject();
        j.field("page", q.page().toString());
        j.field("title", q.titleLine());
        j.field("source", q.source().bundled() ? "bundled" : "installed");
        j.field("file", q.source().file() == null ? null : q.source().file().toString());
        j.field("source_description", q.source().description());
        j.field("tag", PlainText.spansText(q.entry().tag()));
        j.field("text", Explainer.quotePlain(q));
        j.endObject();
    }

    private static void request(Json j, ProbeRequest r) {
        j.beginObject();
        j.field("target", r.target().display());
        j.field("type", r.type().cliName());
        j.field("family", lower(r.family().name()));
        j.field("timeout_ms", r.timeout().toNanos() / 1e6);
        j.field("source", r.source() == null ? null : r.source().display());
        j.field("broadcast", r.broadcast());
        j.field("payload_hex", r.payload().hex());
        j.field("count", r.count());
        j.field("interval_ms", r.interval().toNanos() / 1e6);
        j.field("all_addresses", r.allAddresses());
        j.field("happy_eyeballs", r.happyEyeballs());
        if (r.tls() != null) {
            j.name("tls").beginObject().field("server_name", r.tls().serverName()).endObject();
        }
        if (r.tunnel() != null) {
            j.name("proxy").beginObject().field("proxy", r.tunnel().proxy().display())
                    .field("target", (r.tunnel().host().indexOf(':') >= 0 ? "[" + r.tunnel().host() + "]"
                            : r.tunnel().host()) + ":" + r.tunnel().port())
                    .field("from", r.tunnel().from()).endObject();
        }
        j.endObject();
    }

    private static void resolution(Json j, Resolution r) {
        j.beginObject();
        j.field("host", r.host());
        j.field("service", r.service());
        j.field("numeric", r.numeric());
        j.field("canonical_name", r.canonicalName());
        j.name("addresses").beginArray();
        for (SockAddr a : r.addresses()) {
            j.value(a.display());
        }
        j.endArray();
        j.field("elapsed_us", r.elapsedNanos() / 1e3);
        if (r.error() == null) {
            j.name("error").nullValue();
        } else {
            j.name("error").beginObject();
            j.field("symbol", r.error().symbol());
            j.field("number", r.error().number());
            j.field("message", r.error().message());
            if (r.error().localizedMessage() != null) {
                j.field("localized_message", r.error().localizedMessage());
            }
            if (r.error().system() != null) {
                errno(j.name("errno"), r.error().system(), null);
            }
            j.endObject();
        }
        j.endObject();
    }

    /** {@code a} as an object; {@code address} is {@code a.address().display()}. */
    private static void attempt(Json j, Attempt a, String address) {
        j.beginObject();
        j.field("round", a.round());
        j.field("index", a.index());
        j.field("address", address);
        j.field("family", a.address().family().label());
        j.field("type", a.type().cliName());
        j.field("local", a.local() == null ? null : a.local().display());
        j.field("phase", lower(a.phase().name()));
        j.field("outcome", lower(a.outcome().name()));
        if (a.error() == null) {
            j.name("errno").nullValue();
        } else {
            errno(j.name("errno"), a.error(), a.type());
        }
        j.field("failed_call", a.failedCall());
        j.field("elapsed_us", a.elapsedNanos() / 1e3);
        j.field("reply_hex", a.reply() == null ? null : a.reply().hex());
        j.field("reply_text", a.reply() == null ? null : a.reply().textOrNull());
        if (!a.responders().isEmpty()) {
            j.name("responders").beginArray();
            for (Responder r : a.responders()) {
                j.beginObject();
                j.field("address", r.address().display());
                j.field("bytes", r.bytes());
                j.field("elapsed_us", r.elapsedNanos() / 1e3);
                j.field("reply_hex", r.reply().hex());
                j.endObject();
            }
            j.endArray();
        }
        if (a.icmp() != null) {
            IcmpError i = a.icmp();
            j.name("icmp").beginObject();
            j.field("protocol", i.protocol());
            j.field("type", i.type());
            j.field("code", i.code());
            j.field("info", i.info());
            j.field("meaning", i.meaning());
            j.field("offender", i.offender() == null ? null : i.offender().host());
            j.field("from_target", i.fromTarget());
            j.endObject();
        }
        if (a.path() != null) {
            j.name("path_mtu").beginObject();
            if (a.path() instanceof org.connectdoctor.sys.Read.Known<org.connectdoctor.sys.PathMtu> k) {
                j.field("known", true);
                j.field("mtu", k.value().mtu());
                j.field("option", k.value().option());
                if (k.value().maxSegment() > 0) {
                    j.field("mss", k.value().maxSegment());
                } else {
                    j.name("mss").nullValue();
                }
            } else {
                j.field("known", false);
                j.field("reason", ((org.connectdoctor.sys.Read.Unknown<?>) a.path()).reason());
            }
            j.endObject();
        }
        j.endObject();
    }

    /** The equivalent commands ({@link ReproduceCommands}): for fleet tools as for people. */
    static void reproduce(Json j, ProbeRequest r, org.connectdoctor.net.Os os) {
        j.beginObject();
        j.field("platform", os == null ? null : lower(os.name()));
        j.field("shell", os == org.connectdoctor.net.Os.WINDOWS ? "powershell" : "sh");
        j.name("commands").beginArray();
        for (ReproduceCommands.Command c : ReproduceCommands.of(r, os)) {
            j.beginObject();
            j.field("program", c.program());
            j.name("arguments").beginArray();
            c.arguments().forEach(j::value);
            j.endArray();
            j.field("line", c.line());
            j.endObject();
        }
        j.endArray();
        j.endObject();
    }

    /**
     * An error: its POSIX symbol, the number and text of the system that reported it, the name that
     * system gives it (WSAECONNREFUSED on Windows) and its portable cause ("refused"; null when it
     * has none). {@code type} is the socket's, for the datagram reading of a reset; null when none.
     */
    private static void errno(Json j, SysError e, org.connectdoctor.net.SocketType type) {
        j.beginObject();
        j.field("symbol", e.symbol());
        j.field("native_symbol", e.nativeSymbol());
        j.field("cause", (type == null ? e.cause() : org.connectdoctor.net.Cause.of(e.errno(), type))
                .map(org.connectdoctor.net.Cause::id).orElse(null));
        j.field("number", e.number());
        j.field("message", e.message());
        if (e.localizedMessage() != null) {
            j.field("localized_message", e.localizedMessage());
        }
        j.endObject();
    }

    private static void statistics(Json j, Statistics s) {
        statistics(j, s, null);
    }

    private static void statistics(Json j, Statistics s, HistogramBuckets histogram) {
        j.beginObject();
        j.field("sent", s.sent());
        j.field("succeeded", s.succeeded());
        j.field("failed", s.failed());
        j.field("loss_percent", s.lossPercent());
        j.field("min_us", s.minNanos() / 1e3);
        j.field("avg_us", s.avgNanos() / 1e3);
        j.field("max_us", s.maxNanos() / 1e3);
        j.field("mdev_us", s.mdevNanos() / 1e3);
        org.connectdoctor.probe.Percentiles p = s.percentiles();
        if (p == null) {
            j.name("percentiles_us").nullValue();
        } else {
            j.name("percentiles_us").beginObject();
            j.field("p50", p.p50Micros());
            j.field("p90", p.p90Micros());
            j.field("p99", p.p99Micros());
            j.field("p99_9", p.p999Micros());
            j.field("max", p.maxMicros());
            j.endObject();
        }
        if (histogram != null) {
            j.name("histogram").beginArray();
            for (HistogramBuckets.Bucket b : histogram.of(s)) {
                j.beginObject();
                if (b.fromMicros() == null) {
                    j.name("from_us").nullValue();
                } else {
                    j.field("from_us", b.fromMicros());
                }
                if (b.toMicros() == null) {
                    j.name("to_us").nullValue();
                } else {
                    j.field("to_us", b.toMicros());
                }
                j.field("count", b.count());
                j.endObject();
            }
            j.endArray();
        }
        j.endObject();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
