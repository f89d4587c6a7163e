package org.connectdoctor.ui;

import java.time.Duration;
import java.util.List;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Target;

/**
 * Which one-click next steps a result offers: the explanation's own actions, then those the
 * report itself suggests (the other loopback family, a longer timeout, the system's proxy, a look
 * at a Unix socket's path). Only finds them; {@link ProbeViewModel#follow(FollowUp)} takes them.
 */
final class FollowUpFinder {

    private FollowUpFinder() {
    }

    /** The follow-ups of a result, computed in the background: they may read this computer's sockets. */
    static List<FollowUp> withSocketTable(ProbeReport r, Explanation e) {
        List<FollowUp> out = new java.util.ArrayList<>(fromReport(r, e));
        if (out.stream().noneMatch(f -> f.kind() == FollowUp.Kind.TRY_TARGET)) {
            String other = otherLoopbackListening(r);
            if (other != null) {
                out.add(0, new FollowUp(FollowUp.Kind.TRY_TARGET, "Try " + other, null, other));
            }
        }
        return out;
    }

    /** The follow-ups that follow from the report and its explanation alone. */
    static List<FollowUp> fromReport(ProbeReport r, Explanation e) {
        List<FollowUp> out = new java.util.ArrayList<>();
        String other = otherFamilyFromFindings(r, e);
        if (other != null) {
            out.add(new FollowUp(FollowUp.Kind.TRY_TARGET, "Try " + other, null, other));
        }
        if (e != null) {
            e.actions().forEach(a -> out.add(FollowUp.of(a)));
        }
        org.connectdoctor.probe.Outcome o = r.decisive() != null ? r.decisive().outcome() : r.outcome();
        // A longer limit helps only where the cause may be a slow path; a finding that names a cause
        // that waiting does not cure (a service whose accept queue is full, this computer) rules it out.
        boolean causeKnown = e != null && e.findings().stream().anyMatch(f -> f.diagnosis() != null
                && f.diagnosis().fault() != org.connectdoctor.explain.Fault.NETWORK);
        if (!causeKnown && (o == org.connectdoctor.probe.Outcome.TIMED_OUT || o == org.connectdoctor.probe.Outcome.NO_REPLY
                || r.outcome() == org.connectdoctor.probe.Outcome.LOOKUP_TIMED_OUT)) {
            Duration now = r.request().timeout();
            Duration longer = now.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30)
                    : now.multipliedBy(2).compareTo(ProbeRequest.MAX_TIMEOUT) > 0 ? ProbeRequest.MAX_TIMEOUT
                    : now.multipliedBy(2);
            if (longer.compareTo(now) > 0) {
                String words = Durations.format(longer);
                out.add(new FollowUp(FollowUp.Kind.LONGER_TIMEOUT, "Retry with a longer timeout (" + words + ")", null,
                        words));
            }
        }
        if (r.proxy() != null && r.proxy().throughProxy() && r.request().tunnel() == null && !r.outcome().isSuccess()
                && r.outcome() != org.connectdoctor.probe.Outcome.CANCELLED) {
            // the direct probe failed where the system sends this traffic through a proxy
            out.add(new FollowUp(FollowUp.Kind.THROUGH_PROXY, "Through the proxy " + r.proxy().proxy().display(), null,
                    r.proxy().proxy().url()));
        }
        if (r.request().target() instanceof Target.Unix u && !u.abstractName() && o == org.connectdoctor.probe.Outcome.FAILED) {
            out.add(new FollowUp(FollowUp.Kind.CHECK_PATH, "Check the path", null, u.path()));
        }
        return out;
    }

    /** "[::1]:P" or "127.0.0.1:P" when a refused loopback target is the wrong family, or null. */
    private static String otherLoopback(ProbeReport r) {
        Attempt d = r.decisive();
        if (d == null || d.error() == null || !"ECONNREFUSED".equals(d.error().symbol())
                || r.request().type() == SocketType.SEQPACKET) {
            return null;
        }
        if (d.address() instanceof SockAddr.Inet4 a && a.isLoopback()) {
            return "[::1]:" + a.port();
        }
        if (d.address() instanceof SockAddr.Inet6 a && a.isLoopback()) {
            return "127.0.0.1:" + a.port();
        }
        return null;
    }

    /** The listener check's own words "connect to [::1]:P instead", when it found the other family. */
    private static String otherFamilyFromFindings(ProbeReport r, Explanation e) {
        String other = otherLoopback(r);
        if (other == null || e == null) {
            return null;
        }
        for (org.connectdoctor.explain.Finding f : e.findings()) {
            if (f.text().contains("connect to " + other + " instead")) {
                return other;
            }
        }
        return null;
    }

    /** Reads the socket table: the other loopback family has a listener on the port, the target's none. */
    private static String otherLoopbackListening(ProbeReport r) {
        String other = otherLoopback(r);
        if (other == null) {
            return null;
        }
        org.connectdoctor.sys.Read<List<org.connectdoctor.sys.SocketEntry>> read;
        try {
            read = org.connectdoctor.sys.HostState.current().sockets(r.request().type() == SocketType.DGRAM
                    ? org.connectdoctor.sys.Transport.UDP : org.connectdoctor.sys.Transport.TCP);
        } catch (RuntimeException ex) {
            return null; // unknown: no suggestion rather than a guess
        }
        if (!(read instanceof org.connectdoctor.sys.Read.Known<List<org.connectdoctor.sys.SocketEntry>> known)) {
            return null;
        }
        int port = r.decisive().address().port();
        boolean targetV4 = r.decisive().address() instanceof SockAddr.Inet4;
        boolean otherListens = false;
        for (org.connectdoctor.sys.SocketEntry s : known.value()) {
            if (!s.isListening() || s.local().port() != port) {
                continue;
            }
            boolean v4 = s.local() instanceof SockAddr.Inet4;
            boolean reachesLoopback = s.local() instanceof SockAddr.Inet4 a4 ? a4.isLoopback() || a4.isAny()
                    : s.local() instanceof SockAddr.Inet6 a6 && (a6.isLoopback() || a6.high() == 0 && a6.low() == 0);
            if (!reachesLoopback) {
                continue;
            }
            if (v4 == targetV4) {
                return null; // something of the target's own family listens: not a family mix-up
            }
            otherListens = true;
        }
        return otherListens ? other : null;
    }
}
