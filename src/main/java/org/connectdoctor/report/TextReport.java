package org.connectdoctor.report;

import java.util.List;
import java.util.Locale;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.FamilyResults;
import org.connectdoctor.probe.Race;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Statistics;
import org.connectdoctor.probe.Target;

/**
 * Plain-text rendering in the manner of {@code curl -v}: a line per address tried with its errno
 * symbol, number and the C library's text, then one verdict line. The pieces are public so the
 * command line can print them as a probe runs.
 */
public final class TextReport {
    private TextReport() {
    }

    /** The whole report: resolution, every attempt, verdict, statistics for repeated probes. */
    public static String render(ProbeReport report) {
        StringBuilder sb = new StringBuilder();
        if (report.resolution() != null && (report.resolution().failed() || !report.resolution().addresses().isEmpty())) {
            sb.append(resolutionLine(report.request(), report.resolution())).append('\n');
        }
        for (Attempt a : report.attempts()) {
            sb.append(tryingLine(report.request(), a.address(), a.round())).append('\n');
            sb.append(attemptLine(report.request(), a)).append('\n');
        }
        sb.append(verdictLine(report)).append('\n');
        for (String line : familyLines(report)) {
            sb.append(line).append('\n');
        }
        if (report.request().count() > 1) {
            sb.append(statisticsBlock(report));
        }
        return sb.toString();
    }

    public static String resolutionLine(ProbeRequest request, Resolution r) {
        if (r.failed()) {
            return "* Could not resolve " + r.host() + ": " + r.error() + " [" + ms(r.elapsedNanos()) + "]";
        }
        if (request.target() instanceof Target.Unix) {
            return "* Unix socket " + r.addresses().get(0).host() + " (" + request.type().cliName() + ")";
        }
        StringBuilder sb = new StringBuilder("* ");
        if (r.numeric()) {
            sb.append("Address ").append(r.host()).append(" needs no lookup");
        } else {
            sb.append("Resolved ").append(r.host());
            if (r.canonicalName() != null && !r.canonicalName().equalsIgnoreCase(r.host())) {
                sb.append(" (canonical name ").append(r.canonicalName()).append(')');
            }
            sb.append(" to ").append(r.addresses().size()).append(r.addresses().size() == 1 ? " address" : " addresses")
                    .append(" in ").append(ms(r.elapsedNanos())).append(": ");
            for (int i = 0; i < r.addresses().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(r.addresses().get(i).host());
            }
        }
        return sb.toString();
    }

    public static String tryingLine(ProbeRequest request, SockAddr address, int round) {
        return prefix(request, round) + "*   Trying " + address.display() + " (" + kind(request.type(), address) + ")...";
    }

