package org.connectdoctor.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One portable cause per error, whichever system's table gave the number. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CauseTest {

    private static SysError native_(Os os, Errno errno) {
        int n = NumberTable.errno(os).number(errno).getAsInt();
        return new SysError(NumberTable.errno(os).symbol(n), n, "text");
    }

    @Test
    void refusedIsOneCauseUnderThreeNativeNames() {
        SysError linux = native_(Os.LINUX, Errno.ECONNREFUSED);
        SysError macos = native_(Os.MACOS, Errno.ECONNREFUSED);
        SysError windows = native_(Os.WINDOWS, Errno.ECONNREFUSED);
        assertEquals(111, linux.number());
        assertEquals(61, macos.number());
        assertEquals(10061, windows.number());
        assertEquals("ECONNREFUSED", linux.nativeSymbol());
        assertEquals("ECONNREFUSED", macos.nativeSymbol());
        assertEquals("WSAECONNREFUSED", windows.nativeSymbol());
        for (SysError e : List.of(linux, macos, windows)) {
            assertEquals(Optional.of(Cause.REFUSED), e.cause(), e.toString());
        }
        assertEquals("WSAECONNREFUSED (10061) text", windows.toString());
        assertEquals("ECONNREFUSED (111) text", linux.toString());
    }

    @Test
    void theCommonFailuresHaveANumberAndTheSameCauseOnEverySystem() {
        Map<Cause, String> windowsNames = Map.of(Cause.REFUSED, "WSAECONNREFUSED", Cause.TIMED_OUT, "WSAETIMEDOUT",
                Cause.HOST_UNREACHABLE, "WSAEHOSTUNREACH", Cause.NETWORK_UNREACHABLE, "WSAENETUNREACH",
                Cause.ADDRESS_IN_USE, "WSAEADDRINUSE", Cause.ADDRESS_NOT_AVAILABLE, "WSAEADDRNOTAVAIL",
                Cause.PERMISSION_DENIED, "WSAEACCES", Cause.CONNECTION_RESET, "WSAECONNRESET",
                Cause.TRY_AGAIN, "WSAEWOULDBLOCK", Cause.IN_PROGRESS, "WSAEINPROGRESS");
        windowsNames.forEach((cause, wsa) -> {
            for (Os os : Os.values()) {
                SysError e = native_(os, cause.errnos().get(0));
                assertEquals(Optional.of(cause), e.cause(), os + " " + e);
                assertEquals(os == Os.WINDOWS ? wsa : e.symbol(), e.nativeSymbol(), os + " " + e);
            }
        });
    }

    /** Every number of every table that names a caused errno reads back to that cause. */
    @Test
    void everyNumberOfEveryTableReadsBackToItsCause() {
        for (Os os : Os.values()) {
            NumberTable<Errno> t = NumberTable.errno(os);
            t.numbers().forEach((errno, number) -> {
                Optional<Cause> expected = Cause.of(errno);
                Optional<Cause> read = Cause.of(t.symbol(number));
                assertEquals(expected, read, os + ": " + errno + " " + number + " reads back as " + t.symbol(number));
            });
        }
    }

    @Test
    void winsockCodesNeverCollideWithErrnoValues() {
        Set<Integer> posix = new HashSet<>(NumberTable.errno(Os.LINUX).numbers().values());
        posix.addAll(NumberTable.errno(Os.MACOS).numbers().values());
        for (int n : NumberTable.errno(Os.WINDOWS).numbers().values()) {
            assertFalse(posix.contains(n), n + " is both a Winsock code and an errno value");
        }
        assertFalse(native_(Os.LINUX, Errno.EACCES).isWinsock());
        assertTrue(native_(Os.WINDOWS, Errno.EACCES).isWinsock());
        assertEquals("WSAEWOULDBLOCK", NumberTable.errno(Os.WINDOWS).nativeName(Errno.EAGAIN), "an alias takes its primary's name");
    }

    @Test
    void aResetOnADatagramSocketIsTheRefusal() {
        assertEquals(Optional.of(Cause.REFUSED), Cause.of(Errno.ECONNRESET, SocketType.DGRAM));
        assertEquals(Optional.of(Cause.CONNECTION_RESET), Cause.of(Errno.ECONNRESET, SocketType.STREAM));
        assertEquals(Optional.of(Cause.CONNECTION_RESET), Cause.of(Errno.ECONNRESET));
    }

    @Test
    void errnosWithoutAPortableIdentityHaveNoCause() {
        assertEquals(Optional.empty(), Cause.of(Errno.UNKNOWN));
        assertEquals(Optional.empty(), Cause.of(Errno.EXFULL));
        assertEquals("errno 4242", new SysError(Errno.UNKNOWN, 4242, "x").nativeSymbol());
        assertEquals(Optional.of(Cause.TRY_AGAIN), Cause.byId("try-again"));
        assertEquals(Optional.empty(), Cause.byId("ECONNREFUSED"));
    }
}
