package org.connectdoctor.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.TlsExplainer;
import org.connectdoctor.explain.TlsExplanation;
import org.connectdoctor.net.Os;
import org.connectdoctor.tls.CertificateInfo;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.connectdoctor.tls.TrustResult;

/**
 * A {@link TlsCheck} as text, Markdown and JSON, with its explanation and the commands that show
 * the same handshake with openssl and curl.
 */
public final class TlsReport {

    private TlsReport() {
    }

    /** A few words for a verdict, as the verdict line and the window show it. */
    public static String words(TlsVerdict v) {
        return v.words();
    }

    /** One line after the connect's verdict line: "TLS with NAME: certificate expired (TLSv1.3)." */
    public static String verdictLine(TlsCheck t) {
        String sni = t.serverName();
        return "TLS with " + sni + " at " + hostPort(t) + (t.protocol() != null ? " (" + t.protocol() + ")" : "")
                + ": " + words(t.verdict())
                + (t.problems().size() > 1 ? "; also " + String.join(", ", t.problems().subList(1, t.problems().size())
                        .stream().map(TlsReport::words).toList()) : "") + ".";
    }

    /** The result: protocol, cipher suite, ALPN, the chain as sent, the trust stores' answers. */
    public static String block(TlsCheck t) {
        StringBuilder sb = new StringBuilder();
        if (t.protocol() != null) {
            sb.append("  Protocol ").append(t.protocol()).append(", cipher suite ").append(t.cipherSuite())
                    .append(", ALPN ").append(t.alpn() == null ? "none" : t.alpn()).append(", handshake ")
                    .append(TextReport.ms(t.elapsedNanos())).append('\n');
        } else {
            sb.append("  No handshake: ").append(t.bytesReceived()).append(" bytes from the server; the check took ")
                    .append(TextReport.ms(t.elapsedNanos())).append(" (limit ")
                    .append(org.connectdoctor.probe.Durations.format(java.time.Duration.ofNanos(t.limitNanos())))
                    .append(")\n");
            if (t.alert() != null) {
                sb.append("  Alert from the server: ").append(t.alert().name()).append(" (")
                        .append(t.alert().fatal() ? "fatal, " : "warning, ").append(t.alert().description()).append(")\n");
            }
            if (t.followUp() != null) {
                sb.append("  ").append(t.followUp().words()).append('\n');
            }
            if (t.firstBytes().length > 0 && t.verdict() == TlsVerdict.PLAIN_TEXT) {
                sb.append("  First bytes: \"").append(t.firstBytesText()).append("\"\n");
            }
        }
        if (!t.chain().isEmpty()) {
            sb.append("  Chain as the server sent it:\n");
            for (int i = 0; i < t.chain().size(); i++) {
                CertificateInfo c = t.chain().get(i);
                String n = "    " + (i + 1) + ". ";
                String pad = " ".repeat(n.length());
                sb.append(n).append(c.subject()).append('\n');
                sb.append(pad).append("issued by ").append(c.issuer()).append('\n');
                sb.append(pad).append("valid ").append(TlsExplainer.when(c.notBefore())).append(" to ")
                        .append(TlsExplainer.when(c.notAfter())).append('\n');
                List<String> names = new ArrayList<>(c.dnsNames());
                names.addAll(c.ipAddresses());
                if (!names.isEmpty()) {
                    sb.append(pad).append("names ").append(String.join(", ", names)).append('\n');
                }
                sb.append(pad).append("key ").append(c.keyType()).append(c.keyBits() > 0 ? " " + c.keyBits() + " bits" : "")
                        .append('\n');
            }
            for (TrustResult r : t.trust()) {
                sb.append("  ").append(r.kind() == org.connectdoctor.tls.TrustSource.Kind.JAVA ? "Java" : "System")
                        .append(" trust: ").append(!r.readable() ? "could not be read" : r.trusted()
                                ? "trusted through " + r.anchor() : "not trusted")
                        .append(" (").append(r.description()).append(")\n");
            }
            if (t.inspection() != null) {
                sb.append("  Inspection: ").append(t.inspection().product()).append(" (").append(t.inspection().matched())
                        .append(")\n");
            }
        }
        return sb.toString();
    }

