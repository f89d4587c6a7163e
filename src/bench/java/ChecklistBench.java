import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import org.connectdoctor.checklist.CheckResult;
import org.connectdoctor.checklist.ChecklistResult;
import org.connectdoctor.checklist.ChecklistRunner;
import org.connectdoctor.checklist.Profile;
import org.connectdoctor.checklist.ProfileParser;
import org.connectdoctor.checklist.Verdict;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.sys.NativeSocket;

/**
 * Whether a checklist lasts about as long as its slowest check: a profile of N checks (default
 * 200) with S silent targets (default 20) and a limit of L seconds (default 2), run R times
 * (default 5). The other checks go half to a loopback listener, half to a closed loopback port; the
 * silent target is a listener with backlog 0 whose accept queue is full, so SYNs are dropped.
 * Prints, per run, the whole run's time, the slowest check and the sum of all checks' times.
 * Loopback only; asserts nothing. src/bench/checklist.sh runs it.
 */
public final class ChecklistBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int silentCount = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int limitSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (ProbeEngine engine = ProbeEngine.system();
             ServerSocket listening = new ServerSocket(0, 1024, InetAddress.getByName("127.0.0.1"));
             NativeSocket silent = engine.sockets().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket()) {
            filler.connect(new InetSocketAddress("127.0.0.1", silent.localAddress().port()), 5000);
            Thread acceptor = new Thread(() -> {
                while (!listening.isClosed()) {
                    try (Socket s = listening.accept()) {
                        s.getPort();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int closedPort;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = probe.getLocalPort();
            }
            StringBuilder yaml = new StringBuilder("name: bench\ntimeout: " + limitSeconds + "s\nchecks:\n");
            for (int i = 0; i < n; i++) {
                int port = i < silentCount ? silent.localAddress().port()
                        : (i % 2 == 0 ? listening.getLocalPort() : closedPort);
                yaml.append("  - {name: c").append(i).append(", target: '127.0.0.1:").append(port).append("', expect: ")
                        .append(i < silentCount ? "blocked" : i % 2 == 0 ? "reachable" : "refused").append("}\n");
            }
            Profile profile = ProfileParser.parse(yaml.toString(), "bench");
            System.out.printf("%d checks (%d silent), limit %d s, concurrency %d, %d runs, %d CPUs%n", n, silentCount,
                    limitSeconds, ChecklistRunner.CONCURRENCY, runs, Runtime.getRuntime().availableProcessors());
            double[] totals = new double[runs];
            for (int r = 0; r < runs; r++) {
                ChecklistResult result = new ChecklistRunner(engine).run(profile.name(), profile.checks(),
                        ChecklistRunner.Listener.NONE);
                double slowest = 0;
                double sum = 0;
                int timedOut = 0;
                for (CheckResult c : result.results()) {
                    slowest = Math.max(slowest, c.elapsedMillis());
                    sum += c.elapsedMillis();
                    timedOut += c.verdict() == Verdict.TIMED_OUT ? 1 : 0;
                }
                totals[r] = result.elapsedNanos() / 1e6;
                System.out.printf("run %d: total %.1f ms, slowest check %.1f ms, sum of checks %.1f ms, %d timed out, "
                        + "%d of %d met%n", r + 1, totals[r], slowest, sum, timedOut, result.metCount(), n);
            }
            Arrays.sort(totals);
            System.out.printf("total over %d runs: min %.1f ms, median %.1f ms, max %.1f ms%n", runs, totals[0],
                    totals[runs / 2], totals[runs - 1]);
        }
    }
}
