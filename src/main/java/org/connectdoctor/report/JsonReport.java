package org.connectdoctor.report;

import java.util.Locale;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.explain.ManQuote;
import org.connectdoctor.man.PlainText;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
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

    private JsonReport() {
    }

    public static String render(ProbeReport report, String appVersion) {
        return render(report, null, appVersion);
    }

    /** The report with its explanation (null to leave it out). */
    public static String render(ProbeReport report, Explanation explanation, String appVersion) {
        Json j = new Json(true);
        j.beginObject();
        j.field("format", FORMAT);
        j.field("tool", "connect-doctor " + appVersion);
        j.field("started", report.started().toString());
        j.field("elapsed_us", report.elapsedNanos() / 1e3);
        request(j.name("request"), report.request());
        resolution(j.name("resolution"), report.resolution());
        j.name("attempts").beginArray();
        for (Attempt a : report.attempts()) {
            attempt(j, a);
        }
        j.endArray();
        j.field("outcome", lower(report.outcome().name()));
        int decisive = report.decisive() == null ? -1 : report.attempts().indexOf(report.decisive());
        if (decisive < 0) {
            j.name("decisive_attempt").nullValue();
        } else {
            j.field("decisive_attempt", decisive);
        }
        statistics(j.name("statistics"), report.statistics());
        if (explanation != null) {
            explanation(j.name("explanation"), explanation);
        }
        j.endObject();
        return j.toString();
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
        j.endObject();
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
            if (r.error().system() != null) {
                errno(j.name("errno"), r.error().system());
            }
            j.endObject();
        }
        j.endObject();
    }

    private static void attempt(Json j, Attempt a) {
        j.beginObject();
        j.field("round", a.round());
        j.field("index", a.index());
        j.field("address", a.address().display());
        j.field("family", a.address().family().label());
        j.field("type", a.type().cliName());
        j.field("local", a.local() == null ? null : a.local().display());
        j.field("phase", lower(a.phase().name()));
        j.field("outcome", lower(a.outcome().name()));
        if (a.error() == null) {
            j.name("errno").nullValue();
        } else {
            errno(j.name("errno"), a.error());
        }
        j.field("failed_call", a.failedCall());
        j.field("elapsed_us", a.elapsedNanos() / 1e3);
        j.field("reply_hex", a.reply() == null ? null : a.reply().hex());
        j.field("reply_text", a.reply() == null ? null : a.reply().textOrNull());
        j.endObject();
    }

    private static void errno(Json j, SysError e) {
        j.beginObject();
        j.field("symbol", e.symbol());
        j.field("number", e.number());
        j.field("message", e.message());
        j.endObject();
    }

    private static void statistics(Json j, Statistics s) {
        j.beginObject();
        j.field("sent", s.sent());
        j.field("succeeded", s.succeeded());
        j.field("failed", s.failed());
        j.field("loss_percent", s.lossPercent());
        j.field("min_us", s.minNanos() / 1e3);
        j.field("avg_us", s.avgNanos() / 1e3);
        j.field("max_us", s.maxNanos() / 1e3);
        j.field("mdev_us", s.mdevNanos() / 1e3);
        j.endObject();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
