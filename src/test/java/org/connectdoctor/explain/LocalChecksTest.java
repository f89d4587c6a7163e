package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.SocketOption;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each context check against the real situation it is for, built on loopback and in a temporary directory. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalChecksTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @org.junit.jupiter.api.AfterEach
    void closeEngine() {
        engine.close();
    }
    private final Explainer explainer = Explainer.system(engine.sockets());

    @TempDir
    Path dir;

    private static ProbeRequest.Builder to(String target) throws InvalidInputException {
        return ProbeRequest.builder(TargetParser.parse(target));
    }

    private Explanation probe(ProbeRequest.Builder b) throws InvalidInputException {
        ProbeReport r = engine.run(b.build());
        return explainer.explain(r);
    }

    private static void assertFinding(Explanation e, String check, String text) {
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals(check) && f.text().contains(text)),
                "no " + check + " finding containing \"" + text + "\" in " + e.findings());
    }

    @Test
    void refusedOnIpv4WhileTheServiceListensOnIpv6LoopbackOnly() throws Exception {
        try (ServerSocketChannel v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int port = v6.socket().getLocalPort();
            Explanation e = probe(to("127.0.0.1:" + port));
            assertEquals("ECONNREFUSED", e.key());
            assertFinding(e, "listeners", "A service listens on ::1 port " + port + " but not on 127.0.0.1");
            assertEquals("connect(2)", e.quote().page().toString());
        }
    }

    @Test
    void refusedWithNothingListeningSaysSoAndListsWhatDoes() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            int port = Loopback.closedTcpPort();
            Explanation e = probe(to("127.0.0.1:" + port));
            assertFinding(e, "listeners", "Nothing on this computer listens on TCP port " + port + ", on any address.");
            assertFinding(e, "listeners", String.valueOf(other.getLocalPort()));
            assertTrue(e.meaning().contains("127.0.0.1"), e.meaning());
        }
    }

    @Test
    void timeoutAgainstAFullAcceptQueueNamesBothLimitsAndTheHungListener() throws Exception {
        try (NativeSocket listener = engine.sockets().listen(new SockAddr.Inet4(0x7f000001, 0), SocketType.STREAM, 0);
             Socket filler = new Socket()) {
            int port = listener.localAddress().port();
            filler.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            Explanation e = probe(to("127.0.0.1:" + port).timeout(Duration.ofMillis(200)));
            assertEquals("TIMED_OUT", e.key());
            assertFinding(e, "timeout", "Your limit of 200ms ended the wait");
            assertFinding(e, "timeout", "net.ipv4.tcp_syn_retries");
            assertFinding(e, "listeners", "queue of connections waiting to be accepted is full");
            // The finding puts the fault on the service, and the headline and steps follow it.
            assertEquals(Fault.REMOTE_SERVICE, e.fault());
            assertTrue(e.headline().contains("is listening but not accepting connections"), e.headline());
            assertTrue(e.steps().get(0).startsWith("Check the service's log"), e.steps().toString());
        }
    }

    @Test
    void missingUnixSocketNamesTheNearestExistingDirectory() throws Exception {
        Explanation e = probe(to(dir.resolve("run/app/app.sock").toString()));
        assertEquals("ENOENT", e.key());
        assertFinding(e, "unix-path", "The directory " + dir.resolve("run") + " does not exist; the nearest existing "
                + "directory is " + dir);
        try (NativeSocket live = engine.sockets().listen(new SockAddr.Unix(dir.resolve("live.sock").toString(), false),
                SocketType.STREAM, 4)) {
            Explanation near = probe(to(dir.resolve("other.sock").toString()));
            assertFinding(near, "unix-path", "holds no file named other.sock");
            assertFinding(near, "unix-path", dir.resolve("live.sock") + " (stream)");
        }
    }

    @Test
    void staleUnixSocketFileIsCalledALeftoverWithItsOwner() throws Exception {
        Path stale = dir.resolve("stale.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.STREAM)) {
            s.bind(new SockAddr.Unix(stale.toString(), false));
        }
        Explanation e = probe(to(stale.toString()));
        assertEquals("ECONNREFUSED", e.key());
        assertFinding(e, "unix-path", "exists, but no process on this computer has it bound: a leftover");
        assertFinding(e, "unix-path", "owner " + Files.getOwner(stale).getName());
        assertTrue(e.meaning().contains("socket file " + stale), e.meaning());
    }

    @Test
    void wrongUnixSocketTypeNamesTheListenersTypeAndOffersTheRetry() throws Exception {
        Path path = dir.resolve("dgram.sock");
        try (NativeSocket s = engine.sockets().open(Family.UNIX, SocketType.DGRAM)) {
            s.bind(new SockAddr.Unix(path.toString(), false));
            Explanation e = probe(to(path.toString()));
            assertEquals("EPROTOTYPE", e.key());
            assertFinding(e, "unix-type", "is a datagram socket, not a stream one: choose dgram");
            assertEquals(List.of(Action.RETRY_AS_DATAGRAM), e.actions());
        }
    }

    @Test
    void sourcePortInUseNamesTheHolder() throws Exception {
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = holder.getLocalPort();
            Explanation e = probe(to("127.0.0.1:" + Loopback.closedTcpPort()).source(SourceSpec.parse("127.0.0.1:" + port)));
            assertEquals("EADDRINUSE", e.key());
            assertEquals("bind(2)", e.quote().page().toString());
            assertEquals("The given address is already in use.", Explainer.quotePlain(e.quote()).replace("EADDRINUSE ", ""));
            assertFinding(e, "ports", "127.0.0.1:" + port + " is held by a TCP socket in state LISTEN of process "
                    + ProcessHandle.current().pid());
            assertTrue(e.actions().contains(Action.RETRY_WITHOUT_SOURCE_PORT));
        }
    }

    @Test
    void fourTupleInUseShowsTheConnectionAndPutsTheCauseThere() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             NativeSocket first = engine.sockets().open(Family.INET, SocketType.STREAM)) {
            int source = Loopback.closedTcpPort();
            first.setOption(SocketOption.REUSEADDR, true);
            first.bind(new SockAddr.Inet4(0x7f000001, source));
            try (var w = engine.sockets().waker()) {
                if (!first.connect(new SockAddr.Inet4(0x7f000001, server.getLocalPort()))) {
                    first.awaitUntil(org.connectdoctor.sys.Interest.WRITE, w, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
                }
            }
            Explanation e = probe(to("127.0.0.1:" + server.getLocalPort()).source(SourceSpec.parse("127.0.0.1:" + source)));
            assertEquals("EADDRNOTAVAIL", e.key());
            assertFinding(e, "ports", "A socket already connects from 127.0.0.1:" + source + " to 127.0.0.1:"
                    + server.getLocalPort());
            // The connection found is the cause: the headline says so, not "ports used up".
            assertTrue(e.headline().contains("already have a connection to 127.0.0.1:" + server.getLocalPort()),
                    e.headline());
            assertEquals(List.of("Leave the source port out, so the system picks a free one."), e.steps());
        }
    }

    @Test
    void sourceAddressThatIsNotOursIsSaidToBeSo() throws Exception {
        // bind(2) fails at once for an address no interface has: nothing is sent anywhere.
        Explanation e = probe(to("127.0.0.1:9").source(SourceSpec.parse("198.51.100.7")));
        assertEquals("EADDRNOTAVAIL", e.key());
        assertFinding(e, "ports", "198.51.100.7 is not an address of this computer. Its IPv4 addresses: ");
        assertFinding(e, "ports", "127.0.0.1 (lo)");
    }

    @Test
    void unknownServiceNameSuggestsTheCloseOnes() throws Exception {
        Explanation e = explainer.explain(engine.run(to("127.0.0.1:postgresq").build()));
        assertEquals("EAI_SERVICE", e.key());
        assertEquals("getaddrinfo(3)", e.quote().page().toString());
        assertFinding(e, "resolver", "similar names: postgresql (5432/tcp)");
    }

    @Test
    void connectedExplainsWhatIsLeftToCheck() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport r = engine.run(to("127.0.0.1:" + server.getLocalPort()).build());
            assertEquals(Outcome.CONNECTED, r.outcome());
            Explanation e = explainer.explain(r);
            assertTrue(e.isSuccess());
            assertEquals(Fault.NONE, e.fault());
            assertTrue(e.steps().get(0).contains("beyond the connection"), e.steps().toString());
        }
    }
}
