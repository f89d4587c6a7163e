package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Win64 layouts of the Winsock backend, pinned to the sizes and offsets the Windows SDK
 * headers give (ws2def.h, ws2ipdef.h, afunix.h, winsock2.h, iptypes.h). They run on any system:
 * the encoders work on byte arrays, and the Windows suite under Wine drives the same bytes through
 * the real calls.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WinLayoutTest {

    private static ByteBuffer le(byte[] c) {
        return ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void addressFamiliesAreWindowsNumbers() {
        assertEquals(2, WinLayout.AF_INET);
        assertEquals(23, WinLayout.AF_INET6, "AF_INET6 is 23 on Windows (10 on Linux, 30 on macOS)");
        assertEquals(1, WinLayout.AF_UNIX);
        assertEquals(0, WinLayout.AF_UNSPEC);
    }

    @Test
    void sockaddrInIs16BytesWithPortAndAddressInNetworkOrder() {
        byte[] c = WinLayout.encodeSockaddr(new SockAddr.Inet4(0x7f000001, 8080));
        assertEquals(16, c.length);
        assertArrayEquals(new byte[] {2, 0, 0x1f, (byte) 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}, c);
        assertEquals(new SockAddr.Inet4(0x7f000001, 8080), WinLayout.decodeSockaddr(c, c.length));
    }

    @Test
    void sockaddrIn6Is28BytesWithFamily23AndScopeIdAt24() {
        SockAddr.Inet6 a = new SockAddr.Inet6(0xfe80_0000_0000_0000L, 1, 443, 0x12345, 7);
        byte[] c = WinLayout.encodeSockaddr(a);
        assertEquals(28, c.length);
        ByteBuffer b = le(c);
        assertEquals(23, b.getShort(0));
        assertEquals(7, b.getInt(24), "sin6_scope_id: a host-order ULONG");
        b.order(ByteOrder.BIG_ENDIAN);
        assertEquals(443, b.getShort(2));
        assertEquals(0x12345, b.getInt(4), "sin6_flowinfo");
        assertEquals((byte) 0xfe, c[8]);
        assertEquals(1, c[23]);
        assertEquals(a, WinLayout.decodeSockaddr(c, c.length));
        assertEquals("fe80::1%7", ((SockAddr.Inet6) WinLayout.decodeSockaddr(c, c.length)).host());
    }

    @Test
    void sockaddrUnHasA108BytePathAfterTheFamily() {
        assertEquals(110, WinLayout.SIZEOF_SOCKADDR_UN);
        assertEquals(2, WinLayout.SUN_PATH_OFFSET);
        String path = "C:\\Users\\me\\app.sock";
        byte[] c = WinLayout.encodeSockaddr(new SockAddr.Unix(path, false));
        assertEquals(2 + path.length() + 1, c.length, "family, path and its NUL");
        assertEquals(1, le(c).getShort(0));
        assertEquals(0, c[c.length - 1]);
        assertEquals(new SockAddr.Unix(path, false), WinLayout.decodeSockaddr(c, c.length));
    }

    @Test
    void aUnixPathOf107BytesFitsAnd108DoesNot() {
        assertEquals(110, WinLayout.encodeSockaddr(new SockAddr.Unix("p".repeat(107), false)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WinLayout.encodeSockaddr(new SockAddr.Unix("p".repeat(108), false)));
        assertTrue(e.getMessage().contains("longer than 107 bytes"), e.getMessage());
    }

    @Test
    void abstractUnixNamesAreRefusedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WinLayout.encodeSockaddr(new SockAddr.Unix("name", true)));
        assertTrue(e.getMessage().startsWith("Windows has no abstract Unix socket names (@name)"), e.getMessage());
    }

    @Test
    void unknownFamiliesAndShortBuffersDecodeToNull() {
        assertNull(WinLayout.decodeSockaddr(new byte[] {2}, 1));
        assertNull(WinLayout.decodeSockaddr(new byte[] {10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 28), "10 is Linux's AF_INET6, not Windows'");
        assertNull(WinLayout.decodeSockaddr(new byte[] {2, 0, 0, 80}, 4), "shorter than SOCKADDR_IN");
    }

    @Test
    void addrinfowIs48BytesWithCanonnameBeforeAddr() {
        assertEquals(48, WinLayout.SIZEOF_ADDRINFOW);
        assertEquals(16, WinLayout.AI_ADDRLEN, "size_t ai_addrlen after the four ints");
        assertEquals(24, WinLayout.AI_CANONNAME);
        assertEquals(32, WinLayout.AI_ADDR);
        assertEquals(40, WinLayout.AI_NEXT);
        byte[] c = new byte[48];
        le(c).putInt(0, 4).putInt(4, 23).putInt(8, 1).putInt(12, 6).putLong(16, 28)
                .putLong(24, 0x1111_0000L).putLong(32, 0x2222_0000L).putLong(40, 0x3333_0000L);
        WinLayout.AddrInfoW ai = WinLayout.AddrInfoW.decode(c);
        assertEquals(new WinLayout.AddrInfoW(4, 23, 1, 6, 28, 0x1111_0000L, 0x2222_0000L, 0x3333_0000L), ai);
    }

    @Test
    void hintsSetFlagsFamilyTypeAndProtocolOnly() {
        byte[] c = WinLayout.encodeHints(Winsock.AI_NUMERICHOST | Winsock.AI_NUMERICSERV, 23, 2, 17);
        assertEquals(48, c.length);
        ByteBuffer b = le(c);
        assertEquals(0x0c, b.getInt(0), "AI_NUMERICHOST 4 | AI_NUMERICSERV 8 (Linux's AI_NUMERICSERV is 0x400)");
        assertEquals(23, b.getInt(4));
        assertEquals(2, b.getInt(8));
        assertEquals(17, b.getInt(12));
        for (int i = 16; i < 48; i++) {
            assertEquals(0, c[i], "byte " + i);
        }
    }

    @Test
    void fdSetIsACountThenSixtyFourSockets() {
        assertEquals(520, WinLayout.SIZEOF_FD_SET, "u_int fd_count, 4 bytes padding, SOCKET fd_array[64]");
        byte[] c = WinLayout.encodeFdSet(0x1_0000_0004L, 0x2cL);
        assertEquals(2, le(c).getInt(0));
        assertEquals(0x1_0000_0004L, le(c).getLong(8), "SOCKET is 64-bit");
        assertEquals(0x2cL, le(c).getLong(16));
        assertTrue(WinLayout.fdIsSet(c, 0x2cL));
        assertFalse(WinLayout.fdIsSet(c, 0x4L), "a SOCKET compares in all 64 bits");
        le(c).putInt(0, 1); // select leaves only the ready sockets at the front
        assertFalse(WinLayout.fdIsSet(c, 0x2cL));
        assertThrows(IllegalArgumentException.class, () -> WinLayout.encodeFdSet(new long[65]));
    }

    @Test
    void timevalIsTwo32BitLongsRoundedUpToTheMicrosecond() {
        assertEquals(8, WinLayout.SIZEOF_TIMEVAL);
        ByteBuffer b = le(WinLayout.encodeTimeval(2_500_000_001L));
        assertEquals(2, b.getInt(0));
        assertEquals(500_001, b.getInt(4), "never shorter than asked");
        assertArrayEquals(new byte[8], WinLayout.encodeTimeval(-5), "a passed deadline polls with zero");
    }

    @Test
    void lingerIsTwoUnsignedShorts() {
        assertArrayEquals(new byte[] {1, 0, 0, 0}, WinLayout.encodeLingerZero(), "Windows' linger is u_short, u_short");
    }

    @Test
    void wsadataAndAdapterOffsetsMatchTheWin64Headers() {
        assertEquals(408, WinLayout.SIZEOF_WSADATA);
        assertEquals(8, WinLayout.ADAPTER_NEXT);
        assertEquals(24, WinLayout.ADAPTER_FIRST_UNICAST);
        assertEquals(72, WinLayout.ADAPTER_FRIENDLY_NAME);
        assertEquals(100, WinLayout.ADAPTER_IF_TYPE);
        assertEquals(104, WinLayout.ADAPTER_OPER_STATUS);
        assertEquals(16, WinLayout.UNICAST_SOCKADDR);
        assertEquals(24, WinLayout.UNICAST_SOCKADDR_LENGTH);
        assertEquals(56, WinLayout.UNICAST_PREFIX_LENGTH);
    }

    @Test
    void winsockConstantsAreTheSdksValues() {
        assertEquals(0xffff, Winsock.SOL_SOCKET);
        assertEquals(0x1007, Winsock.SO_ERROR);
        assertEquals(-5, Winsock.SO_EXCLUSIVEADDRUSE, "~SO_REUSEADDR");
        assertEquals(0x8004667E, Winsock.FIONBIO);
        assertEquals(0x0080, Winsock.SO_LINGER);
        NumberTable<Errno> table = NumberTable.errno(Os.WINDOWS);
        assertEquals(Winsock.WSAEWOULDBLOCK, table.number(Errno.EWOULDBLOCK).getAsInt());
        assertEquals(Winsock.WSAEINPROGRESS, table.number(Errno.EINPROGRESS).getAsInt());
        assertEquals(Winsock.WSAEINTR, table.number(Errno.EINTR).getAsInt());
    }
}
