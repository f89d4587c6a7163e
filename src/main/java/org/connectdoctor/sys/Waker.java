package org.connectdoctor.sys;

/**
 * A wake-up descriptor (a non-blocking pipe) that a socket wait polls next to its socket, so
 * another thread can end the wait at once: cancel writes one byte. {@link #wake()} is safe from
 * any thread, at any time, also after {@link #close()}: it never writes to a descriptor number
 * that might have been reused.
 */
public interface Waker extends AutoCloseable {

    /** Ends current and future waits until {@link #clear()}. */
    void wake();

    /** True once woken and not cleared. */
    boolean isWoken();

    /** Drains the pipe, so that waits block again. */
    void clear();

    /**
     * Waits for the waker alone until {@code deadlineNanos} on the {@link System#nanoTime()} clock:
     * a sleep that cancel can end. A deadline already passed polls once with timeout 0.
     */
    Readiness sleepUntil(long deadlineNanos) throws SysException;

    @Override
    void close();
}
