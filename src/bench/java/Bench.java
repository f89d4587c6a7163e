import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;

/**
 * The developer's benchmark of the probe path, on loopback only (src/bench/run.sh runs it; it is never
 * part of the packaged application, and asserts nothing). Side by side in one run: the C floor
 * (src/bench/c/connect_loop.c), Connect Doctor's engine (in this JVM, and in a JVM of its own with
 * the run image's JIT flags), java.net.Socket and SocketChannel against a listening and a closed
 * port, in rounds that take every method in turn, each ratio against the floor of its own round;
 * 1,000 distinct endpoints against nmap -sT with the attempts each side reports counted; the command
 * line's marginal cost of one more repeated probe (text and JSON).
 *
 * <pre>
 *   java -cp CLASSES Bench [--count N] [--rounds R] [--c-floor PROGRAM] [--cli LAUNCHER] [--endpoints N] [--concurrency N]
 *   java -cp CLASSES Bench --loop engine|socket|channel closed|listening WARM N   (for callgrind)
 *   java -cp CLASSES Bench --engine-row PORT closed|listening WARM N             (the child JVM's side)
 * </pre>
 */
public final class Bench {

    private int count = 20_000;
    /** The table is measured in this many rounds of count / rounds probes, every method in each round. */
    private int rounds = 5;
    /** Probes timed per method per round; the warm-up before each is count / 10 in the first round only. */
    private int sample = 20_000;
    private int warm = 2_000;
    private Path cFloor;
    private Path cli;
    private int endpoints = 1000;
    private int concurrency = 32;
    /** The engine's limit per attempt; --loop raises it, as -Xbatch under valgrind compiles inside an attempt. */
    private Duration limit = Duration.ofSeconds(5);
    /** The sockets that hold this run's closed ports (see {@link #closedPort}). */
    private final List<SocketChannel> heldClosed = new ArrayList<>();

    /** Per-probe figures of one method against one port. */
    record Result(String method, String target, long median, long p99, double probesPerSecond) {
    }

