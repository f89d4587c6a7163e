package org.connectdoctor.ui;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns any number of "something changed" signals from a probing thread into at most one pending
 * flush on the UI executor, and at most one flush per period: a flood of attempts costs the UI
 * thread about twenty short updates a second, however fast the attempts come.
 */
final class Coalescer {
    /** 20 updates a second. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Executor ui;
    private final Runnable flush;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile long lastFlush = System.nanoTime() - PERIOD_NANOS;

    Coalescer(Executor ui, Runnable flush) {
        this.ui = ui;
        this.flush = flush;
    }

    /** Called on any thread: schedules the flush unless one is already pending. */
    void changed() {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        long wait = lastFlush + PERIOD_NANOS - System.nanoTime();
        if (wait <= 0) {
            ui.execute(this::run);
        } else {
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, ui).execute(this::run);
        }
    }

    private void run() {
        // Cleared before the flush reads, so a change made while it runs schedules the next one.
        pending.set(false);
        lastFlush = System.nanoTime();
        flush.run();
    }
}
