package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.connectdoctor.net.SockAddr;

/**
 * Encodes and decodes Linux socket addresses, byte for byte. The layouts (all little- or
 * big-endian as marked; "host" is the CPU's order):
 *
 * <pre>
 * struct sockaddr_in  (16 bytes)   struct sockaddr_in6 (28 bytes)     struct sockaddr_un (110 bytes)
 *   0 sa_family_t family  (host)     0 sa_family_t family   (host)      0 sa_family_t family (host)
 *   2 in_port_t   port    (net)      2 in_port_t   port     (net)       2 char sun_path[108]
 *   4 in_addr     addr    (net)      4 uint32_t    flowinfo (net)
 *   8 zero[8]                        8 in6_addr    addr     (net)
 *                                   24 uint32_t    scope_id (host)
 * </pre>
 *
 * A path-name Unix address is passed with its terminating NUL; an abstract one (Linux only)
 * starts sun_path with a NUL byte and has exactly the length of its name, no terminator.
 * BSD and macOS differ (a leading {@code sin_len} byte, a one-byte family, a 104-byte sun_path).
 */
final class LinuxSockaddr {

    static final int SIZEOF_IN = 16;
    static final int SIZEOF_IN6 = 28;
    static final int SIZEOF_UN = 110;
    static final int SUN_PATH_OFFSET = 2;
    static final int SUN_PATH_SIZE = 108;
    /** The largest buffer any address needs; getsockname gets one this big. */
    static final int SIZEOF_STORAGE = 128;

    private static final boolean NATIVE_BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    private LinuxSockaddr() {
    }

    /** The C bytes of {@code address}; the array's length is the addrlen to pass. */
    static byte[] encode(SockAddr address) {
        if (address instanceof SockAddr.Inet4 in4) {
            ByteBuffer b = ByteBuffer.allocate(SIZEOF_IN);
            b.order(ByteOrder.nativeOrder()).putShort(0, (short) LinuxLibC.AF_INET);
            b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) in4.port()).putInt(4, in4.address());
            return b.array();
        }
        if (address instanceof SockAddr.Inet6 in6) {
            ByteBuffer b = ByteBuffer.allocate(SIZEOF_IN6);
            b.order(ByteOrder.nativeOrder()).putShort(0, (short) LinuxLibC.AF_INET6).putInt(24, in6.scopeId());
            b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) in6.port()).putInt(4, in6.flowInfo())
                    .putLong(8, in6.high()).putLong(16, in6.low());
            return b.array();
        }
        SockAddr.Unix un = (SockAddr.Unix) address;
        byte[] path = un.pathBytes();
        if (path.length > LinuxCapabilities.INSTANCE.unixPathMax()) {
            throw new IllegalArgumentException("Unix socket path longer than " + LinuxCapabilities.INSTANCE.unixPathMax() + " bytes");
        }
        int length = SUN_PATH_OFFSET + (un.abstractName() ? 1 + path.length : path.length + 1);
        byte[] c = new byte[length];
        ByteBuffer.wrap(c).order(ByteOrder.nativeOrder()).putShort(0, (short) LinuxLibC.AF_UNIX);
        System.arraycopy(path, 0, c, SUN_PATH_OFFSET + (un.abstractName() ? 1 : 0), path.length);
        return c;
    }

    /**
     * Decodes the first {@code length} bytes of {@code c}; null for a family this product does
     * not handle (AF_UNSPEC after a failed connect, for instance).
     */
    static SockAddr decode(byte[] c, int length) {
        return decode(c, 0, length);
    }

    /** As {@link #decode(byte[], int)}, for an address that starts at {@code offset} in {@code c}. */
    static SockAddr decode(byte[] c, int offset, int length) {
        if (length < 2) {
            return null;
        }
        int family = NATIVE_BIG_ENDIAN ? (c[offset] & 0xff) << 8 | (c[offset + 1] & 0xff)
                : (c[offset] & 0xff) | (c[offset + 1] & 0xff) << 8;
        if (family == LinuxLibC.AF_INET) {
            // Every probe's local address: read byte by byte, without the two buffers the others take.
            if (length < 8) {
                return null;
            }
            int port = (c[offset + 2] & 0xff) << 8 | (c[offset + 3] & 0xff);
            int address = (c[offset + 4] & 0xff) << 24 | (c[offset + 5] & 0xff) << 16 | (c[offset + 6] & 0xff) << 8
                    | (c[offset + 7] & 0xff);
            return new SockAddr.Inet4(address, port);
        }
        ByteBuffer nat = ByteBuffer.wrap(c).order(ByteOrder.nativeOrder());
        ByteBuffer net = ByteBuffer.wrap(c).order(ByteOrder.BIG_ENDIAN);
        switch (family) {
            case LinuxLibC.AF_INET6:
                if (length < SIZEOF_IN6) {
                    return null;
                }
                return new SockAddr.Inet6(net.getLong(offset + 8), net.getLong(offset + 16),
                        net.getShort(offset + 2) & 0xffff, net.getInt(offset + 4), nat.getInt(offset + 24));
            case LinuxLibC.AF_UNIX:
                if (offset != 0) {
                    c = Arrays.copyOfRange(c, offset, offset + length);
                }
                int n = Math.min(length, c.length) - SUN_PATH_OFFSET;
                if (n <= 0) {
                    return new SockAddr.Unix("", false);
                }
                if (c[SUN_PATH_OFFSET] == 0) {
                    byte[] name = Arrays.copyOfRange(c, SUN_PATH_OFFSET + 1, SUN_PATH_OFFSET + n);
                    return new SockAddr.Unix(new String(name, StandardCharsets.UTF_8), true);
                }
                int end = SUN_PATH_OFFSET;
                while (end < SUN_PATH_OFFSET + n && c[end] != 0) {
                    end++;
                }
                return new SockAddr.Unix(new String(c, SUN_PATH_OFFSET, end - SUN_PATH_OFFSET, StandardCharsets.UTF_8), false);
            default:
                return null;
        }
    }
}
