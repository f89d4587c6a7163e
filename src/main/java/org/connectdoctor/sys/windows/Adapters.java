package org.connectdoctor.sys.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Read;

/**
 * The adapters as GetAdaptersAddresses lists them (both families, with gateways and DNS servers),
 * read in one place for {@link WinsockSockets#interfaces()} and {@link WindowsHostState}.
 */
final class Adapters {

    /**
     * One adapter.
     *
     * @param ifIndex     its IPv4 interface index (IfIndex), 0 when IPv4 is not enabled on it
     * @param ipv6IfIndex its IPv6 interface index, 0 when IPv6 is not enabled on it
     * @param name        its friendly name ("Ethernet", "Loopback Pseudo-Interface 1")
     * @param up          the operational status is up
     * @param loopback    the software loopback type
     * @param addresses   its unicast addresses with their on-link prefix lengths
     * @param gateways    its default gateways
     * @param dnsServers  the DNS servers it is set to ask, in order
     * @param dnsSuffix   its DNS suffix, "" when none
     * @param ifType      IfType, an IF_TYPE_* number of ipifcons.h
     * @param tunnelType  TunnelType, a TUNNEL_TYPE_* number of ifdef.h (0: not a tunnel)
     * @param description Description, the driver's name for it ("WireGuard Tunnel"), "" when none
     * @param mtu         Mtu, the adapter's MTU in bytes (0xFFFFFFFF, read as -1, when the adapter has none)
     */
    record Adapter(int ifIndex, int ipv6IfIndex, String name, boolean up, boolean loopback,
                   List<NetInterface.Address> addresses, List<SockAddr> gateways, List<SockAddr> dnsServers,
                   String dnsSuffix, int ifType, int tunnelType, String description, int mtu) {
        Adapter {
            addresses = List.copyOf(addresses);
            gateways = List.copyOf(gateways);
            dnsServers = List.copyOf(dnsServers);
        }

        /**
         * Whether {@code index} is this adapter's interface index. Since Vista both fields hold the one
         * NET_IFINDEX of the interface (or 0 where that family is off), so either matches, whatever the
         * family of {@code address}; Wine 8.0 leaves Ipv6IfIndex 0 even on adapters with IPv6 addresses.
         */
        boolean hasIndex(int index, SockAddr address) {
            return index != 0 && (index == ifIndex || index == ipv6IfIndex);
        }

        NetInterface asInterface() {
            return new NetInterface(name, up, up, loopback, addresses);
        }
    }

    private Adapters() {
    }

    /**
     * GetAdaptersAddresses(AF_UNSPEC, include gateways, skip anycast and multicast). Unknown with
     * the call's error when it fails; a Known empty list when it answers ERROR_NO_DATA.
     */
    static Read<List<Adapter>> read() {
        int[] size = {16 * 1024};
        int flags = WinSystem.GAA_FLAG_SKIP_ANYCAST | WinSystem.GAA_FLAG_SKIP_MULTICAST
                | WinSystem.GAA_FLAG_INCLUDE_GATEWAYS;
        int rc = 0;
        for (int tries = 0; tries < 4; tries++) {
            try (Memory buffer = new Memory(size[0])) {
                rc = WinSystem.IpHlpApi.GetAdaptersAddresses(WinSystem.AF_UNSPEC, flags, null, buffer, size);
                if (rc == WinSystem.ERROR_BUFFER_OVERFLOW) {
                    continue;
                }
                if (rc == ERROR_NO_DATA) {
                    return Read.known(List.of());
                }
                if (rc != 0) {
                    break;
                }
                List<Adapter> out = new ArrayList<>();
                for (Pointer a = buffer; a != null; a = a.getPointer(WinLayout.ADAPTER_NEXT)) {
                    out.add(adapter(a));
                }
                return Read.known(out);
            }
        }
        return Read.unknown("GetAdaptersAddresses failed: " + WindowsHostState.systemError(rc));
    }

    private static final int ERROR_NO_DATA = 232;

    private static Adapter adapter(Pointer a) {
        Pointer friendly = a.getPointer(WinLayout.ADAPTER_FRIENDLY_NAME);
        String name = friendly == null ? "?" : friendly.getWideString(0);
        boolean up = a.getInt(WinLayout.ADAPTER_OPER_STATUS) == WinSystem.IF_OPER_STATUS_UP;
        boolean loopback = a.getInt(WinLayout.ADAPTER_IF_TYPE) == WinSystem.IF_TYPE_SOFTWARE_LOOPBACK;
        List<NetInterface.Address> addresses = new ArrayList<>();
        for (Pointer u = a.getPointer(WinLayout.ADAPTER_FIRST_UNICAST); u != null; u = u.getPointer(WinLayout.UNICAST_NEXT)) {
            SockAddr address = socketAddress(u, WinLayout.UNICAST_SOCKADDR, WinLayout.UNICAST_SOCKADDR_LENGTH);
            if (address != null) {
                addresses.add(new NetInterface.Address(address, u.getByte(WinLayout.UNICAST_PREFIX_LENGTH) & 0xff, null));
            }
        }
        Pointer suffix = a.getPointer(IpHlpLayout.ADAPTER_DNS_SUFFIX);
        Pointer description = a.getPointer(IpHlpLayout.ADAPTER_DESCRIPTION);
        return new Adapter(a.getInt(IpHlpLayout.ADAPTER_IF_INDEX), a.getInt(IpHlpLayout.ADAPTER_IPV6_IF_INDEX), name, up,
                loopback, addresses, listed(a.getPointer(IpHlpLayout.ADAPTER_FIRST_GATEWAY)),
                listed(a.getPointer(IpHlpLayout.ADAPTER_FIRST_DNS_SERVER)),
                suffix == null ? "" : suffix.getWideString(0).strip(), a.getInt(WinLayout.ADAPTER_IF_TYPE),
                a.getInt(IpHlpLayout.ADAPTER_TUNNEL_TYPE), description == null ? "" : description.getWideString(0).strip(),
                a.getInt(IpHlpLayout.ADAPTER_MTU));
    }

    /** The addresses of an IP_ADAPTER_DNS_SERVER_ADDRESS / IP_ADAPTER_GATEWAY_ADDRESS list. */
    private static List<SockAddr> listed(Pointer first) {
        List<SockAddr> out = new ArrayList<>();
        for (Pointer p = first; p != null; p = p.getPointer(IpHlpLayout.LISTED_ADDRESS_NEXT)) {
            SockAddr address = socketAddress(p, IpHlpLayout.LISTED_ADDRESS_SOCKADDR, IpHlpLayout.LISTED_ADDRESS_SOCKADDR_LENGTH);
            if (address != null) {
                out.add(address);
            }
        }
        return out;
    }

    /** A SOCKET_ADDRESS {lpSockaddr, iSockaddrLength} at {@code pointerAt} / {@code lengthAt}. */
    private static SockAddr socketAddress(Pointer p, int pointerAt, int lengthAt) {
        Pointer sa = p.getPointer(pointerAt);
        int len = Math.min(p.getInt(lengthAt), WinLayout.SIZEOF_SOCKADDR_STORAGE);
        return sa == null || len <= 0 ? null : WinLayout.decodeSockaddr(sa.getByteArray(0, len), len);
    }
}
