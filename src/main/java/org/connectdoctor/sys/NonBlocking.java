package org.connectdoctor.sys;

import java.util.Arrays;
import org.connectdoctor.net.Errno;

/**
 * The steps a conversation over a connected non-blocking socket repeats (the TLS handshake, a
 * CONNECT through a proxy): a call that would block is retried once the socket is ready, every
 * wait ends at one absolute deadline or when the waker is woken.
 */
public final class NonBlocking {

    private NonBlocking() {
    }

    /** Whether the call would have blocked (EAGAIN, EWOULDBLOCK) or was interrupted: wait, then call again. */
    public static boolean again(SysException e) {
        return e.errno() == Errno.EAGAIN || e.errno() == Errno.EWOULDBLOCK || e.errno() == Errno.EINTR;
    }

    /**
     * Sends all of {@code data}, waiting for writability whenever the socket's buffer is full.
     *
     * @return {@link Readiness#READY} when all was sent, else how the wait ended first
     *         ({@link Readiness#TIMED_OUT} at {@code deadline}, {@link Readiness#WOKEN} on cancel)
     * @throws SysException when send or the wait fails for another reason
     */
    public static Readiness sendAll(NativeSocket socket, byte[] data, Waker waker, long deadline) throws SysException {
        int off = 0;
        while (off < data.length) {
            int n;
            try {
                n = socket.send(off == 0 ? data : Arrays.copyOfRange(data, off, data.length));
            } catch (SysException e) {
                if (!again(e)) {
                    throw e;
                }
                Readiness r = socket.awaitUntil(Interest.WRITE, waker, deadline);
                if (r != Readiness.READY) {
                    return r;
                }
                continue;
            }
            off += n;
        }
        return Readiness.READY;
    }
}
