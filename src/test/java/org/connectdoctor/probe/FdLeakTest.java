package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Fds;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ten thousand probes of mixed outcomes leave no descriptor open. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FdLeakTest {

    @TempDir
    Path dir;

    @Test
    void tenThousandProbesLeaveNoDescriptorBehind() throws Exception {
        ProbeEngine engine = ProbeEngine.system();
        try (ServerSocket server = Loopback.acceptingServer(200)) {
            ProbeRequest[] requests = {
                Probes.build(Probes.to("127.0.0.1:" + server.getLocalPort()).resetOnClose(true)),
                Probes.stream("127.0.0.1:" + Loopback.closedTcpPort()),
                Probes.stream(dir.resolve("none.sock").toString()),
                Probes.build(Probes.to("127.0.0.1:" + Loopback.closedUdpPort())
                        .type(org.connectdoctor.net.SocketType.DGRAM)),
            };
            for (ProbeRequest r : requests) {
                engine.run(r); // warm-up: loads the native library and the JIT'd paths
            }
            int before = Fds.socketsAndPipes();
            Map<String, Integer> outcomes = new java.util.TreeMap<>();
            for (int i = 0; i < 10_000; i++) {
                ProbeReport report = engine.run(requests[i % requests.length]);
                Attempt a = report.decisive();
                outcomes.merge(report.outcome() + (a.error() == null ? "" : " " + a.error().symbol()), 1, Integer::sum);
            }
            assertEquals(before, Fds.awaitSocketsAndPipes(before, 2000), "open sockets and pipes after 10,000 probes " + outcomes);
            assertEquals(Map.of("CONNECTED", 2_500, "FAILED ECONNREFUSED", 5_000, "FAILED ENOENT", 2_500), outcomes);
        }
    }
}
