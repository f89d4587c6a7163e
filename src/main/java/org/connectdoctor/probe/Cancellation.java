package org.connectdoctor.probe;

import java.util.concurrent.CompletableFuture;
import org.connectdoctor.sys.Waker;

/**
 * Cancels a running probe from any thread. The probing thread waits in poll(2) on its socket and
 * on a wake-up descriptor; {@link #cancel()} writes to that descriptor, so the wait ends at once
 * and the probing thread itself closes the socket. A cancellation is used for one probe run.
 */
public final class Cancellation {
    private final Object lock = new Object();
    private final CompletableFuture<Void> signal = new CompletableFuture<>();
    private boolean cancelled;
    private Waker waker;

    public void cancel() {
        synchronized (lock) {
            cancelled = true;
            if (waker != null) {
                waker.wake();
            }
        }
        signal.complete(null);
    }

    public boolean isCancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    /** Completes when cancelled: for waits that are not on a descriptor (a name lookup). */
    CompletableFuture<Void> signal() {
        return signal;
    }

    void attach(Waker w) {
        synchronized (lock) {
            waker = w;
            if (cancelled) {
                w.wake();
            }
        }
    }

    void detach() {
        synchronized (lock) {
            waker = null;
        }
    }
}
