package org.connectdoctor.sys.windows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.SocketState;

/**
 * The Win64 layouts of the IP Helper tables {@link WindowsHostState} reads, as the Windows SDK
 * headers define them (tcpmib.h, udpmib.h, ipmib.h, netioapi.h, nldef.h, ws2ipdef.h, iptypes.h),
 * decoded from plain byte arrays so that every offset is tested on any operating system.
 *
 * <pre>
 * MIB_TCPTABLE_OWNER_PID: DWORD dwNumEntries; rows from 4
 * MIB_TCPROW_OWNER_PID (24)        MIB_TCP6ROW_OWNER_PID (56)
 *   0 dwState                        0 ucLocalAddr[16]
 *   4 dwLocalAddr (net)             16 dwLocalScopeId
 *   8 dwLocalPort (net, low 16)     20 dwLocalPort (net, low 16)
 *  12 dwRemoteAddr (net)            24 ucRemoteAddr[16]
 *  16 dwRemotePort (net, low 16)    40 dwRemoteScopeId
 *  20 dwOwningPid                   44 dwRemotePort (net, low 16)
 *                                   48 dwState
 *                                   52 dwOwningPid
 * MIB_UDPTABLE_OWNER_PID: DWORD dwNumEntries; rows from 4
 * MIB_UDPROW_OWNER_PID (12)        MIB_UDP6ROW_OWNER_PID (28)
 *   0 dwLocalAddr (net)              0 ucLocalAddr[16]
 *   4 dwLocalPort (net, low 16)     16 dwLocalScopeId
 *   8 dwOwningPid                   20 dwLocalPort (net, low 16)
 *                                   24 dwOwningPid
 *
 * MIB_IPFORWARD_ROW2 (104, netioapi.h)            MIB_IPFORWARDROW (56, ipmib.h)
 *   0 NET_LUID InterfaceLuid                        0 dwForwardDest (net)
 *   8 NET_IFINDEX InterfaceIndex                    4 dwForwardMask (net)
 *  12 IP_ADDRESS_PREFIX DestinationPrefix:          8 dwForwardPolicy
 *       12 SOCKADDR_INET Prefix (28)               12 dwForwardNextHop (net)
 *       40 UINT8 PrefixLength (padded to 44)       16 dwForwardIfIndex
 *  44 SOCKADDR_INET NextHop (28)                   20 dwForwardType (3 direct, 4 indirect)
 *  72 UCHAR SitePrefixLength                       24 dwForwardProto
 *  76 ULONG ValidLifetime                          28 dwForwardAge
 *  80 ULONG PreferredLifetime                      32 dwForwardNextHopAS
 *  84 ULONG Metric                                 36 dwForwardMetric1 … 52 dwForwardMetric5
 *  88 NL_ROUTE_PROTOCOL Protocol
 *  92 BOOLEAN Loopback, 93 AutoconfigureAddress, 94 Publish, 95 Immortal
 *  96 ULONG Age
 * 100 NL_ROUTE_ORIGIN Origin
 *
 * SOCKADDR_INET (28): the union of SOCKADDR_IN and SOCKADDR_IN6, told apart by the family.
 *
 * IP_ADAPTER_ADDRESSES_LH (448), the fields read beyond those in {@link WinLayout}:
 *   4 IfIndex, 48 FirstDnsServerAddress, 56 PWCHAR DnsSuffix, 64 PWCHAR Description, 108 Ipv6IfIndex,
 * 208 FirstGatewayAddress, 272 TUNNEL_TYPE TunnelType (after 224 Luid, 232 Dhcpv4Server (16),
 * 248 CompartmentId, 252 NetworkGuid (16), 268 ConnectionType)
 * IP_ADAPTER_DNS_SERVER_ADDRESS_XP and IP_ADAPTER_GATEWAY_ADDRESS_LH (32): 0 Length, 8 Next,
 *  16 SOCKET_ADDRESS Address (16 lpSockaddr, 24 iSockaddrLength)
 * </pre>
 */
final class IpHlpLayout {

    static final int TABLE_ROWS = 4;
    static final int SIZEOF_TCPROW_OWNER_PID = 24;
    static final int SIZEOF_TCP6ROW_OWNER_PID = 56;
    static final int SIZEOF_UDPROW_OWNER_PID = 12;
    static final int SIZEOF_UDP6ROW_OWNER_PID = 28;

    static final int SIZEOF_SOCKADDR_INET = 28;
    static final int SIZEOF_IPFORWARD_ROW2 = 104;
    static final int ROW2_INTERFACE_INDEX = 8;
    static final int ROW2_PREFIX = 12;
    static final int ROW2_PREFIX_LENGTH = 40;
    static final int ROW2_NEXT_HOP = 44;
    static final int ROW2_METRIC = 84;
    static final int ROW2_LOOPBACK = 92;

