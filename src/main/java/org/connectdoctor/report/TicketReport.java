package org.connectdoctor.report;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.connectdoctor.AppInfo;
import org.connectdoctor.explain.AddressSource;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.explain.Finding;
import org.connectdoctor.explain.ManQuote;
import org.connectdoctor.explain.VpnPath;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.sys.NetworkLink;

/**
 * Ticket-ready reports: plain text for the clipboard and Markdown for a file. Both hold the
 * target, the choices, every attempt with its errno, the verdict, the man text, the findings, the
 * steps, and the facts of this computer (OS, kernel, app version, time).
 */
public final class TicketReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private TicketReport() {
    }

    /** Plain text: what "Copy report" puts on the clipboard. */
    public static String text(ProbeReport report, Explanation explanation, SystemInfo system) {
        StringBuilder sb = new StringBuilder();
        sb.append("Connect Doctor report\n");
        sb.append("=====================\n");
        facts(report, explanation, system).forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-14s %s%n", k + ":", v)));
        sb.append('\n');
        sb.append(TextReport.render(report));
        if (explanation != null) {
            sb.append(ExplanationText.render(explanation));
        }
        if (report.tls() != null) {
            sb.append('\n').append(TlsReport.text(report.tls(), org.connectdoctor.net.Os.current(), false));
        }
        String proxy = ProxyReport.systemLine(report);
        if (proxy != null) {
            sb.append('\n').append(proxy).append('\n');
        }
        if (report.tunnel() != null) {
            sb.append('\n').append(ProxyReport.text(report.tunnel(), org.connectdoctor.net.Os.current(), false));
        }
        sb.append('\n').append(TextReport.reproduceBlock(report.request()));
        return sb.toString();
    }

    /** Markdown: what "Save report…" writes. */
    public static String markdown(ProbeReport report, Explanation explanation, SystemInfo system) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Connect Doctor report: ").append(md(report.request().target().display())).append("\n\n");
        sb.append("**").append(md(TextReport.verdictLine(report))).append("**\n\n");
        sb.append("| | |\n|---|---|\n");
        facts(report, explanation, system).forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(md(v)).append(" |\n"));
        sb.append("\n## Attempts\n\n");
        sb.append("| round | address | local address | phase | result | errno | time (ms) |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Attempt a : report.attempts()) {
            sb.append("| ").append(a.round()).append(" | ").append(md(a.address().display())).append(" | ")
                    .append(a.local() == null ? "" : md(a.local().display())).append(" | ")
                    .append(a.phase().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(a.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" | ")
                    .append(a.error() == null ? "" : md(a.error().toString())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", a.elapsedMillis())).append(" |\n");
        }
        java.util.Set<String> paths = new java.util.LinkedHashSet<>();
        for (Attempt a : report.attempts()) {
            if (a.path() != null) {
                paths.add(a.address().display() + ": " + TextReport.pathWords(a).substring(2));
            }
        }
        if (!paths.isEmpty()) {
            sb.append("\n## Path MTU after the connect\n\n");
            for (String line : paths) {
                sb.append("- ").append(md(line)).append('\n');
            }
        }
        java.util.List<String> families = TextReport.familyLines(report);
        if (!families.isEmpty()) {
            sb.append("\n## Address families\n\n");
            for (String line : families) {
                sb.append("- ").append(md(line.substring(2))).append('\n');
            }
        }
        if (report.request().count() > 1) {
            sb.append("\n```\n").append(TextReport.statisticsBlock(report)).append("```\n");
        }
        if (explanation != null) {
            sb.append("\n## What it means\n\n").append(md(explanation.headline())).append("\n\n");
            sb.append("Usually at fault: ").append(explanation.fault().words()).append(".\n");
            if (!explanation.findings().isEmpty()) {
                sb.append("\n## What this computer shows\n\n");
                for (Finding f : explanation.findings()) {
                    sb.append("- ").append(md(f.text())).append('\n');
                }
            }
            sb.append("\n## What to do\n\n");
            for (int i = 0; i < explanation.steps().size(); i++) {
                sb.append(i + 1).append(". ").append(md(explanation.steps().get(i))).append('\n');
            }
            ManQuote q = explanation.quote();
            if (q != null) {
                sb.append("\n## ").append(explanation.quoteHeading()).append(": ").append(md(q.titleLine())).append("\n\n");
                sb.append("Source: ").append(md(q.source().description())).append("\n\n");
                sb.append("```\n").append(Explainer.quoteText(q, 0, 80)).append("```\n");
            }
        }
        if (report.tls() != null) {
            sb.append(TlsReport.markdown(report.tls(), org.connectdoctor.net.Os.current(),
                    explanation == null ? null : explanation.tls()));
        }
        sb.append(ProxyReport.markdown(report, org.connectdoctor.net.Os.current()));
        sb.append(ReproduceCommands.markdown(report.request(), org.connectdoctor.net.Os.current()));
        return sb.toString();
    }

    private static java.util.Map<String, String> facts(ProbeReport report, Explanation explanation, SystemInfo system) {
        ProbeRequest r = report.request();
        java.util.Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("Target", r.target().display());
        f.put("Socket type", r.type().cliName() + " (" + r.type().constant() + ")");
        f.put("Family", r.family().name().toLowerCase(Locale.ROOT));
        f.put("Timeout", Durations.format(r.timeout()));
        if (r.source() != null) {
            f.put("Source", r.source().display());
        }
        if (r.type() == SocketType.DGRAM) {
            f.put("Payload", r.payload().length() + " bytes" + (r.payload().isEmpty() ? "" : " " + r.payload()));
            f.put("Broadcast", r.broadcast() ? "yes" : "no");
        }
        if (r.count() > 1) {
            f.put("Repeats", r.count() + " every " + Durations.format(r.interval()));
        }
        if (r.happyEyeballs()) {
            f.put("Addresses", "raced (Happy Eyeballs, RFC 8305)");
        }
        f.put("Outcome", report.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        org.connectdoctor.probe.FamilyResults families = org.connectdoctor.probe.FamilyResults.of(report);
        if (families != null) {
            StringBuilder b = new StringBuilder();
            for (org.connectdoctor.probe.FamilyResults.FamilyResult fr : families.families()) {
                b.append(b.length() == 0 ? "" : ", ").append(fr.family().label()).append(' ')
                        .append(fr.verdict().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
            f.put("Families", b.toString());
        }
        if (explanation != null && explanation.path().vpn() != null) {
            f.put("Interface", interfaceWords(explanation.path().vpn()));
        }
        if (explanation != null && explanation.path().addressSource() != null) {
            AddressSource a = explanation.path().addressSource();
            f.put("Address from", a instanceof AddressSource.Unknown u ? "unknown (" + u.reason() + ")" : a.where());
        }
        if (explanation != null && explanation.environment() != null) {
            f.put("Environment", explanation.environment().line());
        }
        if (report.tls() != null) {
            f.put("TLS", report.tls().serverName() + ": " + TlsReport.words(report.tls().verdict()));
        }
        if (report.proxy() != null) {
            f.put("System proxy", report.proxy().throughProxy() ? report.proxy().proxy().display()
                    : report.proxy().applies().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (report.tunnel() != null) {
            f.put("Through proxy", report.tunnel().proxy().display() + ": " + report.tunnel().verdict().words());
        }
        f.put("When", TIME.format(report.started()));
        f.put("Computer", system.host());
        f.put("System", system.os());
        f.put("Kernel", system.kernel());
        f.put("Java", system.java());
        f.put("App", AppInfo.NAME + " " + system.appVersion());
        return f;
    }

    /** "wg0 (WireGuard), through the VPN", "eth0 (Ethernet); VPN up: wg0 (outside the VPN)". */
    private static String interfaceWords(VpnPath v) {
        if (v instanceof VpnPath.Unknown u) {
            return "unknown whether through a VPN (" + u.reason() + ")";
        }
        String link = v.routeLink() == null ? "none (no route)" : v.routeLink().display();
        return switch (v.verdict()) {
            case THROUGH_VPN -> link + ", through the VPN";
            case OUTSIDE_VPN -> link + "; VPN up: " + String.join(", ", v.vpnUp().stream()
                    .map(NetworkLink::display).toList()) + " (outside the VPN)";
            default -> link + "; no VPN up";
        };
    }

    private static String md(String s) {
        return Markdown.text(s);
    }
}
