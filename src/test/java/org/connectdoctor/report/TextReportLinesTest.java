package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line's per-round lines ({@link TextReport.Lines}) say word for word what the report's lines say. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TextReportLinesTest {

    private static final SockAddr V4 = new SockAddr.Inet4(0x7f000001, 5432);
    private static final SockAddr V6 = SockAddr.Inet6.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
            5432, 0, 0);
    private static final SockAddr OTHER_V4 = new SockAddr.Inet4(0x0a000003, 80);
    private static final SysError REFUSED = new SysError(Errno.ECONNREFUSED, 111, "Connection refused");
    private static final SysError UNREACHABLE = new SysError(Errno.ENETUNREACH, 101, "Network is unreachable");

    private static Attempt attempt(int round, SockAddr to, SockAddr local, Outcome outcome, SysError error,
                                   String call, Phase phase, long nanos) {
        return new Attempt(round, 1, to, SocketType.STREAM, local, phase, outcome, error, call, nanos, null);
    }

    /** Rounds that change address, local host, error, call and outcome from one to the next, and repeat. */
    private static List<Attempt> rounds() {
        List<Attempt> rounds = new ArrayList<>();
        int round = 1;
        for (int repeat = 0; repeat < 3; repeat++) {
            rounds.add(attempt(round++, V4, new SockAddr.Inet4(0x7f000001, 40000 + round), Outcome.FAILED, REFUSED,
                    "SO_ERROR", Phase.WAIT, 45_123));
            rounds.add(attempt(round++, V4, new SockAddr.Inet4(0x7f000001, 40000 + round), Outcome.FAILED, REFUSED,
                    "SO_ERROR", Phase.WAIT, 1_500));
            rounds.add(attempt(round++, V4, new SockAddr.Inet4(0x7f000002, 40000 + round), Outcome.FAILED, REFUSED,
                    "connect", Phase.CONNECT, 999_999_500));
            rounds.add(attempt(round++, V4, null, Outcome.FAILED, UNREACHABLE, "connect", Phase.CONNECT, 7));
            rounds.add(attempt(round++, V4, new SockAddr.Inet4(0x7f000001, 1), Outcome.CONNECTED, null, null,
                    Phase.CONNECT, 88_000));
            rounds.add(attempt(round++, V6, SockAddr.Inet6.of(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                1}, 50000 + round, 0, 0), Outcome.FAILED, REFUSED, "SO_ERROR", Phase.WAIT, 30_000));
            rounds.add(attempt(round++, V6, SockAddr.Inet6.of(new byte[] {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 1}, 50000 + round, 0, 2), Outcome.CONNECTED, null, null, Phase.CONNECT, 30_000));
            rounds.add(attempt(round++, OTHER_V4, new SockAddr.Inet4(0x0a000001, 33333), Outcome.TIMED_OUT, null, null,
                    Phase.CONNECT, 5_000_000_000L));
            rounds.add(attempt(round++, OTHER_V4, new SockAddr.Inet4(0x0a000001, 33334), Outcome.CANCELLED, null, null,
                    Phase.CONNECT, 12_000));
            rounds.add(attempt(round++, new SockAddr.Unix("/run/app.sock", false), null, Outcome.FAILED,
                    new SysError(Errno.ENOENT, 2, "No such file or directory"), "connect", Phase.CONNECT, 20_000));
        }
        return rounds;
    }

    @Test
    void repeatedProbeLinesAreTheReportsLines() throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("localhost:5432")).count(100)
                .interval(Duration.ZERO).build();
        TextReport.Lines lines = new TextReport.Lines(request);
        for (Attempt a : rounds()) {
            assertEquals(TextReport.tryingLine(request, a.address(), a.round()), lines.trying(a.address(), a.round()));
            assertEquals(TextReport.attemptLine(request, a), lines.attempt(a));
        }
    }

    @Test
    void singleProbeLinesHaveNoRoundPrefix() throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("localhost:5432")).build();
        TextReport.Lines lines = new TextReport.Lines(request);
        for (Attempt a : rounds()) {
            assertEquals(TextReport.tryingLine(request, a.address(), a.round()), lines.trying(a.address(), a.round()));
            assertEquals(TextReport.attemptLine(request, a), lines.attempt(a));
        }
    }
}