    static final int SIZEOF_IPFORWARDROW = 56;
    static final int FORWARD_DEST = 0;
    static final int FORWARD_MASK = 4;
    static final int FORWARD_NEXT_HOP = 12;
    static final int FORWARD_IF_INDEX = 16;
    static final int FORWARD_TYPE = 20;
    static final int FORWARD_METRIC1 = 36;
    /** MIB_IPROUTE_TYPE_INVALID, DIRECT (the destination is on the link), INDIRECT (through a gateway). */
    static final int ROUTE_TYPE_INVALID = 2;
    static final int ROUTE_TYPE_DIRECT = 3;
    static final int ROUTE_TYPE_INDIRECT = 4;

    static final int SIZEOF_ADAPTER_ADDRESSES = 448;
    static final int ADAPTER_IF_INDEX = 4;
    static final int ADAPTER_FIRST_DNS_SERVER = 48;
    static final int ADAPTER_DNS_SUFFIX = 56;
    static final int ADAPTER_DESCRIPTION = 64;
    static final int ADAPTER_IPV6_IF_INDEX = 108;
    /** IP_ADAPTER_ADDRESSES_LH.Mtu (ULONG), after Flags at 92. */
    static final int ADAPTER_MTU = 96;
    static final int ADAPTER_TUNNEL_TYPE = 272;
    static final int ADAPTER_FIRST_GATEWAY = 208;
    /** IP_ADAPTER_DNS_SERVER_ADDRESS_XP and IP_ADAPTER_GATEWAY_ADDRESS_LH share this shape. */
    static final int LISTED_ADDRESS_NEXT = 8;
    static final int LISTED_ADDRESS_SOCKADDR = 16;
    static final int LISTED_ADDRESS_SOCKADDR_LENGTH = 24;

    private IpHlpLayout() {
    }

    /**
     * One row of an owner-PID table, decoded: the local and remote address, the state (UDP rows:
     * {@link SocketState#BOUND}, the table has no peer) and the owning process id.
     */
    record Row(SockAddr local, SockAddr remote, SocketState state, long pid) {
    }

    /** The number of rows the table in {@code c} says it holds, bounded by what fits in {@code length}. */
    static int rowCount(byte[] c, int length, int rowSize) {
        if (length < TABLE_ROWS) {
            return 0;
        }
        long n = Integer.toUnsignedLong(le(c).getInt(0));
        return (int) Math.min(n, (length - TABLE_ROWS) / rowSize);
    }

    /** Row {@code i} of a MIB_TCPTABLE_OWNER_PID. */
    static Row tcp4Row(byte[] c, int i) {
        ByteBuffer b = le(c);
        int o = TABLE_ROWS + i * SIZEOF_TCPROW_OWNER_PID;
        return new Row(inet4(b, o + 4, o + 8), inet4(b, o + 12, o + 16), tcpState(b.getInt(o)),
                Integer.toUnsignedLong(b.getInt(o + 20)));
    }

    /** Row {@code i} of a MIB_TCP6TABLE_OWNER_PID. */
    static Row tcp6Row(byte[] c, int i) {
        ByteBuffer b = le(c);
        int o = TABLE_ROWS + i * SIZEOF_TCP6ROW_OWNER_PID;
        return new Row(inet6(c, o, o + 16, o + 20), inet6(c, o + 24, o + 40, o + 44), tcpState(b.getInt(o + 48)),
                Integer.toUnsignedLong(b.getInt(o + 52)));
    }

    /** Row {@code i} of a MIB_UDPTABLE_OWNER_PID. */
    static Row udp4Row(byte[] c, int i) {
        ByteBuffer b = le(c);
        int o = TABLE_ROWS + i * SIZEOF_UDPROW_OWNER_PID;
        return new Row(inet4(b, o, o + 4), new SockAddr.Inet4(0, 0), SocketState.BOUND,
                Integer.toUnsignedLong(b.getInt(o + 8)));
    }

    /** Row {@code i} of a MIB_UDP6TABLE_OWNER_PID. */
    static Row udp6Row(byte[] c, int i) {
        ByteBuffer b = le(c);
        int o = TABLE_ROWS + i * SIZEOF_UDP6ROW_OWNER_PID;
        return new Row(inet6(c, o, o + 16, o + 20), new SockAddr.Inet6(0, 0, 0, 0, 0), SocketState.BOUND,
                Integer.toUnsignedLong(b.getInt(o + 24)));
    }

    /** MIB_TCP_STATE (tcpmib.h): 1 CLOSED … 11 TIME_WAIT, 12 DELETE_TCB. */
    static SocketState tcpState(int state) {
        return switch (state) {
            case 1 -> SocketState.CLOSED;
            case 2 -> SocketState.LISTEN;
            case 3 -> SocketState.SYN_SENT;
            case 4 -> SocketState.SYN_RECEIVED;
            case 5 -> SocketState.ESTABLISHED;
            case 6 -> SocketState.FIN_WAIT1;
            case 7 -> SocketState.FIN_WAIT2;
            case 8 -> SocketState.CLOSE_WAIT;
            case 9 -> SocketState.CLOSING;
            case 10 -> SocketState.LAST_ACK;
            case 11 -> SocketState.TIME_WAIT;
            default -> SocketState.UNKNOWN;
        };
    }

