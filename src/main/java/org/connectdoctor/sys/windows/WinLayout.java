package org.connectdoctor.sys.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.connectdoctor.net.SockAddr;

/**
 * The Win64 structure layouts the Winsock backend uses, as the Windows SDK headers define them
 * (ws2def.h, ws2ipdef.h, afunix.h, winsock2.h, iptypes.h), with encoders and decoders that work
 * on plain byte arrays, so that every offset is tested on any operating system. Win64 is LLP64:
 * pointers and SOCKET (UINT_PTR) are 8 bytes, {@code long} and {@code u_long} are 4. x64 is
 * little-endian; ports, IPv4 and IPv6 addresses and the flow label are in network order.
 *
 * <pre>
 * SOCKADDR_IN (16)          SOCKADDR_IN6 (28)               SOCKADDR_UN (110, afunix.h)
 *   0 u16 family = 2          0 u16 family = 23 (not 10)      0 u16 family = 1
 *   2 u16 port (net)          2 u16 port (net)                2 char sun_path[108] (UTF-8, NUL)
 *   4 in_addr (net)           4 u32 flowinfo (net)
 *   8 zero[8]                 8 in6_addr (net)
 *                            24 u32 scope_id
 *
 * ADDRINFOW (48)            fd_set (520)                    timeval (8)     linger (4)
 *   0 int ai_flags            0 u_int fd_count; 4 padding     0 long tv_sec   0 u_short l_onoff
 *   4 int ai_family           8 SOCKET fd_array[64]           4 long tv_usec  2 u_short l_linger
 *   8 int ai_socktype
 *  12 int ai_protocol       WSADATA (408 on Win64: lpVendorInfo comes before the two strings)
 *  16 size_t ai_addrlen       0 WORD wVersion; 2 wHighVersion; 4 iMaxSockets; 6 iMaxUdpDg
 *  24 PWSTR ai_canonname      8 char* lpVendorInfo; 16 szDescription[257]; 273 szSystemStatus[129]
 *  32 sockaddr* ai_addr     (ai_canonname before ai_addr, as on BSD; Linux has the reverse)
 *  40 ADDRINFOW* ai_next
 * </pre>
 */
final class WinLayout {

    static final int AF_UNSPEC = 0;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 23;

    static final int SIZEOF_SOCKADDR_IN = 16;
    static final int SIZEOF_SOCKADDR_IN6 = 28;
    static final int SIZEOF_SOCKADDR_UN = 110;
    static final int SUN_PATH_OFFSET = 2;
    static final int SUN_PATH_SIZE = 108;
    /** SOCKADDR_STORAGE: the buffer getsockname gets. */
    static final int SIZEOF_SOCKADDR_STORAGE = 128;

    static final int SIZEOF_ADDRINFOW = 48;
    static final int AI_FLAGS = 0;
    static final int AI_FAMILY = 4;
    static final int AI_SOCKTYPE = 8;
    static final int AI_PROTOCOL = 12;
    static final int AI_ADDRLEN = 16;
    static final int AI_CANONNAME = 24;
    static final int AI_ADDR = 32;
    static final int AI_NEXT = 40;

    /** FD_SETSIZE as winsock2.h defines it by default. */
    static final int FD_SETSIZE = 64;
    static final int FD_COUNT = 0;
    static final int FD_ARRAY = 8;
    static final int SIZEOF_FD_SET = FD_ARRAY + 8 * FD_SETSIZE;

    static final int SIZEOF_TIMEVAL = 8;
    static final int SIZEOF_LINGER = 4;
    static final int SIZEOF_WSADATA = 408;

    /** IP_ADAPTER_ADDRESSES_LH (iptypes.h): the fields read, by offset. */
    static final int ADAPTER_NEXT = 8;
    static final int ADAPTER_FIRST_UNICAST = 24;
    static final int ADAPTER_FRIENDLY_NAME = 72;
    static final int ADAPTER_IF_TYPE = 100;
    static final int ADAPTER_OPER_STATUS = 104;
    /**
     * IP_ADAPTER_UNICAST_ADDRESS_LH: Next, Address.lpSockaddr, Address.iSockaddrLength, OnLinkPrefixLength.
     * SOCKET_ADDRESS is 16 bytes (pointer, int, padding), so the three origin enums start at 32 and
     * the three lifetimes at 44: the prefix length is at 56.
     */
    static final int UNICAST_NEXT = 8;
    static final int UNICAST_SOCKADDR = 16;
    static final int UNICAST_SOCKADDR_LENGTH = 24;
    static final int UNICAST_PREFIX_LENGTH = 56;

    private WinLayout() {
    }

