package org.connectdoctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.AppInfo;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.files.NotAFileException;
import org.connectdoctor.files.SafeFiles;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.report.CsvLines;
import org.connectdoctor.report.Failure;
import org.connectdoctor.report.HistogramBuckets;
import org.connectdoctor.report.JsonReport;
import org.connectdoctor.report.TextReport;
import org.connectdoctor.report.TlsReport;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.tls.TrustSource;
import org.connectdoctor.tls.TrustStores;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connect-doctor probe}: one real connect(2) per address, the exact errno, a verdict. */
@Command(name = "probe",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Connects to TARGET with a real connect(2) and prints every address tried with its errno, "
                + "then a verdict.",
            "",
            "TARGET is host:port, host:service, [IPv6]:port, [fe80::1%%eth0]:port, a Unix socket path "
                + "(/run/app.sock or unix:relative/path) or an abstract Unix name (unix:@name)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:connected, or a datagram was answered (with --count: at least once); with --tls: and TLS passed",
            "1:the connection failed (any errno), timed out, or no reply came; or the TLS check found a problem",
            "2:bad input or usage",
            "3:the name could not be resolved",
            "4:the output could not be written (disk full, closed pipe); JSON is then incomplete",
            "70:internal error (a one-line description is printed)",
            "130:cancelled (Ctrl-C)"})
final class ProbeCommand implements java.util.concurrent.Callable<Integer> {

    CommandLine.Model.CommandSpec spec;

