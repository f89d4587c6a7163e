package org.connectdoctor.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.testing.Fds;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 probes cancelled at random moments (before, during and after their wait): every report ends
 * cancelled or finished, no socket or pipe stays open, no probing thread stays behind.
 */
@Tag("soak")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CancelStormTest {

    @Test
    void thousandRandomCancelsLeaveNothingRunning() throws Exception {
        Random random = new Random(20261124);
        try (ProbeEngine engine = ProbeEngine.system();
             NativeSocket silent = engine.sockets().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket()) {
            int port = silent.localAddress().port();
            filler.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            ProbeRequest slow = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port))
                    .timeout(Duration.ofSeconds(10)).build();
            ProbeRequest quick = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort()))
                    .count(3).interval(Duration.ofMillis(2)).build();
            int fdsBefore = Fds.socketsAndPipes();
            Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
            ExecutorService probes = Executors.newFixedThreadPool(8);
            ScheduledExecutorService cancels = Executors.newScheduledThreadPool(2);
            List<Future<ProbeReport>> reports = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                Cancellation c = new Cancellation();
                ProbeRequest r = random.nextBoolean() ? slow : quick;
                reports.add(probes.submit(() -> engine.run(r, ProbeListener.NONE, c)));
                cancels.schedule(c::cancel, random.nextInt(3_000), TimeUnit.MICROSECONDS);
            }
            Map<Outcome, Integer> outcomes = new TreeMap<>();
            for (Future<ProbeReport> f : reports) {
                ProbeReport r = f.get(30, TimeUnit.SECONDS);
                outcomes.merge(r.outcome(), 1, Integer::sum);
                if (r.request() == slow) {
                    assertEquals(Outcome.CANCELLED, r.outcome(), "a silent peer's probe ends only by cancel");
                } else {
                    assertTrue(r.outcome() == Outcome.CANCELLED || r.outcome() == Outcome.FAILED, r.outcome().toString());
                }
                r.attempts().forEach(a -> assertTrue(a.outcome() == Outcome.CANCELLED || a.outcome() == Outcome.FAILED,
                        "attempt " + a.outcome()));
            }
            probes.shutdown();
            cancels.shutdown();
            assertTrue(probes.awaitTermination(10, TimeUnit.SECONDS));
            assertTrue(cancels.awaitTermination(10, TimeUnit.SECONDS));
            System.out.println("cancel storm: " + outcomes);
            engine.close(); // its idle wake-up pipes, kept for reuse, go too
            assertEquals(fdsBefore, Fds.awaitSocketsAndPipes(fdsBefore, 2000), "sockets and pipes left open");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<Thread> extra;
            do {
                extra = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !threadsBefore.contains(t) && t.isAlive() && t.getName().startsWith("connect-doctor"))
                        .toList();
                if (!extra.isEmpty()) {
                    Thread.sleep(20);
                }
            } while (!extra.isEmpty() && System.nanoTime() < deadline);
            assertEquals(List.of(), extra, "Connect Doctor threads still running");
        }
    }
}
