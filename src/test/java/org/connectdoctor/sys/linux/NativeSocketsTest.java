package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.testing.Fds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The native layer against the real C library, on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NativeSocketsTest {

    private final LinuxSockets sockets = (LinuxSockets) NativeSockets.system();
    private static final SockAddr.Inet4 LOOPBACK_ANY_PORT = new SockAddr.Inet4(0x7f000001, 0);

    @Test
    void everyLinuxTableEntryIsKnownToTheRunningCLibrary() {
        NumberTable<Errno> table = NumberTable.errno(Os.LINUX);
        table.numbers().forEach((symbol, number) -> {
            String text = sockets.error(number).message();
            assertFalse(text.startsWith("Unknown error"), symbol + " (" + number + ") is unknown to strerror");
        });
    }

    @Test
    void connectOnAConnectedSocketFailsWithEisconn() throws Exception {
        try (NativeSocket server = sockets.listen(LOOPBACK_ANY_PORT, SocketType.STREAM, 8);
             NativeSocket client = sockets.open(Family.INET, SocketType.STREAM);
             Waker waker = sockets.waker()) {
            SockAddr at = server.localAddress();
            if (!client.connect(at)) {
                assertEquals(Readiness.READY, client.awaitUntil(Interest.WRITE, waker, System.nanoTime() + TimeUnit.SECONDS.toNanos(5)));
                assertNull(client.takeError());
                // Linux: the first connect after a non-blocking one completed reports success once.
                assertTrue(client.connect(at));
            }
            SysException e = assertThrows(SysException.class, () -> client.connect(at));
            assertEquals(Errno.EISCONN, e.errno());
            assertEquals(106, e.error().number());
            assertEquals("connect", e.call());
        }
    }

    @Test
    void ipv4SocketRefusesAnIpv6AddressWithEafnosupport() throws Exception {
        try (NativeSocket client = sockets.open(Family.INET, SocketType.STREAM)) {
            SysException e = assertThrows(SysException.class,
                    () -> client.connect(new SockAddr.Inet6(0, 1, 9, 0, 0)));
            assertEquals(Errno.EAFNOSUPPORT, e.errno());
        }
    }

    @Test
    void closedDescriptorGivesEbadf() throws Exception {
        // A number no descriptor can have (above any descriptor limit): a socket's number, once
        // closed, was taken again by another thread of the test JVM within microseconds in a full
        // run, and connect() then answered ENOTSOCK for that file.
        int fd = 1 << 30;
        SysException e = assertThrows(SysException.class, () -> sockets.fileStatusFlags(fd));
        assertEquals(Errno.EBADF, e.errno());
        SysException c = assertThrows(SysException.class, () -> sockets.rawConnect(fd, new SockAddr.Inet4(0x7f000001, 9)));
        assertEquals(Errno.EBADF, c.errno());
        assertEquals("Bad file descriptor", c.error().message());
    }

    @Test
    void aPipeIsNotASocket() throws Exception {
        int[] pipe = sockets.rawPipe();
        try {
            SysException e = assertThrows(SysException.class,
                    () -> sockets.rawConnect(pipe[0], new SockAddr.Inet4(0x7f000001, 9)));
            assertEquals(Errno.ENOTSOCK, e.errno());
            assertEquals(88, e.error().number());
        } finally {
            LinuxSockets.rawClose(pipe[0]);
            LinuxSockets.rawClose(pipe[1]);
        }
    }

    @Test
    void socketsAreNonBlockingAndCloseOnExec() throws Exception {
        try (NativeSocket s = sockets.open(Family.INET6, SocketType.DGRAM)) {
            assertTrue((sockets.fileStatusFlags(s.fd()) & LinuxLibC.O_NONBLOCK) != 0);
        }
    }

    @Test
    void closeReleasesTheDescriptorOnceAndOnlyOnce() throws Exception {
        int before = Fds.socketsAndPipes();
        NativeSocket s = sockets.open(Family.UNIX, SocketType.STREAM);
        assertEquals(before + 1, Fds.awaitSocketsAndPipes(before + 1, 2000));
        s.close();
        s.close();
        assertEquals(-1, s.fd());
        assertEquals(before, Fds.awaitSocketsAndPipes(before, 2000));
        SysException e = assertThrows(SysException.class, () -> s.connect(new SockAddr.Unix("/nonexistent", false)));
        assertEquals(Errno.EBADF, e.errno());
    }

    @Test
    void wakerEndsAWaitAtOnceAndIsSafeAfterClose() throws Exception {
        Waker w = sockets.waker();
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.wake();
        });
        t.start();
        assertEquals(Readiness.WOKEN, w.sleepUntil(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        t.join();
        w.clear();
        assertEquals(Readiness.TIMED_OUT, w.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)));
        w.close();
        w.wake(); // must not touch a descriptor number that may be reused
        assertTrue(w.isWoken());
    }

    @Test
    void resolvesLiteralsWithoutLookupAndReportsGetaddrinfoErrors() {
        Lookup ok = sockets.resolve("::1", "443", null, SocketType.STREAM, true);
        assertNull(ok.error());
        assertEquals(new SockAddr.Inet6(0, 1, 443, 0, 0), ok.addresses().get(0));

        Lookup badService = sockets.resolve("127.0.0.1", "no-such-service-here", null, SocketType.STREAM, true);
        assertNotNull(badService.error());
        assertEquals(GaiError.EAI_SERVICE, badService.error().code());
        assertEquals(-8, badService.error().number());

        Lookup wrongFamily = sockets.resolve("127.0.0.1", "80", Family.INET6, SocketType.STREAM, true);
        assertNotNull(wrongFamily.error());
    }

    @Test
    void localhostResolvesFromTheHostsFile() {
        Lookup l = sockets.resolve("localhost", "http", Family.INET, SocketType.STREAM, false);
        assertNull(l.error(), () -> String.valueOf(l.error()));
        assertEquals(new SockAddr.Inet4(0x7f000001, 80), l.addresses().get(0));
    }
}
