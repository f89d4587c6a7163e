package org.connectdoctor.probe;

import static org.connectdoctor.probe.Probes.build;
import static org.connectdoctor.probe.Probes.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.SocketOption;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real probes against sockets this test opens on loopback; no root needed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackProbeTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @org.junit.jupiter.api.AfterEach
    void closeEngine() {
        engine.close();
    }
    private final NativeSockets sockets = engine.sockets();

    @TempDir
    Path dir;

    @Test
    void connectedWhenAListenerIsThere() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport r = engine.run(Probes.stream("127.0.0.1:" + server.getLocalPort()));
            assertEquals(Outcome.CONNECTED, r.outcome());
            Attempt a = r.attempts().get(0);
            assertEquals(Outcome.CONNECTED, a.outcome());
            assertNull(a.error());
            assertEquals(new SockAddr.Inet4(0x7f000001, server.getLocalPort()), a.address());
            assertTrue(a.local() instanceof SockAddr.Inet4 l && l.isLoopback() && l.port() > 0, "local " + a.local());
            assertTrue(a.elapsedNanos() > 0);
        }
    }

    @Test
    void refusedWhenNothingListensOnIpv4() throws Exception {
        ProbeReport r = engine.run(Probes.stream("127.0.0.1:" + Loopback.closedTcpPort()));
        assertEquals(Outcome.FAILED, r.outcome());
        Attempt a = r.decisive();
        assertEquals(Errno.ECONNREFUSED, a.error().errno());
        assertEquals(111, a.error().number());
        assertEquals("Connection refused", a.error().message());
        assertTrue(a.phase() == Phase.VERIFY || a.phase() == Phase.CONNECT, a.phase().toString());
    }

    @Test
    void refusedWhenNothingListensOnIpv6Loopback() throws Exception {
        ProbeReport r = engine.run(Probes.stream("[::1]:" + Loopback.closedTcp6Port()));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
        assertEquals(Family.INET6, r.decisive().address().family());
    }

    @Test
    void udpToAClosedPortIsRefusedThroughIcmp() throws Exception {
        ProbeRequest req = build(to("127.0.0.1:" + Loopback.closedUdpPort()).type(SocketType.DGRAM)
                .payload(Payload.ofText("hello")).timeout(Duration.ofSeconds(3)));
        ProbeReport r = engine.run(req);
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
        assertEquals(Phase.VERIFY, r.decisive().phase());
    }

    @Test
    void udpEchoAnswersWithThePayload() throws Exception {
        try (DatagramChannel echo = DatagramChannel.open(StandardProtocolFamily.INET)) {
            echo.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) echo.getLocalAddress()).getPort();
            Thread t = new Thread(() -> {
                try {
                    ByteBuffer b = ByteBuffer.allocate(2048);
                    var from = echo.receive(b);
                    b.flip();
                    echo.send(b, from);
                } catch (IOException ignored) {
                    // the channel closes when the test ends
                }
            });
            t.start();
            ProbeReport r = engine.run(build(to("127.0.0.1:" + port).type(SocketType.DGRAM)
                    .payload(Payload.ofHex("70 69 6e 67"))));
            t.join(5000);
            assertEquals(Outcome.ANSWERED, r.outcome());
            assertEquals("ping", r.decisive().reply().textOrNull());
            assertNotNull(r.decisive().local());
        }
    }

    @Test
    void udpToASilentSocketGetsNoReplyWithinTheLimit() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open(StandardProtocolFamily.INET)) {
            silent.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = ((InetSocketAddress) silent.getLocalAddress()).getPort();
            ProbeReport r = engine.run(build(to("127.0.0.1:" + port).type(SocketType.DGRAM)
                    .timeout(Duration.ofMillis(200))));
            assertEquals(Outcome.NO_REPLY, r.outcome());
            assertTrue(r.decisive().elapsedNanos() >= TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    @Test
    void unixStreamConnects() throws Exception {
        Path path = dir.resolve("app.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            ProbeReport r = engine.run(Probes.stream(path.toString()));
            assertEquals(Outcome.CONNECTED, r.outcome());
            assertEquals(new SockAddr.Unix(path.toString(), false), r.decisive().address());
        }
    }

    @Test
    void unixPathThatDoesNotExistGivesEnoent() {
        ProbeReport r = engine.run(Probes.stream(dir.resolve("missing.sock").toString()));
        assertEquals(Outcome.FAILED, r.outcome());
        assertEquals(Errno.ENOENT, r.decisive().error().errno());
        assertEquals(Phase.CONNECT, r.decisive().phase());
        assertEquals("connect", r.decisive().failedCall());
    }

    @Test
    void staleUnixSocketFileIsRefused() throws Exception {
        Path path = dir.resolve("stale.sock");
        try (NativeSocket s = sockets.open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(path.toString(), false)); // bound, never listening: like a crashed server's file
        }
        assertTrue(Files.exists(path));
        ProbeReport r = engine.run(Probes.stream(path.toString()));
        assertEquals(Errno.ECONNREFUSED, r.decisive().error().errno());
    }

    @Test
    void streamClientToADatagramSocketGetsEprototype() throws Exception {
        Path path = dir.resolve("dgram.sock");
        try (NativeSocket s = sockets.open(Family.UNIX, SocketType.DGRAM)) {
            s.bind(new SockAddr.Unix(path.toString(), false));
            ProbeReport r = engine.run(Probes.stream("unix:" + path));
            assertEquals(Errno.EPROTOTYPE, r.decisive().error().errno());
            assertEquals(91, r.decisive().error().number());
        }
    }

    @Test
    void abstractUnixNameConnects() throws Exception {
        String name = "connect-doctor-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NativeSocket server = sockets.listen(new SockAddr.Unix(name, true), SocketType.STREAM, 4)) {
            ProbeReport r = engine.run(Probes.stream("unix:@" + name));
            assertEquals(Outcome.CONNECTED, r.outcome());
        }
        ProbeReport gone = engine.run(Probes.stream("unix:@" + name));
        assertEquals(Errno.ECONNREFUSED, gone.decisive().error().errno());
    }

    @Test
    void unixSeqpacketConnects() throws Exception {
        Path path = dir.resolve("seq.sock");
        try (NativeSocket server = sockets.listen(new SockAddr.Unix(path.toString(), false), SocketType.SEQPACKET, 4)) {
            ProbeReport r = engine.run(Probes.of(path.toString(), SocketType.SEQPACKET));
            assertEquals(Outcome.CONNECTED, r.outcome());
        }
    }

    @Test
    void unixDatagramIsAutoboundAndHearsNothingFromASilentPeer() throws Exception {
        Path path = dir.resolve("dg.sock");
        try (NativeSocket server = sockets.open(Family.UNIX, SocketType.DGRAM)) {
            server.bind(new SockAddr.Unix(path.toString(), false));
            ProbeReport r = engine.run(build(to(path.toString()).type(SocketType.DGRAM).timeout(Duration.ofMillis(100))));
            assertEquals(Outcome.NO_REPLY, r.outcome());
            assertTrue(r.decisive().local() instanceof SockAddr.Unix u && u.abstractName(),
                    "autobind gives an abstract name, got " + r.decisive().local());
        }
    }

    @Test
    void ipSeqpacketUsesSctpAndReportsTheRealSocketError() throws Exception {
        ProbeReport r = engine.run(Probes.of("127.0.0.1:" + Loopback.closedTcpPort(), SocketType.SEQPACKET));
        Attempt a = r.decisive();
        if (a.phase() == Phase.SOCKET) {
            // No SCTP in this kernel: socket(2) says so, and the report keeps its errno.
            assertEquals(Outcome.FAILED, a.outcome());
            assertEquals("socket", a.failedCall());
            assertTrue(a.error().errno() == Errno.EPROTONOSUPPORT || a.error().errno() == Errno.ESOCKTNOSUPPORT
                    || a.error().errno() == Errno.EAFNOSUPPORT, a.error().toString());
        } else {
            assertEquals(Errno.ECONNREFUSED, a.error().errno(), "SCTP present: INIT answered with ABORT");
        }
    }

    @Test
    void bindFailsWithEaddrinuseWhenTheSourcePortIsHeld() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ProbeRequest req = build(to("127.0.0.1:" + Loopback.closedTcpPort())
                    .source(SourceSpec.parse("127.0.0.1:" + holder.getLocalPort())));
            ProbeReport r = engine.run(req);
            assertEquals(Phase.BIND, r.decisive().phase());
            assertEquals("bind", r.decisive().failedCall());
            assertEquals(Errno.EADDRINUSE, r.decisive().error().errno());
        }
    }

    @Test
    void connectFailsWithEaddrnotavailWhenTheFourTupleIsTaken() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             NativeSocket first = sockets.open(Family.INET, SocketType.STREAM)) {
            int sourcePort = Loopback.closedTcpPort();
            first.setOption(SocketOption.REUSEADDR, true);
            first.bind(new SockAddr.Inet4(0x7f000001, sourcePort));
            SockAddr dest = new SockAddr.Inet4(0x7f000001, server.getLocalPort());
            if (!first.connect(dest)) {
                try (var w = sockets.waker()) {
                    first.awaitUntil(org.connectdoctor.sys.Interest.WRITE, w, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                }
                assertNull(first.takeError());
            }
            ProbeReport r = engine.run(build(to("127.0.0.1:" + server.getLocalPort())
                    .source(SourceSpec.parse("127.0.0.1:" + sourcePort))));
            assertEquals(Errno.EADDRNOTAVAIL, r.decisive().error().errno());
            assertEquals(Phase.CONNECT, r.decisive().phase());
        }
    }

    @Test
    void sourceAddressIsTheOneTheKernelUses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            ProbeReport r = engine.run(build(to("127.0.0.1:" + server.getLocalPort())
                    .source(SourceSpec.parse("127.0.0.2"))));
            assertEquals(Outcome.CONNECTED, r.outcome());
            assertEquals("127.0.0.2", r.decisive().local().host());
        }
    }

    @Test
    void repeatedProbesGiveStatistics() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport ok = engine.run(build(to("127.0.0.1:" + server.getLocalPort()).count(4)
                    .interval(Duration.ZERO)));
            Statistics s = ok.statistics();
            assertEquals(4, s.sent());
            assertEquals(4, s.succeeded());
            assertEquals(0.0, s.lossPercent());
            assertTrue(s.minNanos() > 0 && s.minNanos() <= s.avgNanos() && s.avgNanos() <= s.maxNanos());
            assertEquals(4, ok.attempts().size());
            assertEquals(List.of(1, 2, 3, 4), ok.attempts().stream().map(Attempt::round).toList());
        }
        ProbeReport bad = engine.run(build(to("127.0.0.1:" + Loopback.closedTcpPort()).count(3)
                .interval(Duration.ofMillis(10))));
        assertEquals(100.0, bad.statistics().lossPercent());
        assertEquals(0, bad.statistics().succeeded());
        assertEquals(Outcome.FAILED, bad.outcome());
    }

    @Test
    void everyAddressIsTriedInOrderUntilOneConnects() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int open = server.getLocalPort();
            int closed = Loopback.closedTcpPort();
            // Real sockets; only the name lookup is replaced, to give one name three addresses.
            NativeSockets twoFaced = new ResolvingTo(sockets, List.of(
                    new SockAddr.Inet4(0x7f000001, closed), new SockAddr.Inet4(0x7f000001, open),
                    new SockAddr.Inet4(0x7f000001, closed)));
            ProbeEngine e = new ProbeEngine(twoFaced);
            List<String> events = new CopyOnWriteArrayList<>();
            ProbeListener listener = new ProbeListener() {
                @Override
                public void attempting(int round, int index, int of, SockAddr address) {
                    events.add("try " + index + "/" + of);
                }

                @Override
                public void attempted(Attempt attempt) {
                    events.add(attempt.outcome().name());
                }
            };
            ProbeReport first = e.run(Probes.stream("multi.test:80"), listener, new Cancellation());
            assertEquals(List.of("try 1/3", "FAILED", "try 2/3", "CONNECTED"), events);
            assertEquals(Outcome.CONNECTED, first.outcome());
            assertEquals(first.attempts().get(1), first.decisive());

            ProbeReport all = e.run(build(to("multi.test:80").allAddresses(true)));
            assertEquals(3, all.attempts().size());
            assertEquals(Outcome.CONNECTED, all.outcome(), "one success is enough for the verdict");
        }
    }

    /** NativeSockets whose lookups answer with fixed addresses; everything else is real. */
    private record ResolvingTo(NativeSockets real, List<SockAddr> answer) implements NativeSockets {
        @Override
        public org.connectdoctor.net.Os os() {
            return real.os();
        }

        @Override
        public org.connectdoctor.net.SysError error(int number) {
            return real.error(number);
        }

        @Override
        public NativeSocket open(Family family, SocketType type) throws org.connectdoctor.sys.SysException {
            return real.open(family, type);
        }

        @Override
        public org.connectdoctor.sys.Waker waker() throws org.connectdoctor.sys.SysException {
            return real.waker();
        }

        @Override
        public org.connectdoctor.sys.FirstReady awaitAnyConnect(List<NativeSocket> sockets,
                                                                org.connectdoctor.sys.Waker waker, long deadlineNanos)
                throws org.connectdoctor.sys.SysException {
            return real.awaitAnyConnect(sockets, waker, deadlineNanos);
        }

        @Override
        public List<org.connectdoctor.net.NetInterface> interfaces() {
            return real.interfaces();
        }

        @Override
        public org.connectdoctor.sys.Lookup resolve(String host, String service, Family family, SocketType type,
                                                    boolean numericHost) {
            return new org.connectdoctor.sys.Lookup(answer, null, null, 1000);
        }
    }
}
