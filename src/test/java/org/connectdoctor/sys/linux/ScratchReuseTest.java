package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The per-thread scratch block (LinuxScratch) keeps the peer, the pollfd entries and SO_ERROR's
 * length between calls: each call must still see its own arguments when they change on one thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ScratchReuseTest {

    private final LinuxSockets sockets = (LinuxSockets) NativeSockets.system();

    /** connect, poll, SO_ERROR on one thread: null when connected, else the error. */
    private SysError connectOnce(SockAddr to, Waker waker, SockAddr[] local) throws SysException {
        try (NativeSocket s = sockets.open(to.family(), SocketType.STREAM)) {
            s.setLingerZero();
            if (!s.connect(to)) {
                assertEquals(Readiness.READY, s.awaitUntil(Interest.WRITE, waker, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
                SysError e = s.takeError();
                local[0] = s.localAddress();
                return e;
            }
            local[0] = s.localAddress();
            return null;
        }
    }

    @Test
    void peersThatChangeOnOneThreadAreEachConnectedTo() throws Exception {
        try (NativeSocket open = sockets.listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 64);
             NativeSocket open6 = sockets.listen(new SockAddr.Inet6(0, 1, 0, 0, 0), SocketType.STREAM, 64);
             NativeSocket held = sockets.open(Family.INET, SocketType.STREAM);
             Waker waker = sockets.waker()) {
            held.bind(new SockAddr.Inet4(0x7f000001, 0)); // bound, never listening: a closed port
            SockAddr listening = open.localAddress();
            SockAddr listening6 = open6.localAddress();
            SockAddr closed = held.localAddress();
            SockAddr[] local = new SockAddr[1];
            for (int i = 0; i < 3; i++) {
                assertNull(connectOnce(listening, waker, local));
                assertInstanceOf(SockAddr.Inet4.class, local[0]);
                SysError refused = connectOnce(closed, waker, local);
                assertNotNull(refused);
                assertEquals(Errno.ECONNREFUSED, refused.errno());
                assertEquals(0x7f000001, ((SockAddr.Inet4) local[0]).address());
                assertNull(connectOnce(listening6, waker, local)); // a longer sockaddr in the same block
                assertInstanceOf(SockAddr.Inet6.class, local[0]);
                assertEquals(1L, ((SockAddr.Inet6) local[0]).low());
            }
        }
    }

    @Test
    void aWakerOnlyWaitBetweenSocketWaitsLeavesBothEntriesRight() throws Exception {
        try (NativeSocket open = sockets.listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 64);
             Waker waker = sockets.waker();
             Waker other = sockets.waker()) {
            SockAddr listening = open.localAddress();
            SockAddr[] local = new SockAddr[1];
            assertNull(connectOnce(listening, waker, local));
            // The waker alone takes the first pollfd entry; it times out unwoken, then wakes when woken.
            assertEquals(Readiness.TIMED_OUT, waker.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2)));
            other.wake();
            assertEquals(Readiness.WOKEN, other.sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
            // A socket wait afterwards, with another waker that is woken: the cancel is seen.
            try (NativeSocket s = sockets.open(Family.INET, SocketType.STREAM)) {
                s.connect(listening);
                assertEquals(Readiness.WOKEN, s.awaitUntil(Interest.WRITE, other, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
            }
            other.clear();
            assertNull(connectOnce(listening, waker, local));
            assertNull(connectOnce(listening, other, local));
        }
    }
}