    private interface Probe {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Bench b = new Bench();
        if (args.length == 5 && args[0].equals("--engine-row")) {
            b.warm = Integer.parseInt(args[3]);
            b.sample = Integer.parseInt(args[4]);
            b.engineRow(Integer.parseInt(args[1]), args[2]);
            return;
        }
        if (args.length == 5 && args[0].equals("--loop")) {
            try {
                b.loop(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            } finally {
                b.releaseClosedPorts();
            }
            return;
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> b.count = Integer.parseInt(args[++i]);
                case "--rounds" -> b.rounds = Math.max(1, Integer.parseInt(args[++i]));
                case "--c-floor" -> b.cFloor = Path.of(args[++i]);
                case "--cli" -> b.cli = Path.of(args[++i]);
                case "--endpoints" -> b.endpoints = Integer.parseInt(args[++i]);
                case "--concurrency" -> b.concurrency = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("Bench: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        try {
            b.all();
        } finally {
            b.releaseClosedPorts();
        }
    }

    /**
     * Only the probes, WARM then N of them: what callgrind counts. Two runs that differ in N only give
     * the instructions of one probe as (I2 - I1) / (N2 - N1); with -Xbatch the JIT compiles at the same
     * invocation counts in both, so the difference is repeatable on a loaded machine.
     */
    private void loop(String method, String port, int warm, int n) throws Exception {
        limit = Duration.ofMinutes(5);
        if (method.startsWith("cli-")) {
            cliLoop(method.equals("cli-json"), warm, n);
            return;
        }
        try (ProbeEngine engine = ProbeEngine.system(); ServerSocketChannel listener = listener(4096)) {
            Thread acceptor = acceptLoop(listener);
            int p = port.equals("listening") ? ((InetSocketAddress) listener.getLocalAddress()).getPort() : closedPort();
            Probe probe = probeOf(method, engine, p);
            for (int i = 0; i < warm; i++) {
                probe.run();
            }
            // Under valgrind --tool=callgrind: counters zeroed after the warm-up and dumped after the N
            // probes, so the dump holds those probes (and one callgrind_control round trip) only.
            boolean callgrind = Boolean.getBoolean("bench.callgrind");
            if (callgrind) {
                callgrindControl("-z");
            }
            for (int i = 0; i < n; i++) {
                probe.run();
            }
            if (callgrind) {
                callgrindControl("-d");
            }
            acceptor.interrupt();
        }
    }

    /**
     * The command line in this process (org.connectdoctor.cli.Cli.run, output to a discarding stream):
     * one {@code probe --count WARM} first, then, counted, one {@code probe --count N} of a closed port.
     */
    private void cliLoop(boolean json, int warm, int n) throws Exception {
        int port = closedPort();
        java.io.OutputStream sink = java.io.OutputStream.nullOutputStream();
        for (int count : new int[] {warm, n}) {
            List<String> args = new ArrayList<>(List.of("probe", "--count", Integer.toString(count), "--interval", "0s",
                    "--brief"));
            if (json) {
                args.add("--json");
            }
            args.add("127.0.0.1:" + port);
            boolean counted = count == n && Boolean.getBoolean("bench.callgrind");
            if (counted) {
                callgrindControl("-z");
            }
            org.connectdoctor.cli.Cli.run(args.toArray(new String[0]), sink, sink);
            if (counted) {
                callgrindControl("-d");
            }
        }
    }

    private static void callgrindControl(String command) throws Exception {
        Process p = new ProcessBuilder("callgrind_control", command, Long.toString(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("callgrind_control " + command + " failed: is this run under callgrind?");
        }
    }

    private Probe probeOf(String method, ProbeEngine engine, int port) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        return switch (method) {
            case "engine" -> {
                // The request is built once, as the command line and the window build it once per
                // user input; the timed part is engine.run: resolution of the literal, socket, connect,
                // poll, SO_ERROR, the report.
                ProbeRequest request = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + port)).resetOnClose(true)
                        .timeout(limit).build();
                yield () -> {
                    ProbeReport r = engine.run(request);
                    if (r.outcome() != Outcome.CONNECTED && r.outcome() != Outcome.FAILED) {
                        throw new IllegalStateException("unexpected " + r.outcome());
                    }
                };
            }
            case "socket" -> () -> {
                try (Socket s = new Socket()) {
                    s.setSoLinger(true, 0);
                    s.connect(to, 5000);
                } catch (java.net.ConnectException refused) {
                    // the closed port's answer
                }
            };
            case "channel" -> () -> {
                try (SocketChannel c = SocketChannel.open()) {
                    c.setOption(StandardSocketOptions.SO_LINGER, 0);
                    c.connect(to);
                } catch (java.net.ConnectException refused) {
                    // as above
                }
            };
            default -> throw new IllegalArgumentException("method engine, socket or channel, not " + method);
        };
    }

    private void all() throws Exception {
        sample = Math.max(1, count / rounds);
        System.out.println(Runtime.getRuntime().availableProcessors() + " CPUs; loadavg " + loadavg()
                + "; loopback only; every socket closes with SO_LINGER 0 (a reset), so no TIME_WAIT builds up; "
                + count + " probes timed per method and port, in " + rounds + " rounds of " + sample
                + " that take every method in turn (so a change of load hits them all alike); each method warmed up "
                + "with " + (count / 10) + " probes before its first round.");
        System.out.println("This JVM (every row but \"engine, packaged flags\"): "
                + String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
                + "; \"engine, packaged flags\" runs in a JVM of its own with the run image's " + PACKAGED_FLAGS + ".");
        try (ProbeEngine engine = ProbeEngine.system()) {
            try (ServerSocketChannel listener = listener(4096)) {
                Thread acceptor = acceptLoop(listener);
                int open = ((InetSocketAddress) listener.getLocalAddress()).getPort();
                int closed = closedPort();
                List<List<Result>> perRound = new ArrayList<>();
                for (int port : new int[] {open, closed}) {
                    String target = port == open ? "listening" : "closed";
                    for (int round = 0; round < rounds; round++) {
                        warm = round == 0 ? count / 10 : 0;
                        List<Result> results = new ArrayList<>();
                        if (cFloor != null) {
                            results.addAll(cFloor(port, target));
                        }
                        results.add(measure("engine (ProbeEngine.run)", target, probeOf("engine", engine, port)));
                        warm = count / 10; // the child JVM starts cold every round
                        results.addAll(engineUnderPackagedFlags(port, target));
                        warm = round == 0 ? count / 10 : 0;
                        results.add(measure("java.net.Socket", target, probeOf("socket", engine, port)));
                        results.add(measure("SocketChannel", target, probeOf("channel", engine, port)));
                        perRound.add(results);
                    }
                }
                acceptor.interrupt();
                printTable(perRound);
            }
            manyTargets(engine);
        }
        if (cli != null) {
            cliMarginal();
        }
    }