    /**
     * The SOCKADDR bytes of {@code address}; the array's length is the namelen to pass.
     *
     * @throws IllegalArgumentException for what Windows cannot express: an abstract Unix name, or a
     *                                  path longer than 107 bytes
     */
    static byte[] encodeSockaddr(SockAddr address) {
        if (address instanceof SockAddr.Inet4 in4) {
            ByteBuffer b = le(SIZEOF_SOCKADDR_IN);
            b.putShort(0, (short) AF_INET);
            b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) in4.port()).putInt(4, in4.address());
            return b.array();
        }
        if (address instanceof SockAddr.Inet6 in6) {
            ByteBuffer b = le(SIZEOF_SOCKADDR_IN6);
            b.putShort(0, (short) AF_INET6).putInt(24, in6.scopeId());
            b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) in6.port()).putInt(4, in6.flowInfo())
                    .putLong(8, in6.high()).putLong(16, in6.low());
            return b.array();
        }
        SockAddr.Unix un = (SockAddr.Unix) address;
        if (un.abstractName()) {
            throw new IllegalArgumentException("Windows has no abstract Unix socket names (" + un.host()
                    + "); use a file path such as C:\\Users\\me\\app.sock");
        }
        byte[] path = un.pathBytes();
        if (path.length > SUN_PATH_SIZE - 1) {
            throw new IllegalArgumentException("Unix socket path longer than " + (SUN_PATH_SIZE - 1)
                    + " bytes: Windows' sun_path holds " + SUN_PATH_SIZE + " with the terminating NUL");
        }
        byte[] c = new byte[SUN_PATH_OFFSET + path.length + 1];
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putShort(0, (short) AF_UNIX);
        System.arraycopy(path, 0, c, SUN_PATH_OFFSET, path.length);
        return c;
    }

    /** The address in the first {@code length} bytes of {@code c}, or null for a family not listed. */
    static SockAddr decodeSockaddr(byte[] c, int length) {
        if (length < 2) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        int family = b.getShort(0) & 0xffff;
        if (family == AF_INET && length >= SIZEOF_SOCKADDR_IN) {
            b.order(ByteOrder.BIG_ENDIAN);
            return new SockAddr.Inet4(b.getInt(4), b.getShort(2) & 0xffff);
        }
        if (family == AF_INET6 && length >= SIZEOF_SOCKADDR_IN6) {
            int scope = b.getInt(24);
            b.order(ByteOrder.BIG_ENDIAN);
            return new SockAddr.Inet6(b.getLong(8), b.getLong(16), b.getShort(2) & 0xffff, b.getInt(4), scope);
        }
        if (family == AF_UNIX) {
            int end = SUN_PATH_OFFSET;
            int limit = Math.min(length, SUN_PATH_OFFSET + SUN_PATH_SIZE);
            while (end < limit && c[end] != 0) {
                end++;
            }
            return new SockAddr.Unix(new String(c, SUN_PATH_OFFSET, end - SUN_PATH_OFFSET, StandardCharsets.UTF_8), false);
        }
        return null;
    }

    /** The ADDRINFOW hints for GetAddrInfoW: only flags, family, socket type and protocol are set. */
    static byte[] encodeHints(int flags, int family, int socktype, int protocol) {
        ByteBuffer b = le(SIZEOF_ADDRINFOW);
        b.putInt(AI_FLAGS, flags).putInt(AI_FAMILY, family).putInt(AI_SOCKTYPE, socktype).putInt(AI_PROTOCOL, protocol);
        return b.array();
    }

    /**
     * One ADDRINFOW entry, read from its 48 bytes: pointers stay raw addresses (0 is NULL) for the
     * native side to follow.
     */
    record AddrInfoW(int flags, int family, int socktype, int protocol, long addrlen, long canonname, long addr,
                     long next) {
        static AddrInfoW decode(byte[] c) {
            ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
            return new AddrInfoW(b.getInt(AI_FLAGS), b.getInt(AI_FAMILY), b.getInt(AI_SOCKTYPE), b.getInt(AI_PROTOCOL),
                    b.getLong(AI_ADDRLEN), b.getLong(AI_CANONNAME), b.getLong(AI_ADDR), b.getLong(AI_NEXT));
        }
    }

    /** An fd_set holding {@code sockets}, in the layout select() reads and rewrites. */
    static byte[] encodeFdSet(long... sockets) {
        if (sockets.length > FD_SETSIZE) {
            throw new IllegalArgumentException("an fd_set holds " + FD_SETSIZE + " sockets");
        }
        ByteBuffer b = le(SIZEOF_FD_SET);
        b.putInt(FD_COUNT, sockets.length);
        for (int i = 0; i < sockets.length; i++) {
            b.putLong(FD_ARRAY + 8 * i, sockets[i]);
        }
        return b.array();
    }

    /** Whether the fd_set select() left in {@code c} still holds {@code socket}. */
    static boolean fdIsSet(byte[] c, long socket) {
        ByteBuffer b = ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
        int count = Math.min(b.getInt(FD_COUNT), FD_SETSIZE);
        for (int i = 0; i < count; i++) {
            if (b.getLong(FD_ARRAY + 8 * i) == socket) {
                return true;
            }
        }
        return false;
    }

    /** A timeval of at least {@code nanos} (rounded up to the microsecond: select never returns early). */
    static byte[] encodeTimeval(long nanos) {
        long micros = nanos <= 0 ? 0 : (nanos + 999) / 1000;
        long seconds = Math.min(micros / 1_000_000, Integer.MAX_VALUE);
        return le(SIZEOF_TIMEVAL).putInt(0, (int) seconds).putInt(4, (int) (micros % 1_000_000)).array();
    }

    /** struct linger: on, and a zero time: closesocket resets the connection. */
    static byte[] encodeLingerZero() {
        return le(SIZEOF_LINGER).putShort(0, (short) 1).putShort(2, (short) 0).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
