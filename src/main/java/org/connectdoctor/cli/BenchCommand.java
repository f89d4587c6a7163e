package org.connectdoctor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.AppInfo;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code connect-doctor bench}: how fast the probe path is against the floor, on loopback only. Prints
 * figures; asserts nothing. Side by side in one run: the C floor (src/bench/c/connect_loop.c, when
 * given), Connect Doctor's engine (the full probe path), and what a Java program would write instead
 * (java.net.Socket, SocketChannel); then a 1,000-endpoint run with bounded concurrency, and nmap on
 * the same ports where it is installed.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Measures the probe path on loopback against the C floor and plain Java sockets, then "
                + "probes many loopback endpoints at once. Prints median and p99 per probe and probes per second. "
                + "Sends nothing beyond 127.0.0.1."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "20000",
            description = "Probes per method and port. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--c-floor", paramLabel = "PROGRAM",
            description = "The compiled src/bench/c/connect_loop.c (src/bench/run.sh builds it with cc).")
    Path cFloor;

    @Option(names = "--endpoints", paramLabel = "N", defaultValue = "1000",
            description = "Endpoints for the many-target run, half listening, half closed. Default: ${DEFAULT-VALUE}.")
    int endpoints;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "Probes at once in the many-target run. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--no-nmap", description = "Do not time nmap even where it is installed.")
    boolean noNmap;

    private PrintWriter out;

    /** Per-probe figures of one method against one port. */
    record Result(String method, String target, long median, long p99, double probesPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (count < 100 || count > 10_000_000 || endpoints < 2 || endpoints > 20_000 || concurrency < 1 || concurrency > 1024) {
            spec.commandLine().getErr().println(AppInfo.COMMAND + ": bench takes --count 100..10000000, --endpoints "
                    + "2..20000 and --concurrency 1..1024.");
            return ExitCodes.USAGE;
        }
        // Closed on every path, an exception in a measurement included (issue #11 §1).
        try (ProbeEngine engine = ProbeEngine.system()) {
            out.println("connect-doctor bench: " + AppInfo.versionLine());
            out.println(Runtime.getRuntime().availableProcessors() + " CPUs; loopback only; every socket closes with "
                    + "SO_LINGER 0 (a reset), so no TIME_WAIT builds up; each method is warmed up with "
                    + (count / 10) + " probes first.");
            out.flush();
            try (ServerSocketChannel listener = ServerSocketChannel.open()) {
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
                Thread acceptor = acceptLoop(listener);
                int open = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                int closed = closedPort();
                List<Result> results = new ArrayList<>();
                for (int port : new int[] {open, closed}) {
                    String target = port == open ? "listening" : "closed";
                    if (cFloor != null) {
                        results.addAll(cFloor(port, target));
                    }
                    results.add(measure("engine (full probe path)", target, () -> engineProbe(engine, port)));
                    results.add(measure("java.net.Socket", target, () -> socketProbe(port)));
                    results.add(measure("SocketChannel", target, () -> channelProbe(port)));
                }
                acceptor.interrupt();
                printTable(results);
            }
            manyTargets(engine);
        }
        return ExitCodes.OK;
    }

    private interface Probe {
        void run() throws Exception;
    }

    private Result measure(String method, String target, Probe probe) throws Exception {
        for (int i = 0; i < count / 10; i++) {
            probe.run();
        }
        long[] t = new long[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            probe.run();
            t[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(t);
        return new Result(method, target, t[count / 2], t[(int) (count * 0.99)], count / (total / 1e9));
    }

    private static void engineProbe(ProbeEngine engine, int port) throws InvalidInputException {
        ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).resetOnClose(true)
                .timeout(Duration.ofSeconds(5)).build());
        if (r.outcome() != Outcome.CONNECTED && r.outcome() != Outcome.FAILED) {
            throw new IllegalStateException("unexpected " + r.outcome());
        }
    }

    private static void socketProbe(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.setSoLinger(true, 0);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        } catch (java.net.ConnectException refused) {
            // the closed port's answer: as cheap as the open one's
        }
    }

    private static void channelProbe(int port) throws IOException {
        try (SocketChannel c = SocketChannel.open()) {
            c.setOption(StandardSocketOptions.SO_LINGER, 0);
            c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (java.net.ConnectException refused) {
            // as above
        }
    }

    private List<Result> cFloor(int port, String target) throws IOException, InterruptedException {
        if (!Files.isExecutable(cFloor)) {
            out.println("(C floor " + cFloor + " is not an executable file: left out)");
            return List.of();
        }
        Process p = new ProcessBuilder(cFloor.toString(), Integer.toString(count), Integer.toString(port))
                .redirectErrorStream(true).start();
        List<Result> results = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.strip().split("\\s+");
                if (f.length != 6) {
                    continue;
                }
                results.add(new Result("C " + (f[0].equals("nonblocking") ? "non-blocking (floor)" : "blocking"), target,
                        Long.parseLong(f[3]), Long.parseLong(f[4]), Double.parseDouble(f[5])));
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return results;
    }

    private void printTable(List<Result> results) {
        out.println();
        out.printf(Locale.ROOT, "%-28s %-10s %11s %11s %12s %9s%n", "method", "port", "median us", "p99 us",
                "probes/s", "x floor");
        for (Result r : results) {
            Result floor = results.stream().filter(f -> f.method().equals("C non-blocking (floor)")
                    && f.target().equals(r.target())).findFirst().orElse(null);
            String ratio = floor == null ? "" : String.format(Locale.ROOT, "%.2f", r.median() / (double) floor.median());
            out.printf(Locale.ROOT, "%-28s %-10s %11.1f %11.1f %12.0f %9s%n", r.method(), r.target(), r.median() / 1e3,
                    r.p99() / 1e3, r.probesPerSecond(), ratio);
        }
        out.flush();
    }

    private void manyTargets(ProbeEngine engine) throws Exception {
        int half = endpoints / 2;
        List<ServerSocketChannel> listeners = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < half; i++) {
                ServerSocketChannel l = ServerSocketChannel.open();
                l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
                listeners.add(l);
                ports.add(((InetSocketAddress) l.getLocalAddress()).getPort());
            }
            for (int i = 0; i < endpoints - half; i++) {
                ports.add(closedPort());
            }
            List<ProbeRequest> requests = new ArrayList<>();
            for (int port : ports) {
                requests.add(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).resetOnClose(true)
                        .timeout(Duration.ofSeconds(2)).build());
            }
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                runAll(engine, pool, requests); // warm-up of the threads and their paths
                long start = System.nanoTime();
                Map<Outcome, Integer> outcomes = runAll(engine, pool, requests);
                long total = System.nanoTime() - start;
                out.println();
                out.printf(Locale.ROOT, "%d loopback endpoints (%d listening, %d closed), %d at once: %.1f ms in all, "
                        + "%.0f probes/s; outcomes %s%n", endpoints, half, endpoints - half, concurrency, total / 1e6,
                        endpoints / (total / 1e9), outcomes);
            } finally {
                pool.shutdownNow();
            }
            if (!noNmap) {
                nmap(ports);
            }
        } finally {
            for (ServerSocketChannel l : listeners) {
                l.close();
            }
        }
        out.flush();
    }

    private static Map<Outcome, Integer> runAll(ProbeEngine engine, ExecutorService pool, List<ProbeRequest> requests)
            throws Exception {
        List<Future<ProbeReport>> futures = new ArrayList<>();
        for (ProbeRequest r : requests) {
            futures.add(pool.submit(() -> engine.run(r)));
        }
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (Future<ProbeReport> f : futures) {
            outcomes.merge(f.get(1, TimeUnit.MINUTES).outcome(), 1, Integer::sum);
        }
        return outcomes;
    }

    private void nmap(List<Integer> ports) throws IOException, InterruptedException {
        Path nmap = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, "nmap");
            if (Files.isExecutable(candidate)) {
                nmap = candidate;
                break;
            }
        }
        if (nmap == null) {
            out.println("nmap is not installed: no comparison (apt-get install nmap to have one).");
            return;
        }
        StringBuilder list = new StringBuilder();
        for (int p : ports) {
            list.append(list.length() == 0 ? "" : ",").append(p);
        }
        long start = System.nanoTime();
        Process p = new ProcessBuilder(nmap.toString(), "-n", "-sT", "-Pn", "-p", list.toString(), "127.0.0.1")
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        long total = System.nanoTime() - start;
        long open = text.lines().filter(l -> l.matches("\\d+/tcp\\s+open.*")).count();
        out.printf(Locale.ROOT, "nmap -n -sT on the same %d ports: %.1f ms in all (%d open), including its own start-up%n",
                ports.size(), total / 1e6, open);
    }

    private static Thread acceptLoop(ServerSocketChannel listener) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                // Closed at once with a FIN; the probing side sends the reset, as a probe does.
                try (SocketChannel c = listener.accept()) {
                    c.isOpen();
                } catch (IOException e) {
                    return;
                }
            }
        }, "bench-accept");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static int closedPort() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
    }
}