    /**
     * The command's model, as picocli builds it: the help is then worded for this system's sockets
     * (no abstract names or seqpacket offered where they do not exist). A method, not a lambda.
     */
    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec spec) {
        this.spec = spec;
        wordFor(spec, Capabilities.current());
    }

    /** Words the help of {@code spec} for {@code caps}' system. */
    static void wordFor(CommandLine.Model.CommandSpec spec, Capabilities caps) {
        spec.usageMessage().description(description(caps));
        spec.resourceBundle(new HelpWords(caps));
    }

    /** The command's description for {@code caps}' system: the target forms it has. */
    static String[] description(Capabilities caps) {
        return new String[] {"Connects to TARGET with a real connect(2) and prints every address tried with its errno, "
                + "then a verdict.", "", "TARGET is " + targetForms(caps) + "."};
    }

    /** "host:port, …, a Unix socket path (…) or an abstract Unix name (unix:@name)", as far as {@code caps} has them. */
    static String targetForms(Capabilities caps) {
        List<String> forms = new ArrayList<>(List.of("host:port", "host:service", "[IPv6]:port",
                "[fe80::1%%" + switch (caps.osName()) {
                    case "Windows" -> "12";
                    case "macOS" -> "en0";
                    default -> "eth0";
                } + "]:port"));
        if (caps.supports(SocketType.STREAM, Family.UNIX) || caps.supports(SocketType.DGRAM, Family.UNIX)) {
            forms.add("a Unix socket path (" + (caps.osName().equals("Windows") ? "unix:C:\\app\\app.sock"
                    : "/run/app.sock or unix:relative/path") + ")");
        }
        if (caps.abstractUnixNames()) {
            forms.add("an abstract Unix name (unix:@name)");
        }
        return String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.get(forms.size() - 1);
    }

    /** "stream (TCP), dgram (UDP) or seqpacket (SCTP, or Unix seqpacket)", as far as {@code caps} has them. */
    static String typeWords(Capabilities caps) {
        boolean sctp = caps.supports(SocketType.SEQPACKET, Family.INET);
        boolean unix = caps.supports(SocketType.SEQPACKET, Family.UNIX);
        if (!sctp && !unix) {
            return "stream (TCP) or dgram (UDP)";
        }
        return "stream (TCP), dgram (UDP) or seqpacket (" + (sctp && unix ? "SCTP, or Unix seqpacket"
                : sctp ? "SCTP" : "Unix seqpacket") + ")";
    }

    /** The --type description for one system, given to picocli as the option's text (key "type"). */
    static final class HelpWords extends java.util.ListResourceBundle {
        private final Capabilities caps;

        HelpWords(Capabilities caps) {
            this.caps = caps;
        }

        @Override
        protected Object[][] getContents() {
            return new Object[][] {{"type", "Socket type: " + typeWords(caps) + ". Default: ${DEFAULT-VALUE}."}};
        }
    }

    @Parameters(index = "0", paramLabel = "TARGET", description = "What to connect to (see above).")
    String target;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "stream",
            description = "Socket type: stream (TCP), dgram (UDP) or seqpacket (SCTP, or Unix seqpacket). "
                    + "Default: ${DEFAULT-VALUE}.")
    String type;

    @ArgGroup(exclusive = true)
    FamilyOptions familyOptions;

    static final class FamilyOptions {
        @Option(names = "-4", description = "IPv4 addresses only.")
        boolean ipv4;
        @Option(names = "-6", description = "IPv6 addresses only.")
        boolean ipv6;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Limit for each attempt: 1500ms, 2s, 0.5s, 1m. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--source", paramLabel = "ADDR[:PORT]",
            description = "Bind to this local address and/or port first: 127.0.0.2, 10.0.0.5:40000, [::1]:40000, :40000.")
    String source;

    @Option(names = "--broadcast", description = "Set SO_BROADCAST (datagram probes to a broadcast address).")
    boolean broadcast;

    @Option(names = "--any-source",
            description = "Datagram probes: send from an unconnected socket and accept replies from any address "
                    + "(a server that answers from another address; implied by --broadcast). Lists every responder.")
    boolean anySource;

    @ArgGroup(exclusive = true)
    PayloadOptions payloadOptions;

    static final class PayloadOptions {
        @Option(names = "--payload", paramLabel = "TEXT", description = "Datagram payload as UTF-8 text (default: empty).")
        String text;
        @Option(names = "--payload-hex", paramLabel = "HEX", description = "Datagram payload as hex digits: 48656c6c6f or '48 65 6c'.")
        String hex;
        @Option(names = "--payload-file", paramLabel = "FILE",
                description = "Datagram payload read from FILE, or from standard input with -; at most 65535 bytes.")
        String file;
    }

    /** The most --payload-file reads: the largest UDP length field (IPv4 carries 65,507 of it, IPv6 65,527). */
    static final int MAX_PAYLOAD_FILE_BYTES = 65_535;

    @Option(names = {"-c", "--count"}, paramLabel = "N", defaultValue = "1",
            description = "Probe N times and print statistics. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "1s",
            description = "Pause between repeated probes; 0s runs them back to back. Default: ${DEFAULT-VALUE}.")
    String interval;

    /** The most warm-up rounds: as many as counted ones. */
    static final int MAX_WARMUP = ProbeRequest.MAX_COUNT;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "First make N rounds that are not counted: the same connects (without --tls or the "
                    + "proxy's CONNECT), printed as warm-up lines but left out of the statistics, the loss and the "
                    + "verdict. With --json they are made but not written. 0 to " + MAX_WARMUP
                    + ". Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--histogram", paramLabel = "N|B1,B2,...", arity = "0..1", fallbackValue = "",
            parameterConsumer = HistogramArgument.class,
            description = "After the statistics, bars of the connect times: alone, "
                    + HistogramBuckets.DEFAULT_BUCKETS + " equal buckets between the fastest and the slowest "
                    + "(as PsPing); N: N equal buckets (1 to " + HistogramBuckets.MAX_BUCKETS + "); B1,B2,...: "
                    + "buckets up to these bounds in ms, or with a unit (0.5,1,2ms,1s), and one above the last. "
                    + "With --json: statistics.histogram. Needs --count 2 or more.")
    String histogram;

    /**
     * Takes the word after --histogram only when it is a bucket count or bounds (a digit first, no
     * ':' or '/'): "--histogram 127.0.0.1:80" leaves the target to be the target.
     */
    static final class HistogramArgument implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(java.util.Stack<String> args, CommandLine.Model.ArgSpec argSpec,
                                      CommandLine.Model.CommandSpec commandSpec) {
            String next = args.isEmpty() ? null : args.peek();
            boolean ours = next != null && !next.isEmpty() && Character.isDigit(next.charAt(0))
                    && next.indexOf(':') < 0 && next.indexOf('/') < 0 && next.indexOf('\\') < 0;
            argSpec.setValue(ours ? args.pop() : "");
        }
    }

    /** --histogram's words as buckets: "" for the default, N, or upper bounds (bare numbers are ms). */
    static HistogramBuckets histogramBuckets(String text) throws InvalidInputException {
        String accepted = "Write --histogram alone, a number of buckets from 1 to " + HistogramBuckets.MAX_BUCKETS
                + ", or increasing upper bounds in ms or with a unit: 0.5,1,2,5ms,1s.";
        String s = text.strip();
        if (s.isEmpty()) {
            return HistogramBuckets.equal(HistogramBuckets.DEFAULT_BUCKETS);
        }
        if (s.matches("[0-9]{1,9}")) {
            int n = Integer.parseInt(s);
            if (n < 1 || n > HistogramBuckets.MAX_BUCKETS) {
                throw new InvalidInputException("--histogram " + n + ": the number of buckets goes from 1 to "
                        + HistogramBuckets.MAX_BUCKETS + ". " + accepted);
            }
            return HistogramBuckets.equal(n);
        }
        if (s.indexOf(',') < 0 && !s.matches("[0-9.]+\\s*[a-zµ]+")) {
            throw new InvalidInputException("--histogram " + Quoting.quote(text) + " is neither a number of buckets "
                    + "nor bounds. " + accepted);
        }
        String[] words = s.split(",", -1);
        if (words.length > HistogramBuckets.MAX_BOUNDS) {
            throw new InvalidInputException("--histogram takes at most " + HistogramBuckets.MAX_BOUNDS + " bounds, not "
                    + words.length + ". " + accepted);
        }
        List<Long> bounds = new ArrayList<>();
        for (String w : words) {
            String word = w.strip();
            if (word.isEmpty()) {
                throw new InvalidInputException("--histogram " + Quoting.quote(text) + " has an empty bound. " + accepted);
            }
            Duration d;
            try {
                d = Durations.parse(word.matches("[0-9.]+") ? word + "ms" : word, "histogram bound",
                        Duration.ofNanos(1_000), ProbeRequest.MAX_TIMEOUT);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--histogram " + Quoting.quote(text) + ": " + e.getMessage());
            }
            long micros = d.toNanos() / 1_000;
            if (!bounds.isEmpty() && micros <= bounds.get(bounds.size() - 1)) {
                throw new InvalidInputException("--histogram " + Quoting.quote(text) + ": each bound must be larger "
                        + "than the one before. " + accepted);
            }
            bounds.add(micros);
        }
        return HistogramBuckets.upTo(bounds);
    }

    @Option(names = "--csv", paramLabel = "FILE|-",
            description = "Also write one CSV line per attempt as it ends (RFC 4180): "
                    + CsvLines.HEADER + ". Appended to FILE, with the header when the file is new or empty; "
                    + "- writes to standard output, and the text report then goes to standard error. "
                    + "Warm-up rounds are in it with warmup=true.")
    String csv;

    private CsvLog csvLog;

    @Option(names = "--timestamps",
            description = "Begin each line of the attempts with its UTC time: 2026-12-08T02:14:55.123Z.")
    boolean timestamps;

    @Option(names = {"-a", "--all-addresses"},
            description = "Try every resolved address, not only until one connects.")
    boolean allAddresses;

    @Option(names = "--happy-eyeballs",
            description = "Race the addresses as browsers do (RFC 8305): IPv6 first, the next address 250 ms "
                    + "later (at once if one fails), the first to connect wins; the others are cancelled. "
                    + "Stream probes only.")
    boolean happyEyeballs;

    @Option(names = "--tls",
            description = "After the connect, shake hands with TLS on the same connection: protocol, cipher suite, "
                    + "the certificate chain and its checks (dates, name, trust by Java and by this system). "
                    + "Stream (TCP) targets only; the handshake has its own limit of --timeout.")
    boolean tls;

    @Option(names = "--tls-name", paramLabel = "NAME",
            description = "With --tls: the name sent as SNI and checked against the certificate. "
                    + "Default: the target's host name (an address target: the address).")
    String tlsName;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "With --tls: judge the chain against this trust store (PEM certificates, PKCS12 or JKS) "
                    + "in place of Java's own, as the application that fails would.")
    String trustStore;

    @Option(names = "--proxy", paramLabel = "system|URL",
            description = "Go through an HTTP proxy: connect to it (its own connect report), send CONNECT for TARGET "
                    + "and report the proxy's answer; with --tls the handshake then runs through the tunnel. "
                    + "system: the proxy this computer's setting picks for TARGET; URL: http://host:port. "
                    + "No credentials are ever sent.")
    String proxy;

    @Option(names = "--connectivity-check",
            description = "After the probe, fetch this system's own connectivity-check address once (one plain HTTP "
                    + "GET; NetworkManager's configured check, else http://nmcheck.gnome.org/check_network_status.txt "
                    + "on Linux, http://www.msftconnecttest.com/connecttest.txt on Windows, "
                    + "http://captive.apple.com/hotspot-detect.html on macOS) and say whether the internet or a "
                    + "captive portal answered. Sends nothing unless given. Text output only.")
    boolean connectivityCheck;

    @Option(names = "--connectivity-url", paramLabel = "URL",
            description = "With --connectivity-check: fetch this http:// address instead of the system's own.")
    String connectivityUrl;

    @Option(names = "--connectivity-expect", paramLabel = "TEXT",
            description = "With --connectivity-url: the text the address answers when the internet answered "
                    + "(without it, only a redirect or a status tells).")
    String connectivityExpect;

    @Option(names = "--json", description = "Print the whole report, with its explanation, as JSON instead of text.")
    boolean json;

    @Option(names = "--brief", description = "Leave out the explanation: attempts and verdict only.")
    boolean brief;

    @Option(names = "--no-history", description = "Do not add this run to the history (see the history command).")
    boolean noHistory;

    /** The --histogram buckets, or null. */
    private HistogramBuckets buckets;

    /** The target as given, when the probe goes through a proxy (the request's target is then the proxy). */
    private org.connectdoctor.probe.Target.Inet tunnelTarget;

    /** The finished probe and the explanation shown with it, for the history. */
    private ProbeReport finished;
    private Explanation shown;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProbeRequest request;
        try {
            request = request();
            TargetParser.FromUrl url = TargetParser.fromUrl(target);
            if (url != null) {
                // standard error, so --json stays one document
                err.println(AppInfo.COMMAND + ": " + url.note());
                err.flush();
            }
        } catch (InvalidInputException e) {
            err.println(AppInfo.COMMAND + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (warmup < 0 || warmup > MAX_WARMUP) {
            err.println(AppInfo.COMMAND + ": --warmup takes a whole number of rounds from 0 to " + MAX_WARMUP
                    + ", not " + warmup + ".");
            return ExitCodes.USAGE;
        }
        HistogramBuckets buckets = null;
        if (histogram != null) {
            try {
                buckets = histogramBuckets(histogram);
            } catch (InvalidInputException e) {
                err.println(AppInfo.COMMAND + ": " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (request.count() < 2) {
                err.println(AppInfo.COMMAND + ": --histogram shows the times of repeated probes; add --count 2 or more.");
                return ExitCodes.USAGE;
            }
        }
        this.buckets = buckets;
        if (csv != null) {
            String problem = csvProblem(request, out);
            if (problem != null) {
                err.println(AppInfo.COMMAND + ": " + problem);
                return ExitCodes.USAGE;
            }
        }
        try (CsvLog closing = csvLog) {
            int code = probeWith(request, out, err);
            if (csvLog != null && csvLog.failure() != null) {
                err.println(AppInfo.COMMAND + ": the CSV " + ("-".equals(csv) ? "output" : "file " + Quoting.quote(csv))
                        + " could not be written: " + Quoting.shown(String.valueOf(csvLog.failure().getMessage()))
                        + "; the probe stopped there.");
                return ExitCodes.OUTPUT;
            }
            return code;
        } catch (IOException e) {
            err.println(AppInfo.COMMAND + ": the CSV file " + Quoting.quote(csv) + " could not be closed: "
                    + Quoting.shown(String.valueOf(e.getMessage())) + ".");
            return ExitCodes.OUTPUT;
        }
    }

    /** Opens --csv's file (or standard output), or says in one line why not. */
    private String csvProblem(ProbeRequest request, PrintWriter out) {
        if ("-".equals(csv)) {
            if (json) {
                return "--csv - and --json both write to standard output; give --csv a file name.";
            }
            csvLog = CsvLog.stdout(out, !flood(request));
            return null;
        }
        if (csv.isBlank()) {
            return "--csv needs the name of a file, or - for standard output.";
        }
        try {
            csvLog = CsvLog.append(Path.of(csv));
            return null;
        } catch (NotAFileException e) {
            return "--csv " + Quoting.quote(csv) + " is " + e.kind().words()
                    + "; --csv takes a file, or - for standard output.";
        } catch (AccessDeniedException e) {
            return "--csv " + Quoting.quote(csv) + " cannot be written: permission denied.";
        } catch (NoSuchFileException e) {
            return "--csv " + Quoting.quote(csv) + " cannot be created: its folder does not exist.";
        } catch (IOException | java.nio.file.InvalidPathException e) {
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : String.valueOf(e.getMessage());
            return "--csv " + Quoting.quote(csv) + " cannot be written: " + Quoting.shown(why) + ".";
        }
    }

    /** The probe once the options are checked (and --csv is open). */
    private int probeWith(ProbeRequest request, PrintWriter out, PrintWriter err) {
        String connectivityProblem = connectivityOptionsProblem();
        if (connectivityProblem != null) {
            err.println(AppInfo.COMMAND + ": " + connectivityProblem);
            return ExitCodes.USAGE;
        }
        TrustSource given = null;
        if (trustStore != null) {
            if (!tls) {
                err.println(AppInfo.COMMAND + ": --trust-store applies with --tls.");
                return ExitCodes.USAGE;
            }
            if (trustStore.isBlank()) {
                err.println(AppInfo.COMMAND + ": --trust-store needs the name of a file (PEM, PKCS12 or JKS).");
                return ExitCodes.USAGE;
            }
            try {
                given = TrustStores.javaFile(Path.of(trustStore));
            } catch (NoSuchFileException e) {
                err.println(AppInfo.COMMAND + ": the trust store " + Quoting.quote(trustStore) + " does not exist.");
                return ExitCodes.USAGE;
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                // the reason alone: a file system's message repeats the (perhaps 100 kB) name
                String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
                err.println(AppInfo.COMMAND + ": the trust store " + Quoting.quote(trustStore) + " cannot be read: "
                        + Quoting.shown(why) + ".");
                return ExitCodes.USAGE;
            }
        }
        ProbeEngine engine;
        try {
            if (given != null) {
                TrustSource java = given;
                engine = new ProbeEngine(NativeSockets.system(),
                        () -> new TrustStores(java, TrustStores.operatingSystem(HostState.current())));
            } else {
                engine = ProbeEngine.system();
            }
        } catch (UnsupportedOperationException e) {
            err.println(AppInfo.COMMAND + ": " + e.getMessage());
            return ExitCodes.FAILED;
        }
        try (engine) {
            return probe(engine, request, out, err);
        }
    }

    private int probe(ProbeEngine engine, ProbeRequest request, PrintWriter out, PrintWriter err) {
        Cancellation cancellation = new Cancellation();
        try (CancelOnExit exit = new CancelOnExit(cancellation::cancel)) {
            PrintWriter text = "-".equals(csv) ? err : out; // standard output carries the CSV
            int code = json ? probeJson(engine, request, out, cancellation) : probeText(engine, request, text, err,
                    cancellation);
            if (!noHistory && finished != null) {
                String warning = HistoryCommand.record(finished, shown);
                if (warning != null) {
                    err.println(AppInfo.COMMAND + ": " + warning);
                }
            }
            return code;
        }
    }

    /** Every line as it happens, the verdict, and only then the explanation, whose failure costs nothing above it. */
    private int probeText(ProbeEngine engine, ProbeRequest request, PrintWriter out, PrintWriter err,
                          Cancellation cancellation) {
        ProbeReport report;
        boolean flood = flood(request);
        try (PeriodicFlush flush = flood ? new PeriodicFlush(out, cancellation) : null) {
            if (request.tunnel() != null) {
                out.println("Through the proxy " + request.tunnel().proxy().display() + " (" + request.tunnel().from()
                        + ") to " + tunnelTarget.display() + ": connecting to the proxy first.");
            }
            java.util.List<SockAddr> shown = null;
            if (warmup > 0) {
                ProbeRequest warm = request.warmUp(warmup);
                Printer warming = new Printer(out, warm, flood(warm) ? null : cancellation, timestamps, true, null);
                ProbeReport warmed = engine.run(warm, withCsv(warming, true, cancellation), cancellation);
                shown = warmed.resolution() == null ? null : warmed.resolution().addresses();
            }
            report = engine.run(request, withCsv(new Printer(out, request, flood ? null : cancellation, timestamps,
                    false, shown), false, cancellation), cancellation);
        }
        report = withSystemProxy(report);
        finished = report;
        out.println(TextReport.verdictLine(report));
        for (String line : TextReport.familyLines(report)) {
            out.println(line);
        }
        String proxyLine = org.connectdoctor.report.ProxyReport.systemLine(report);
        if (proxyLine != null) {
            out.println(proxyLine);
        }
        if (report.tunnel() != null) {
            out.print(org.connectdoctor.report.ProxyReport.text(report.tunnel(), org.connectdoctor.net.Os.current(),
                    brief));
        }
        if (request.count() > 1) {
            out.print(TextReport.statisticsBlock(report));
            if (buckets != null) {
                out.print(buckets.text(report.statistics(),
                        request.type() == SocketType.DGRAM ? "reply time" : "connect time"));
            }
        }
        if (report.tls() != null) {
            // the connect's verdict stands above; the TLS check's follows with its own explanation
            out.print(TlsReport.text(report.tls(), org.connectdoctor.net.Os.current(), brief, HostState.current()));
        }
        out.flush();
        if (!brief && !out.checkError()) {
            String text;
            try {
                shown = Explainer.system(engine.sockets()).explain(report);
                text = ExplanationText.render(shown);
            } catch (RuntimeException | Error e) {
                Failure.rethrowIfFatal(e);
                text = null;
                err.println(AppInfo.COMMAND + ": the explanation could not be built (" + Failure.describe(e)
                        + "); the verdict above stands.");
            }
            if (text != null) {
                out.print(text);
                out.flush();
            }
        }
        if (connectivityCheck && !out.checkError()) {
            // asked for by name: printed with --brief too
            out.print('\n' + connectivityBlock());
            out.flush();
        }
        if (!brief && !out.checkError()) {
            // --brief promises attempts and verdict only
            out.print('\n' + TextReport.reproduceBlock(request));
            out.flush();
        }
        return ExitCodes.of(report);
    }

    /**
     * One JSON document written while the probe runs: the attempts stream out as they end and are
     * never all held. The verdict is written even when the explanation cannot be built.
     */
    private int probeJson(ProbeEngine engine, ProbeRequest request, PrintWriter out, Cancellation cancellation) {
        JsonReport.Stream stream = new JsonReport.Stream(out, request, AppInfo.version());
        stream.histogram(buckets);
        boolean flood = flood(request);
        ProbeListener listener = new ProbeListener() {
            @Override
            public void resolved(Resolution resolution) {
                stream.resolved(resolution);
            }

            @Override
            public void attempted(Attempt attempt) {
                stream.attempt(attempt);
                if (!flood && out.checkError()) {
                    cancellation.cancel(); // nobody can read the rest: stop probing
                }
            }
        };
        ProbeReport report;
        try (PeriodicFlush flush = flood ? new PeriodicFlush(out, cancellation) : null) {
            if (warmup > 0) {
                // made, not written (but in --csv)
                engine.run(request.warmUp(warmup), withCsv(ProbeListener.NONE, true, cancellation), cancellation);
            }
            report = engine.run(request, withCsv(listener, false, cancellation), cancellation);
        }
        report = withSystemProxy(report);
        Explanation explanation = null;
        String problem = null;
        if (!brief && !out.checkError()) {
            try {
                explanation = Explainer.system(engine.sockets()).explain(report);
            } catch (RuntimeException | Error e) {
                Failure.rethrowIfFatal(e);
                problem = Failure.describe(e);
            }
        }
        finished = report;
        shown = explanation;
        stream.finish(report, explanation, problem);
        out.println();
        out.flush();
        return ExitCodes.of(report);
    }

    /** {@code listener}, and each attempt's --csv line (a write that fails stops the probe); without --csv, itself. */
    private ProbeListener withCsv(ProbeListener listener, boolean warm, Cancellation cancellation) {
        CsvLog log = csvLog;
        if (log == null) {
            return listener;
        }
        return new ProbeListener() {
            @Override
            public void resolving(String host) {
                listener.resolving(host);
            }

            @Override
            public void resolved(Resolution resolution) {
                listener.resolved(resolution);
            }

            @Override
            public void attempting(int round, int index, int of, SockAddr address) {
                listener.attempting(round, index, of, address);
            }

            @Override
            public void attempted(Attempt attempt) {
                listener.attempted(attempt);
                log.attempt(attempt, warm);
                if (log.failure() != null) {
                    cancellation.cancel();
                }
            }
        };
    }

    /** Why the --connectivity-* options do not go together, or null. */
    private String connectivityOptionsProblem() {
        if (connectivityUrl != null && !connectivityCheck) {
            return "--connectivity-url applies with --connectivity-check.";
        }
        if (connectivityExpect != null && connectivityUrl == null) {
            return "--connectivity-expect applies with --connectivity-url.";
        }
        if (connectivityCheck && json) {
            return "--connectivity-check prints text only; leave out --json.";
        }
        return null;
    }

    /** The system's own verdict, then what the one GET of its check address (or --connectivity-url) got. */
    private String connectivityBlock() {
        org.connectdoctor.sys.Read<org.connectdoctor.sys.Connectivity> verdict = HostState.current().connectivity();
        StringBuilder sb = new StringBuilder("Connectivity check (asked for with --connectivity-check):\n");
        if (verdict instanceof org.connectdoctor.sys.Read.Known<org.connectdoctor.sys.Connectivity> k) {
            sb.append("  The system's own verdict: ").append(k.value().words()).append(" (").append(k.value().source())
                    .append(").\n");
        } else {
            sb.append("  The system's own verdict is not known: ")
                    .append(((org.connectdoctor.sys.Read.Unknown<org.connectdoctor.sys.Connectivity>) verdict).reason())
                    .append(".\n");
        }
        org.connectdoctor.probe.ConnectivityProbe.Endpoint endpoint = connectivityUrl != null
                ? new org.connectdoctor.probe.ConnectivityProbe.Endpoint(connectivityUrl, connectivityExpect,
                "the address given with --connectivity-url")
                : org.connectdoctor.probe.ConnectivityProbe.systemEndpoint(org.connectdoctor.net.Os.current(), verdict);
        org.connectdoctor.probe.ConnectivityProbe.Result r = org.connectdoctor.probe.ConnectivityProbe.run(endpoint,
                org.connectdoctor.probe.ConnectivityProbe.LIMIT);
        sb.append("  Fetched ").append(endpoint.url()).append(" once (").append(endpoint.whose()).append("): ")
                .append(r.text()).append('\n');
        return sb.toString();
    }

    /** The report with the system's proxy choice for the target (the tunnel's target through a proxy). */
    private static ProbeReport withSystemProxy(ProbeReport report) {
        return report.withSystemProxy(HostState.current());
    }

    /**
     * The proxy --proxy names for {@code target}, or an InvalidInputException with one line: a URL
     * that is no http:// proxy, credentials, or a system setting that sends this target directly.
     */
    private org.connectdoctor.probe.proxy.ProxyTunnel.Request tunnel(org.connectdoctor.probe.Target.Inet in)
            throws InvalidInputException {
        int port = in.port();
        if (port < 0) {
            port = switch (in.service().toLowerCase(Locale.ROOT)) {
                case "https" -> 443;
                case "http" -> 80;
                default -> throw new InvalidInputException("With --proxy give the target's port as a number ("
                        + in.host() + ":443); the proxy, not this computer, would look up " + in.service() + ".");
            };
        }
        if (proxy.isBlank()) {
            throw new InvalidInputException("--proxy needs system or a proxy URL such as http://proxy.corp:8080.");
        }
        if (proxy.strip().equalsIgnoreCase("system")) {
            var p = org.connectdoctor.probe.proxy.ProxySelector.choose(HostState.current(), in,
                    org.connectdoctor.probe.proxy.ProxySelector.schemeOf(in, null));
            if (!p.throughProxy()) {
                throw new InvalidInputException("--proxy system: no proxy to go through. " + p.reach()
                        + ". Give the proxy as --proxy http://host:port.");
            }
            return new org.connectdoctor.probe.proxy.ProxyTunnel.Request(p.proxy(), in.host(), port,
                    "the system setting, " + (p.from() == null ? p.source() : "from " + p.from()));
        }
        org.connectdoctor.probe.proxy.ProxyAddress a;
        try {
            a = org.connectdoctor.probe.proxy.ProxyAddress.parse(proxy);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--proxy " + Quoting.quote(proxy) + ": " + e.getMessage() + ".");
        }
        if (a.withCredentials()) {
            throw new InvalidInputException("--proxy: leave out user:password@; Connect Doctor never sends credentials "
                    + "to a proxy (a 407 answer names the schemes the proxy offers).");
        }
        return new org.connectdoctor.probe.proxy.ProxyTunnel.Request(a, in.host(), port, "--proxy");
    }

    /** Back-to-back repeated probes, whose lines come faster than anyone reads: flushed periodically. */
    private static boolean flood(ProbeRequest request) {
        return request.count() > 1 && request.interval().isZero();
    }

    /** The bytes of FILE, or of standard input for "-", read no further than a datagram can carry. */
    static Payload payloadFile(String file) throws InvalidInputException {
        String name = "-".equals(file) ? "standard input" : "the payload file " + file;
        if (!"-".equals(file) && Files.isDirectory(Path.of(file))) {
            throw new InvalidInputException(file + " is a directory; --payload-file takes a file, or - for standard input.");
        }
        byte[] bytes;
        String said = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        try {
            bytes = "-".equals(file) ? StandardInput.read(MAX_PAYLOAD_FILE_BYTES)
                    : SafeFiles.readInput(Path.of(file), MAX_PAYLOAD_FILE_BYTES);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("The payload file " + file + " does not exist.");
        } catch (AccessDeniedException e) {
            throw new InvalidInputException("The payload file " + file + " cannot be read: permission denied.");
        } catch (NotAFileException e) {
            throw new InvalidInputException("The payload file " + file + " is " + e.kind().words()
                    + "; --payload-file takes a file, or - for standard input.");
        } catch (SafeFiles.InputTimeoutException e) {
            throw new InvalidInputException(said + " did not end within " + SafeFiles.INPUT_WAIT_MILLIS / 1000
                    + " s; --payload-file reads a file, or standard input up to its end.");
        } catch (StandardInput.Unreadable e) {
            throw new InvalidInputException(Character.toUpperCase(e.getMessage().charAt(0)) + e.getMessage().substring(1)
                    + ". Give the payload as a file, or send it in: --payload-file - < payload.bin");
        } catch (IOException e) {
            throw new InvalidInputException(said + " cannot be read: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ".");
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidInputException(Quoting.quote(file) + " is not a file name this system accepts.");
        }
        if (bytes.length > MAX_PAYLOAD_FILE_BYTES) {
            throw new InvalidInputException(name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1)
                    + " holds more than " + MAX_PAYLOAD_FILE_BYTES + " bytes, the most --payload-file reads (a UDP "
                    + "datagram carries at most " + Payload.MAX_BYTES + " bytes over IPv4, 65527 over IPv6).");
        }
        return Payload.of(bytes);
    }

    ProbeRequest request() throws InvalidInputException {
        SocketType socketType = SocketType.fromWord(type);
        if (socketType == null) {
            throw new InvalidInputException(Quoting.quote(type) + " is not a socket type. Use "
                    + typeWords(Capabilities.current()) + ".");
        }
        FamilyChoice family = FamilyChoice.AUTO;
        if (familyOptions != null) {
            family = familyOptions.ipv4 ? FamilyChoice.IPV4 : FamilyChoice.IPV6;
        }
        Payload payload = Payload.EMPTY;
        if (payloadOptions != null) {
            if (payloadOptions.text != null) {
                payload = Payload.ofText(payloadOptions.text);
            } else if (payloadOptions.hex != null) {
                payload = Payload.ofHex(payloadOptions.hex);
            } else {
                payload = payloadFile(payloadOptions.file);
            }
        }
        Duration limit = Durations.parse(timeout, "timeout", ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT);
        Duration pause = Durations.parse(interval, "interval", Duration.ZERO, ProbeRequest.MAX_INTERVAL);
        org.connectdoctor.probe.Target parsed = TargetParser.parse(target);
        org.connectdoctor.probe.proxy.ProxyTunnel.Request tunnel = null;
        if (proxy != null) {
            if (!(parsed instanceof org.connectdoctor.probe.Target.Inet in)) {
                throw new InvalidInputException("--proxy applies to host:port targets; " + parsed.display()
                        + " is a Unix socket.");
            }
            if (socketType != SocketType.STREAM) {
                throw new InvalidInputException("--proxy goes through an HTTP proxy over stream (TCP); a "
                        + socketType.cliName() + " probe cannot.");
            }
            tunnel = tunnel(in);
            tunnelTarget = in;
            parsed = TargetParser.parse(tunnel.proxy().display());
        }
        return ProbeRequest.builder(parsed)
                .type(socketType)
                .family(family)
                .timeout(limit)
                .source(source == null ? null : SourceSpec.parse(source))
                .broadcast(broadcast)
                .anySource(anySource)
                .payload(payloadOptions == null ? null : payload)
                .count(count)
                .interval(pause)
                .allAddresses(allAddresses)
                .happyEyeballs(happyEyeballs)
                .tls(tls)
                .tlsName(tlsName)
                .tunnel(tunnel)
                .build();
    }

    /** --timestamps: UTC, ISO-8601 with milliseconds. */
    static final java.time.format.DateTimeFormatter TIMESTAMP = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** Prints curl -v style lines as the probe runs. */
    private static final class Printer implements ProbeListener {
        private final PrintWriter out;
        private final ProbeRequest request;
        private final TextReport.Lines lines;
        private final Cancellation cancellation;
        private final boolean timestamps;
        /** "warm-up " for the rounds that are not counted, else empty. */
        private final String mark;
        /** The addresses the warm-up's resolution line showed, not shown again when the same; or null. */
        private final List<SockAddr> shown;

        Printer(PrintWriter out, ProbeRequest request, Cancellation cancellation, boolean timestamps, boolean warmup,
                List<SockAddr> shown) {
            this.out = out;
            this.request = request;
            this.lines = new TextReport.Lines(request);
            this.cancellation = cancellation;
            this.timestamps = timestamps;
            this.mark = warmup ? "warm-up " : "";
            this.shown = shown;
        }

        @Override
        public void resolved(Resolution resolution) {
            if (shown == null || !shown.equals(resolution.addresses())) {
                line(TextReport.resolutionLine(request, resolution));
            }
        }

        @Override
        public void attempting(int round, int index, int of, SockAddr address) {
            line(lines.trying(address, round));
        }

        @Override
        public void attempted(Attempt attempt) {
            line(lines.attempt(attempt));
        }

        /**
         * Flushed at once, so a user sees what is being waited for, and a failed output stops the probe;
         * without a cancellation (a flood) {@link PeriodicFlush} does both.
         */
        private void line(String text) {
            if (timestamps) {
                out.print(TIMESTAMP.format(java.time.Instant.now()));
                out.print(' ');
            }
            out.print(mark);
            out.println(text);
            if (cancellation != null && out.checkError()) {
                cancellation.cancel();
            }
        }
    }
}