    /**
     * The JIT flags the run image's launcher gives the JVM (lib/app/connect-doctor.cfg): C1 only,
     * for start-up. The engine row under them comes from a JVM of its own.
     */
    private static final List<String> PACKAGED_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms16m");

    /** The engine against {@code port} in a child JVM with {@link #PACKAGED_FLAGS}; its one line parsed. */
    private List<Result> engineUnderPackagedFlags(int port, String target) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(PACKAGED_FLAGS);
        for (String property : new String[] {"jna.boot.library.path", "jna.nounpack", "jna.nosys"}) {
            if (System.getProperty(property) != null) {
                cmd.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "Bench", "--engine-row", Integer.toString(port),
                target, Integer.toString(warm), Integer.toString(sample)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            System.out.println("(engine under the packaged flags failed: " + text.strip() + ")");
            return List.of();
        }
        String[] f = text.strip().split("\\s+");
        return List.of(new Result("engine, packaged flags", target, Long.parseLong(f[0]), Long.parseLong(f[1]),
                Double.parseDouble(f[2])));
    }

    /** The child's side: "median_ns p99_ns probes_per_s" of the engine against {@code port}. */
    private void engineRow(int port, String target) throws Exception {
        try (ProbeEngine engine = ProbeEngine.system()) {
            Result r = measure("engine", target, probeOf("engine", engine, port));
            System.out.println(r.median() + " " + r.p99() + " " + r.probesPerSecond());
        }
    }