    /** The explanation in the layout of {@link ExplanationText}. */
    public static String explanationText(TlsExplanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("\nWhat the TLS result means\n");
        ExplanationText.wrapInto(sb, e.headline(), "  ", "  ");
        ExplanationText.wrapInto(sb, e.meaning(), "  ", "  ");
        ExplanationText.wrapInto(sb, "Usually at fault: " + e.fault().words() + ".", "  ", "  ");
        if (!e.findings().isEmpty()) {
            sb.append("\nWhat this computer shows (TLS)\n");
            for (String f : e.findings()) {
                ExplanationText.wrapInto(sb, f, "  - ", "    ");
            }
        }
        sb.append("\nWhat to do about TLS\n");
        for (int i = 0; i < e.steps().size(); i++) {
            String n = (i + 1) + ". ";
            ExplanationText.wrapInto(sb, e.steps().get(i), "  " + n, "  " + " ".repeat(n.length()));
        }
        return sb.toString();
    }

    /** The commands that show the same handshake: openssl s_client and curl -v. */
    public static List<ReproduceCommands.Command> commands(TlsCheck t, Os os) {
        boolean windows = os == Os.WINDOWS;
        String hostPort = hostPort(t);
        String name = t.serverName();
        boolean address = name.indexOf(':') >= 0 || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        List<String> openssl = new ArrayList<>(List.of("s_client", "-connect", hostPort));
        if (!address) {
            openssl.add("-servername");
            openssl.add(name);
        }
        openssl.add("-showcerts");
        String urlHost = address && name.indexOf(':') >= 0 ? "[" + name + "]" : name;
        String url = "https://" + urlHost + ":" + t.port() + "/";
        List<String> curl = new ArrayList<>(List.of("-v"));
        if (!name.equals(t.host())) {
            curl.add("--connect-to");
            curl.add(urlHost + ":" + t.port() + ":" + hostPort);
        }
        curl.add(url);
        curl.add("-o");
        curl.add(windows ? "NUL" : "/dev/null");
        List<ReproduceCommands.Command> out = new ArrayList<>();
        out.add(command("openssl", openssl, windows, windows ? "" : " </dev/null"));
        out.add(command(windows ? "curl.exe" : "curl", curl, windows, ""));
        return out;
    }

    private static ReproduceCommands.Command command(String program, List<String> args, boolean windows, String tail) {
        StringBuilder line = new StringBuilder(program);
        for (String a : args) {
            line.append(' ').append(windows ? (a.matches("[A-Za-z0-9_./:\\-\\[\\]]+") ? a : ReproduceCommands.psQuote(a))
                    : ReproduceCommands.shQuote(a));
        }
        return new ReproduceCommands.Command(program, args, line + tail);
    }

    public static String reproduceText(TlsCheck t, Os os) {
        StringBuilder sb = new StringBuilder("Reproduce the TLS handshake with:\n");
        for (ReproduceCommands.Command c : commands(t, os)) {
            sb.append("  ").append(c.line()).append('\n');
        }
        return sb.toString();
    }

    /** The whole TLS part of a text report: verdict line, result, explanation (unless brief), commands. */
    public static String text(TlsCheck t, Os os, boolean brief) {
        return text(t, os, brief, null);
    }

    /**
     * As {@link #text(TlsCheck, Os, boolean)}, the explanation also weighing this computer's own
     * connectivity verdict from {@code host} (a captive portal answering in the server's place); null: not read.
     */
    public static String text(TlsCheck t, Os os, boolean brief, org.connectdoctor.sys.HostState host) {
        StringBuilder sb = new StringBuilder();
        sb.append(verdictLine(t)).append('\n').append(block(t));
        if (!brief) {
            sb.append(explanationText(TlsExplainer.explain(t, os, host)));
            sb.append('\n').append(reproduceText(t, os));
        }
        return sb.toString();
    }

    /** The Markdown section of a ticket. */
    public static String markdown(TlsCheck t, Os os) {
        return markdown(t, os, null);
    }

