package org.connectdoctor.ui;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.connectdoctor.explain.Action;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
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
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.report.SystemInfo;
import org.connectdoctor.report.TextReport;
import org.connectdoctor.report.TicketReport;

/**
 * The window's state and commands, without any control: what the user typed and chose, whether
 * it is valid (with the engine's own messages), the run in progress streamed attempt by attempt,
 * the explanation of the selected attempt, and this session's history. Probes and explanations run
 * on the background executor; every property changes on the UI executor only. Tested without a
 * window by giving it plain executors.
 */
public final class ProbeViewModel {

    /** A finished run, kept in the session's history. */
    public record Run(ProbeReport report, Explanation explanation) {
        public String label() {
            return report.request().target().display() + " \u2014 " + TextReport.verdictLine(report);
        }
    }

    private final Executor background;
    private final Executor ui;
    private final Function<ProbeEngine, Explainer> explainerFactory;
    private ProbeEngine engine;
    private Explainer explainer;

    // input
    private final StringProperty target = new SimpleStringProperty("");
    private final ObjectProperty<SocketType> type = new SimpleObjectProperty<>(SocketType.STREAM);
    private final ObjectProperty<FamilyChoice> family = new SimpleObjectProperty<>(FamilyChoice.AUTO);
    private final StringProperty timeout = new SimpleStringProperty("5s");
    private final StringProperty source = new SimpleStringProperty("");
    private final BooleanProperty broadcast = new SimpleBooleanProperty(false);
    private final StringProperty payload = new SimpleStringProperty("");
    private final BooleanProperty payloadHex = new SimpleBooleanProperty(false);
    private final StringProperty count = new SimpleStringProperty("1");
    private final StringProperty interval = new SimpleStringProperty("1s");
    private final BooleanProperty allAddresses = new SimpleBooleanProperty(false);

    // derived
    private final ReadOnlyStringWrapper targetMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper optionsMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProbeRequest> request = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(false);

    // results
    private final ObservableList<Attempt> attempts = FXCollections.observableArrayList();
    private final ObjectProperty<Attempt> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ProbeReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready. Enter a target and press Run.");
    private final ReadOnlyStringWrapper statistics = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settingsWarning = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<Double> latencies = FXCollections.observableArrayList();
    private final ObservableList<Run> history = FXCollections.observableArrayList();
    private final ObservableList<String> recentTargets = FXCollections.observableArrayList();
    private final Map<Attempt, Explanation> explanations = new HashMap<>();
    private volatile Cancellation cancellation;
    private long startedNanos;
    /** Read once in the background: it reads /etc/os-release, which is no work for the UI thread. */
    private final java.util.concurrent.CompletableFuture<SystemInfo> system;

