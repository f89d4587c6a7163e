package org.connectdoctor.checklist;

import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.ProbeRequest;

/**
 * A profile as YAML that {@link ProfileParser} reads back to the same checks. Every text value is
 * double-quoted with YAML's escapes, so no name or path can turn into syntax; options at their
 * default are left out, so the file stays as short as a person would write it.
 */
public final class ProfileWriter {
    private ProfileWriter() {
    }

    public static String write(Profile p) {
        StringBuilder sb = new StringBuilder("# Connect Doctor checklist profile (YAML 1.2); run it with: connect-doctor check FILE\n");
        sb.append("name: ").append(quoted(p.name())).append('\n');
        sb.append("checks:\n");
        for (Check c : p.checks()) {
            ProbeRequest r = c.request();
            sb.append("  - name: ").append(quoted(c.name())).append('\n');
            sb.append("    target: ").append(quoted(r.target().display())).append('\n');
            if (r.type() != org.connectdoctor.net.SocketType.STREAM) {
                sb.append("    type: ").append(r.type().cliName()).append('\n');
            }
            sb.append("    timeout: ").append(Durations.format(r.timeout())).append('\n');
            if (r.source() != null) {
                sb.append("    source: ").append(quoted(r.source().display())).append('\n');
            }
            if (!r.payload().isEmpty()) {
                sb.append("    payload_hex: ").append(r.payload().hex()).append('\n');
            }
            if (r.broadcast()) {
                sb.append("    broadcast: true\n");
            }
            if (!c.tags().isEmpty()) {
                sb.append("    tags: [").append(String.join(", ", c.tags().stream().map(ProfileWriter::quoted).toList()))
                        .append("]\n");
            }
            if (r.happyEyeballs()) {
                sb.append("    happy_eyeballs: true\n");
            }
            if (r.tls() != null) {
                sb.append("    tls: true\n");
                if (!r.tls().serverName().equals(org.connectdoctor.probe.ProbeRequest.defaultTlsName(r.target()))) {
                    sb.append("    tls_name: ").append(quoted(r.tls().serverName())).append('\n');
                }
            }
            sb.append("    expect: ").append(c.expect().word()).append('\n');
        }
        return sb.toString();
    }

    /** A YAML double-quoted scalar: backslash, quote and every control character escaped. */
    static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
