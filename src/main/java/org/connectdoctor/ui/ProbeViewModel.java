package org.connectdoctor.ui;

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
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.connectdoctor.explain.Action;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.history.RunRecord;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Target;
import org.connectdoctor.report.SystemInfo;
import org.connectdoctor.report.TextReport;

/**
 * The window's state and commands, without any control: what the user typed and chose, whether
 * it is valid (with the engine's own messages), the run in progress streamed attempt by attempt,
 * the explanation of the selected attempt, and this session's history. Probes and explanations run
 * on the background executor; every property changes on the UI executor only. Tested without a
 * window by giving it plain executors.
 */
public final class ProbeViewModel {

    /** The chart keeps this many points, the latest: enough to see a trend, bounded whatever the count. */
    public static final int CHART_POINTS = 300;

    /** One point of the latency chart: the round and its success time. */
    public record Point(long round, double millis) { }

    /** What "Compare" found, shown in the explanation pane: its heading and text. */
    /** What "Compare" found: its title and the comparison itself, which the pane shows as a table. */
    public record Comparison(String title, org.connectdoctor.history.Diff.Comparison diff) { }

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

    /** What the user typed and chose, and what it makes. */
    private final ProbeForm form = new ProbeForm();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(false);

    // results
    private final ObservableList<Attempt> attempts = FXCollections.observableArrayList();
    private final ObjectProperty<Attempt> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<ProbeReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>();
    /** A run of an earlier session on show (its saved report), or null. */
    private final ReadOnlyObjectWrapper<RunRecord> saved = new ReadOnlyObjectWrapper<>();
    /** A comparison of runs shown in place of the explanation, or null. */
    private final ReadOnlyObjectWrapper<Comparison> comparison = new ReadOnlyObjectWrapper<>();
    private final javafx.beans.binding.BooleanBinding hasReport = report.isNotNull().or(saved.isNotNull());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Ready. Enter a target and press Run.");
    private final ReadOnlyStringWrapper statistics = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper settingsWarning = new ReadOnlyStringWrapper("");
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<Point> latencies = FXCollections.observableArrayList();
    private final ObservableList<AttemptRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<AttemptRow.Running> runningRow = new ReadOnlyObjectWrapper<>();
    /**
     * The pending row as it sits in {@link #rows}: while no attempt ends, its cells follow
     * {@link #runningRow} instead of the list being changed, so a flood does not re-lay out (and
     * re-style) every visible row of the table 20 times a second.
     */
    private AttemptRow.Running listedRunning;
    private final javafx.beans.property.LongProperty now = new javafx.beans.property.SimpleLongProperty(System.nanoTime());
    private final ObservableList<FollowUp> followUps = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper formChange = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper followUpResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper omitted = new ReadOnlyLongWrapper(0);
    /** The count asked for by the run on show (running, finished or from the history). */
    private int shownCount = 1;
    /** The live stream of the run in progress; null when none runs. */
    private Streamer streaming;
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
        canRun.bind(Bindings.createBooleanBinding(() -> form.request() != null && !running.get(),
                form.requestProperty(), running));
        selected.addListener((obs, o, a) -> explainSelected(a));
    }

    /** The status line of a finished run: the connect's verdict, then the TLS check's when there was one. */
    static String verdictWords(ProbeReport r) {
        String line = TextReport.verdictLine(r);
        if (r.tunnel() != null) {
            line = line + " " + org.connectdoctor.report.ProxyReport.verdictLine(r.tunnel());
        }
        org.connectdoctor.tls.TlsCheck tls = r.anyTls();
        return tls == null ? line : line + " TLS with " + tls.serverName() + ": " + tls.verdict().words() + ".";
    }

    // ------------------------------------------------------------------ commands

    /** Starts a probe of the current input; does nothing while one runs or the input is invalid. */
    public void run() {
        ProbeRequest r = form.request();
        if (r == null || running.get()) {
            return;
        }
        Cancellation c = new Cancellation();
        cancellation = c;
        formChange.set("");
        running.set(true);
        attempts.clear();
        rows.clear();
        listedRunning = null;
        latencies.clear();
        explanations.clear();
        followUps.clear();
        followUpResult.set("");
        omitted.set(0);
        selected.set(null);
        report.set(null);
        saved.set(null);
        comparison.set(null);
        explanation.set(null);
        statistics.set("");
        progress.set(r.count() > 1 ? 0 : -1);
        startedNanos = System.nanoTime();
        now.set(startedNanos);
        elapsedText.set("0.0 s");
        recentTargets.remove(form.targetProperty().get().strip());
        recentTargets.add(0, form.targetProperty().get().strip());
        shownCount = r.count();
        Streamer feed = new Streamer(r);
        streaming = feed;
        // The pending row is there before the background thread has even started.
        feed.publishNow(new AttemptRow.Running(lookupHost(r.target()), r.target() instanceof Target.Unix u
                ? new SockAddr.Unix(u.path(), u.abstractName()) : null, r.type(), 1, r.count(), 1, 1, startedNanos,
                r.timeout().toNanos()));
        background.execute(() -> {
            ProbeReport done;
            try {
                done = engine().run(r, feed, c).withSystemProxy(org.connectdoctor.sys.HostState.current());
            } catch (Throwable ex) {
                // Whatever goes wrong, the window returns to ready: Run enabled, the reason shown.
                String why = reason(ex);
                ui.execute(() -> {
                    feed.end();
                    running.set(false);
                    cancellation = null;
                    progress.set(0);
                    rows.remove(listedRunning);
                    listedRunning = null;
                    runningRow.set(null);
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
            List<FollowUp> next = FollowUpFinder.withSocketTable(done, explained);
            ui.execute(() -> {
                feed.end();
                finish(shown);
                followUps.setAll(next);
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
        follow(FollowUp.of(action));
    }

    /**
     * Takes a follow-up: changes the form as its label says, says what it changed (in
     * {@link #formChangeProperty()}), and probes again; "Check the path" only looks and says what it found, and
     * "Check for a sign-in page" fetches the system's own check address once and says what answered.
     */
    public void follow(FollowUp f) {
        if (running.get()) {
            return;
        }
        if (f.kind() == FollowUp.Kind.EXPLAINED && f.action() == Action.CHECK_CONNECTIVITY) {
            // not a retry: one GET of the system's own check address, asked for with this click
            followUpResult.set("Checking this network's answer to the system's own check address \u2026");
            background.execute(() -> {
                String found = connectivityCheck.get();
                ui.execute(() -> followUpResult.set(found));
            });
            return;
        }
        List<String> changed = new java.util.ArrayList<>();
        switch (f.kind()) {
            case EXPLAINED -> form.apply(f.action(), changed);
            case TRY_TARGET -> form.tryTarget(f.value(), changed);
            case LONGER_TIMEOUT -> form.longerTimeout(f.value(), changed);
            case THROUGH_PROXY -> {
                form.throughProxy(f.value());
                ProbeRequest through = form.request();
                if (through != null && through.tunnel() != null) {
                    run();
                }
                form.throughProxy(null); // for this one probe: the form stays as it was
                if (through == null || through.tunnel() == null) {
                    formChange.set("\u201c" + f.label() + "\u201d cannot go through the proxy with this form: it "
                            + "takes a host:port target over stream (TCP), with the port as a number.");
                    return;
                }
                formChange.set("\u201c" + f.label() + "\u201d: this probe went through the proxy; the form is "
                        + "unchanged, so the next probe connects directly again.");
                return;
            }
            case CHECK_PATH -> {
                String path = f.value();
                followUpResult.set("Checking " + path + " \u2026");
                background.execute(() -> {
                    String found = PathCheck.describe(java.nio.file.Path.of(path));
                    ui.execute(() -> followUpResult.set(found));
                });
                return;
            }
        }
        run();
        formChange.set(changed.isEmpty() ? "\u201c" + f.label() + "\u201d changed nothing: the form already had it."
                : "\u201c" + f.label() + "\u201d changed " + String.join("; ", changed)
                // a changed option (the timeout, broadcast) is out of sight in Options: say that it stays
                + (changed.stream().allMatch(c -> c.startsWith("Target ")) ? "."
                : " in the form; " + (changed.size() == 1 ? "it stays" : "they stay") + " for the next probes until you "
                + "change " + (changed.size() == 1 ? "it" : "them") + " back."));
    }

    /** The active check the follow-up runs: the system's own check address; a test's loopback server instead. */
    java.util.function.Supplier<String> connectivityCheck = ProbeViewModel::connectivityCheck;

    /** The active connectivity check's sentence: the system's check address, fetched once. */
    static String connectivityCheck() {
        org.connectdoctor.sys.Read<org.connectdoctor.sys.Connectivity> verdict =
                org.connectdoctor.sys.HostState.current().connectivity();
        org.connectdoctor.probe.ConnectivityProbe.Endpoint endpoint = org.connectdoctor.probe.ConnectivityProbe
                .systemEndpoint(org.connectdoctor.net.Os.current(), verdict);
        return org.connectdoctor.probe.ConnectivityProbe.run(endpoint,
                org.connectdoctor.probe.ConnectivityProbe.LIMIT).text();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty unixTargetProperty() { return form.unixTargetProperty(); }

    /** Shows a run of the history again. */
    public void show(Run run) {
        if (run == null || running.get()) {
            return;
        }
        shownCount = run.report().request().count();
        saved.set(null);
        comparison.set(null);
        attempts.setAll(run.report().attempts());
        rows.setAll(RunFigures.rowsOf(run.report()));
        explanations.clear();
        if (run.report().decisive() != null) {
            explanations.put(run.report().decisive(), run.explanation());
        }
        report.set(run.report());
        explanation.set(run.explanation());
        latencies.setAll(RunFigures.pointsOf(run.report().attempts()));
        statistics.set(RunFigures.statisticsText(run.report()));
        omitted.set(run.report().attemptCount() - run.report().attempts().size());
        elapsedText.set(RunFigures.secondsText(run.report().elapsedNanos()));
        followUps.setAll(FollowUpFinder.fromReport(run.report(), run.explanation()));
        followUpResult.set("");
        status.set(verdictWords(run.report()));
        selected.set(run.report().decisive());
    }

    /**
     * Shows a run of an earlier session, as the history saved it: its one row in the table, its
     * saved report in the explanation pane (the computer's state then, not now), its verdict in
     * the status line. The form is the history pane's to restore.
     */
    public void showSaved(RunRecord r) {
        if (r == null || running.get()) {
            return;
        }
        shownCount = 1;
        comparison.set(null);
        attempts.clear();
        explanations.clear();
        report.set(null);
        explanation.set(null);
        latencies.clear();
        statistics.set("");
        omitted.set(0);
        followUps.clear();
        followUpResult.set("");
        selected.set(null);
        rows.setAll(new AttemptRow.Saved(r));
        elapsedText.set(String.format(java.util.Locale.ROOT, "%.1f s", r.elapsedMillis() / 1e3));
        status.set("Saved run of " + ShownReport.savedWhen(r) + ": "
                + (r.verdict().isEmpty() ? r.outcome().name() : r.verdict()));
        saved.set(r);
    }

    /** Puts the run's type, target and options into the form, as they were. */
    public void restoreForm(RunRecord r) {
        form.restore(r);
    }

    /** Shows what "Compare" found in place of the explanation, until {@link #closeComparison()} or another run. */
    public void showComparison(String title, org.connectdoctor.history.Diff.Comparison diff) {
        comparison.set(new Comparison(title, diff));
    }

    /** Back from a comparison to the run's own explanation or saved report. */
    public void closeComparison() {
        comparison.set(null);
    }

    /** The ticket-ready text of the report on show, or null when there is none. */
    public String reportText() {
        return shownReport().text(system::join);
    }

    /** The report on show as Markdown, or null. */
    public String reportMarkdown() {
        return shownReport().markdown(system::join);
    }

    /** The report on show as JSON (with its explanation), or null; a saved run as the history keeps it. */
    public String reportJson() {
        return shownReport().json();
    }

    /** The name Save proposes for the report on show (the target and when it ran), or null. */
    public String reportFileName(String extension) {
        return shownReport().fileName(extension);
    }

    private ShownReport shownReport() {
        return new ShownReport(report.get(), explanation.get(), saved.get());
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

    /** How many rounds the run on show asked for: the table numbers rows "round.index" when more than one. */
    public int requestCount() {
        return shownCount;
    }

    /** Seconds since the running probe started, for the status bar's clock. */
    public double elapsedSeconds() {
        return running.get() ? (System.nanoTime() - startedNanos) / 1e9 : 0;
    }

    /**
     * The clock's tick (the window calls it ten times a second while a probe runs): the elapsed
     * time and the pending row's countdown follow the wall clock, not the stream of attempts.
     */
    public void tick() {
        if (running.get()) {
            long t = System.nanoTime();
            now.set(t);
            elapsedText.set(RunFigures.secondsText(t - startedNanos));
        }
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
        runningRow.set(null);
        listedRunning = null;
        ProbeReport r = run.report();
        report.set(r);
        if (r.decisive() != null) {
            explanations.put(r.decisive(), run.explanation());
        }
        attempts.setAll(r.attempts());
        rows.setAll(RunFigures.rowsOf(r));
        omitted.set(r.attemptCount() - r.attempts().size());
        elapsedText.set(RunFigures.secondsText(r.elapsedNanos()));
        if (r.request().count() == 1 || latencies.isEmpty()) {
            latencies.setAll(RunFigures.pointsOf(r.attempts()));
        }
        explanation.set(run.explanation());
        statistics.set(RunFigures.statisticsText(r));
        status.set(verdictWords(r));
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
                        status.set(verdictWords(r) + " \u2014 " + EXPLANATION_FAILED + why + ")");
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

    private static String lookupHost(Target t) {
        return t instanceof Target.Inet i ? i.host() : t.display();
    }

    /**
     * Streams the engine's progress to the UI, coalesced: the probing thread only records what
     * changed, and at most one flush is pending on the UI executor (about twenty a second, see
     * {@link Coalescer}), whatever the rate of attempts. The live statistics are kept the way the
     * engine keeps the final ones (a round counts once, with its first success or its last failure;
     * a cancelled round does not count), in constant memory; the table keeps the same first
     * {@link ProbeReport#KEPT_ATTEMPTS} attempts as the report, the chart the latest {@link #CHART_POINTS}.
     */
    private final class Streamer implements ProbeListener {
        private final ProbeRequest request;
        private final Coalescer coalescer = new Coalescer(ui, this::flush);
        private final org.connectdoctor.probe.Statistics.Accumulator stats =
                new org.connectdoctor.probe.Statistics.Accumulator();
        // guarded by this
        private final List<Attempt> newAttempts = new java.util.ArrayList<>();
        private final java.util.ArrayDeque<Point> newPoints = new java.util.ArrayDeque<>();
        private int kept;
        private long count;
        private AttemptRow.Running current;
        private boolean runningChanged;
        private String statusText;
        private double progressValue = -1;
        private org.connectdoctor.probe.Statistics live;
        // the probing thread's own
        private int round;
        private Attempt roundResult;
        /** Set on the UI thread when the run's final state is shown: late flushes do nothing. */
        private boolean ended;

        Streamer(ProbeRequest request) {
            this.request = request;
        }

        /** On the UI thread, at the start: the pending row and its words at once. */
        void publishNow(AttemptRow.Running first) {
            runningRow.set(first);
            rows.add(first);
            listedRunning = first;
            status.set(first.statusWords());
        }

        /**
         * On the UI thread: the final report is shown. The last rounds' points, not flushed yet,
         * still go into the chart (else it ends one probe short: "probes 1 to 49" under 50 of 50).
         */
        void end() {
            if (!ended && streaming == this) {
                List<Point> last;
                synchronized (this) {
                    last = List.copyOf(newPoints);
                    newPoints.clear();
                }
                if (!last.isEmpty()) {
                    latencies.addAll(last);
                    if (latencies.size() > CHART_POINTS) {
                        latencies.remove(0, latencies.size() - CHART_POINTS);
                    }
                }
            }
            ended = true;
            if (streaming == this) {
                streaming = null;
            }
        }

        @Override
        public void resolving(String host) {
            SockAddr unix = request.target() instanceof Target.Unix u ? new SockAddr.Unix(u.path(), u.abstractName())
                    : null;
            String name = unix != null ? host : lookupHost(request.target());
            running(new AttemptRow.Running(name, unix, request.type(), 1, request.count(), 1, 1, System.nanoTime(),
                    request.timeout().toNanos()), null);
        }

        @Override
        public void resolved(Resolution resolution) {
            if (resolution.failed() || request.target() instanceof Target.Unix || resolution.numeric()) {
                return;
            }
            int n = resolution.addresses().size();
            synchronized (this) {
                statusText = "Resolved " + resolution.host() + " to " + n + (n == 1 ? " address" : " addresses");
            }
            coalescer.changed();
        }

        /** For a race: how many of the round's attempts have ended, and how many addresses it has. */
        private int endedInRound;
        private int roundOf;

        @Override
        public void attempting(int round, int index, int of, SockAddr address) {
            if (round != this.round) {
                closeRound();
                this.round = round;
                endedInRound = 0;
            }
            roundOf = of;
            running(new AttemptRow.Running(lookupHost(request.target()), address, request.type(), round,
                    request.count(), index, of, System.nanoTime(), request.timeout().toNanos()),
                    request.count() > 1 ? (round - 1) / (double) request.count() : -1);
        }

        @Override
        public void attempted(Attempt attempt) {
            boolean cancelled = attempt.outcome() == org.connectdoctor.probe.Outcome.CANCELLED;
            if (!cancelled && (roundResult == null || !roundResult.outcome().isSuccess())) {
                roundResult = attempt;
            }
            int of = addressCount(attempt);
            endedInRound++;
            // Racing attempts end in any order: the round is over at the first success or when all have ended.
            boolean roundOver = cancelled || attempt.outcome().isSuccess() && !request.allAddresses()
                    || (request.happyEyeballs() ? endedInRound >= roundOf : attempt.index() >= of);
            org.connectdoctor.probe.Statistics snapshot = null;
            if (cancelled) {
                roundResult = null; // a cancelled round is not counted, as in the final figures
            } else if (roundOver) {
                closeRound();
                snapshot = stats.figures(); // the percentiles come with the final report
            }
            synchronized (this) {
                count++;
                if (kept < ProbeReport.KEPT_ATTEMPTS) {
                    kept++;
                    newAttempts.add(attempt);
                }
                current = null;
                runningChanged = true;
                if (snapshot != null) {
                    live = snapshot;
                }
            }
            coalescer.changed();
        }

        private int addressCount(Attempt attempt) {
            AttemptRow.Running r;
            synchronized (this) {
                r = current;
            }
            return r != null && r.address() != null ? r.of() : attempt.index();
        }

        /** The round's one result goes into the figures and, if it succeeded, the chart. */
        private void closeRound() {
            Attempt r = roundResult;
            roundResult = null;
            if (r == null) {
                return;
            }
            if (r.outcome().isSuccess()) {
                stats.success(r.elapsedNanos());
                synchronized (this) {
                    newPoints.addLast(new Point(r.round(), r.elapsedMillis()));
                    if (newPoints.size() > CHART_POINTS) {
                        newPoints.removeFirst();
                    }
                }
            } else {
                stats.failure();
            }
        }

        private void running(AttemptRow.Running row, Double progress) {
            synchronized (this) {
                current = row;
                runningChanged = true;
                statusText = row.statusWords();
                if (progress != null) {
                    progressValue = progress;
                }
            }
            coalescer.changed();
        }

        /** On the UI thread: what changed since the last flush, applied in one go. */
        private void flush() {
            if (ended || streaming != this) {
                return;
            }
            List<Attempt> added;
            List<Point> points;
            AttemptRow.Running row;
            boolean rowChanged;
            String words;
            double p;
            org.connectdoctor.probe.Statistics figures;
            long seen;
            long shown;
            synchronized (this) {
                added = List.copyOf(newAttempts);
                newAttempts.clear();
                points = List.copyOf(newPoints);
                newPoints.clear();
                row = current;
                rowChanged = runningChanged;
                runningChanged = false;
                words = statusText;
                statusText = null;
                p = progressValue;
                figures = live;
                live = null;
                seen = count;
                shown = kept;
            }
            AttemptRow.Running listed = listedRunning;
            boolean listedLast = listed != null && !rows.isEmpty() && rows.get(rows.size() - 1) == listed;
            if (added.isEmpty() && rowChanged && row != null && listedLast && row.sameAddress(listed)) {
                // The common case in a flood once the table is full: the table's list stays as it
                // is; the pending row's result cell follows runningRow.
                runningRow.set(row);
            } else if (rowChanged || !added.isEmpty()) {
                if (listedLast) {
                    rows.remove(rows.size() - 1);
                }
                listedRunning = null;
                if (!added.isEmpty()) {
                    attempts.addAll(added);
                    rows.addAll(added.stream().<AttemptRow>map(AttemptRow.Done::new).toList());
                }
                if (rowChanged) {
                    runningRow.set(row);
                }
                if (runningRow.get() != null) {
                    rows.add(runningRow.get());
                    listedRunning = runningRow.get();
                }
            }
            if (!points.isEmpty()) {
                latencies.addAll(points);
                if (latencies.size() > CHART_POINTS) {
                    latencies.remove(0, latencies.size() - CHART_POINTS);
                }
            }
            if (words != null) {
                status.set(words);
            }
            progress.set(p);
            if (figures != null && request.count() > 1) {
                statistics.set(RunFigures.statisticsText(figures) + " \u2026");
            }
            omitted.set(seen - shown);
        }
    }

    // ------------------------------------------------------------------ properties

    public StringProperty targetProperty() { return form.targetProperty(); }
    public ObjectProperty<SocketType> typeProperty() { return form.typeProperty(); }
    public ObjectProperty<FamilyChoice> familyProperty() { return form.familyProperty(); }
    public StringProperty timeoutProperty() { return form.timeoutProperty(); }
    public StringProperty sourceProperty() { return form.sourceProperty(); }
    public BooleanProperty broadcastProperty() { return form.broadcastProperty(); }
    public StringProperty payloadProperty() { return form.payloadProperty(); }
    public BooleanProperty payloadHexProperty() { return form.payloadHexProperty(); }
    public StringProperty countProperty() { return form.countProperty(); }
    public StringProperty intervalProperty() { return form.intervalProperty(); }
    public BooleanProperty allAddressesProperty() { return form.allAddressesProperty(); }
    /** Race the addresses as RFC 8305 does (stream targets with a host name). */
    public BooleanProperty happyEyeballsProperty() { return form.happyEyeballsProperty(); }
    public BooleanProperty checkTlsProperty() { return form.checkTlsProperty(); }
    public StringProperty tlsNameProperty() { return form.tlsNameProperty(); }
    public ReadOnlyStringProperty targetMessageProperty() { return form.targetMessageProperty(); }
    public ReadOnlyStringProperty optionsMessageProperty() { return form.optionsMessageProperty(); }
    public ReadOnlyObjectProperty<ProbeRequest> requestProperty() { return form.requestProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canRunProperty() { return canRun.getReadOnlyProperty(); }
    public ObservableList<Attempt> attempts() { return attempts; }
    public ObjectProperty<Attempt> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<ProbeReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Explanation> explanationProperty() { return explanation.getReadOnlyProperty(); }
    public ReadOnlyStringProperty planProperty() { return form.planProperty(); }
    public ReadOnlyObjectProperty<RunRecord> savedProperty() { return saved.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Comparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }
    /** A report is on show: this session's run or an earlier one's saved report. */
    public javafx.beans.binding.BooleanExpression hasReportProperty() { return hasReport; }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    /** Why settings and recent targets are not being kept; empty while they are. */
    public ReadOnlyStringProperty settingsWarningProperty() { return settingsWarning.getReadOnlyProperty(); }

    /** Shows (non-null) or clears (null) the settings warning; on the UI thread. */
    public void settingsWarning(String warning) {
        settingsWarning.set(warning == null ? "" : warning);
    }
    public ReadOnlyStringProperty statisticsProperty() { return statistics.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    public ObservableList<Point> latencies() { return latencies; }
    /** The table's lines: finished attempts, then the one in progress (or the failed lookup). */
    public ObservableList<AttemptRow> rows() { return rows; }
    /** The attempt or lookup in progress, or null. */
    public ReadOnlyObjectProperty<AttemptRow.Running> runningRowProperty() { return runningRow.getReadOnlyProperty(); }
    /** The clock the countdown reads (System.nanoTime() at the last {@link #tick()}). */
    public javafx.beans.property.ReadOnlyLongProperty nowProperty() { return now; }
    /** The elapsed time: live while a probe runs, the run's own duration after it. */
    public ReadOnlyStringProperty elapsedTextProperty() { return elapsedText.getReadOnlyProperty(); }
    /** How many attempts ran that the table does not show (the report keeps the first ones). */
    public ReadOnlyLongProperty omittedProperty() { return omitted.getReadOnlyProperty(); }
    /** The one-click next steps for the result on show. */
    public ObservableList<FollowUp> followUps() { return followUps; }
    /** What the last follow-up changed in the form, in words; empty before any. */
    public ReadOnlyStringProperty formChangeProperty() { return formChange.getReadOnlyProperty(); }
    /** What "Check the path" found; empty otherwise. */
    public ReadOnlyStringProperty followUpResultProperty() { return followUpResult.getReadOnlyProperty(); }
    public ObservableList<Run> history() { return history; }
    public ObservableList<String> recentTargets() { return recentTargets; }
}