    /**
     * @param background where probes and explanations run
     * @param ui         where results are published (Platform::runLater in the window)
     * @param explainers makes the explainer for the engine once the native layer is loaded
     */
    public ProbeViewModel(Executor background, Executor ui, Function<ProbeEngine, Explainer> explainers) {
        this.background = background;
        this.ui = ui;
        this.explainerFactory = explainers;
        this.system = java.util.concurrent.CompletableFuture.supplyAsync(SystemInfo::current, background);
        Runnable validate = this::validate;
        for (var p : List.of(target, timeout, source, payload, count, interval)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        for (var p : List.of(type, family)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        for (var p : List.of(broadcast, payloadHex, allAddresses)) {
            p.addListener((obs, o, n) -> validate.run());
        }
        canRun.bind(Bindings.createBooleanBinding(() -> request.get() != null && !running.get(), request, running));
        // A path is a Unix socket: the family follows the target by itself.
        target.addListener((obs, o, text) -> {
            boolean unix = targetError(text).isEmpty() && !text.isBlank() && isUnix(text);
            if (unix) {
                family.set(FamilyChoice.UNIX);
            } else if (family.get() == FamilyChoice.UNIX) {
                family.set(FamilyChoice.AUTO);
            }
        });
        selected.addListener((obs, o, a) -> explainSelected(a));
        validate();
    }

    // ------------------------------------------------------------------ validation

    /** The engine's own message for the target field, or "" when it parses (or is still empty). */
    public static String targetError(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        try {
            TargetParser.parse(text);
            return "";
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    private static boolean isUnix(String text) {
        try {
            return TargetParser.parse(text) instanceof Target.Unix;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    private void validate() {
        targetMessage.set(targetError(target.get()));
        ProbeRequest built = null;
        String message = "";
        if (targetMessage.get().isEmpty() && !target.get().isBlank()) {
            try {
                built = build();
            } catch (InvalidInputException e) {
                message = e.getMessage();
            }
        }
        optionsMessage.set(message);
        request.set(built);
    }

    private ProbeRequest build() throws InvalidInputException {
        Target t = TargetParser.parse(target.get());
        int n;
        try {
            n = Integer.parseInt(count.get().strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("The count \"" + count.get() + "\" is not a whole number; write 1 for a "
                    + "single probe, or up to " + ProbeRequest.MAX_COUNT + ".");
        }
        ProbeRequest.Builder b = ProbeRequest.builder(t)
                .type(type.get())
                .family(t instanceof Target.Unix ? FamilyChoice.AUTO
                        : family.get() == FamilyChoice.UNIX ? FamilyChoice.AUTO : family.get())
                .timeout(Durations.parse(timeout.get(), "timeout", ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT))
                .count(n)
                .interval(Durations.parse(interval.get(), "interval", Duration.ZERO, ProbeRequest.MAX_INTERVAL))
                .allAddresses(allAddresses.get())
                .broadcast(broadcast.get() && type.get() == SocketType.DGRAM);
        if (!source.get().isBlank() && !(t instanceof Target.Unix)) {
            b.source(SourceSpec.parse(source.get()));
        }
        if (type.get() == SocketType.DGRAM && !payload.get().isEmpty()) {
            b.payload(payloadHex.get() ? Payload.ofHex(payload.get()) : Payload.ofText(payload.get()));
        }
        return b.build();
    }

    // ------------------------------------------------------------------ commands

    /** Starts a probe of the current input; does nothing while one runs or the input is invalid. */
    public void run() {
        ProbeRequest r = request.get();
        if (r == null || running.get()) {
            return;
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        running.set(true);
        attempts.clear();
        latencies.clear();
        explanations.clear();
        selected.set(null);
        report.set(null);
        explanation.set(null);
        statistics.set("");
        progress.set(-1);
        startedNanos = System.nanoTime();
        String display = r.target().display();
        recentTargets.remove(target.get().strip());
        recentTargets.add(0, target.get().strip());
        status.set("Starting " + display + " \u2026");
        background.execute(() -> {
            ProbeReport done;
            try {
                done = engine().run(r, new Streamer(r), c);
            } catch (Throwable ex) {
                // Whatever goes wrong, the window returns to ready: Run enabled, the reason shown.
                String why = reason(ex);
                ui.execute(() -> {
                    running.set(false);
                    cancellation = null;
                    progress.set(0);
                    status.set("The probe could not run: " + why);
                });
                return;
            }
            Explanation explained = null;
            String note = null;
            try {
                explained = explainer.explain(done);
            } catch (Throwable ex) {
                // The verdict stands without its explanation (a man page that cannot be read, a
                // check that failed): it is shown with a note instead of being lost.
                note = EXPLANATION_FAILED + reason(ex) + ")";
            }
            Run shown = new Run(done, explained);
            String shownNote = note;
            ui.execute(() -> {
                finish(shown);
                if (shownNote != null) {
                    status.set(status.get() + " \u2014 " + shownNote);
                }
            });
        });
    }

    /** How the status bar's note begins when the verdict came but its explanation did not. */
    static final String EXPLANATION_FAILED = "the explanation could not be built (";

    private static String reason(Throwable ex) {
        if (ex instanceof StackOverflowError) {
            return "its input nests too deeply";
        }
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    /** Cancels the running probe at once; the attempt in progress ends as "cancelled". */
    public void cancel() {
        Cancellation c = cancellation;
        if (c != null && running.get()) {
            c.cancel();
            status.set("Cancelling \u2026");
        }
    }

    /** Changes the input as the action says and probes again. */
    public void retry(Action action) {
        switch (action) {
            case RETRY_WITH_BROADCAST -> {
                type.set(SocketType.DGRAM);
                broadcast.set(true);
            }
            case RETRY_IPV4_ONLY -> family.set(FamilyChoice.IPV4);
            case RETRY_IPV6_ONLY -> family.set(FamilyChoice.IPV6);
            case RETRY_AS_DATAGRAM -> type.set(SocketType.DGRAM);
            case RETRY_AS_STREAM -> type.set(SocketType.STREAM);
            case RETRY_AS_SEQPACKET -> type.set(SocketType.SEQPACKET);
            case RETRY_WITHOUT_SOURCE_PORT -> {
                String s = source.get().strip();
                int colon = s.lastIndexOf(':');
                if (s.startsWith("[") && s.contains("]:")) {
                    source.set(s.substring(0, s.indexOf("]:") + 1));
                } else if (colon >= 0 && s.indexOf(':') == colon) {
                    source.set(s.substring(0, colon));
                }
            }
        }
        run();
    }

    /** Shows a run of the history again. */
    public void show(Run run) {
        if (run == null || running.get()) {
            return;
        }
        attempts.setAll(run.report().attempts());
        explanations.clear();
        if (run.report().decisive() != null) {
            explanations.put(run.report().decisive(), run.explanation());
        }
        report.set(run.report());
        explanation.set(run.explanation());
        latencies.setAll(successTimes(run.report().attempts()));
        statistics.set(statisticsText(run.report()));
        status.set(TextReport.verdictLine(run.report()));
        selected.set(run.report().decisive());
    }

    /** The ticket-ready text of the report on show, or null when there is none. */
    public String reportText() {
        ProbeReport r = report.get();
        return r == null ? null : TicketReport.text(r, explanation.get(), system.join());
    }

    /** The report on show as Markdown, or null. */
    public String reportMarkdown() {
        ProbeReport r = report.get();
        return r == null ? null : TicketReport.markdown(r, explanation.get(), system.join());
    }

    /** The report on show as JSON (with its explanation), or null. */
    public String reportJson() {
        ProbeReport r = report.get();
        return r == null ? null : org.connectdoctor.report.JsonReport.render(r, explanation.get(),
                org.connectdoctor.AppInfo.version());
    }

    /** Cancels a running probe and releases the engine's wake-up pipes: the window is closing. */
    public void close() {
        cancel();
        synchronized (this) {
            if (engine != null) {
                engine.close();
            }
        }
    }

    /** Seconds since the running probe started, for the status bar's clock. */
    public double elapsedSeconds() {
        return running.get() ? (System.nanoTime() - startedNanos) / 1e9 : 0;
    }

    // ------------------------------------------------------------------ internals

    private ProbeEngine engine() {
        synchronized (this) {
            if (engine == null) {
                engine = ProbeEngine.system();
                explainer = explainerFactory.apply(engine);
            }
            return engine;
        }
    }

    private void finish(Run run) {
        running.set(false);
        cancellation = null;
        progress.set(0);
        ProbeReport r = run.report();
        report.set(r);
        if (r.decisive() != null) {
            explanations.put(r.decisive(), run.explanation());
        }
        attempts.setAll(r.attempts());
        explanation.set(run.explanation());
        statistics.set(statisticsText(r));
        status.set(TextReport.verdictLine(r));
        history.add(0, run);
        selected.set(r.decisive());
    }

    private void explainSelected(Attempt a) {
        ProbeReport r = report.get();
        if (a == null || r == null) {
            return;
        }
        Explanation known = explanations.get(a);
        if (known != null) {
            explanation.set(known);
            return;
        }
        Explainer ex = explainer;
        if (ex == null) {
            return;
        }
        background.execute(() -> {
            Explanation e;
            try {
                e = ex.explain(r, a);
            } catch (Throwable t) {
                String why = reason(t);
                ui.execute(() -> {
                    if (a.equals(selected.get())) {
                        explanation.set(null);
                        status.set(TextReport.verdictLine(r) + " \u2014 " + EXPLANATION_FAILED + why + ")");
                    }
                });
                return;
            }
            ui.execute(() -> {
                explanations.put(a, e);
                if (a.equals(selected.get())) {
                    explanation.set(e);
                }
            });
        });
    }

    private static List<Double> successTimes(List<Attempt> list) {
        return list.stream().filter(a -> a.outcome().isSuccess()).map(Attempt::elapsedMillis).toList();
    }

    static String statisticsText(ProbeReport r) {
        return statisticsText(r.statistics());
    }

    static String statisticsText(org.connectdoctor.probe.Statistics s) {
        if (s.sent() == 0) {
            return "";
        }
        String base = String.format(java.util.Locale.ROOT, "sent %d, ok %d, failed %d, loss %.1f%%", s.sent(),
                s.succeeded(), s.failed(), s.lossPercent());
        if (s.succeeded() == 0) {
            return base;
        }
        return base + String.format(java.util.Locale.ROOT, "   min/avg/max/mdev %.3f/%.3f/%.3f/%.3f ms",
                s.minNanos() / 1e6, s.avgNanos() / 1e6, s.maxNanos() / 1e6, s.mdevNanos() / 1e6);
    }

    /** Streams the engine's progress to the UI executor as it happens. */
    private final class Streamer implements ProbeListener {
        private final ProbeRequest request;
        /** Each finished attempt's time, null for a failure: the live figures come from these. */
        private final List<Long> times = new java.util.ArrayList<>();

        Streamer(ProbeRequest request) {
            this.request = request;
        }

        @Override
        public void resolving(String host) {
            ui.execute(() -> status.set(request.target() instanceof Target.Unix ? "Opening " + host + " \u2026"
                    : "Resolving " + host + " \u2026"));
        }

        @Override
        public void resolved(Resolution resolution) {
            if (resolution.failed()) {
                return;
            }
            int n = resolution.addresses().size();
            ui.execute(() -> status.set("Resolved " + resolution.host() + " to " + n + (n == 1 ? " address" : " addresses")));
        }

        @Override
        public void attempting(int round, int index, int of, SockAddr address) {
            String where = address.family() == org.connectdoctor.net.Family.UNIX ? address.display()
                    : address.host() + " port " + address.port();
            String rounds = request.count() > 1 ? ", round " + round + " of " + request.count() : "";
            ui.execute(() -> {
                status.set("Connecting to " + where + " (" + index + " of " + of + rounds + ")");
                progress.set(request.count() > 1 ? (round - 1) / (double) request.count() : -1);
            });
        }

        @Override
        public void attempted(Attempt attempt) {
            times.add(attempt.outcome().isSuccess() ? attempt.elapsedNanos() : null);
            String live = request.count() > 1 ? statisticsText(org.connectdoctor.probe.Statistics.of(times)) + " \u2026" : null;
            ui.execute(() -> {
                attempts.add(attempt);
                if (attempt.outcome().isSuccess()) {
                    latencies.add(attempt.elapsedMillis());
                }
                if (live != null) {
                    statistics.set(live);
                }
            });
        }
    }

    // ------------------------------------------------------------------ properties

    public StringProperty targetProperty() { return target; }
    public ObjectProperty<SocketType> typeProperty() { return type; }
    public ObjectProperty<FamilyChoice> familyProperty() { return family; }
    public StringProperty timeoutProperty() { return timeout; }
    public StringProperty sourceProperty() { return source; }
    public BooleanProperty broadcastProperty() { return broadcast; }
    public StringProperty payloadProperty() { return payload; }
    public BooleanProperty payloadHexProperty() { return payloadHex; }
    public StringProperty countProperty() { return count; }
    public StringProperty intervalProperty() { return interval; }
    public BooleanProperty allAddressesProperty() { return allAddresses; }
    public ReadOnlyStringProperty targetMessageProperty() { return targetMessage.getReadOnlyProperty(); }
    public ReadOnlyStringProperty optionsMessageProperty() { return optionsMessage.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<ProbeRequest> requestProperty() { return request.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRunProperty() { return canRun.getReadOnlyProperty(); }
    public ObservableList<Attempt> attempts() { return attempts; }
    public ObjectProperty<Attempt> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<ProbeReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Explanation> explanationProperty() { return explanation.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Why settings and recent targets are not being kept; empty while they are. */
    public ReadOnlyStringProperty settingsWarningProperty() { return settingsWarning.getReadOnlyProperty(); }

    /** Shows (non-null) or clears (null) the settings warning; on the UI thread. */
    public void settingsWarning(String warning) {
        settingsWarning.set(warning == null ? "" : warning);
    }
    public ReadOnlyStringProperty statisticsProperty() { return statistics.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    public ObservableList<Double> latencies() { return latencies; }
    public ObservableList<Run> history() { return history; }
    public ObservableList<String> recentTargets() { return recentTargets; }
}
