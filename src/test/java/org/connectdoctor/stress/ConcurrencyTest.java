package org.connectdoctor.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** 200 probes at once, from 20 threads, give each target the same result a sequential run gives. */
@Tag("soak")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrencyTest {

    @TempDir
    Path dir;

    /** What a report says, for comparing: outcome, errno and address of every attempt. */
    private static String summary(ProbeReport r) {
        StringBuilder sb = new StringBuilder(r.outcome().name());
        r.attempts().forEach(a -> sb.append(' ').append(a.address().display()).append('=').append(a.outcome())
                .append(a.error() == null ? "" : "/" + a.error().symbol()));
        return sb.toString();
    }

    @Test
    void twoHundredAtOnceMatchTheSequentialRun() throws Exception {
        List<ServerSocket> servers = new ArrayList<>();
        try (ProbeEngine engine = ProbeEngine.system()) {
            List<ProbeRequest> targets = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                ServerSocket s = Loopback.acceptingServer(200);
                servers.add(s);
                targets.add(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + s.getLocalPort())).build());
                targets.add(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort())).build());
            }
            targets.add(ProbeRequest.builder(TargetParser.parse(dir.resolve("a.sock").toString())).build());
            targets.add(ProbeRequest.builder(TargetParser.parse("127.0.0.1:no-such-service-here")).build());
            List<String> sequential = new ArrayList<>();
            for (ProbeRequest r : targets) {
                sequential.add(summary(engine.run(r)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(20);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ProbeRequest r = targets.get(i % targets.size());
                futures.add(pool.submit(() -> {
                    start.await();
                    return summary(engine.run(r));
                }));
            }
            start.countDown();
            for (int i = 0; i < 200; i++) {
                assertEquals(sequential.get(i % targets.size()), futures.get(i).get(30, TimeUnit.SECONDS),
                        "probe " + i + " of " + targets.get(i % targets.size()).target().display());
            }
            pool.shutdownNow();
        } finally {
            for (ServerSocket s : servers) {
                s.close();
            }
        }
    }
}
