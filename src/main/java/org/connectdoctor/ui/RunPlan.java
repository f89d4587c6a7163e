package org.connectdoctor.ui;

import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Target;

/**
 * What Run will do with the form as it stands, in one sentence under the form: "Run connects over
 * TCP to 127.0.0.1 port 5432 and waits at most 5 s." The line has room for a message whether or
 * not one shows (so nothing moves); while there is none, it says this instead of standing empty.
 */
final class RunPlan {

    private RunPlan() {
    }

    /** When the target is still empty. */
    static final String EMPTY = "Enter what the application fails to reach, then press Run (Enter).";

    /** The sentence for a valid request. */
    static String of(ProbeRequest r) {
        String limit = words(r.timeout());
        String what;
        if (r.target() instanceof Target.Unix u) {
            String where = u.abstractName() ? "the abstract Unix socket @" + u.path() : "the Unix socket " + u.path();
            what = r.type() == SocketType.DGRAM
                    ? "sends " + (r.payload().isEmpty() ? "an empty datagram" : "a datagram of " + bytes(r)) + " to " + where + " and waits " + limit + " for a reply"
                    : "connects a " + kind(r.type()) + " socket to " + where + " and waits at most " + limit;
        } else {
            Target.Inet inet = (Target.Inet) r.target();
            String port = inet.port() >= 0 ? "port " + inet.port() : "the " + inet.service() + " port";
            String over = switch (r.type()) {
                case STREAM -> "over TCP";
                case DGRAM -> "";
                case SEQPACKET -> "as a seqpacket socket";
            };
            if (inet.isLiteral()) {
                String at = inet.host() + " " + port;
                what = r.type() == SocketType.DGRAM ? datagram(r, at, limit)
                        : "connects " + over + " to " + at + " and waits at most " + limit;
            } else {
                String families = switch (r.family()) {
                    case IPV4 -> "its IPv4 addresses";
                    case IPV6 -> "its IPv6 addresses";
                    case AUTO, UNIX -> "its addresses";
                };
                String which = r.allAddresses() ? "every address" : r.happyEyeballs()
                        ? "its addresses raced (IPv6 first, the next 250 ms later; the first to connect wins)"
                        : "each address in turn until one answers";
                what = "looks up " + inet.host() + " (" + families + "), then "
                        + (r.type() == SocketType.DGRAM
                        ? "sends " + payload(r) + " to " + port + " of " + which + ", waiting " + limit + " for a reply"
                        : "connects " + over + " to " + port + " of " + which + ", at most " + limit + " each");
            }
        }
        StringBuilder sb = new StringBuilder("Run ").append(what);
        if (r.source() != null) {
            sb.append(", from ").append(r.source().display());
        }
        if (r.tls() != null) {
            sb.append(", then checks TLS for ").append(r.tls().serverName()).append(" (at most ").append(limit)
                    .append(" more)");
        }
        if (r.count() > 1) {
            sb.append("; ").append(r.count()).append(" times")
                    .append(r.interval().isZero() ? ", one after another" : ", " + words(r.interval()) + " apart");
        }
        return sb.append('.').toString();
    }

    /** "5 s", "250 ms", "1.5 s", "2 min": the option's own form, spaced as prose has it. */
    static String words(java.time.Duration d) {
        String f = Durations.format(d);
        for (String[] unit : new String[][] {{"ms", " ms"}, {"us", " \u00b5s"}, {"s", " s"}, {"m", " min"}}) {
            if (f.endsWith(unit[0])) {
                return f.substring(0, f.length() - unit[0].length()) + unit[1];
            }
        }
        return f;
    }

    private static String datagram(ProbeRequest r, String at, String limit) {
        if (r.broadcast()) {
            return "broadcasts " + payload(r) + " to " + at + " and listens " + limit + " for every reply";
        }
        return "sends " + payload(r) + " to " + at + " and waits " + limit + " for a reply"
                + (r.anySource() ? " from any address" : "");
    }

    private static String payload(ProbeRequest r) {
        return r.payload().isEmpty() ? "an empty UDP datagram" : "a UDP datagram of " + bytes(r);
    }

    private static String bytes(ProbeRequest r) {
        int n = r.payload().length();
        return n + (n == 1 ? " byte" : " bytes");
    }

    private static String kind(SocketType t) {
        return switch (t) {
            case STREAM -> "stream";
            case DGRAM -> "datagram";
            case SEQPACKET -> "seqpacket";
        };
    }
}
