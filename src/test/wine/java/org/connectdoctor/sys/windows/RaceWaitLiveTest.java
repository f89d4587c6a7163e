package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.sys.FirstReady;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.Waker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The racing wait (one select() on several connecting sockets and the waker) on Winsock: each
 * socket's end is reported by its position, a refusal and a connection alike, and a woken waker
 * ends the wait before any socket.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RaceWaitLiveTest {

    private static final long SECOND = 1_000_000_000L;
    private final NativeSockets sockets = NativeSockets.system();

    private static SockAddr v4(int port) {
        return new SockAddr.Inet4(0x7f000001, port);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void aRefusedAndAConnectedSocketAreEachReportedByTheirPosition() throws Exception {
        int closed = closedPort();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Waker waker = sockets.waker();
             NativeSocket refused = sockets.open(Family.INET, SocketType.STREAM);
             NativeSocket accepted = sockets.open(Family.INET, SocketType.STREAM)) {
            List<NativeSocket> waiting = new ArrayList<>(List.of(refused, accepted));
            SysError refusal = null;
            boolean connected = false;
            boolean refusedDone = refused.connect(v4(closed));
            boolean acceptedDone = accepted.connect(v4(server.getLocalPort()));
            if (acceptedDone) {
                waiting.remove(accepted);
                connected = true;
            }
            assertTrue(!refusedDone, "a connect to a closed port cannot succeed at once");
            long deadline = System.nanoTime() + 10 * SECOND;
            while (!waiting.isEmpty()) {
                FirstReady r = sockets.awaitAnyConnect(waiting, waker, deadline);
                assertEquals(Readiness.READY, r.readiness(), "both connects end within 10 s");
                NativeSocket done = waiting.remove(r.index());
                SysError e = done.takeError();
                if (done == refused) {
                    refusal = e;
                } else {
                    assertNull(e, "the listener's connect failed: " + e);
                    connected = true;
                }
            }
            assertNotNull(refusal, "the closed port's connect ended without an error");
            assertEquals(Errno.ECONNREFUSED, refusal.errno());
            assertTrue(connected);
        }
    }

    @Test
    void aWokenWakerEndsTheWaitBeforeAnySocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Waker waker = sockets.waker();
             NativeSocket socket = sockets.open(Family.INET, SocketType.STREAM)) {
            socket.connect(v4(server.getLocalPort()));
            waker.wake();
            assertEquals(Readiness.WOKEN, sockets.awaitAnyConnect(List.of(socket), waker,
                    System.nanoTime() + 5 * SECOND).readiness());
            waker.clear();
            assertEquals(Readiness.READY, sockets.awaitAnyConnect(List.of(socket), waker,
                    System.nanoTime() + 5 * SECOND).readiness(), "cleared, the connect's end is seen");
        }
    }
}
