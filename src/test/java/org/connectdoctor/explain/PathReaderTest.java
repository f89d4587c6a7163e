package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path facts decided from host states given as values, including the readings a system may
 * fail to give, and Windows readings recorded from real adapters (a WireGuard tunnel named by its
 * adapter description, the hosts file under %SystemRoot%, the adapter DNS suffixes). A failed
 * reading is always Unknown, never "no VPN" or "DNS".
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathReaderTest {

    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 20, 0, 5}, 5432);
    private static final NetworkLink ETH0 = new NetworkLink("eth0", 2, InterfaceKind.ETHERNET, true, null, "rtnetlink ifi_type");
    private static final NetworkLink WG0 = new NetworkLink("wg0", 5, InterfaceKind.WIREGUARD, true, "wireguard",
            "rtnetlink IFLA_INFO_KIND");

    /** A host state whose path readings are the test's. */
    static final class Host implements HostState {
        Read<List<NetworkLink>> links = Read.known(List.of(ETH0));
        RouteLookup route = routed("eth0");
        Read<HostsFile> hosts = Read.known(HostsFile.parse(List.of("127.0.0.1 localhost"), "/etc/hosts"));
        Read<Resolvers> resolvers = Read.known(new Resolvers(List.of("10.0.0.53"), List.of("corp.example.com"),
                "/etc/resolv.conf"));
        Read<LookupOrder> order = Read.known(new LookupOrder("files dns", "/etc/nsswitch.conf"));
        Read<String> hostName = Read.known("laptop7");

        @Override public Read<List<NetworkLink>> links() { return links; }
        @Override public RouteLookup route(SockAddr destination) { return route; }
        @Override public Read<HostsFile> hostsFile() { return hosts; }
        @Override public Read<Resolvers> resolvers() { return resolvers; }
        @Override public Read<LookupOrder> lookupOrder() { return order; }
        @Override public Read<String> hostName() { return hostName; }
        Read<List<org.connectdoctor.sys.NameRule>> nrpt = Read.unknown("this system has no Name Resolution Policy Table");
        @Override public Read<List<org.connectdoctor.sys.NameRule>> nameResolutionPolicy() { return nrpt; }
        @Override public Read<List<SocketEntry>> sockets(Transport t) { return Read.unknown("not in this test"); }
        @Override public Read<Optional<OwnerProcess>> owner(SocketEntry s) { return Read.unknown("not in this test"); }
        @Override public Read<List<UnixSocketEntry>> unixSockets() { return Read.unknown("not in this test"); }
        @Override public NeighbourLookup neighbour(SockAddr a, String d) { return new NeighbourLookup.Unknown("not in this test"); }
        @Override public Read<List<NetInterface>> interfaces() { return Read.unknown("not in this test"); }
        @Override public Read<PortRange> ephemeralPorts(Transport t) { return Read.unknown("not in this test"); }
        @Override public Read<ConnectRetry> connectRetry() { return Read.unknown("not in this test"); }
    }

    static RouteLookup routed(String device) {
        Route r = new Route(Family.INET, RouteType.UNICAST, Route.TABLE_MAIN, SockAddr.Inet4.of(new byte[4], 0), 0,
                SockAddr.Inet4.of(new byte[] {10, 0, 0, 1}, 0), device, null, -1);
        return new RouteLookup.Routed(r, r);
    }

    private static Resolution resolved(String host, String canonical, String... addresses) {
        List<SockAddr> list = java.util.Arrays.stream(addresses).map(a -> (SockAddr) SockAddr.Inet4.of(PathReader.literal(a), 5432))
                .toList();
        return new Resolution(host, "5432", list, canonical, false, null, 1000, null, false, 0);
    }

    // ------------------------------------------------------------------ VPN or not

    @Test
    void throughTheVpnWhenTheRouteUsesATunnel() {
        Host h = new Host();
        h.links = Read.known(List.of(ETH0, WG0));
        h.route = routed("wg0");
        VpnPath v = PathReader.vpn(h, TARGET);
        assertEquals(VpnPath.Verdict.THROUGH_VPN, v.verdict());
        assertEquals("wg0 (WireGuard)", v.routeLink().display());
    }

    @Test
    void outsideTheVpnWhenOneIsUpButTheRouteUsesAnotherInterface() {
        Host h = new Host();
        h.links = Read.known(List.of(ETH0, WG0));
        VpnPath.Outside o = assertInstanceOf(VpnPath.Outside.class, PathReader.vpn(h, TARGET));
        assertEquals("eth0", o.link().name());
        assertEquals(List.of(WG0), o.vpnUp());
        h.route = new RouteLookup.NoRoute("ENETUNREACH", List.of());
        VpnPath.Outside none = assertInstanceOf(VpnPath.Outside.class, PathReader.vpn(h, TARGET));
        assertNull(none.link(), "no route at all: around the VPN, through no interface");
    }

    @Test
    void aVpnInterfaceThatIsDownDoesNotCount() {
        Host h = new Host();
        h.links = Read.known(List.of(ETH0, new NetworkLink("wg0", 5, InterfaceKind.WIREGUARD, false, null, "x")));
        assertEquals(VpnPath.Verdict.NO_VPN, PathReader.vpn(h, TARGET).verdict());
    }

    @Test
    void interfacesThatCannotBeReadAreUnknownNeverNoVpn() {
        Host h = new Host();
        h.links = Read.unknown("rtnetlink could not be asked for the links: EPERM");
        VpnPath.Unknown u = assertInstanceOf(VpnPath.Unknown.class, PathReader.vpn(h, TARGET));
        assertTrue(u.reason().contains("EPERM"), u.reason());
        assertNull(u.vpnUp(), "not an empty list: it was not read");
    }

    @Test
    void aRouteThatCannotBeReadIsUnknownWhenAVpnIsUpAndNoVpnWhenNoneIs() {
        Host h = new Host();
        h.route = new RouteLookup.Unknown("rtnetlink could not be asked");
        assertEquals(VpnPath.Verdict.NO_VPN, PathReader.vpn(h, TARGET).verdict(), "no VPN is up, whatever the route");
        h.links = Read.known(List.of(ETH0, WG0));
        assertEquals(VpnPath.Verdict.UNKNOWN, PathReader.vpn(h, TARGET).verdict());
    }

    @Test
    void aRouteThroughAnInterfaceTheListDoesNotShowIsUnknown() {
        Host h = new Host();
        h.route = routed("ppp0");
        VpnPath.Unknown u = assertInstanceOf(VpnPath.Unknown.class, PathReader.vpn(h, TARGET));
        assertTrue(u.reason().contains("ppp0"), u.reason());
    }

    @Test
    void anAddressOfThisComputerHasNoVpnVerdict() {
        Host h = new Host();
        assertNull(PathReader.vpn(h, SockAddr.Inet4.of(new byte[] {127, 0, 0, 1}, 80)));
        Route local = new Route(Family.INET, RouteType.LOCAL, Route.TABLE_LOCAL, TARGET, 32, null, "lo", null, 0);
        h.route = new RouteLookup.Routed(local, local);
        assertNull(PathReader.vpn(h, TARGET));
    }

    /** Values as GetAdaptersAddresses gave them on Windows 11 with WireGuard for Windows connected. */
    @Test
    void windowsAdaptersRecordedFromARealMachine() {
        Host h = new Host();
        NetworkLink wifi = new NetworkLink("Wi-Fi", 14, InterfaceKind.WIFI, true, "Intel(R) Wi-Fi 6 AX201 160MHz",
                "GetAdaptersAddresses");
        NetworkLink wg = new NetworkLink("office", 41, InterfaceKind.WIREGUARD, true, "WireGuard Tunnel",
                "GetAdaptersAddresses");
        h.links = Read.known(List.of(wifi, wg));
        h.route = routed("Wi-Fi");
        VpnPath.Outside o = assertInstanceOf(VpnPath.Outside.class, PathReader.vpn(h, TARGET));
        assertEquals("office (WireGuard: WireGuard Tunnel)", o.vpnUp().get(0).display());
        h.route = routed("office");
        assertEquals(VpnPath.Verdict.THROUGH_VPN, PathReader.vpn(h, TARGET).verdict());
    }

    // ------------------------------------------------------------------ where the address came from

    @Test
    void theHostsFileLineCountsEveryLine() {
        Host h = new Host();
        h.hosts = Read.known(HostState.HostsFile.parse(List.of("127.0.0.1 localhost", "", "# office",
                "10.20.0.5 db01.corp.example.com db01   # moved?"), "/etc/hosts"));
        AddressSource.HostsFile f = assertInstanceOf(AddressSource.HostsFile.class,
                PathReader.addressSource(h, Os.LINUX, resolved("db01", "db01.corp.example.com", "10.20.0.5"), TARGET));
        assertEquals(4, f.line());
        assertEquals("/etc/hosts line 4", f.where());
        assertFalse(f.blocklist());
    }

    @Test
    void zeroAndLoopbackLinesForOtherNamesAreBlocklistLinesButNotForThisComputersOwn() {
        Host h = new Host();
        h.hosts = Read.known(HostState.HostsFile.parse(List.of("0.0.0.0 ads.example.net", "127.0.0.1 db01",
                "127.0.1.1 laptop7.corp laptop7", ":: tracker.example", "127.0.0.1 localhost"), "/etc/hosts"));
        SockAddr zero = SockAddr.Inet4.of(new byte[4], 443);
        assertTrue(hostsLine(h, "ads.example.net", zero).blocklist());
        assertTrue(hostsLine(h, "db01", SockAddr.Inet4.of(new byte[] {127, 0, 0, 1}, 5432)).blocklist());
        assertFalse(hostsLine(h, "laptop7", SockAddr.Inet4.of(new byte[] {127, 0, 1, 1}, 22)).blocklist(),
                "Debian's line for the computer's own name");
        assertFalse(hostsLine(h, "localhost", SockAddr.Inet4.of(new byte[] {127, 0, 0, 1}, 22)).blocklist());
        assertTrue(hostsLine(h, "tracker.example", SockAddr.Inet6.of(new byte[16], 443, 0, 0)).blocklist());
    }

    private static AddressSource.HostsFile hostsLine(Host h, String name, SockAddr tried) {
        Resolution r = new Resolution(name, "443", List.of(tried), null, false, null, 1000);
        return assertInstanceOf(AddressSource.HostsFile.class, PathReader.addressSource(h, Os.LINUX, r, tried));
    }

    @Test
    void theWindowsHostsFileIsNamedAsWindowsNamesIt() {
        Host h = new Host();
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 11; i++) {
            lines.add("# Copyright (c) 1993-2009 Microsoft Corp.");
        }
        lines.add("0.0.0.0 db01.corp.example.com");
        h.hosts = Read.known(HostState.HostsFile.parse(lines, "C:\\Windows\\System32\\drivers\\etc\\hosts"));
        SockAddr zero = SockAddr.Inet4.of(new byte[4], 5432);
        Resolution r = new Resolution("db01.corp.example.com", "5432", List.of(zero), null, false, null, 1000);
        AddressSource.HostsFile f = assertInstanceOf(AddressSource.HostsFile.class,
                PathReader.addressSource(h, Os.WINDOWS, r, zero));
        assertEquals("C:\\Windows\\System32\\drivers\\etc\\hosts line 12", f.where());
        assertTrue(f.blocklist());
    }

    @Test
    void aDnsAnswerNamesTheServersAndTheOtherSourcesOfTheLookupOrder() {
        Host h = new Host();
        h.order = Read.known(new HostState.LookupOrder("files mdns4_minimal [NOTFOUND=return] dns myhostname", "/etc/nsswitch.conf"));
        AddressSource.Dns d = assertInstanceOf(AddressSource.Dns.class,
                PathReader.addressSource(h, Os.LINUX, resolved("db01.corp.example.com", "db01.corp.example.com",
                        "10.20.0.5"), TARGET));
        assertEquals(List.of("10.0.0.53"), d.servers());
        assertEquals(List.of("mdns4_minimal"), d.otherSources());
        assertFalse(d.asComplete());
    }

    @Test
    void theSearchSuffixIsNamedFromTheCanonicalName() {
        AddressSource.SearchSuffix s = assertInstanceOf(AddressSource.SearchSuffix.class,
                PathReader.addressSource(new Host(), Os.LINUX, resolved("db01", "db01.corp.example.com", "10.20.0.5"),
                        TARGET));
        assertEquals("corp.example.com", s.suffix());
        assertEquals("DNS as db01.corp.example.com (search suffix corp.example.com)", s.where());
    }

    @Test
    void windowsTakesANameWithADotAsComplete() {
        Host h = new Host();
        h.resolvers = Read.known(new HostState.Resolvers(List.of("10.0.0.53", "10.0.0.54"), List.of("corp.example.com"),
                "the adapter settings"));
        AddressSource.Dns d = assertInstanceOf(AddressSource.Dns.class,
                PathReader.addressSource(h, Os.WINDOWS, resolved("db01.eu", "db01.eu", "10.20.0.5"), TARGET));
        assertTrue(d.asComplete());
        assertFalse(assertInstanceOf(AddressSource.Dns.class, PathReader.addressSource(h, Os.LINUX,
                resolved("db01.eu", "db01.eu", "10.20.0.5"), TARGET)).asComplete(), "Linux tries the suffixes too");
    }

    /** A Name Resolution Policy rule sends the name to its own servers on Windows (#22 §6); Linux has no such table. */
    @Test
    void aNameResolutionPolicyRuleNamesItsServersOnWindows() {
        Host h = new Host();
        h.nrpt = Read.known(List.of(new org.connectdoctor.sys.NameRule(".corp.example.com", List.of("10.8.0.1"),
                "Group Policy (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig\\{r})")));
        AddressSource.Dns d = assertInstanceOf(AddressSource.Dns.class, PathReader.addressSource(h, Os.WINDOWS,
                resolved("db01.corp.example.com", "db01.corp.example.com", "10.20.0.5"), TARGET));
        assertEquals(List.of("10.8.0.1"), d.servers());
        assertEquals(".corp.example.com", d.policyRule().namespace());
        assertEquals("DNS (10.8.0.1), by the Name Resolution Policy rule for .corp.example.com", d.where());
        AddressSource.Dns other = assertInstanceOf(AddressSource.Dns.class, PathReader.addressSource(h, Os.WINDOWS,
                resolved("www.example.org", "www.example.org", "10.20.0.5"), TARGET));
        assertEquals(null, other.policyRule(), "a name outside the rule's namespace goes to the adapters' servers");
        assertEquals(null, assertInstanceOf(AddressSource.Dns.class, PathReader.addressSource(h, Os.LINUX,
                resolved("db01.corp.example.com", "db01.corp.example.com", "10.20.0.5"), TARGET)).policyRule());
    }

    @Test
    void anUnreadableHostsFileIsUnknownNotDns() {
        Host h = new Host();
        h.hosts = Read.unknown("/etc/hosts is not readable (permission denied)");
        AddressSource.Unknown u = assertInstanceOf(AddressSource.Unknown.class,
                PathReader.addressSource(h, Os.LINUX, resolved("db01", null, "10.20.0.5"), TARGET));
        assertTrue(u.reason().contains("permission denied"), u.reason());
    }

    @Test
    void aHostsLineForTheNameWithAnotherAddressIsNotCalledTheSource() {
        Host h = new Host();
        h.hosts = Read.known(HostState.HostsFile.parse(List.of("10.9.9.9 db01"), "/etc/hosts"));
        assertInstanceOf(AddressSource.Unknown.class,
                PathReader.addressSource(h, Os.LINUX, resolved("db01", null, "10.20.0.5"), TARGET));
    }

    @Test
    void aLiteralIsGivenAsAnAddress() {
        Resolution r = new Resolution("10.20.0.5", "5432", List.of(TARGET), null, true, null, 0);
        assertInstanceOf(AddressSource.Literal.class, PathReader.addressSource(new Host(), Os.LINUX, r, TARGET));
    }

    @Test
    void hostsFileAddressesAreParsedWithoutAResolver() {
        assertArrayEquals(new byte[] {10, 20, 0, 5}, PathReader.literal("10.20.0.5"));
        assertNull(PathReader.literal("10.20.0"));
        assertNull(PathReader.literal("999.1.1.1"));
        assertNull(PathReader.literal("db01"));
        byte[] one = new byte[16];
        one[15] = 1;
        assertArrayEquals(one, PathReader.literal("::1"));
        assertArrayEquals(one, PathReader.literal("0:0:0:0:0:0:0:1"));
        byte[] mapped = PathReader.literal("::ffff:10.20.0.5");
        assertEquals(10, mapped[12]);
        assertEquals((byte) 0xff, mapped[10]);
        assertEquals((byte) 0xfe, PathReader.literal("fe80::1%eth0")[0]);
        assertNull(PathReader.literal("fe80::zz"));
        assertNull(PathReader.literal("1::2::3"));
    }
}
