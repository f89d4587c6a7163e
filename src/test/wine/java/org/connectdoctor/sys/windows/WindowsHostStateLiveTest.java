package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WindowsHostState} on a Windows JVM (under Wine in CI, inside run.sh's own network
 * namespace, which has loopback and a veth pair that run.sh sets up): the socket tables
 * find this test's own sockets with this JVM's process, the route and source for loopback, the
 * adapters, resolvers, and what Windows cannot tell.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowsHostStateLiveTest {

    private static final SockAddr.Inet4 LOOPBACK4 = new SockAddr.Inet4(0x7f000001, 0);
    private static final SockAddr.Inet6 LOOPBACK6 = new SockAddr.Inet6(0, 1, 0, 0, 0);
    private static final long PID = ProcessHandle.current().pid();

    private final HostState host = HostState.current();

    private static <T> T known(Read<T> read) {
        if (read instanceof Read.Unknown<T> u) {
            throw new AssertionError("unknown: " + u.reason());
        }
        return read.orElse(null);
    }

    private SocketEntry find(Transport transport, SockAddr local, SocketState state) {
        List<SocketEntry> all = known(host.sockets(transport));
        return all.stream().filter(e -> e.local().equals(local) && e.state() == state).findFirst()
                .orElseThrow(() -> new AssertionError("no " + state + " " + local + " among " + all.size() + " "
                        + transport + " rows: " + all));
    }

    /**
     * Wine deviation: Wine 8.0's GetExtendedTcpTable gives dwOwningPid 0 for every TCP socket (its
     * UDP table names the right process). Under Wine the row's PID 0 is asserted and the owner is
     * Unknown (never "nobody"); the Windows assertion is skipped with this reason.
     */
    private void assertTcpOwnedByThisJvm(SocketEntry entry) {
        if (Wine.running() && entry.key() == 0) {
            Read<Optional<OwnerProcess>> owner = host.owner(entry);
            Read.Unknown<?> u = assertInstanceOf(Read.Unknown.class, owner, "PID 0 of an open socket is not 'nobody'");
            assertTrue(u.reason().contains("PID 0"), u.reason());
            assumeTrue(false, "Wine deviation: " + Wine.describe() + "'s TCP table gives PID 0 for this JVM's "
                    + entry.state() + " socket (Windows gives pid " + PID + ", java.exe); the row was found");
        }
        assertOwnedByThisJvm(entry);
    }

    private void assertOwnedByThisJvm(SocketEntry entry) {
        assertEquals(PID, entry.key(), "the owning PID of " + entry);
        OwnerProcess owner = known(host.owner(entry)).orElseThrow(() -> new AssertionError("no owner for " + entry));
        assertEquals(PID, owner.pid());
        assertNotNull(owner.name(), "QueryFullProcessImageNameW gave no name for pid " + PID);
        assertTrue(owner.name().equalsIgnoreCase("java.exe"), owner.display());
    }

    @Test
    void theHostStateOfWindowsIsTheIpHelperOne() {
        assertInstanceOf(WindowsHostState.class, host);
    }

    @Test
    void theListenerTableFindsThisTestsListenerOnIpv4LoopbackWithItsProcess() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            SocketEntry e = find(Transport.TCP, new SockAddr.Inet4(LOOPBACK4.address(), server.getLocalPort()),
                    SocketState.LISTEN);
            assertTrue(e.isListening());
            assertTcpOwnedByThisJvm(e);
            System.out.println("listener row under " + Wine.describe() + ": " + e + " " + known(host.owner(e)));
        }
    }

    @Test
    void theListenerTableFindsThisTestsListenerOnIpv6LoopbackWithItsProcess() throws IOException {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            SocketEntry e = find(Transport.TCP, new SockAddr.Inet6(0, 1, server.getLocalPort(), 0, 0), SocketState.LISTEN);
            assertTcpOwnedByThisJvm(e);
        }
    }

    @Test
    void aConnectedPairIsEstablishedOnBothEnds() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Socket client = new Socket("127.0.0.1", server.getLocalPort());
             Socket accepted = server.accept()) {
            SockAddr clientEnd = new SockAddr.Inet4(LOOPBACK4.address(), client.getLocalPort());
            SockAddr serverEnd = new SockAddr.Inet4(LOOPBACK4.address(), server.getLocalPort());
            SocketEntry out = find(Transport.TCP, clientEnd, SocketState.ESTABLISHED);
            assertEquals(serverEnd, out.remote());
            List<SocketEntry> all = known(host.sockets(Transport.TCP));
            assertTrue(all.stream().anyMatch(e -> e.local().equals(serverEnd) && e.remote().equals(clientEnd)
                    && e.state() == SocketState.ESTABLISHED), "the accepted end: " + all);
            assertTcpOwnedByThisJvm(out);
        }
    }

    @Test
    void theUdpTableFindsThisTestsBoundSocketWithItsProcess() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            SocketEntry e = find(Transport.UDP, new SockAddr.Inet4(LOOPBACK4.address(), udp.getLocalPort()),
                    SocketState.BOUND);
            assertTrue(e.isListening());
            assertOwnedByThisJvm(e);
        }
    }

    @Test
    void theUdpTableFindsThisTestsIpv6SocketWithItsProcess() throws IOException {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            SocketEntry e = find(Transport.UDP, new SockAddr.Inet6(0, 1, udp.getLocalPort(), 0, 0), SocketState.BOUND);
            assertOwnedByThisJvm(e);
        }
    }

    /**
     * Wine deviation: Wine 8.0's GetBestRoute2 is a stub answering ERROR_NOT_SUPPORTED (50), so the
     * routes above come from GetBestRoute and the adapter list; on Windows it answers.
     */
    @Test
    void getBestRoute2AnswersOnWindows() {
        int rc = WindowsHostState.bestRoute2(LOOPBACK4, new byte[IpHlpLayout.SIZEOF_IPFORWARD_ROW2],
                new byte[IpHlpLayout.SIZEOF_SOCKADDR_INET]);
        System.out.println("GetBestRoute2(127.0.0.1) under " + Wine.describe() + ": " + rc);
        if (Wine.running()) {
            assertEquals(WinSystem.ERROR_NOT_SUPPORTED, rc);
            assumeTrue(false, "Wine deviation: " + Wine.describe() + "'s GetBestRoute2 is a stub (ERROR_NOT_SUPPORTED); "
                    + "the route comes from GetBestRoute and GetAdaptersAddresses");
        }
        assertEquals(0, rc);
    }

    @Test
    void theRouteToIpv4LoopbackHasASourceAddress() {
        RouteLookup r = host.route(new SockAddr.Inet4(LOOPBACK4.address(), 80));
        System.out.println("route 127.0.0.1 under " + Wine.describe() + ": " + r);
        Route route = assertInstanceOf(RouteLookup.Routed.class, r).route();
        assertEquals(LOOPBACK4, route.destination());
        assertNotNull(route.preferredSource(), route.display());
        assertEquals("127.0.0.1", route.preferredSource().host());
        assertNotNull(route.device(), route.display());
    }

    @Test
    void theRouteToIpv6LoopbackHasASourceAddress() {
        RouteLookup r = host.route(LOOPBACK6);
        System.out.println("route ::1 under " + Wine.describe() + ": " + r);
        Route route = assertInstanceOf(RouteLookup.Routed.class, r).route();
        assertEquals("::1", route.preferredSource().host());
    }

    /**
     * run.sh gives its namespace a veth interface cd0 with 10.203.0.1/24 and a default route via
     * 10.203.0.254: the route to an address beyond it names that gateway and that source.
     */
    @Test
    void theRouteBeyondTheVethNetworkGoesByItsGatewayFromItsAddress() {
        assumeTrue("1".equals(System.getenv("CD_WINE_NET")), "run.sh could not add the veth pair cd0/cd1 "
                + "to its namespace");
        RouteLookup r = host.route(new SockAddr.Inet4(0x0a_63_00_05, 443)); // 10.99.0.5
        System.out.println("route 10.99.0.5 under " + Wine.describe() + ": " + r);
        RouteLookup.Routed routed = assertInstanceOf(RouteLookup.Routed.class, r);
        assertEquals("10.203.0.254", routed.route().gateway().host(), routed.route().display());
        assertEquals("10.203.0.1", routed.route().preferredSource().host(), routed.route().display());
        assertTrue(routed.entry().isDefault(), routed.entry().display());
        Route onLink = assertInstanceOf(RouteLookup.Routed.class, host.route(new SockAddr.Inet4(0x0a_cb_00_07, 0))).route();
        assertEquals(null, onLink.gateway(), "10.203.0.7 is on cd0's network: " + onLink.display());
        assertEquals("10.203.0.1", onLink.preferredSource().host(), onLink.display());
    }

    /**
     * run.sh's namespace has no IPv6 route but ::1's: a global IPv6 address has no route. Wine
     * deviation: with GetBestRoute2 a stub, Wine 8.0's GetBestInterfaceEx answers ERROR_NOT_SUPPORTED
     * for IPv6 too; the lookup is then Unknown with that reason, never "no route".
     */
    @Test
    void withoutAnIpv6RouteAGlobalAddressHasNoRoute() {
        assumeTrue("1".equals(System.getenv("CD_WINE_NAMESPACE")), "only run.sh's namespace is known to have no IPv6 route");
        SockAddr.Inet6 doc = new SockAddr.Inet6(0x2001_0db8_0000_0000L, 5, 443, 0, 0); // 2001:db8::5
        RouteLookup r = host.route(doc);
        System.out.println("route 2001:db8::5 under " + Wine.describe() + ": " + r);
        if (Wine.running() && r instanceof RouteLookup.Unknown u) {
            assertTrue(u.reason().contains("GetBestInterfaceEx failed: error 50"), u.reason());
            assumeTrue(false, "Wine deviation: " + Wine.describe() + " has neither GetBestRoute2 nor IPv6 in "
                    + "GetBestInterfaceEx; the IPv6 route is Unknown with the reason");
        }
        assertInstanceOf(RouteLookup.NoRoute.class, r);
    }

    @Test
    void theAdaptersListLoopback() {
        List<NetInterface> all = known(host.interfaces());
        NetInterface loopback = all.stream().filter(NetInterface::loopback).findFirst()
                .orElseThrow(() -> new AssertionError("no loopback adapter: " + all));
        assertTrue(loopback.addresses().stream().anyMatch(a -> a.address().equals(LOOPBACK4)), loopback.toString());
    }

    /** GetAdaptersAddresses with gateways: run.sh's cd0 has 10.203.0.1/24 and the default gateway 10.203.0.254. */
    @Test
    void theVethAdapterHasItsAddressAndGateway() {
        assumeTrue("1".equals(System.getenv("CD_WINE_NET")), "run.sh could not add the veth pair cd0/cd1");
        List<Adapters.Adapter> all = known(Adapters.read());
        Adapters.Adapter cd0 = all.stream().filter(a -> a.addresses().stream()
                        .anyMatch(x -> x.address().equals(new SockAddr.Inet4(0x0acb0001, 0)))).findFirst()
                .orElseThrow(() -> new AssertionError("no adapter with 10.203.0.1: " + all));
        System.out.println("cd0 under " + Wine.describe() + ": " + cd0);
        assertTrue(cd0.addresses().stream().anyMatch(a -> a.display().equals("10.203.0.1/24")), cd0.toString());
        assertTrue(cd0.ifIndex() > 0, cd0.toString());
        assertEquals(List.of(new SockAddr.Inet4(0x0acb00fe, 0)),
                cd0.gateways().stream().filter(g -> g instanceof SockAddr.Inet4).toList(), cd0.toString());
    }

    /**
     * The adapters' DNS servers. Wine deviation: Wine fills every adapter's DNS servers from the
     * Linux resolver configuration (/etc/resolv.conf); Windows keeps them per adapter. The list
     * is asserted against that file under Wine.
     */
    @Test
    void theResolversComeFromTheAdapterSettings() throws IOException {
        HostState.Resolvers r = known(host.resolvers());
        System.out.println("resolvers under " + Wine.describe() + ": " + r);
        assertEquals("the adapter settings", r.source());
        assumeTrue(Wine.running(), "on Windows the servers are whatever the adapters are set to");
        Path conf = Path.of("Z:\\etc\\resolv.conf");
        assumeTrue(Files.isReadable(conf), "no /etc/resolv.conf on the Linux side to compare with");
        List<String> linux = Files.readAllLines(conf).stream().map(String::strip)
                .filter(l -> l.startsWith("nameserver")).map(l -> l.substring("nameserver".length()).strip())
                .map(s -> s.contains("%") ? s.substring(0, s.indexOf('%')) : s).distinct().toList();
        for (String server : r.servers()) {
            assertTrue(linux.contains(server), server + " is not a nameserver of /etc/resolv.conf " + linux);
        }
        assertEquals(linux.isEmpty(), r.servers().isEmpty(), "resolv.conf " + linux + ", adapters " + r.servers());
    }

    @Test
    void theDynamicPortRangeIsUnknownNotGuessed() {
        Read<HostState.PortRange> ports = host.ephemeralPorts(Transport.TCP);
        Read.Unknown<HostState.PortRange> u = assertInstanceOf(Read.Unknown.class, ports);
        assertTrue(u.reason().contains("netsh int ipv4 show dynamicport tcp"), u.reason());
    }

    @Test
    void theUnixSocketTableIsUnknownWithTheReason() {
        assertFalse(host.unixSockets().isKnown());
    }

    /**
     * TcpMaxConnectRetransmissions: Unknown while unset; read once set. The value is written into
     * this Wine prefix's registry (or this Windows machine's, which needs administrator rights) and
     * removed again.
     */
    @Test
    void connectRetryIsReadFromTheRegistryOnlyWhenSet() {
        String key = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
        String value = "TcpMaxConnectRetransmissions";
        Pointer hklm = new Pointer(WinSystem.HKEY_LOCAL_MACHINE);
        NativeLibrary advapi = NativeLibrary.getInstance("advapi32");
        Function delete = advapi.getFunction("RegDeleteKeyValueW");
        Read<HostState.ConnectRetry> before = host.connectRetry();
        assumeTrue(!before.isKnown(), "this machine has " + value + " set: " + before);
        assertTrue(((Read.Unknown<HostState.ConnectRetry>) before).reason().contains("is not set"), before.toString());
        int rc = advapi.getFunction("RegSetKeyValueW").invokeInt(new Object[] {hklm, new WString(key), new WString(value),
                4 /* REG_DWORD */, new int[] {3}, 4});
        assumeTrue(rc == 0, "could not set " + value + " (error " + rc + "; administrator rights on Windows)");
        try {
            HostState.ConnectRetry retry = known(host.connectRetry());
            assertEquals(3, retry.retries());
            assertEquals(-1, retry.giveUpSeconds());
            assertTrue(retry.source().endsWith(value), retry.source());
        } finally {
            assertEquals(0, delete.invokeInt(new Object[] {hklm, new WString(key), new WString(value)}));
        }
        assertFalse(host.connectRetry().isKnown());
    }

    @Test
    void pidZeroHasNoOwner() {
        SocketEntry idle = new SocketEntry(Transport.TCP, LOOPBACK4, LOOPBACK4, SocketState.TIME_WAIT, -1, -1, -1, 0);
        assertEquals(Optional.empty(), known(host.owner(idle)));
    }
}
