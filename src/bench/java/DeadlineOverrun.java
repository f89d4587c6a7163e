import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSocket;

/**
 * How far past a 1 ms limit a probe ends: N probes (default 10,000) to a silent loopback peer (a
 * listener with backlog 0 whose accept queue is full, so SYNs are dropped). Prints the overrun of
 * each attempt past its limit (max, p99, median, min) and how many probes ran and timed out.
 * src/bench/deadline.sh runs it beside two CPU-bound processes. Loopback only; asserts nothing.
 */
public final class DeadlineOverrun {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Duration limit = Duration.ofMillis(1);
        try (ProbeEngine engine = ProbeEngine.system();
             NativeSocket listener = engine.sockets().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket()) {
            int port = listener.localAddress().port();
            filler.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).timeout(limit)
                    .resetOnClose(true).build();
            for (int i = 0; i < 500; i++) {
                engine.run(request); // warm-up
            }
            long[] overrun = new long[n];
            long[] wallOverrun = new long[n];
            int timedOut = 0;
            int under = 0;
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                ProbeReport r = engine.run(request);
                wallOverrun[i] = System.nanoTime() - t - limit.toNanos();
                overrun[i] = r.decisive().elapsedNanos() - limit.toNanos();
                if (r.outcome() == Outcome.TIMED_OUT) {
                    timedOut++;
                }
                if (overrun[i] < 0) {
                    under++;
                }
            }
            Arrays.sort(overrun);
            Arrays.sort(wallOverrun);
            System.out.printf("probes run: %d, timed out: %d, ended before the limit: %d%n", n, timedOut, under);
            print("attempt overrun", overrun);
            print("run() overrun  ", wallOverrun);
        }
    }

    private static void print(String what, long[] sorted) {
        int n = sorted.length;
        System.out.printf("%s (us): max %.1f  p99 %.1f  median %.1f  min %.1f%n", what, sorted[n - 1] / 1e3,
                sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e3, sorted[n / 2] / 1e3, sorted[0] / 1e3);
    }
}
