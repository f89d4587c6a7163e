package org.connectdoctor.report;

import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.TunnelExplainer;
import org.connectdoctor.explain.TunnelExplanation;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.proxy.SystemProxy;
import org.connectdoctor.probe.proxy.TunnelCheck;

/**
 * The proxy in every rendering: the sentence on the system's proxy for the target, and the proxy's
 * answer to CONNECT when the probe went through one (text, Markdown, JSON, reproduce commands).
 */
public final class ProxyReport {

    private ProxyReport() {
    }

    /**
     * "Applications that use the system proxy reach https://db01:443 through proxy.corp:8080 (from
     * https_proxy, in the environment); this probe connected directly."; null when not looked up.
     */
    public static String systemLine(ProbeReport r) {
        SystemProxy p = r.proxy();
        if (p == null) {
            return null;
        }
        return p.sentence(r.outcome() == Outcome.CONNECTED,
                r.request().tunnel() == null ? null : r.request().tunnel().proxy());
    }

    /** "Through proxy.corp:8080: the proxy refused this target (403 Forbidden) for db01:443." */
    public static String verdictLine(TunnelCheck t) {
        return "CONNECT " + t.target() + " through " + t.proxy().display() + ": " + t.verdict().words()
                + (t.status() >= 0 ? " — " + t.status() + (t.reason() == null ? "" : " " + t.reason()) : "") + ".";
    }

    public static String block(TunnelCheck t) {
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(t.bytesReceived()).append(" bytes of answer in ").append(TextReport.ms(t.elapsedNanos()))
                .append(" (limit ").append(Durations.format(java.time.Duration.ofNanos(t.limitNanos()))).append(")\n");
        if (!t.authSchemes().isEmpty()) {
            sb.append("  Authentication offered: ").append(String.join("; ", t.authSchemes())).append('\n');
        }
        if (t.proxyText() != null) {
            sb.append("  The proxy's text: \"").append(t.proxyText()).append("\"\n");
        }
        if (t.server() != null) {
            sb.append("  Proxy: ").append(t.server()).append('\n');
        }
        if (t.detail() != null) {
            sb.append("  ").append(t.detail()).append('\n');
        }
        return sb.toString();
    }

    /** The command that asks the same proxy the same way. */
    public static String reproduce(TunnelCheck t, Os os) {
        return (os == Os.WINDOWS ? "curl.exe" : "curl") + " -v -x " + t.proxy().url() + " https://" + t.target()
                + "/" + (os == Os.WINDOWS ? " -o NUL" : " -o /dev/null");
    }

    /** openssl s_client through the same proxy (OpenSSL 1.1.0+ speaks CONNECT with -proxy). */
    public static String tlsThroughProxy(TunnelCheck t, Os os) {
        String name = t.tls().serverName();
        boolean address = name.indexOf(':') >= 0 || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        return "openssl s_client -proxy " + t.proxy().display() + " -connect " + t.target()
                + (address ? "" : " -servername " + ReproduceCommands.shQuote(name)) + " -showcerts"
                + (os == Os.WINDOWS ? "" : " </dev/null");
    }

    public static String explanationText(TunnelExplanation e) {
        StringBuilder sb = new StringBuilder("\nWhat the proxy's answer means\n");
        ExplanationText.wrapInto(sb, e.headline(), "  ", "  ");
        ExplanationText.wrapInto(sb, e.meaning(), "  ", "  ");
        ExplanationText.wrapInto(sb, "Usually at fault: " + e.fault().words() + ".", "  ", "  ");
        if (!e.findings().isEmpty()) {
            sb.append("\nWhat the proxy showed\n");
            for (String f : e.findings()) {
                ExplanationText.wrapInto(sb, f, "  - ", "    ");
            }
        }
        if (!e.steps().isEmpty()) {
            sb.append("\nWhat to do about the proxy\n");
            for (int i = 0; i < e.steps().size(); i++) {
                String n = (i + 1) + ". ";
                ExplanationText.wrapInto(sb, e.steps().get(i), "  " + n, "  " + " ".repeat(n.length()));
            }
        }
        return sb.toString();
    }

