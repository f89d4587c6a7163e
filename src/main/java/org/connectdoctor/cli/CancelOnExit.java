package org.connectdoctor.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * While open, Ctrl-C or SIGTERM cancels the running work and holds the JVM's exit for up to two
 * seconds, so the command can still print (and record) how it ended. Close it once the output is
 * written: a later exit then no longer waits.
 */
final class CancelOnExit implements AutoCloseable {
    private final CountDownLatch printed = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread hook;

    CancelOnExit(Runnable cancel) {
        hook = new Thread(() -> {
            if (running.get()) {
                cancel.run();
                try {
                    printed.await(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "connect-doctor-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void close() {
        running.set(false);
        printed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already; it only waits for the latch just released
        }
    }
}