    public static String attemptLine(ProbeRequest request, Attempt a) {
        String line = attemptHead(request, a);
        List<String> more = a.datagramLines();
        if (more.isEmpty()) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line);
        String pre = prefix(request, a.round()) + "*   ";
        for (String m : more) {
            sb.append(System.lineSeparator()).append(pre).append(m);
        }
        return sb.toString();
    }

    /**
     * "; path MTU 1500 (IP_MTU), MSS 1448" after a connect, or why it could not be read; empty for an
     * attempt that has no path reading (not connected, a Unix socket).
     */
    static String pathWords(Attempt a) {
        if (a.path() == null) {
            return "";
        }
        if (a.path() instanceof org.connectdoctor.sys.Read.Known<org.connectdoctor.sys.PathMtu> k) {
            return "; " + k.value().display();
        }
        return "; path MTU not known (" + ((org.connectdoctor.sys.Read.Unknown<?>) a.path()).reason() + ")";
    }

    private static String attemptHead(ProbeRequest request, Attempt a) {
        String pre = prefix(request, a.round()) + "* ";
        String where = a.address().family() == org.connectdoctor.net.Family.UNIX
                ? a.address().display()
                : a.address().host() + " port " + a.address().port();
        String from = a.local() == null ? "" : " from " + a.local().display();
        boolean dgram = a.type() == SocketType.DGRAM;
        String took = ms(a.elapsedNanos());
        switch (a.outcome()) {
            case CONNECTED:
                return pre + (dgram ? "Datagram peer set to " : "Connected to ") + where + from + " in " + took
                        + pathWords(a);
            case ANSWERED:
                return pre + "Reply from " + where + " to " + (a.local() == null ? "us" : a.local().display()) + " in "
                        + took + ": " + a.reply().length() + " bytes " + preview(a.reply());
            case NO_REPLY:
                return pre + "No reply from " + where + (a.local() == null ? "" : " (sent from " + a.local().display() + ")")
                        + " within " + Durations.format(request.timeout())
                        + (request.broadcast() ? " (nobody on the network answered the broadcast)"
                        : " (nothing came back: the port is open, or a firewall drops the datagrams)");
            case TIMED_OUT:
                return pre + "connect to " + where + from + " timed out after " + took + " (your limit is "
                        + Durations.format(request.timeout()) + "; no answer and no error came back)";
            case CANCELLED:
                return pre + "Cancelled " + phaseWord(a) + " " + where + " after " + took;
            case FAILED:
            default:
                if (a.error() == null && org.connectdoctor.probe.ProbeEngine.SELF_CONNECT.equals(a.failedCall())) {
                    return pre + "connect to " + where + from + " reached this socket itself: the source port is "
                            + "the destination port on this host, so nothing else was reached [" + took + "]";
                }
                return pre + callWord(a) + " " + boundWhere(request, a, where) + from + " failed: " + a.error()
                        + org.connectdoctor.net.Cause.of(a.error().errno(), a.type()).map(c -> " (cause: " + c.id() + ")")
                        .orElse("") + " [" + how(a) + ", " + took + "]";
        }
    }

    /** Replies up to {@value #PREVIEW_BYTES} bytes in full; a longer one by its beginning (--json has all of it). */
    static String preview(org.connectdoctor.probe.Payload reply) {
        if (reply.length() <= PREVIEW_BYTES) {
            return reply.toString();
        }
        byte[] head = java.util.Arrays.copyOf(reply.bytes(), PREVIEW_BYTES);
        return org.connectdoctor.probe.Payload.of(head) + "... (first " + PREVIEW_BYTES + " bytes shown)";
    }

    private static final int PREVIEW_BYTES = 64;

    private static String phaseWord(Attempt a) {
        return a.type() == SocketType.DGRAM ? "waiting for a reply from" : "connecting to";
    }

    /**
     * What the failed call was about: for bind(), the source address and port it asked for (the
     * port in use is the source's, not the target's), then the target it was for.
     */
    private static String boundWhere(ProbeRequest request, Attempt a, String where) {
        if (!"bind".equals(a.failedCall()) || request == null || request.source() == null) {
            return where;
        }
        return "the source " + request.source().display() + " (for " + where + ")";
    }

    private static String callWord(Attempt a) {
        String call = a.failedCall() == null ? "connect" : a.failedCall();
        return switch (call) {
            case "SO_ERROR" -> "connect to";
            case "recv", "send" -> (a.type() == SocketType.DGRAM ? "datagram to" : call + " to");
            case "socket" -> "socket() for";
            case "bind" -> "bind() to";
            default -> call + " to";
        };
    }

    private static String how(Attempt a) {
        String call = a.failedCall() == null ? "" : a.failedCall();
        return switch (call) {
            case "SO_ERROR" -> "SO_ERROR after poll";
            case "recv" -> "recv after send";
            case "" -> a.phase().name().toLowerCase(Locale.ROOT);
            default -> call + "()";
        };
    }

    public static String verdictLine(ProbeReport report) {
        ProbeRequest request = report.request();
        String target = targetWords(request.target());
        Attempt d = report.decisive();
        String took = ms(networkNanos(report));
        Statistics s = report.statistics();
        if (request.count() > 1 && s.sent() > 0 && report.outcome() != org.connectdoctor.probe.Outcome.CANCELLED) {
            String word = request.type() == SocketType.DGRAM ? "Answered by " : "Connected to ";
            if (s.succeeded() > 0) {
                return word + target + " in " + s.succeeded() + " of " + s.sent() + " probes.";
            }
            return "No probe of " + target + " succeeded (" + s.sent() + " tried); the last ended: "
                    + (d.error() != null ? d.error().toString() : d.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    + ".";
        }
        return switch (report.outcome()) {
            case CONNECTED -> "Connected to " + target + via(request, d) + " after " + took + ".";
            case ANSWERED -> "Answered by " + target + via(request, d) + " after " + took + ".";
            case NO_REPLY -> "No reply from " + target + " within " + Durations.format(request.timeout())
                    + (request.broadcast() ? ": nobody on the network answered the broadcast."
                    : ": the port may be open and silent, or a firewall drops the datagrams.");
            case TIMED_OUT -> "Failed to connect to " + target + ": timed out after "
                    + Durations.format(request.timeout()) + limitWords(request) + "; no answer and no error came back.";
            case FAILED -> (d.type() == SocketType.DGRAM && d.phase() == org.connectdoctor.probe.Phase.VERIFY
                    ? "Datagram probe of " + target + " failed after " : "Failed to connect to " + target + " after ")
                    + took + ": " + d.error() + ".";
            case RESOLUTION_FAILED -> "Could not resolve " + ((Target.Inet) request.target()).host() + ": "
                    + report.resolution().error() + ".";
            case LOOKUP_TIMED_OUT -> "Could not resolve " + ((Target.Inet) request.target()).host()
                    + ": the name lookup did not finish within " + Durations.format(request.timeout())
                    + limitWords(request) + "; no address was tried. Name servers asked: "
                    + report.resolution().resolversText()
                    + (report.resolution().pendingLookups() > 0 ? "; " + report.resolution().pendingLookups()
                    + " earlier lookups have still not returned" : "") + ".";
            case CANCELLED -> "Cancelled after " + took + ".";
        };
    }

    /**
     * Time spent on the network's behalf: resolving plus every attempt, for a single round. Not the
     * wall-clock time of the run, which also holds this program's own start-up work and printing.
     */
    static long networkNanos(ProbeReport report) {
        if (report.outcome() == org.connectdoctor.probe.Outcome.CANCELLED) {
            return report.elapsedNanos();
        }
        long sum = report.resolution() == null ? 0 : report.resolution().elapsedNanos();
        for (Attempt a : report.attempts()) {
            sum += a.elapsedNanos();
        }
        return sum;
    }

    /** " (the default limit)" or " (the limit you set)": the default 5 s is nobody's choice. */
    private static String limitWords(ProbeRequest request) {
        return request.timeout().equals(ProbeRequest.DEFAULT_TIMEOUT) ? " (the default limit)" : " (the limit you set)";
    }

    private static String via(ProbeRequest request, Attempt d) {
        if (d == null || request.target() instanceof Target.Unix) {
            return "";
        }
        Target.Inet in = (Target.Inet) request.target();
        return in.isLiteral() ? "" : " (" + d.address().host() + ")";
    }

    public static String statisticsBlock(ProbeReport report) {
        Statistics s = report.statistics();
        String ok = report.request().type() == SocketType.DGRAM ? "answered" : "connected";
        String time = report.request().type() == SocketType.DGRAM ? "reply time" : "connect time";
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(report.request().target().display()).append(" probe statistics ---\n");
        sb.append(s.sent()).append(s.sent() == 1 ? " probe, " : " probes, ").append(s.succeeded()).append(' ').append(ok)
                .append(", ").append(s.failed()).append(" failed, ")
                .append(String.format(Locale.ROOT, "%.1f%% loss", s.lossPercent()))
                .append(", total ").append(ms(report.elapsedNanos())).append('\n');
        if (s.succeeded() > 0) {
            sb.append(time).append(" min/avg/max/mdev = ")
                    .append(String.format(Locale.ROOT, "%.3f/%.3f/%.3f/%.3f ms", s.minNanos() / 1e6, s.avgNanos() / 1e6,
                            s.maxNanos() / 1e6, s.mdevNanos() / 1e6)).append('\n');
        }
        org.connectdoctor.probe.Percentiles p = s.percentiles();
        if (p != null && s.succeeded() > 1) {
            sb.append(time).append(" p50/p90/p99/p99.9/max = ")
                    .append(String.format(Locale.ROOT, "%.3f/%.3f/%.3f/%.3f/%.3f ms", p.p50Micros() / 1e3,
                            p.p90Micros() / 1e3, p.p99Micros() / 1e3, p.p999Micros() / 1e3, p.maxMicros() / 1e3))
                    .append('\n');
        }
        return sb.toString();
    }

    /** "db.example.org port 5432", "::1 port 22", "unix:/run/app.sock". */
    public static String targetWords(Target t) {
        if (t instanceof Target.Inet in) {
            return in.host() + " port " + in.service();
        }
        return t.display();
    }

    private static String prefix(ProbeRequest request, int round) {
        return request.count() > 1 ? "[" + round + "] " : "";
    }

    private static String kind(SocketType type, SockAddr address) {
        return switch (address.family()) {
            case UNIX -> "Unix " + type.cliName();
            case INET, INET6 -> (type == SocketType.STREAM ? "TCP" : type == SocketType.DGRAM ? "UDP" : "SCTP")
                    + " over " + address.family().label();
        };
    }

    /**
     * The lines of one probe as it runs, {@link #tryingLine} and {@link #attemptLine} word for word,
     * for a command line printing thousands of rounds: what does not change between rounds (the
     * address's words, the error with its cause, the local host) is put into words once, and only
     * the round, the local port and the time each time. Not thread-safe: the probing thread prints.
     */
    public static final class Lines {
        private final ProbeRequest request;
        private final StringBuilder sb = new StringBuilder(192);
        private SockAddr address;
        private String trying;
        private String where;
        private SockAddr local;
        private String localHost;
        private Attempt failed;
        private String failure;

        public Lines(ProbeRequest request) {
            this.request = request;
        }

        /** {@link #tryingLine}. */
        public String trying(SockAddr address, int round) {
            remote(address);
            return round(round).append(trying).toString();
        }

        /** {@link #attemptLine}; a refused or connected stream attempt without datagram lines is built here. */
        public String attempt(Attempt a) {
            boolean refused = a.outcome() == org.connectdoctor.probe.Outcome.FAILED && a.error() != null;
            if (!(refused || a.outcome() == org.connectdoctor.probe.Outcome.CONNECTED) || a.type() == SocketType.DGRAM
                    || !a.responders().isEmpty() || a.icmp() != null) {
                return attemptLine(request, a);
            }
            remote(a.address());
            StringBuilder line = round(a.round()).append("* ");
            if (refused) {
                if (failed == null || !a.error().equals(failed.error()) || a.phase() != failed.phase()
                        || !java.util.Objects.equals(a.failedCall(), failed.failedCall()) || a.type() != failed.type()) {
                    failed = a;
                    failure = " failed: " + a.error() + org.connectdoctor.net.Cause.of(a.error().errno(), a.type())
                            .map(c -> " (cause: " + c.id() + ")").orElse("") + " [" + how(a) + ", ";
                }
                line.append(callWord(a)).append(' ').append(boundWhere(request, a, where));
                from(line, a.local());
                return line.append(failure).append(ms(a.elapsedNanos())).append(']').toString();
            }
            line.append("Connected to ").append(where);
            from(line, a.local());
            return line.append(" in ").append(ms(a.elapsedNanos())).append(pathWords(a)).toString();
        }

        private StringBuilder round(int round) {
            sb.setLength(0);
            if (request.count() > 1) {
                sb.append('[').append(round).append("] ");
            }
            return sb;
        }

        private void remote(SockAddr a) {
            if (!a.equals(address)) {
                address = a;
                trying = "*   Trying " + a.display() + " (" + kind(request.type(), a) + ")...";
                where = a.family() == org.connectdoctor.net.Family.UNIX ? a.display() : a.host() + " port " + a.port();
            }
        }

        /** " from " and the local address, its host part kept while only the port changes. */
        private void from(StringBuilder line, SockAddr l) {
            if (l == null) {
                return;
            }
            line.append(" from ");
            boolean sameHost = l instanceof SockAddr.Inet4 l4 ? local instanceof SockAddr.Inet4 p4 && p4.address() == l4.address()
                    : l instanceof SockAddr.Inet6 l6 && local instanceof SockAddr.Inet6 p6 && p6.high() == l6.high()
                    && p6.low() == l6.low() && p6.scopeId() == l6.scopeId();
            if (!sameHost) {
                String d = l.display();
                if (l.family() == org.connectdoctor.net.Family.UNIX) {
                    local = null;
                    line.append(d);
                    return;
                }
                local = l;
                localHost = d.substring(0, d.lastIndexOf(':') + 1); // "127.0.0.1:", "[::1]:"
            }
            line.append(localHost).append(l.port());
        }
    }

    /**
     * The closing block of every text report: the commands that reproduce this probe with the
     * usual tools of the system it ran on ({@link ReproduceCommands}).
     */
    public static String reproduceBlock(ProbeRequest request) {
        return ReproduceCommands.text(request, org.connectdoctor.net.Os.current());
    }

    /**
     * How each address family fared, when the name resolved to IPv6 and IPv4 addresses, then how
     * the race went for a Happy Eyeballs probe: "* IPv6: timed out after 5000.212 ms (2001:db8::5
     * port 443; 1 of 1 address tried)". Empty for a name of one family.
     */
    public static List<String> familyLines(ProbeReport report) {
        FamilyResults f = FamilyResults.of(report);
        List<String> lines = new java.util.ArrayList<>();
        if (f == null) {
            return lines;
        }
        for (FamilyResults.FamilyResult r : f.families()) {
            lines.add("* " + r.family().label() + ": " + familyWords(r, f)
                    + (r.attempt() == null ? "" : " (" + r.attempt().address().host() + " port " + r.attempt().address().port()
                    + "; " + r.tried() + " of " + r.addresses() + (r.addresses() == 1 ? " address" : " addresses")
                    + " tried)"));
        }
        if (f.race() != null) {
            lines.add("* " + raceWords(f.race()));
        }
        return lines;
    }

    /** "connected in 0.412 ms", "timed out after 5000.1 ms", "not tried: an IPv4 address connected first". */
    static String familyWords(FamilyResults.FamilyResult r, FamilyResults all) {
        Attempt a = r.attempt();
        String other = all.families().stream().filter(o -> o.family() != r.family()).findFirst()
                .map(o -> o.family().label()).orElse("another");
        return switch (r.verdict()) {
            case CONNECTED -> "connected in " + ms(a.elapsedNanos());
            case TIMED_OUT -> "timed out after " + ms(a.elapsedNanos())
                    + (a.error() != null ? ": " + a.error() : " with no answer and no error");
            case UNREACHABLE -> "unreachable: " + a.error() + " after " + ms(a.elapsedNanos());
            case REFUSED -> "refused: " + a.error() + " after " + ms(a.elapsedNanos());
            case FAILED -> "failed: " + (a.error() != null ? a.error() : callWord(a)) + " after " + ms(a.elapsedNanos());
            case LOST_RACE -> "still connecting when " + other + " connected; cancelled after " + ms(a.elapsedNanos());
            case CANCELLED -> "cancelled after " + ms(a.elapsedNanos());
            case NOT_TRIED -> "not tried: an " + other + " address connected first";
        };
    }

    /**
     * "Happy Eyeballs (RFC 8305): IPv4 won, connecting 251.0 ms after the race began (it started 250.2 ms
     * in, after the Connection Attempt Delay); IPv6, started first, was cancelled after 251.3 ms."
     */
    static String raceWords(Race race) {
        StringBuilder sb = new StringBuilder("Happy Eyeballs (RFC 8305, attempt delay ")
                .append(ms(race.attemptDelayNanos())).append("): ");
        Race.Leg w = race.winning();
        if (w == null) {
            sb.append("no address connected; ").append(race.legs().size()).append(race.legs().size() == 1
                    ? " attempt" : " attempts").append(" ran");
        } else {
            sb.append(w.family().label()).append(" won (").append(w.attempt().address().host())
                    .append("), connected ").append(ms(w.endedAfterNanos())).append(" after the race began");
            if (w.startedAfterNanos() > 0 && race.legs().indexOf(w) > 0) {
                sb.append(" (it started ").append(ms(w.startedAfterNanos())).append(" in)");
            }
        }
        for (Race.Leg leg : race.legs()) {
            if (leg == w) {
                continue;
            }
            sb.append("; ").append(leg.family().label()).append(' ').append(leg.attempt().address().host())
                    .append(" (started ").append(ms(leg.startedAfterNanos())).append(" in) ");
            if (leg.lost()) {
                sb.append("lost: still connecting, cancelled after ").append(ms(leg.attempt().elapsedNanos()));
            } else {
                Attempt a = leg.attempt();
                sb.append(switch (a.outcome()) {
                    case TIMED_OUT -> "timed out after " + ms(a.elapsedNanos());
                    case CANCELLED -> "cancelled after " + ms(a.elapsedNanos());
                    default -> a.error() != null ? "failed: " + a.error() + " after " + ms(a.elapsedNanos())
                            : a.outcome().name().toLowerCase(Locale.ROOT) + " after " + ms(a.elapsedNanos());
                });
            }
        }
        return sb.append('.').toString();
    }

    /**
     * Milliseconds with three decimals, as ping prints them: what {@code String.format("%.3f ms")}
     * prints (half up), in integer arithmetic. Every repeated probe prints it, and Formatter cost more
     * than the probe itself on loopback (src/bench: the CLI's cost of one more probe).
     */
    public static String ms(long nanos) {
        if (nanos < 0 || nanos > Long.MAX_VALUE - 500) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        long micros = (nanos + 500) / 1000;
        long fraction = micros % 1000;
        return new StringBuilder(16).append(micros / 1000).append('.')
                .append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").append(fraction).append(" ms").toString();
    }
}
