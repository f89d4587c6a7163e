package org.connectdoctor.cli;

import java.io.PrintWriter;
import org.connectdoctor.probe.Cancellation;

/**
 * While a back-to-back flood runs, flushes the output every {@value #PERIOD_MS} ms instead of after
 * every line (a write per line would cost more than the probes), so a reader is never more than that
 * behind; stops the probe when the output can no longer be written. PrintWriter locks itself, so
 * flushing from this thread is safe while the probing thread prints.
 */
final class PeriodicFlush implements AutoCloseable {
    static final long PERIOD_MS = 100;

    private final Thread thread;
    private volatile boolean closed;

    PeriodicFlush(PrintWriter out, Cancellation cancellation) {
        thread = new Thread(() -> {
            while (!closed) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (out.checkError()) {
                    cancellation.cancel(); // nobody can read the rest
                    return;
                }
            }
        }, "connect-doctor-flush");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
