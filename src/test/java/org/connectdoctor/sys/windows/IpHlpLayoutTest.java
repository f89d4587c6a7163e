package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.SocketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Win64 IP Helper layouts {@link WindowsHostState} decodes, pinned to the sizes and offsets of
 * the Windows SDK headers (tcpmib.h, udpmib.h, ipmib.h, netioapi.h, iptypes.h). Each table is
 * written here field by field at the header's offsets, independently of the decoder, and decoded
 * back. The Windows suite under Wine reads the same layouts from the real calls.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class IpHlpLayoutTest {

    private static ByteBuffer le(byte[] c) {
        return ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A port as the tables keep it: network order in the first two bytes of its DWORD. */
    private static void port(byte[] c, int at, int port) {
        c[at] = (byte) (port >> 8);
        c[at + 1] = (byte) port;
    }

    private static void ipv4(byte[] c, int at, int a, int b, int cc, int d) {
        c[at] = (byte) a;
        c[at + 1] = (byte) b;
        c[at + 2] = (byte) cc;
        c[at + 3] = (byte) d;
    }

    @Test
    void rowSizesAreTheSdks() {
        assertEquals(24, IpHlpLayout.SIZEOF_TCPROW_OWNER_PID, "6 DWORDs");
        assertEquals(56, IpHlpLayout.SIZEOF_TCP6ROW_OWNER_PID, "16+4+4 +16+4+4 +4+4");
        assertEquals(12, IpHlpLayout.SIZEOF_UDPROW_OWNER_PID, "3 DWORDs");
        assertEquals(28, IpHlpLayout.SIZEOF_UDP6ROW_OWNER_PID, "16+4+4+4");
        assertEquals(4, IpHlpLayout.TABLE_ROWS, "the rows follow DWORD dwNumEntries without padding");
    }

    @Test
    void aTcp4TableRowHasStateAddressesPortsAndPid() {
        byte[] c = new byte[4 + 2 * 24];
        le(c).putInt(0, 2);
        int o = 4 + 24; // the second row
        le(c).putInt(o, 2); // MIB_TCP_STATE_LISTEN
        ipv4(c, o + 4, 127, 0, 0, 1);
        port(c, o + 8, 8080);
        ipv4(c, o + 12, 0, 0, 0, 0);
        le(c).putInt(o + 20, 4242);
        IpHlpLayout.Row r = IpHlpLayout.tcp4Row(c, 1);
        assertEquals(new SockAddr.Inet4(0x7f000001, 8080), r.local());
        assertEquals(new SockAddr.Inet4(0, 0), r.remote());
        assertEquals(SocketState.LISTEN, r.state());
        assertEquals(4242, r.pid());
    }

    @Test
    void aTcp6TableRowHasScopesAfterEachAddressAndStateAndPidLast() {
        byte[] c = new byte[4 + 56];
        le(c).putInt(0, 1);
        int o = 4;
        c[o] = (byte) 0xfe;
        c[o + 1] = (byte) 0x80;
        c[o + 15] = 7;
        le(c).putInt(o + 16, 12); // dwLocalScopeId
        port(c, o + 20, 443);
        c[o + 24 + 15] = 1; // ::1
        le(c).putInt(o + 40, 0x1000); // dwRemoteScopeId as Wine writes it for ::1
        port(c, o + 44, 50000);
        le(c).putInt(o + 48, 5); // ESTABLISHED
        le(c).putInt(o + 52, 99);
        IpHlpLayout.Row r = IpHlpLayout.tcp6Row(c, 0);
        assertEquals(new SockAddr.Inet6(0xfe80_0000_0000_0000L, 7, 443, 0, 12), r.local(), "a link-local address keeps its zone");
        assertEquals(new SockAddr.Inet6(0, 1, 50000, 0, 0), r.remote(), "::1 has no zone: the scope id is dropped");
        assertEquals(SocketState.ESTABLISHED, r.state());
        assertEquals(99, r.pid());
    }

    @Test
    void aV4MappedAddressInTheIpv6TableIsGivenAsIpv4() {
        byte[] c = new byte[4 + 56];
        le(c).putInt(0, 1);
        c[4 + 10] = (byte) 0xff;
        c[4 + 11] = (byte) 0xff;
        ipv4(c, 4 + 12, 10, 1, 2, 3);
        port(c, 4 + 20, 22);
        le(c).putInt(4 + 48, 2);
        assertEquals(new SockAddr.Inet4(0x0a010203, 22), IpHlpLayout.tcp6Row(c, 0).local());
    }

    @Test
    void udpRowsHaveNoPeerAndAreBound() {
        byte[] v4 = new byte[4 + 12];
        le(v4).putInt(0, 1);
        ipv4(v4, 4, 0, 0, 0, 0);
        port(v4, 8, 53);
        le(v4).putInt(12, 1234);
        IpHlpLayout.Row r4 = IpHlpLayout.udp4Row(v4, 0);
        assertEquals(new SockAddr.Inet4(0, 53), r4.local());
        assertEquals(SocketState.BOUND, r4.state());
        assertEquals(1234, r4.pid());

        byte[] v6 = new byte[4 + 28];
        le(v6).putInt(0, 1);
        v6[4 + 15] = 1;
        le(v6).putInt(4 + 16, 0);
        port(v6, 4 + 20, 5353);
        le(v6).putInt(4 + 24, 77);
        IpHlpLayout.Row r6 = IpHlpLayout.udp6Row(v6, 0);
        assertEquals(new SockAddr.Inet6(0, 1, 5353, 0, 0), r6.local());
        assertEquals(77, r6.pid());
    }

    @Test
    void theRowCountIsBoundedByTheBuffer() {
        byte[] c = new byte[4 + 24 * 2];
        le(c).putInt(0, 1000);
        assertEquals(2, IpHlpLayout.rowCount(c, c.length, 24), "never past the bytes the call wrote");
        assertEquals(0, IpHlpLayout.rowCount(c, 3, 24));
        le(c).putInt(0, 1);
        assertEquals(1, IpHlpLayout.rowCount(c, c.length, 24));
        List<IpHlpLayout.Row> rows = WindowsHostState.decode(true, Family.INET, c, c.length);
        assertEquals(1, rows.size());
    }

    @Test
    void tcpStatesAreMibTcpStateNumbers() {
        assertEquals(SocketState.CLOSED, IpHlpLayout.tcpState(1));
        assertEquals(SocketState.LISTEN, IpHlpLayout.tcpState(2));
        assertEquals(SocketState.SYN_SENT, IpHlpLayout.tcpState(3));
        assertEquals(SocketState.SYN_RECEIVED, IpHlpLayout.tcpState(4));
        assertEquals(SocketState.ESTABLISHED, IpHlpLayout.tcpState(5));
        assertEquals(SocketState.CLOSE_WAIT, IpHlpLayout.tcpState(8));
        assertEquals(SocketState.TIME_WAIT, IpHlpLayout.tcpState(11));
        assertEquals(SocketState.UNKNOWN, IpHlpLayout.tcpState(12), "DELETE_TCB");
    }

    @Test
    void sockaddrInetIs28BytesForBothFamilies() {
        byte[] v4 = IpHlpLayout.encodeSockaddrInet(new SockAddr.Inet4(0x7f000001, 80));
        assertEquals(28, v4.length);
        assertArrayEquals(new byte[] {2, 0, 0, 80, 127, 0, 0, 1}, java.util.Arrays.copyOf(v4, 8));
        byte[] v6 = IpHlpLayout.encodeSockaddrInet(new SockAddr.Inet6(0, 1, 0, 0, 0));
        assertEquals(28, v6.length);
        assertEquals(23, le(v6).getShort(0));
        assertEquals(new SockAddr.Inet6(0, 1, 0, 0, 0), IpHlpLayout.decodeSockaddrInet(v6, 0));
        assertThrows(IllegalArgumentException.class, () -> IpHlpLayout.encodeSockaddrInet(new SockAddr.Unix("/x", false)));
    }

    @Test
    void anIpForwardRow2Is104BytesWithPrefixNextHopMetricAndLoopbackAtTheirOffsets() {
        assertEquals(104, IpHlpLayout.SIZEOF_IPFORWARD_ROW2);
        byte[] c = new byte[104];
        le(c).putLong(0, 0x0006_0000_0100_0000L); // InterfaceLuid
        le(c).putInt(8, 11); // InterfaceIndex
        le(c).putShort(12, (short) 2); // DestinationPrefix.Prefix.si_family
        ipv4(c, 16, 10, 0, 0, 0);
        c[40] = 8; // DestinationPrefix.PrefixLength
        le(c).putShort(44, (short) 2); // NextHop
        ipv4(c, 48, 10, 0, 0, 254);
        c[72] = 0; // SitePrefixLength
        le(c).putInt(84, 25); // Metric
        c[92] = 0; // Loopback
        IpHlpLayout.ForwardRow2 r = IpHlpLayout.ForwardRow2.decode(c);
        assertEquals(11, r.interfaceIndex());
        assertEquals(new SockAddr.Inet4(0x0a000000, 0), r.prefix());
        assertEquals(8, r.prefixLength());
        assertEquals(new SockAddr.Inet4(0x0a0000fe, 0), r.nextHop());
        assertEquals(25, r.metric());
        assertFalse(r.loopback());

        le(c).putShort(44, (short) 23); // an on-link IPv6 route: NextHop is ::
        java.util.Arrays.fill(c, 46, 72, (byte) 0);
        c[92] = 1;
        IpHlpLayout.ForwardRow2 onLink = IpHlpLayout.ForwardRow2.decode(c);
        assertNull(onLink.nextHop(), "the unspecified next hop is on-link: no gateway");
        assertTrue(onLink.loopback());
    }

    @Test
    void anIpForwardRowIs14DwordsWithTypeDirectMeaningNoGateway() {
        assertEquals(56, IpHlpLayout.SIZEOF_IPFORWARDROW);
        byte[] c = new byte[56];
        ipv4(c, 0, 0, 0, 0, 0); // dwForwardDest: default
        ipv4(c, 4, 0, 0, 0, 0); // dwForwardMask
        ipv4(c, 12, 192, 168, 1, 1); // dwForwardNextHop
        le(c).putInt(16, 3); // dwForwardIfIndex
        le(c).putInt(20, IpHlpLayout.ROUTE_TYPE_INDIRECT);
        le(c).putInt(36, 35); // dwForwardMetric1
        IpHlpLayout.ForwardRow r = IpHlpLayout.ForwardRow.decode(c);
        assertEquals(0, r.prefixLength());
        assertEquals(new SockAddr.Inet4(0xc0a80101, 0), r.nextHop());
        assertEquals(3, r.interfaceIndex());
        assertEquals(35, r.metric());

        ipv4(c, 0, 10, 203, 0, 0);
        ipv4(c, 4, 255, 255, 255, 0);
        ipv4(c, 12, 10, 203, 0, 1); // a direct route names the interface's own address as next hop
        le(c).putInt(20, IpHlpLayout.ROUTE_TYPE_DIRECT);
        IpHlpLayout.ForwardRow direct = IpHlpLayout.ForwardRow.decode(c);
        assertEquals(new SockAddr.Inet4(0x0acb0000, 0), direct.destination());
        assertEquals(24, direct.prefixLength());
        assertNull(direct.nextHop(), "MIB_IPROUTE_TYPE_DIRECT: on the link, no gateway");
    }

    @Test
    void adapterAddressesOffsetsMatchTheWin64Header() {
        assertEquals(448, IpHlpLayout.SIZEOF_ADAPTER_ADDRESSES);
        assertEquals(4, IpHlpLayout.ADAPTER_IF_INDEX, "after ULONG Length, in the alignment union");
        assertEquals(48, IpHlpLayout.ADAPTER_FIRST_DNS_SERVER, "after Next, AdapterName, the unicast, anycast, multicast lists");
        assertEquals(56, IpHlpLayout.ADAPTER_DNS_SUFFIX);
        assertEquals(96, IpHlpLayout.ADAPTER_MTU, "after PhysicalAddress[8] 80, PhysicalAddressLength 88, Flags 92");
        assertEquals(108, IpHlpLayout.ADAPTER_IPV6_IF_INDEX, "after Mtu 96, IfType 100, OperStatus 104");
        assertEquals(208, IpHlpLayout.ADAPTER_FIRST_GATEWAY,
                "ZoneIndices[16] 112..176, FirstPrefix 176, two ULONG64 speeds, FirstWinsServerAddress 200");
        assertEquals(8, IpHlpLayout.LISTED_ADDRESS_NEXT);
        assertEquals(16, IpHlpLayout.LISTED_ADDRESS_SOCKADDR);
        assertEquals(24, IpHlpLayout.LISTED_ADDRESS_SOCKADDR_LENGTH);
    }

    @Test
    void onlyLinkLocalAndLocalMulticastIpv6AddressesHaveZones() {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        assertTrue(IpHlpLayout.zoned(a));
        a[0] = (byte) 0xff;
        a[1] = 0x02;
        assertTrue(IpHlpLayout.zoned(a), "ff02::/16 link-local multicast");
        a[1] = 0x0e;
        assertFalse(IpHlpLayout.zoned(a), "ff0e:: global multicast");
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertFalse(IpHlpLayout.zoned(loopback));
    }

    @Test
    void theIpHelperConstantsAreTheSdks() {
        assertEquals(5, WinSystem.TCP_TABLE_OWNER_PID_ALL);
        assertEquals(1, WinSystem.UDP_TABLE_OWNER_PID);
        assertEquals(0x0080, WinSystem.GAA_FLAG_INCLUDE_GATEWAYS);
        assertEquals(122, WinSystem.ERROR_INSUFFICIENT_BUFFER);
        assertEquals(1231, WinSystem.ERROR_NETWORK_UNREACHABLE);
        assertEquals(0x1000, WinSystem.PROCESS_QUERY_LIMITED_INFORMATION);
        assertEquals(0xFFFF_FFFF_8000_0002L, WinSystem.HKEY_LOCAL_MACHINE, "(HKEY)(ULONG_PTR)(LONG)0x80000002");
        assertEquals(0x10, WinSystem.RRF_RT_REG_DWORD);
    }
}
