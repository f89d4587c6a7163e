package org.connectdoctor.checklist;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;

/**
 * Runs the checks of a profile in parallel: at most {@link #CONCURRENCY} probes at a time, each
 * on its own thread (a probe blocks in poll(2)), each with its own absolute deadline counted from
 * its start: the check's limit plus {@link #GRACE}. The limit bounds each attempt already; the
 * deadline bounds the whole check, however many addresses its name resolves to. A run therefore
 * lasts about as long as its slowest check when there are no more checks than workers, and each
 * result is handed on as soon as it is known.
 */
public final class ChecklistRunner {

    /** The most checks probing at once. */
    public static final int CONCURRENCY = 32;
    /**
     * Beyond the limit before a check is stopped: lets an attempt that times out at the limit
     * report its own timeout, rather than the deadline's.
     */
    public static final Duration GRACE = Duration.ofMillis(250);

    /** Told of each result as it is known, from the worker thread that ran it. */
    public interface Listener {
        Listener NONE = new Listener() {
        };

        default void started(int index, Check check) {
        }

        default void finished(CheckResult result) {
        }
    }

    private final ProbeEngine engine;
    private final int concurrency;

    public ChecklistRunner(ProbeEngine engine) {
        this(engine, CONCURRENCY);
    }

    ChecklistRunner(ProbeEngine engine, int concurrency) {
        this.engine = Objects.requireNonNull(engine, "engine");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** Starts the run; returns at once. */
    public Run start(String profileName, List<Check> checks, Listener listener) {
        Run run = new Run(profileName, List.copyOf(checks), listener);
        run.begin();
        return run;
    }

    /** Runs to the end on the calling thread, which must not be a UI thread. */
    public ChecklistResult run(String profileName, List<Check> checks, Listener listener) throws InterruptedException {
        return start(profileName, checks, listener).await();
    }

    /** One run in progress. */
    public final class Run {
        private final String profileName;
        private final List<Check> checks;
        private final Listener listener;
        private final AtomicReferenceArray<CheckResult> results;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Cancellation> running = new ConcurrentLinkedQueue<>();
        private final CountDownLatch done;
        private final ScheduledExecutorService deadlines;
        private final Instant started = Instant.now();
        private final long t0 = System.nanoTime();
        private volatile long elapsed = -1;

        private Run(String profileName, List<Check> checks, Listener listener) {
            this.profileName = profileName;
            this.checks = checks;
            this.listener = listener;
            this.results = new AtomicReferenceArray<>(checks.size());
            int workers = Math.min(concurrency, checks.size());
            this.done = new CountDownLatch(workers);
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "connect-doctor-check-deadline");
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            this.deadlines = s;
        }

        private void begin() {
            int workers = (int) done.getCount();
            if (workers == 0) {
                finishRun();
                return;
            }
            for (int w = 0; w < workers; w++) {
                Thread t = new Thread(this::work, "connect-doctor-check-" + (w + 1));
                t.setDaemon(true);
                t.start();
            }
        }

        private void work() {
            try {
                int i;
                while ((i = next.getAndIncrement()) < checks.size()) {
                    runOne(i);
                }
            } finally {
                done.countDown();
                if (done.getCount() == 0) {
                    finishRun();
                }
            }
        }

        private void finishRun() {
            elapsed = System.nanoTime() - t0;
            deadlines.shutdownNow();
        }

        private void runOne(int index) {
            Check check = checks.get(index);
            Cancellation cancellation = new Cancellation();
            AtomicBoolean deadlineReached = new AtomicBoolean();
            long start = System.nanoTime();
            running.add(cancellation);
            ScheduledFuture<?> deadline = null;
            try {
                if (cancelled.get()) {
                    cancellation.cancel();
                } else {
                    // a TLS check has its own limit after the connect's: the check may take both
                    long limit = check.request().timeout().multipliedBy(check.request().tls() != null ? 2 : 1)
                            .plus(GRACE).toNanos();
                    deadline = deadlines.schedule(() -> {
                        deadlineReached.set(true);
                        cancellation.cancel();
                    }, limit, TimeUnit.NANOSECONDS);
                }
                listener.started(index, check);
                ProbeReport report = engine.run(check.request(), ProbeListener.NONE, cancellation);
                if (deadline != null) {
                    deadline.cancel(false);
                }
                CheckResult r = CheckResult.of(index, check, report, deadlineReached.get() && !cancelled.get(),
                        System.nanoTime() - start);
                results.set(index, r);
                listener.finished(r);
            } finally {
                running.remove(cancellation);
            }
        }

        /** Stops every check still running, and the ones not yet started; they end CANCELLED. */
        public void cancel() {
            cancelled.set(true);
            for (Cancellation c : running) {
                c.cancel();
            }
        }

        /** Waits for the end. */
        public ChecklistResult await() throws InterruptedException {
            done.await();
            return result();
        }

        /** Waits at most {@code timeout}; null when the run has not ended by then. */
        public ChecklistResult await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? result() : null;
        }

        private ChecklistResult result() {
            List<CheckResult> out = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                out.add(results.get(i));
            }
            long e = elapsed;
            return new ChecklistResult(profileName, out, started, e < 0 ? System.nanoTime() - t0 : e, cancelled.get());
        }

        /** How many checks the run holds. */
        public int size() {
            return checks.size();
        }
    }
}