    /** As {@link #markdown(TlsCheck, Os)} with the check's explanation as built with this computer's state (null: built here). */
    public static String markdown(TlsCheck t, Os os, TlsExplanation built) {
        StringBuilder sb = new StringBuilder("\n## TLS\n\n");
        sb.append("**").append(md(verdictLine(t))).append("**\n\n");
        if (t.protocol() != null) {
            sb.append("| | |\n|---|---|\n");
            sb.append("| Protocol | ").append(md(t.protocol())).append(" |\n");
            sb.append("| Cipher suite | ").append(md(t.cipherSuite())).append(" |\n");
            sb.append("| ALPN | ").append(t.alpn() == null ? "none" : md(t.alpn())).append(" |\n");
            for (TrustResult r : t.trust()) {
                sb.append("| ").append(r.kind() == org.connectdoctor.tls.TrustSource.Kind.JAVA ? "Java trust" : "System trust")
                        .append(" | ").append(md((!r.readable() ? "could not be read" : r.trusted()
                                ? "trusted through " + r.anchor() : "not trusted") + " (" + r.description() + ")"))
                        .append(" |\n");
            }
            sb.append("\n| # | subject | issuer | valid from | valid to | names | key |\n|---|---|---|---|---|---|---|\n");
            for (int i = 0; i < t.chain().size(); i++) {
                CertificateInfo c = t.chain().get(i);
                List<String> names = new ArrayList<>(c.dnsNames());
                names.addAll(c.ipAddresses());
                sb.append("| ").append(i + 1).append(" | ").append(md(c.subject())).append(" | ").append(md(c.issuer()))
                        .append(" | ").append(TlsExplainer.when(c.notBefore())).append(" | ")
                        .append(TlsExplainer.when(c.notAfter())).append(" | ").append(md(String.join(", ", names)))
                        .append(" | ").append(md(c.keyType())).append(c.keyBits() > 0 ? " " + c.keyBits() : "").append(" |\n");
            }
        } else {
            sb.append("```\n").append(block(t).replace("```", "'''")).append("```\n");
        }
        TlsExplanation e = built != null ? built : TlsExplainer.explain(t, os);
        sb.append("\n### What the TLS result means\n\n").append(md(e.headline())).append(' ').append(md(e.meaning()))
                .append("\n\nUsually at fault: ").append(e.fault().words()).append(".\n");
        if (!e.findings().isEmpty()) {
            sb.append("\n### What this computer shows (TLS)\n\n");
            e.findings().forEach(f -> sb.append("- ").append(md(f)).append('\n'));
        }
        sb.append("\n### What to do about TLS\n\n");
        for (int i = 0; i < e.steps().size(); i++) {
            sb.append(i + 1).append(". ").append(md(e.steps().get(i))).append('\n');
        }
        sb.append("\n### Reproduce the TLS handshake\n\n```").append(os == Os.WINDOWS ? "powershell" : "sh").append('\n');
        commands(t, os).forEach(c -> sb.append(c.line().replace("```", "` ` `")).append('\n'));
        sb.append("```\n");
        return sb.toString();
    }

    /** The "tls" object of a JSON report. */
    static void json(Json j, TlsCheck t, Os os) {
        json(j, t, os, null);
    }

