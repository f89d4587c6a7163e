package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * LinuxHostState reads the real kernel tables: sockets the test opens are found with this JVM as
 * their owner, a masked /proc/net is Unknown (never an empty list), and the per-namespace view
 * follows the calling thread into a namespace the test creates, settings included.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinuxHostStateTest {

    private final LinuxHostState host = LinuxHostState.INSTANCE;

    @TempDir
    Path dir;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "reads Linux's /proc");
    }

    private static <T> T known(Read<T> read) {
        if (read instanceof Read.Unknown<T> u) {
            throw new AssertionError("expected a known value, got Unknown: " + u.reason());
        }
        return read.orElse(null);
    }

    @Test
    void currentIsTheLinuxReaderOnLinux() {
        assertTrue(HostState.current() == LinuxHostState.INSTANCE);
    }

    @Test
    void aTcpListenerTheTestOpensIsFoundWithThisProcessAsOwner() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 7, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            List<SocketEntry> tcp = known(host.sockets(Transport.TCP));
            SocketEntry mine = tcp.stream().filter(e -> e.isListening() && e.local().port() == port).findFirst()
                    .orElseThrow(() -> new AssertionError("listener on port " + port + " not in " + tcp.size() + " sockets"));
            assertEquals(Transport.TCP, mine.transport());
            assertEquals(SocketState.LISTEN, mine.state());
            assertEquals(new SockAddr.Inet4(0x7f000001, port), mine.local());
            assertEquals(-1, mine.backlog(), "/proc/net/tcp does not give the accept-queue limit");
            assertEquals(0, mine.receiveQueue(), "nobody is waiting to be accepted");
            Optional<OwnerProcess> owner = known(host.owner(mine));
            assertEquals(ProcessHandle.current().pid(), owner.orElseThrow().pid());
            assertEquals("java", owner.get().name());
            // A connection the service has not accepted waits in its queue.
            try (java.net.Socket waiting = new java.net.Socket("127.0.0.1", port)) {
                SocketEntry queued = known(host.sockets(Transport.TCP)).stream()
                        .filter(e -> e.key() == mine.key()).findFirst().orElseThrow();
                assertEquals(1, queued.receiveQueue(), "one connection waits to be accepted");
                assertTrue(known(host.sockets(Transport.TCP)).stream().anyMatch(e -> e.state() == SocketState.ESTABLISHED
                        && e.local().port() == waiting.getLocalPort() && e.remote().port() == port));
            }
        }
    }

    @Test
    void aBoundUdpSocketIsListedAsBound() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            int port = udp.getLocalPort();
            SocketEntry mine = known(host.sockets(Transport.UDP)).stream().filter(e -> e.local().port() == port)
                    .findFirst().orElseThrow();
            assertEquals(SocketState.BOUND, mine.state());
            assertTrue(mine.isListening());
            assertEquals(ProcessHandle.current().pid(), known(host.owner(mine)).orElseThrow().pid());
        }
    }

    @Test
    void aUnixListenerIsFoundByItsPathWithItsOwner() throws Exception {
        Path path = dir.resolve("app.sock");
        try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(path));
            UnixSocketEntry mine = known(host.unixSockets()).stream().filter(u -> u.path().equals(path.toString()))
                    .findFirst().orElseThrow();
            assertTrue(mine.listening());
            assertEquals(SocketType.STREAM, mine.type());
            assertFalse(mine.isAbstract());
            assertEquals(ProcessHandle.current().pid(), known(host.owner(mine)).orElseThrow().pid());
        }
    }

    @Test
    void aSocketNobodyHoldsHasNoOwnerRatherThanAnUnknownOne() {
        SocketEntry gone = new SocketEntry(Transport.TCP, new SockAddr.Inet4(0x7f000001, 1), new SockAddr.Inet4(0, 0),
                SocketState.LISTEN, -1, 0, 1, Long.MAX_VALUE);
        assertEquals(Read.known(Optional.empty()), host.owner(gone));
    }

    @Test
    void aMissingProcNetMakesEveryTableUnknownNotEmpty() {
        Path masked = dir.resolve("absent");
        LinuxHostState.withProcNet(masked, () -> {
            Read<List<SocketEntry>> tcp = host.sockets(Transport.TCP);
            assertInstanceOf(Read.Unknown.class, tcp);
            assertEquals(masked.resolve("tcp") + " does not exist", ((Read.Unknown<?>) tcp).reason());
            assertInstanceOf(Read.Unknown.class, host.sockets(Transport.UDP));
            assertInstanceOf(Read.Unknown.class, host.unixSockets());
            return null;
        });
        // Only this thread was pointed elsewhere, and only while the task ran.
        assertTrue(host.sockets(Transport.TCP).isKnown());
    }

    @Test
    void anEmptyTableIsKnownToBeEmpty() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("unix"), "Num       RefCount Protocol Flags    Type St Inode Path\n");
        Files.writeString(empty.resolve("tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n");
        // A kernel without IPv6 has no tcp6 table and no if_inet6: that is "no IPv6 sockets", not unknown.
        LinuxHostState.withProcNet(empty, () -> {
            assertEquals(Read.known(List.of()), host.unixSockets());
            assertEquals(Read.known(List.of()), host.sockets(Transport.TCP));
            return null;
        });
        // With IPv6 present (if_inet6 there) a missing tcp6 table is unknown again.
        Path v6 = Files.createDirectory(dir.resolve("v6"));
        Files.copy(empty.resolve("tcp"), v6.resolve("tcp"));
        Files.writeString(v6.resolve("if_inet6"), "");
        LinuxHostState.withProcNet(v6, () -> {
            assertInstanceOf(Read.Unknown.class, host.sockets(Transport.TCP));
            return null;
        });
    }

    @Test
    void tableLinesAreParsedAsTheKernelWritesThem() {
        List<SocketEntry> out = new java.util.ArrayList<>();
        LinuxHostState.parseInetTable(Transport.TCP, List.of("header",
                "   0: 0100007F:1538 00000000:0000 0A 00000080:00000081 00:00000000 00000000  1000        0 4242 1 0",
                "   1: 0100007F:D431 0100007F:1538 06 00000000:00000000 03:00000F5A 00000000     0        0 0 3 0",
                "   2: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000010 "
                        + "00:00000000 00000000     0        0 99 1 0",
                "   3: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000001 "
                        + "00:00000000 00000000     0        0 7 1 0",
                "garbage line"), out);
        assertEquals(4, out.size(), out.toString());
        SocketEntry full = out.get(0);
        assertEquals(new SockAddr.Inet4(0x7f000001, 5432), full.local());
        assertEquals(SocketState.LISTEN, full.state());
        assertEquals(0x81, full.receiveQueue(), "a listener's rx column is its accept queue");
        assertEquals(-1, full.backlog(), "the table does not give a listener's limit");
        assertEquals(4242, full.key());
        assertEquals(SocketState.TIME_WAIT, out.get(1).state());
        assertEquals(-1, out.get(1).backlog());
        assertEquals("[::1]:22", out.get(2).local().display());
        assertEquals(new SockAddr.Inet4(0x7f000001, 80), out.get(3).local(), "v4-mapped is given as IPv4");
        List<UnixSocketEntry> unix = LinuxHostState.parseUnixTable(List.of("header",
                "0000000000000000: 00000002 00000000 00010000 0001 01 31337 /run/app.sock",
                "0000000000000000: 00000002 00000000 00000000 0002 01 31338 @abstract",
                "0000000000000000: 00000002 00000000 00000000 0005 03 31339"));
        assertEquals(List.of(new UnixSocketEntry(SocketType.STREAM, true, "/run/app.sock", 31337),
                new UnixSocketEntry(SocketType.DGRAM, false, "@abstract", 31338),
                new UnixSocketEntry(SocketType.SEQPACKET, false, "", 31339)), unix);
    }

    @Test
    void connectRetryGiveUpFollowsTheDoublingWaitUpToItsCeiling() {
        assertEquals(127, LinuxHostState.giveUpSeconds(6), "Linux's default of 6 retries: about 2 minutes");
        assertEquals(1 + 2 + 4 + 8 + 16 + 32 + 64 + 120 + 120, LinuxHostState.giveUpSeconds(8));
        assertEquals(1, LinuxHostState.giveUpSeconds(0));
    }

    /**
     * In a namespace of the test's own, with its own sysctls: the settings, the interfaces and the
     * socket tables are that namespace's when read from a thread inside it, and this one's outside.
     */
    @Test
    void aThreadInsideANamespaceReadsThatNamespace() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        try (TestNamespace ns = TestNamespace.create("cd-hoststate")) {
            ns.ip("link", "set", "lo", "up");
            sysctl(ns, "net.ipv4.ip_local_port_range=40000 40100");
            sysctl(ns, "net.ipv4.tcp_syn_retries=3");
            sysctl(ns, "net.ipv6.conf.all.disable_ipv6=1");
            HostState.PortRange range = ns.inside(() -> known(host.ephemeralPorts(Transport.TCP)));
            assertEquals(new HostState.PortRange(40000, 40100, "net.ipv4.ip_local_port_range"), range);
            assertEquals(new HostState.ConnectRetry(3, 15, "net.ipv4.tcp_syn_retries"),
                    ns.inside(() -> known(host.connectRetry())));
            HostState.Ipv6Status v6 = ns.inside(() -> known(host.ipv6Status()));
            assertTrue(v6.disabled());
            assertEquals("net.ipv6.conf.all.disable_ipv6 = 1", v6.setting());
            assertEquals(List.of("lo"), ns.inside(() -> known(host.interfaces()).stream().map(i -> i.name()).toList()));

            try (ServerSocket inside = ns.inside(() -> new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))) {
                long key = ns.inside(() -> known(host.sockets(Transport.TCP)).stream()
                        .filter(e -> e.isListening() && e.local().port() == inside.getLocalPort())
                        .findFirst().orElseThrow().key());
                assertTrue(known(host.sockets(Transport.TCP)).stream().noneMatch(e -> e.key() == key),
                        "the namespace's listener is not in this namespace's table");
            }
        }
        assertFalse(known(host.interfaces()).isEmpty());
    }

    @Test
    void resolverAndNameTablesNameTheirSource() {
        Read<HostState.Resolvers> r = host.resolvers();
        if (r instanceof Read.Known<HostState.Resolvers> k) {
            assertEquals("/etc/resolv.conf", k.value().source());
        } else {
            assertFalse(Files.isReadable(Path.of("/etc/resolv.conf")), "resolv.conf is readable, yet: " + r);
        }
        HostState.HostsFile hosts = known(host.hostsFile());
        assertEquals("/etc/hosts", hosts.source());
        assertTrue(hosts.names("localhost"), "every /etc/hosts names localhost: " + hosts.entries());
        Read<HostState.ServiceNames> services = host.serviceNames();
        if (Files.isReadable(Path.of("/etc/services"))) {
            assertTrue(known(services).entries().stream().anyMatch(e -> e.name().equals("https")
                    && e.port().equals("443/tcp")), "https in /etc/services");
        } else {
            assertInstanceOf(Read.Unknown.class, services);
        }
    }

    @Test
    void hostNameIsTheKernelsWithoutALookup() throws Exception {
        Process p = new ProcessBuilder("uname", "-n").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String uname = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(uname, known(host.hostName()));
    }

    private static void sysctl(TestNamespace ns, String setting) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), "sysctl", "-q", "-w", setting)
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), setting);
        assertEquals(0, p.exitValue(), setting + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
