package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every context check against every verdict it can be attached to, on this computer's real state:
 * a loopback listener, a listener whose accept queue is full, a closed port, a stale Unix socket
 * file, a listening one and /dev/null. The attempts are built with the probe's own record types
 * (the explanation side only); what is checked is that no finding says the opposite of the
 * verdict or of another finding, and that the headline and fault follow a finding's diagnosis.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoContradictionTest {

    private static final List<String> ERRNOS = List.of("ECONNREFUSED", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH",
            "EADDRNOTAVAIL", "EADDRINUSE", "EACCES", "EPERM", "ENOENT", "EAGAIN", "EPROTOTYPE", "ELOOP", "ECONNRESET",
            "EINPROGRESS", "EMSGSIZE", "ENOPROTOOPT", "EHOSTDOWN");

    @TempDir
    Path dir;

    private record Target(String text, SockAddr address, boolean listening, boolean fullQueue, boolean staleSocket) {
    }

    private static SysError error(String name) {
        Errno e = Errno.valueOf(name);
        return new SysError(e, number(name), name.toLowerCase(Locale.ROOT));
    }

    private static int number(String name) {
        return switch (name) {
            case "ECONNREFUSED" -> 111;
            case "ETIMEDOUT" -> 110;
            case "ENETUNREACH" -> 101;
            case "EHOSTUNREACH" -> 113;
            case "EADDRNOTAVAIL" -> 99;
            case "EADDRINUSE" -> 98;
            case "EACCES" -> 13;
            case "EPERM" -> 1;
            case "ENOENT" -> 2;
            case "EAGAIN" -> 11;
            case "EPROTOTYPE" -> 91;
            case "ELOOP" -> 40;
            case "ECONNRESET" -> 104;
            case "EINPROGRESS" -> 115;
            case "EMSGSIZE" -> 90;
            case "ENOPROTOOPT" -> 92;
            case "EHOSTDOWN" -> 112;
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static ProbeReport report(ProbeRequest request, Attempt a, Outcome outcome) {
        Resolution r = new Resolution(request.target().display(), null, List.of(a.address()), null, true, null, 0);
        return new ProbeReport(request, r, List.of(a), outcome, a, null, Instant.now(), a.elapsedNanos());
    }

    @Test
    void noFindingContradictsTheVerdictOrAnotherFinding() throws Exception {
        NativeSockets sockets = NativeSockets.system();
        Explainer explainer = Explainer.system(sockets);
        Path stale = dir.resolve("stale.sock");
        try (NativeSocket s = sockets.open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(stale.toString(), false));
        }
        Path live = dir.resolve("live.sock");
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             NativeSocket full = sockets.listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket();
             NativeSocket liveUnix = sockets.listen(new SockAddr.Unix(live.toString(), false), SocketType.STREAM, 4)) {
            int fullPort = full.localAddress().port();
            filler.connect(new InetSocketAddress("127.0.0.1", fullPort), 5000);
            int closed = Loopback.closedTcpPort();
            List<Target> targets = List.of(
                    new Target("127.0.0.1:" + open.getLocalPort(), new SockAddr.Inet4(0x7f000001, open.getLocalPort()),
                            true, false, false),
                    new Target("127.0.0.1:" + fullPort, new SockAddr.Inet4(0x7f000001, fullPort), true, true, false),
                    new Target("127.0.0.1:" + closed, new SockAddr.Inet4(0x7f000001, closed), false, false, false),
                    new Target("[::1]:" + closed, SockAddr.Inet6.of(InetAddress.getByName("::1").getAddress(), closed, 0, 0),
                            false, false, false),
                    new Target(stale.toString(), new SockAddr.Unix(stale.toString(), false), false, false, true),
                    new Target(live.toString(), new SockAddr.Unix(live.toString(), false), true, false, false),
                    new Target("/dev/null", new SockAddr.Unix("/dev/null", false), false, false, false));
            int explained = 0;
            List<String> problems = new ArrayList<>();
            for (Target t : targets) {
                for (SocketType type : List.of(SocketType.STREAM, SocketType.DGRAM)) {
                    ProbeRequest request = ProbeRequest.builder(TargetParser.parse(t.text())).type(type)
                            .timeout(Duration.ofSeconds(2)).build();
                    List<Attempt> attempts = new ArrayList<>();
                    for (Outcome o : List.of(Outcome.CONNECTED, Outcome.ANSWERED, Outcome.NO_REPLY, Outcome.TIMED_OUT,
                            Outcome.CANCELLED)) {
                        attempts.add(new Attempt(1, 1, t.address(), type, null, Phase.VERIFY, o, null, null,
                                2_000_000_000L, null));
                    }
                    for (String errno : ERRNOS) {
                        for (String call : List.of("connect", "SO_ERROR")) {
                            attempts.add(new Attempt(1, 1, t.address(), type, null,
                                    call.equals("connect") ? Phase.CONNECT : Phase.VERIFY, Outcome.FAILED, error(errno),
                                    call, call.equals("connect") ? 40_000L : 3_000_000L, null));
                        }
                    }
                    for (Attempt a : attempts) {
                        Explanation e = explainer.explain(report(request, a, a.outcome()));
                        explained++;
                        check(t, a, e, problems);
                    }
                }
            }
            // Name failures have no attempt: the resolver check runs against each of them too.
            ProbeRequest named = ProbeRequest.builder(TargetParser.parse("connect-doctor-test.invalid:80")).build();
            for (GaiError g : List.of(GaiError.EAI_NONAME, GaiError.EAI_AGAIN, GaiError.EAI_FAIL, GaiError.EAI_SERVICE)) {
                Resolution r = new Resolution("connect-doctor-test.invalid", "80", List.of(), null, false,
                        new ResolveError(g, -2, g.name().toLowerCase(Locale.ROOT), null), 0);
                Explanation e = explainer.explain(new ProbeReport(named, r, List.of(), Outcome.RESOLUTION_FAILED, null,
                        null, Instant.now(), 0));
                assertEquals(g.name(), e.key());
                assertFalse(e.findings().stream().anyMatch(f -> f.check().equals("listeners") || f.check().equals("ports")),
                        e.findings().toString());
                explained++;
            }
            assertTrue(explained > 500, explained + " explanations");
            assertTrue(problems.isEmpty(), problems.size() + " contradictions, first: "
                    + problems.subList(0, Math.min(10, problems.size())));
        }
    }

    private static void check(Target t, Attempt a, Explanation e, List<String> problems) {
        String where = t.text() + " " + a.type() + " " + (a.error() == null ? a.outcome() : a.error().symbol() + " via "
                + a.failedCall()) + ": ";
        String findings = String.join(" | ", e.findings().stream().map(Finding::text).toList());
        String all = e.headline() + " | " + String.join(" | ", e.steps()) + " | " + findings;
        boolean success = a.outcome().isSuccess();
        // The loopback listeners are TCP: over UDP nothing listens on their ports, truly.
        boolean listening = t.listening() && (t.address() instanceof SockAddr.Unix || a.type() == SocketType.STREAM);
        if (e.findings().stream().anyMatch(f -> f.check().equals("error"))) {
            problems.add(where + "a check failed: " + findings);
        }
        if (success && e.fault() != Fault.NONE) {
            problems.add(where + "a success with a fault: " + e.fault());
        }
        if (success && e.findings().stream().anyMatch(f -> f.diagnosis() != null)) {
            problems.add(where + "a success with a diagnosed cause: " + findings);
        }
        // The headline, fault and steps follow the first finding that establishes a cause.
        e.findings().stream().filter(f -> f.diagnosis() != null).findFirst().ifPresent(f -> {
            if (f.diagnosis().fault() != e.fault() || !e.meaning().equals(f.diagnosis().meaning())) {
                problems.add(where + "the explanation does not follow its diagnosis: " + e.fault() + " " + e.meaning());
            }
        });
        if (listening && (findings.contains("Nothing on this computer listens")
                || findings.contains("no process listens") || findings.contains("left over"))) {
            problems.add(where + "says nothing listens where something does: " + findings);
        }
        if (!listening && findings.contains("A service listens on " + t.address().host() + " port")) {
            problems.add(where + "claims a listener on a closed port: " + findings);
        }
        if (findings.contains("queue of connections waiting to be accepted is full") && e.fault() == Fault.NETWORK) {
            problems.add(where + "a full accept queue blamed on the network");
        }
        if (all.toLowerCase(Locale.ROOT).contains("delete") && !t.staleSocket()
                && !all.contains("Do not delete")) {
            problems.add(where + "delete advice for a path that is not a stale socket: " + all);
        }
        if (t.address() instanceof SockAddr.Unix && findings.contains("not a socket") && t.staleSocket()) {
            problems.add(where + "a socket file called not a socket");
        }
        if ("connect".equals(a.failedCall()) && e.meaning().contains("a router on the way answered")) {
            problems.add(where + "a local error told as the network's answer: " + e.meaning());
        }
        if ("SO_ERROR".equals(a.failedCall()) && e.meaning().contains("before anything was sent")) {
            problems.add(where + "an answer from the network told as a local decision: " + e.meaning());
        }
        if ("SO_ERROR".equals(a.failedCall()) && findings.contains("on this computer refused")) {
            problems.add(where + "an answer from the network blamed on this computer's firewall: " + findings);
        }
        if (all.contains("{") || all.contains("}")) {
            problems.add(where + "an unfilled placeholder: " + all);
        }
        if (a.error() != null) {
            assertEquals(a.error().symbol(), e.key(), where);
            assertEquals(a.error().number(), e.number(), where);
        } else {
            assertNotEquals(null, e.key(), where);
        }
    }
}
