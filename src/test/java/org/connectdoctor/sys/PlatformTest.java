package org.connectdoctor.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The composition root of the backends (#24): each known system gets its own; an unknown one is never Linux. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PlatformTest {

    @Test
    void anUnknownSystemIsNotLinux() {
        Platform p = Platform.detect(null, "FreeBSD");
        assertNull(p.os());
        assertEquals("FreeBSD", p.caps().osName());
        assertFalse(p.caps().supports(SocketType.STREAM, Family.UNIX), "no Unix sockets assumed");
        assertFalse(p.caps().abstractUnixNames());
        assertTrue(p.caps().supports(SocketType.STREAM, Family.INET));
        assertTrue(p.caps().unsupportedReason(SocketType.SEQPACKET, Family.INET).contains("FreeBSD"));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, p::requireSockets);
        assertTrue(e.getMessage().contains("FreeBSD"), e.getMessage());
        assertTrue(p.host().route(new SockAddr.Inet4(0x0a000001, 0)) instanceof RouteLookup.Unknown u
                && u.reason().contains("FreeBSD"));
        assertTrue(p.routes().route(new SockAddr.Inet4(0x0a000001, 0)) instanceof RouteLookup.Unknown);
    }

    @Test
    void macosHasItsOwnReadersAndSaysItsSocketsAreNotWritten() {
        Platform p = Platform.detect(Os.MACOS, "Mac OS X");
        assertEquals("macOS", p.caps().osName());
        assertSame(org.connectdoctor.sys.darwin.DarwinHostState.INSTANCE, p.host());
        assertTrue(assertThrows(UnsupportedOperationException.class, p::requireSockets).getMessage().contains("macOS"));
    }

    @Test
    void thisMachineIsLinuxWithItsBackends() {
        Platform p = Platform.current();
        assertEquals(Os.LINUX, p.os());
        assertSame(org.connectdoctor.sys.linux.LinuxHostState.INSTANCE, p.host());
        assertSame(p.host(), HostState.current());
        assertSame(p.caps(), Capabilities.current());
        assertSame(p.requireSockets(), NativeSockets.system());
        assertSame(p.routes(), HostRoutes.system());
    }
}