    private Result measure(String method, String target, Probe probe) throws Exception {
        for (int i = 0; i < warm; i++) {
            probe.run();
        }
        long[] t = new long[sample];
        long start = System.nanoTime();
        for (int i = 0; i < sample; i++) {
            long t0 = System.nanoTime();
            probe.run();
            t[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        Arrays.sort(t);
        return new Result(method, target, t[sample / 2], t[(int) (sample * 0.99)], sample / (total / 1e9));
    }

    private List<Result> cFloor(int port, String target) throws IOException, InterruptedException {
        if (!Files.isExecutable(cFloor)) {
            System.out.println("(C floor " + cFloor + " is not an executable file: left out)");
            return List.of();
        }
        Process p = new ProcessBuilder(cFloor.toString(), Integer.toString(sample), Integer.toString(port))
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

    private static Result floorOf(List<Result> results, String target) {
        return results.stream().filter(f -> f.method().equals("C non-blocking (floor)") && f.target().equals(target))
                .findFirst().orElse(null);
    }

    /**
     * One row per method and port: the median over the rounds of each round's median, p99 and
     * probes/s, and of each round's ratio to the floor measured in the same round.
     */
    private void printTable(List<List<Result>> perRound) {
        Map<String, List<double[]>> rows = new java.util.LinkedHashMap<>();
        for (List<Result> round : perRound) {
            for (Result r : round) {
                Result floor = floorOf(round, r.target());
                double ratio = floor == null ? Double.NaN : r.median() / (double) floor.median();
                rows.computeIfAbsent(r.method() + "\u0000" + r.target(), k -> new ArrayList<>())
                        .add(new double[] {r.median(), r.p99(), r.probesPerSecond(), ratio});
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %-10s %11s %11s %12s %9s   %s%n", "method", "port", "median us", "p99 us",
                "probes/s", "x floor", "x floor in each round");
        for (Map.Entry<String, List<double[]>> e : rows.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            List<double[]> v = e.getValue();
            StringBuilder each = new StringBuilder();
            for (double[] r : v) {
                each.append(each.length() == 0 ? "" : " ").append(Double.isNaN(r[3]) ? "-"
                        : String.format(Locale.ROOT, "%.2f", r[3]));
            }
            double ratio = medianOf(v, 3);
            System.out.printf(Locale.ROOT, "%-28s %-10s %11.1f %11.1f %12.0f %9s   %s%n", key[0], key[1],
                    medianOf(v, 0) / 1e3, medianOf(v, 1) / 1e3, medianOf(v, 2),
                    Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2f", ratio), each);
        }
        System.out.flush();
    }

    private static double medianOf(List<double[]> values, int column) {
        double[] c = values.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private void manyTargets(ProbeEngine engine) throws Exception {
        int half = endpoints / 2;
        List<ServerSocketChannel> listeners = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < half; i++) {
                ServerSocketChannel l = listener(16);
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
                int attempts = outcomes.values().stream().mapToInt(Integer::intValue).sum();
                System.out.println();
                System.out.printf(Locale.ROOT, "%d loopback endpoints (%d distinct ports: %d listening, %d closed), "
                        + "%d at once: engine %.1f ms in all, %.0f probes/s; %d attempts reported: %s%n", endpoints,
                        new java.util.HashSet<>(ports).size(), half, endpoints - half, concurrency, total / 1e6,
                        attempts / (total / 1e9), attempts, outcomes);
            } finally {
                pool.shutdownNow();
            }
            nmap(ports, ports.subList(0, half));
        } finally {
            for (ServerSocketChannel l : listeners) {
                l.close();
            }
            releaseClosedPorts();
        }
        System.out.flush();
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

    private static final Pattern NMAP_PORT = Pattern.compile("(?m)^(\\d+)/tcp\\s+(\\S+)");
    private static final Pattern NMAP_NOT_SHOWN = Pattern.compile("(\\d+) (\\S+) (?:tcp )?ports");

    /**
     * nmap -sT on the same ports; its time counts only when it reports a state for every one of
     * them and its open ports are exactly the listening ones (nmap's own start-up is in its time).
     */
    private void nmap(List<Integer> ports, List<Integer> listening) throws IOException, InterruptedException {
        Path nmap = onPath("nmap");
        if (nmap == null) {
            System.out.println("nmap is not installed: no comparison (src/bench/run.sh installs it when it can).");
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
        // Listed ports ("PORT/tcp STATE"), then the ones summed up as "Not shown: N closed tcp ports (...)".
        Map<String, Integer> states = new java.util.TreeMap<>();
        java.util.Set<Integer> open = new java.util.HashSet<>();
        Matcher m = NMAP_PORT.matcher(text);
        while (m.find()) {
            states.merge(m.group(2), 1, Integer::sum);
            if (m.group(2).equals("open")) {
                open.add(Integer.parseInt(m.group(1)));
            }
        }
        for (String line : text.lines().filter(l -> l.startsWith("Not shown:")).toList()) {
            Matcher n = NMAP_NOT_SHOWN.matcher(line);
            while (n.find()) {
                states.merge(n.group(2), Integer.parseInt(n.group(1)), Integer::sum);
            }
        }
        int reported = states.values().stream().mapToInt(Integer::intValue).sum();
        int distinct = new java.util.HashSet<>(ports).size();
        boolean complete = reported == ports.size() && distinct == ports.size()
                && open.equals(new java.util.HashSet<>(listening)) && states.getOrDefault("closed", 0)
                == ports.size() - listening.size();
        System.out.printf(Locale.ROOT, "nmap -n -sT -Pn on the same %d ports: %.1f ms in all (its own start-up "
                + "included); %d states reported %s%s%n", ports.size(), total / 1e6, reported, states,
                complete ? ", every port as the engine found it" : ": NOT every port as the engine found it ("
                        + distinct + " distinct ports), so its time is not comparable");
    }

    /**
     * The command line's cost of one more back-to-back probe of a closed port: wall time of
     * {@code probe --count 5200} minus {@code --count 200}, over 5000, median of 5 pairs, for text and
     * JSON; each run's own count of attempts is checked before its time is used.
     */
    private void cliMarginal() throws Exception {
        int port = closedPort();
        int small = 200;
        int large = 5200;
        System.out.println();
        for (boolean json : new boolean[] {false, true}) {
            double[] perProbe = new double[5];
            for (int i = 0; i < perProbe.length; i++) {
                long a = cliRun(port, small, json);
                long b = cliRun(port, large, json);
                perProbe[i] = (b - a) / (double) (large - small);
            }
            Arrays.sort(perProbe);
            System.out.printf(Locale.ROOT, "CLI %s, one more probe of a closed port (--count %d vs %d, "
                    + "--interval 0s --brief, median of 5 pairs): %.1f us (pairs %s)%n",
                    json ? "--json" : "text  ", large, small, perProbe[2] / 1e3, Arrays.toString(
                            Arrays.stream(perProbe).map(v -> Math.round(v / 100) / 10.0).toArray()));
        }
    }

    private static final Pattern TEXT_SENT = Pattern.compile("(?m)^(\\d+) probes, ");
    private static final Pattern JSON_SENT = Pattern.compile("\"sent\"\\s*:\\s*(\\d+)");

    private long cliRun(int port, int n, boolean json) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(cli.toString(), "probe", "--count", Integer.toString(n),
                "--interval", "0s", "--brief"));
        if (json) {
            cmd.add("--json");
        }
        cmd.add("127.0.0.1:" + port);
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        // each run's history line goes to a folder of the bench's own, not the user's history
        pb.environment().put("CONNECT_DOCTOR_DATA", benchData().toString());
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(5, TimeUnit.MINUTES);
        long t = System.nanoTime() - t0;
        Matcher m = (json ? JSON_SENT : TEXT_SENT).matcher(text);
        long sent = m.find() ? Long.parseLong(m.group(1)) : -1;
        long lines = json ? text.split("\"round\"", -1).length - 1 : text.lines().filter(l -> l.contains("Trying")).count();
        if (sent != n || lines != n) {
            throw new IllegalStateException("the CLI reported " + sent + " probes sent and " + lines
                    + " attempts printed, not " + n + ": " + cmd);
        }
        return t;
    }

    private static Path benchData;

    /** The data folder of the command-line runs, removed when the bench ends. */
    private static synchronized Path benchData() throws IOException {
        if (benchData == null) {
            benchData = Files.createTempDirectory("connect-doctor-bench");
            Path dir = benchData;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                } catch (IOException e) {
                    // a temporary folder left behind
                }
            }));
        }
        return benchData;
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static ServerSocketChannel listener(int backlog) throws IOException {
        ServerSocketChannel l = ServerSocketChannel.open();
        l.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
        return l;
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

    /**
     * A closed port that stays closed and distinct: a TCP socket bound to it and never listening,
     * held until {@link #releaseClosedPorts}. A SYN to it is answered with a reset, as to a port
     * nobody holds; meanwhile no other program can take the port, no later call here returns it
     * again, and no probe's own ephemeral port can be it (no connection to itself). Binding port 0
     * and closing at once, as this bench did before, gave 11 to 12 repeated ports among 500 (the
     * kernel is free to hand a released port out again): nmap scans a repeated port once, so it
     * reported 988 states for "1,000" ports while the engine probed the repeats twice.
     */
    private int closedPort() throws IOException {
        SocketChannel s = SocketChannel.open();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        heldClosed.add(s);
        return ((InetSocketAddress) s.getLocalAddress()).getPort();
    }

    private void releaseClosedPorts() throws IOException {
        for (SocketChannel s : heldClosed) {
            s.close();
        }
        heldClosed.clear();
    }
}