    /** The whole tunnel part of a text report: verdict, answer, explanation (unless brief), command, TLS through it. */
    public static String text(TunnelCheck t, Os os, boolean brief) {
        StringBuilder sb = new StringBuilder(verdictLine(t)).append('\n').append(block(t));
        if (t.tls() != null) {
            sb.append(TlsReport.text(t.tls(), os, brief));
            if (!brief) {
                sb.append("Reproduce the TLS handshake through the proxy with:\n  ").append(tlsThroughProxy(t, os))
                        .append('\n');
            }
        }
        if (!brief) {
            sb.append(explanationText(TunnelExplainer.explain(t, os)));
            sb.append("\nReproduce the proxy's answer with:\n  ").append(reproduce(t, os)).append('\n');
        }
        return sb.toString();
    }

    public static String markdown(ProbeReport r, Os os) {
        StringBuilder sb = new StringBuilder();
        String line = systemLine(r);
        if (line == null && r.tunnel() == null) {
            return "";
        }
        sb.append("\n## Proxy\n\n");
        if (line != null) {
            sb.append(md(line)).append("\n");
        }
        TunnelCheck t = r.tunnel();
        if (t != null) {
            TunnelExplanation e = TunnelExplainer.explain(t, os);
            sb.append("\n**").append(md(verdictLine(t))).append("**\n\n");
            sb.append(md(e.headline())).append(' ').append(md(e.meaning())).append("\n\nUsually at fault: ")
                    .append(e.fault().words()).append(".\n\n");
            for (String f : e.findings()) {
                sb.append("- ").append(md(f)).append('\n');
            }
            for (int i = 0; i < e.steps().size(); i++) {
                sb.append(i + 1).append(". ").append(md(e.steps().get(i))).append('\n');
            }
            sb.append("\n```\n").append(reproduce(t, os)).append("\n```\n");
            if (t.tls() != null) {
                sb.append(TlsReport.markdown(t.tls(), os));
            }
        }
        return sb.toString();
    }

    static void systemJson(Json j, SystemProxy p, String sentence) {
        j.beginObject();
        j.field("applies", lower(p.applies().name()));
        j.field("url", p.url());
        j.field("proxy", p.proxy() == null ? null : p.proxy().display());
        j.field("from", p.from());
        j.field("bypass_entry", p.bypassEntry());
        j.field("bypass_from", p.bypassFrom());
        j.field("pac_url", p.pacUrl());
        j.field("source", p.source());
        j.field("reason", p.reason());
        j.field("sentence", sentence);
        j.endObject();
    }

    static void tunnelJson(Json j, TunnelCheck t, Os os) {
        j.beginObject();
        j.field("verdict", lower(t.verdict().name()));
        j.field("proxy", t.proxy().display());
        j.field("target", t.target());
        if (t.status() < 0) {
            j.name("status").nullValue();
        } else {
            j.field("status", t.status());
        }
        j.field("reason", t.reason());
        j.name("auth_schemes").beginArray();
        for (String s : t.authSchemes()) {
            j.value(s);
        }
        j.endArray();
        j.field("proxy_text", t.proxyText());
        j.field("server", t.server());
        j.field("detail", t.detail());
        j.field("bytes_received", t.bytesReceived());
        j.field("limit_ms", t.limitNanos() / 1e6);
        j.field("elapsed_us", t.elapsedNanos() / 1e3);
        TunnelExplanation e = TunnelExplainer.explain(t, os);
        j.name("explanation").beginObject();
        j.field("headline", e.headline());
        j.field("meaning", e.meaning());
        j.field("fault", lower(e.fault().name()));
        j.name("findings").beginArray();
        for (String f : e.findings()) {
            j.value(f);
        }
        j.endArray();
        j.name("steps").beginArray();
        for (String s : e.steps()) {
            j.value(s);
        }
        j.endArray();
        j.endObject();
        j.field("reproduce", reproduce(t, os));
        if (t.tls() != null) {
            TlsReport.json(j.name("tls"), t.tls(), os);
        }
        j.endObject();
    }

    static final List<String> APPLIES = java.util.Arrays.stream(org.connectdoctor.probe.proxy.Applies.values())
            .map(a -> lower(a.name())).toList();

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String md(String s) {
        return Markdown.text(s);
    }
}
