package org.connectdoctor.net;

import java.nio.charset.StandardCharsets;

/**
 * A socket address as connect(2) takes it, free of any native layout: the native layer encodes
 * it per operating system. Value semantics, so it can be compared and used in reports.
 */
public sealed interface SockAddr permits SockAddr.Inet4, SockAddr.Inet6, SockAddr.Unix {

    Family family();

    /** The host part as people write it: 127.0.0.1, ::1, fe80::1%2, /run/x.sock, @name. */
    String host();

    /** The port, or -1 for Unix addresses. */
    int port();

    /** host and port the way a URL or curl would write them: 127.0.0.1:80, [::1]:80, unix:/x. */
    String display();

    /** An IPv4 address; {@code address} holds the four octets, most significant first. */
    record Inet4(int address, int port) implements SockAddr {
        public Inet4 {
            checkPort(port);
        }

        public static Inet4 of(byte[] octets, int port) {
            if (octets.length != 4) {
                throw new IllegalArgumentException("an IPv4 address has 4 octets, not " + octets.length);
            }
            int a = ((octets[0] & 0xff) << 24) | ((octets[1] & 0xff) << 16) | ((octets[2] & 0xff) << 8) | (octets[3] & 0xff);
            return new Inet4(a, port);
        }

        public byte[] octets() {
            return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        }

        @Override
        public Family family() {
            return Family.INET;
        }

        @Override
        public String host() {
            return (address >>> 24) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "." + (address & 0xff);
        }

        @Override
        public String display() {
            return host() + ":" + port;
        }

        /** 127.0.0.0/8. */
        public boolean isLoopback() {
            return (address >>> 24) == 127;
        }

        /** 0.0.0.0. */
        public boolean isAny() {
            return address == 0;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /** An IPv6 address: {@code high} and {@code low} hold the 16 octets, most significant first. */
    record Inet6(long high, long low, int port, int flowInfo, int scopeId) implements SockAddr {
        public Inet6 {
            checkPort(port);
        }

        public static Inet6 of(byte[] octets, int port, int flowInfo, int scopeId) {
            if (octets.length != 16) {
                throw new IllegalArgumentException("an IPv6 address has 16 octets, not " + octets.length);
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (octets[i] & 0xff);
                lo = (lo << 8) | (octets[i + 8] & 0xff);
            }
            return new Inet6(hi, lo, port, flowInfo, scopeId);
        }

        public byte[] octets() {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (high >>> (56 - 8 * i));
                b[i + 8] = (byte) (low >>> (56 - 8 * i));
            }
            return b;
        }

        @Override
        public Family family() {
            return Family.INET6;
        }

        /** RFC 5952 text: lower case, the longest run of two or more zero groups as "::". */
        @Override
        public String host() {
            int[] groups = new int[8];
            for (int i = 0; i < 4; i++) {
                groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
                groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
            }
            int bestStart = -1;
            int bestLen = 1;
            for (int i = 0; i < 8; ) {
                if (groups[i] != 0) {
                    i++;
                    continue;
                }
                int j = i;
                while (j < 8 && groups[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            StringBuilder sb = new StringBuilder(39);
            for (int i = 0; i < 8; i++) {
                if (i == bestStart) {
                    sb.append("::");
                    i += bestLen - 1;
                    continue;
                }
                if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(groups[i]));
            }
            if (scopeId != 0) {
                sb.append('%').append(Integer.toUnsignedString(scopeId));
            }
            return sb.toString();
        }

        @Override
        public String display() {
            return "[" + host() + "]:" + port;
        }

        /** ::1. */
        public boolean isLoopback() {
            return high == 0 && low == 1;
        }

        /** ::ffff:a.b.c.d. */
        public boolean isV4Mapped() {
            return high == 0 && (low >>> 32) == 0xffffL;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /**
     * A Unix-domain address: a file system path, or (Linux) a name in the abstract namespace,
     * which has no file and is written with a leading '@'.
     */
    record Unix(String path, boolean abstractName) implements SockAddr {
        public Unix {
            if (path == null) {
                throw new IllegalArgumentException("path");
            }
        }

        public byte[] pathBytes() {
            return path.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Family family() {
            return Family.UNIX;
        }

        @Override
        public String host() {
            return abstractName ? "@" + path : path;
        }

        @Override
        public int port() {
            return -1;
        }

        @Override
        public String display() {
            return "unix:" + host();
        }

        /** An unbound Unix socket reports an empty path. */
        public boolean isUnnamed() {
            return path.isEmpty() && !abstractName;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
