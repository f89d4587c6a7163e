package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The answers of {@link WindowsHostState} that need no Windows call, so they hold on any system:
 * what the owner-PID conventions mean, and what Windows cannot tell. The rest runs under Wine
 * (src/test/wine, WindowsHostStateLiveTest).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WindowsHostStateTest {

    private static final SockAddr.Inet4 LOCAL = new SockAddr.Inet4(0x7f000001, 8080);
    private static final SockAddr.Inet4 ANY = new SockAddr.Inet4(0, 0);
    private final WindowsHostState host = WindowsHostState.INSTANCE;

    private static SocketEntry row(SocketState state, long pid) {
        return new SocketEntry(Transport.TCP, LOCAL, ANY, state, -1, -1, -1, pid);
    }

    @Test
    void pidZeroOfAnOpenSocketIsUnknownNotNobody() {
        for (SocketState state : new SocketState[] {SocketState.LISTEN, SocketState.ESTABLISHED, SocketState.BOUND}) {
            Read<Optional<OwnerProcess>> owner = host.owner(row(state, 0));
            Read.Unknown<?> u = assertInstanceOf(Read.Unknown.class, owner, state.toString());
            assertTrue(u.reason().contains("PID 0") && u.reason().contains("127.0.0.1:8080"), u.reason());
        }
    }

    @Test
    void pidZeroOfATimeWaitSocketIsNobody() {
        assertEquals(Read.known(Optional.empty()), host.owner(row(SocketState.TIME_WAIT, 0)));
    }

    @Test
    void pidFourIsTheSystemProcess() {
        assertEquals(Read.known(Optional.of(new OwnerProcess(4, "System"))), host.owner(row(SocketState.LISTEN, 4)));
    }

    @Test
    void whatWindowsCannotTellIsUnknownWithTheReason() {
        Read.Unknown<?> ports = assertInstanceOf(Read.Unknown.class, host.ephemeralPorts(Transport.UDP));
        assertTrue(ports.reason().contains("netsh int ipv4 show dynamicport udp"), ports.reason());
        Read.Unknown<?> unix = assertInstanceOf(Read.Unknown.class, host.unixSockets());
        assertTrue(unix.reason().contains("no table of Unix-domain sockets"), unix.reason());
        RouteLookup.Unknown route = assertInstanceOf(RouteLookup.Unknown.class, host.route(new SockAddr.Unix("/x", false)));
        assertTrue(route.reason().contains("Unix-domain"), route.reason());
    }
}
