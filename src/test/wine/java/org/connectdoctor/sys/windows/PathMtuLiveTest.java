package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.Waker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * getsockopt IP_MTU (73) after a connect on 127.0.0.1: Windows 10 1703 and later report the path
 * MTU; where the option is refused (older Windows, Wine) the reading is Unknown with the error, never
 * a made-up number. Windows cannot set the MSS a connection advertises, and says so.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PathMtuLiveTest {

    private final NativeSockets sockets = NativeSockets.system();

    private Read<PathMtu> connectedPath() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Waker waker = sockets.waker();
             NativeSocket s = sockets.open(Family.INET, SocketType.STREAM)) {
            SockAddr to = new SockAddr.Inet4(0x7f000001, server.getLocalPort());
            if (!s.connect(to)) {
                assertEquals(Readiness.READY, s.awaitUntil(Interest.WRITE, waker, System.nanoTime() + 5_000_000_000L));
            }
            return s.pathMtu(Family.INET, true);
        }
    }

    @Test
    void pathMtuIsReadOrUnknownWithTheError() throws Exception {
        Read<PathMtu> p = connectedPath();
        if (p instanceof Read.Known<PathMtu> k) {
            assertEquals("IP_MTU", k.value().option());
            assertTrue(k.value().mtu() >= 576, k.value().toString());
        } else {
            String reason = ((Read.Unknown<PathMtu>) p).reason();
            assertTrue(reason.startsWith("getsockopt IP_MTU failed: WSAE"), reason);
            assertTrue(reason.contains("Windows 10 version 1703"), reason);
        }
    }

    @Test
    void underWineIpMtuIsRefusedAndSaidSo() throws Exception {
        assumeTrue(Wine.running(), "real Windows reports IP_MTU; this names Wine's answer");
        Read<PathMtu> p = connectedPath();
        assertFalse(p.isKnown(), "Wine 8 has no IP_MTU: " + p);
    }

    @Test
    void everyLinkCarriesTheAdaptersMtu() {
        Read<java.util.List<org.connectdoctor.sys.NetworkLink>> links = WindowsHostState.INSTANCE.links();
        assertTrue(links.isKnown(), links.toString());
        java.util.List<org.connectdoctor.sys.NetworkLink> all = ((Read.Known<java.util.List<org.connectdoctor.sys.NetworkLink>>) links)
                .value();
        assertFalse(all.isEmpty());
        for (org.connectdoctor.sys.NetworkLink l : all) {
            assertTrue(l.mtu() >= 576 || l.mtu() == 0, "GetAdaptersAddresses Mtu of " + l + " (offset 96)");
        }
        assertTrue(all.stream().anyMatch(l -> l.mtu() >= 576), "some adapter reports its MTU: " + all);
    }

    @Test
    void theMssCannotBeAdvertisedOnWindows() throws Exception {
        try (NativeSocket s = sockets.open(Family.INET, SocketType.STREAM)) {
            assertFalse(s.advertiseMaxSegment(536));
            assertNotNull(s.maxSegmentUnsupported());
            assertTrue(s.maxSegmentUnsupported().startsWith("Windows has no setting"), s.maxSegmentUnsupported());
        }
    }
}