    /** As {@link #json(Json, TlsCheck, Os)} with the check's explanation as built with this computer's state (null: built here). */
    static void json(Json j, TlsCheck t, Os os, TlsExplanation built) {
        j.beginObject();
        j.field("verdict", lower(t.verdict().name()));
        j.name("problems").beginArray();
        t.problems().forEach(p -> j.value(lower(p.name())));
        j.endArray();
        j.field("server_name", t.serverName());
        j.field("host", t.host());
        j.field("address", t.address());
        j.field("port", t.port());
        j.field("protocol", t.protocol());
        j.field("cipher_suite", t.cipherSuite());
        j.field("alpn", t.alpn());
        j.name("chain").beginArray();
        for (CertificateInfo c : t.chain()) {
            j.beginObject();
            j.field("subject", c.subject());
            j.field("issuer", c.issuer());
            j.field("not_before", c.notBefore().toString());
            j.field("not_after", c.notAfter().toString());
            j.name("dns_names").beginArray();
            c.dnsNames().forEach(j::value);
            j.endArray();
            j.name("ip_addresses").beginArray();
            c.ipAddresses().forEach(j::value);
            j.endArray();
            j.field("key_type", c.keyType());
            j.field("key_bits", c.keyBits());
            j.field("sha256", c.sha256());
            j.endObject();
        }
        j.endArray();
        j.name("trust").beginArray();
        for (TrustResult r : t.trust()) {
            j.beginObject();
            j.field("store", lower(r.kind().name()));
            j.field("description", r.description());
            j.field("readable", r.readable());
            j.field("unreadable", r.unreadable());
            j.field("trusted", r.trusted());
            j.field("anchor", r.anchor());
            j.endObject();
        }
        j.endArray();
        if (t.inspection() == null) {
            j.name("inspection").nullValue();
        } else {
            j.name("inspection").beginObject().field("product", t.inspection().product())
                    .field("matched", t.inspection().matched()).field("source", t.inspection().source()).endObject();
        }
        j.field("clock", t.clock().toString());
        if (t.alert() == null) {
            j.name("alert").nullValue();
        } else {
            j.name("alert").beginObject().field("fatal", t.alert().fatal()).field("description", t.alert().description())
                    .field("name", t.alert().name()).endObject();
        }
        j.field("server_version", t.serverVersion());
        j.field("failure", t.failure());
        j.field("first_bytes_hex", t.firstBytesHex());
        j.field("first_bytes_text", t.firstBytesText());
        j.field("plain_text_kind", t.plainTextKind() == null ? null : lower(t.plainTextKind().name()));
        if (t.followUp() == null) {
            j.name("follow_up").nullValue();
        } else {
            j.name("follow_up").beginObject().field("accepted_version", t.followUp().acceptedVersion());
            if (t.followUp().alert() == null) {
                j.name("alert").nullValue();
            } else {
                j.name("alert").beginObject().field("fatal", t.followUp().alert().fatal())
                        .field("description", t.followUp().alert().description())
                        .field("name", t.followUp().alert().name()).endObject();
            }
            j.endObject();
        }
        segmentRetry(j, t.segmentRetry());
        j.field("bytes_received", t.bytesReceived());
        j.field("limit_ms", t.limitNanos() / 1e6);
        j.field("elapsed_us", t.elapsedNanos() / 1e3);
        TlsExplanation e = built != null ? built : TlsExplainer.explain(t, os);
        j.name("explanation").beginObject();
        j.field("verdict", lower(e.verdict().name()));
        j.field("headline", e.headline());
        j.field("meaning", e.meaning());
        j.field("fault", lower(e.fault().name()));
        j.name("findings").beginArray();
        e.findings().forEach(j::value);
        j.endArray();
        j.name("steps").beginArray();
        e.steps().forEach(j::value);
        j.endArray();
        j.endObject();
        j.name("reproduce").beginArray();
        for (ReproduceCommands.Command c : commands(t, os)) {
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

    static String hostPort(TlsCheck t) {
        return (t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host()) + ":" + t.port();
    }

    private static String md(String s) {
        return Markdown.text(s);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The MTU test: the small-MSS handshake after no answer or part of one; null when none ran. */
    private static void segmentRetry(Json j, org.connectdoctor.tls.SegmentRetry r) {
        if (r == null) {
            j.name("segment_retry").nullValue();
            return;
        }
        j.name("segment_retry").beginObject();
        j.field("tried", r.notTried() == null);
        j.field("not_tried_reason", r.notTried());
        if (r.smallSegment() > 0) {
            j.field("small_mss", r.smallSegment());
        } else {
            j.name("small_mss").nullValue();
        }
        if (r.firstPath() instanceof org.connectdoctor.sys.Read.Known<org.connectdoctor.sys.PathMtu> k) {
            j.field("first_path_mtu", k.value().mtu());
            if (k.value().maxSegment() > 0) {
                j.field("first_mss", k.value().maxSegment());
            } else {
                j.name("first_mss").nullValue();
            }
        } else {
            j.name("first_path_mtu").nullValue();
            j.name("first_mss").nullValue();
        }
        j.field("first_bytes", r.firstBytes());
        j.field("outcome", r.outcome() == null ? null : r.outcome().name().toLowerCase(java.util.Locale.ROOT));
        j.field("second_bytes", r.secondBytes());
        j.field("small_segments_worked", r.smallSegmentsWorked());
        j.endObject();
    }
}