    /** The SOCKADDR_INET for {@code address}: its SOCKADDR_IN or SOCKADDR_IN6, padded to 28 bytes. */
    static byte[] encodeSockaddrInet(SockAddr address) {
        if (!(address instanceof SockAddr.Inet4) && !(address instanceof SockAddr.Inet6)) {
            throw new IllegalArgumentException("a SOCKADDR_INET holds an IPv4 or IPv6 address, not " + address);
        }
        return Arrays.copyOf(WinLayout.encodeSockaddr(address), SIZEOF_SOCKADDR_INET);
    }

    /** The address of a SOCKADDR_INET at {@code offset}, or null for an unset family. */
    static SockAddr decodeSockaddrInet(byte[] c, int offset) {
        return WinLayout.decodeSockaddr(Arrays.copyOfRange(c, offset, offset + SIZEOF_SOCKADDR_INET), SIZEOF_SOCKADDR_INET);
    }

    /**
     * A MIB_IPFORWARD_ROW2, the fields a route needs.
     *
     * @param nextHop the gateway, or null when NextHop is the unspecified address (on-link)
     */
    record ForwardRow2(int interfaceIndex, SockAddr prefix, int prefixLength, SockAddr nextHop, long metric,
                       boolean loopback) {
        static ForwardRow2 decode(byte[] c) {
            ByteBuffer b = le(c);
            SockAddr hop = decodeSockaddrInet(c, ROW2_NEXT_HOP);
            return new ForwardRow2(b.getInt(ROW2_INTERFACE_INDEX), decodeSockaddrInet(c, ROW2_PREFIX),
                    c[ROW2_PREFIX_LENGTH] & 0xff, unspecifiedIsNull(hop), Integer.toUnsignedLong(b.getInt(ROW2_METRIC)),
                    c[ROW2_LOOPBACK] != 0);
        }
    }

    /**
     * A MIB_IPFORWARDROW (IPv4 only), the fields a route needs.
     *
     * @param nextHop the gateway, or null for a direct route
     */
    record ForwardRow(SockAddr.Inet4 destination, int prefixLength, SockAddr.Inet4 nextHop, int interfaceIndex,
                      int type, long metric) {
        static ForwardRow decode(byte[] c) {
            ByteBuffer b = le(c);
            int type = b.getInt(FORWARD_TYPE);
            SockAddr.Inet4 hop = new SockAddr.Inet4(Integer.reverseBytes(b.getInt(FORWARD_NEXT_HOP)), 0);
            boolean direct = type == ROUTE_TYPE_DIRECT || hop.address() == 0;
            return new ForwardRow(new SockAddr.Inet4(Integer.reverseBytes(b.getInt(FORWARD_DEST)), 0),
                    Integer.bitCount(b.getInt(FORWARD_MASK)), direct ? null : hop, b.getInt(FORWARD_IF_INDEX), type,
                    Integer.toUnsignedLong(b.getInt(FORWARD_METRIC1)));
        }
    }

    private static SockAddr unspecifiedIsNull(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4 && v4.address() == 0) {
            return null;
        }
        if (a instanceof SockAddr.Inet6 v6 && v6.high() == 0 && v6.low() == 0) {
            return null;
        }
        return a;
    }

    /** An IPv4 address and a port, both in network order; the port in the low 16 bits of its DWORD. */
    private static SockAddr.Inet4 inet4(ByteBuffer b, int addressAt, int portAt) {
        return new SockAddr.Inet4(Integer.reverseBytes(b.getInt(addressAt)), port(b, portAt));
    }

    private static SockAddr inet6(byte[] c, int addressAt, int scopeAt, int portAt) {
        ByteBuffer b = le(c);
        byte[] octets = Arrays.copyOfRange(c, addressAt, addressAt + 16);
        int scope = zoned(octets) ? b.getInt(scopeAt) : 0;
        SockAddr.Inet6 a = SockAddr.Inet6.of(octets, port(b, portAt), 0, scope);
        if (a.isV4Mapped()) {
            return new SockAddr.Inet4((int) a.low(), a.port());
        }
        return a;
    }

    /**
     * Whether an IPv6 address has a zone, so that its scope id means an interface: link-local
     * fe80::/10 and multicast with interface- or link-local scope. For any other address the
     * scope id is dropped; Wine 8.0 writes the Linux scope class there (0x1000 for ::1), Windows 0.
     */
    static boolean zoned(byte[] octets) {
        int first = octets[0] & 0xff;
        int second = octets[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return true;
        }
        return first == 0xff && ((second & 0x0f) == 1 || (second & 0x0f) == 2);
    }

    /** The first two bytes of the DWORD, big-endian: ntohs((u_short) dwPort). */
    private static int port(ByteBuffer b, int at) {
        return ((b.get(at) & 0xff) << 8) | (b.get(at + 1) & 0xff);
    }

    private static ByteBuffer le(byte[] c) {
        return ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    }
}
