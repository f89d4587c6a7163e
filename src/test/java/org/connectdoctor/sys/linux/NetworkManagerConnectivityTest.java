package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * NetworkManager's connectivity verdict as {@link NetworkManagerConnectivity} reads it over D-Bus.
 * No CI machine has NetworkManager on a system bus, so each test starts its own bus (a dbus-daemon
 * with a configuration that listens on a path in the test's folder) and, where the test needs it,
 * a fake NetworkManager written here with the same {@link DBus} client: it owns the name
 * org.freedesktop.NetworkManager and answers Properties.GetAll. A bus that never answers and one
 * that speaks no D-Bus are plain Unix sockets the test listens on.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class NetworkManagerConnectivityTest {

    private static final Path DBUS_DAEMON = Path.of("/usr/bin/dbus-daemon");

    @TempDir
    Path dir;

    private Process daemon;
    private Thread fake;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.interrupt();
        }
        for (AutoCloseable c : toClose) {
            c.close();
        }
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        if (fake != null) {
            fake.join(5000);
        }
    }

    /** Starts a private bus; returns its address. */
    private String startBus() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(DBUS_DAEMON), "dbus-daemon is not installed (package dbus-daemon)");
        Path socket = dir.resolve("bus");
        Path config = dir.resolve("bus.conf");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(socket));
        daemon = new ProcessBuilder(DBUS_DAEMON.toString(), "--config-file=" + config, "--nofork", "--nopidfile")
                .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > until || !daemon.isAlive()) {
                throw new IllegalStateException("dbus-daemon did not start: " + Files.readString(dir.resolve("daemon.log")));
            }
            Thread.sleep(20);
        }
        return "unix:path=" + socket;
    }

    /** A NetworkManager that answers GetAll with {@code props}; counts the calls that asked not to be auto-started. */
    private void startFakeNetworkManager(String address, Map<String, DBus.Variant> props, AtomicInteger noAutoStart)
            throws Exception {
        DBus bus = DBus.open(NetworkManagerConnectivity.socketPath(address), NetworkManagerConnectivity.effectiveUid(),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
        toClose.add(bus);
        DBus.Message owned = bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                "RequestName", "su", List.of("org.freedesktop.NetworkManager", 4L));
        assertEquals(1L, owned.body().get(0), "the fake became the primary owner of the name");
        CountDownLatch ready = new CountDownLatch(1);
        fake = new Thread(() -> {
            ready.countDown();
            try {
                while (true) {
                    DBus.Message m = bus.read();
                    if (m.type() != DBus.METHOD_CALL) {
                        continue;
                    }
                    if ((m.flags() & DBus.NO_AUTO_START) != 0) {
                        noAutoStart.incrementAndGet();
                    }
                    if ("GetAll".equals(m.field(DBus.FIELD_MEMBER))
                            && NetworkManagerConnectivity.PATH.equals(m.field(DBus.FIELD_PATH))
                            && List.of("org.freedesktop.NetworkManager").equals(m.body())) {
                        List<Object> entries = new ArrayList<>();
                        props.forEach((k, v) -> entries.add(List.of(k, v)));
                        bus.reply(m, "a{sv}", List.of(entries));
                    } else {
                        bus.replyError(m, "org.freedesktop.DBus.Error.UnknownMethod", "not in the fake");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the test closed the connection (and its selector) or the bus went away
            }
        }, "fake-networkmanager");
        fake.setDaemon(true);
        fake.start();
        ready.await();
    }

    private static Map<String, DBus.Variant> nm(long connectivity, boolean enabled, String uri) {
        return Map.of("Connectivity", new DBus.Variant("u", connectivity),
                "ConnectivityCheckEnabled", new DBus.Variant("b", enabled),
                "ConnectivityCheckAvailable", new DBus.Variant("b", true),
                "ConnectivityCheckUri", new DBus.Variant("s", uri),
                "Devices", new DBus.Variant("ao", List.of("/org/freedesktop/NetworkManager/Devices/1")),
                "Version", new DBus.Variant("s", "1.42.4"));
    }

    private static Read<Connectivity> read(String address) {
        return NetworkManagerConnectivity.read(address, NetworkManagerConnectivity.effectiveUid(), Duration.ofSeconds(2));
    }

    private static String reason(Read<Connectivity> r) {
        assertInstanceOf(Read.Unknown.class, r, r.toString());
        return ((Read.Unknown<Connectivity>) r).reason();
    }

    @Test
    void eachConnectivityValueIsTheSystemsOwnVerdict() throws Exception {
        Connectivity.State[] expected = {null, Connectivity.State.NONE, Connectivity.State.PORTAL,
            Connectivity.State.LIMITED, Connectivity.State.FULL};
        String[] words = {"unknown", "none", "portal", "limited", "full"};
        String address = startBus();
        for (int value = 0; value <= 4; value++) {
            AtomicInteger noAutoStart = new AtomicInteger();
            startFakeNetworkManager(address, nm(value, true, "http://check.example/status.txt"), noAutoStart);
            Read<Connectivity> r = read(address);
            if (value == 0) {
                assertTrue(reason(r).contains("has not finished a connectivity check yet"), r.toString());
            } else {
                assertEquals(Read.known(new Connectivity(expected[value], NetworkManagerConnectivity.SOURCE,
                        "NetworkManager connectivity '" + words[value] + "'", "http://check.example/status.txt")), r);
            }
            assertEquals(1, noAutoStart.get(), "the read asked the bus not to start NetworkManager");
            fake.interrupt();
            toClose.remove(toClose.size() - 1).close();
            fake.join(5000);
            fake = null;
            // the name is free again once the bus has seen the fake go
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!reason(read(address)).startsWith("NetworkManager is not running") && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        }
    }

    @Test
    void aSwitchedOffCheckIsSaidNotTakenForAVerdict() throws Exception {
        String address = startBus();
        startFakeNetworkManager(address, nm(4, false, ""), new AtomicInteger());
        String why = reason(read(address));
        assertTrue(why.startsWith("NetworkManager does not check connectivity here: its check is switched off "
                + "(ConnectivityCheckEnabled false)"), why);
    }

    @Test
    void aBusWithoutNetworkManagerSaysItIsNotRunning() throws Exception {
        String address = startBus();
        assertEquals("NetworkManager is not running: this computer's connectivity verdict is not kept by it",
                reason(read(address)));
    }

    @Test
    void noBusIsSaidWithItsPath() {
        String why = reason(read("unix:path=" + dir.resolve("no-such-bus")));
        assertTrue(why.startsWith("no D-Bus system bus here (" + dir.resolve("no-such-bus") + " does not exist)"), why);
        assertTrue(reason(read("unix:abstract=/tmp/dbus-x")).contains("abstract socket"));
    }

    @Test
    void aBusThatNeverAnswersEndsAtTheDeadline() throws Exception {
        Path socket = dir.resolve("silent");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        toClose.add(server);
        server.bind(UnixDomainSocketAddress.of(socket));
        List<SocketChannel> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                accepted.add(server.accept()); // and never a byte back
            } catch (IOException e) {
                // closed at the end
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        Read<Connectivity> r = NetworkManagerConnectivity.read("unix:path=" + socket, 0, Duration.ofMillis(300));
        assertEquals("the D-Bus system bus (" + socket + ") did not answer within 300 ms, so NetworkManager's "
                + "connectivity verdict is not known", reason(r));
        acceptor.join(2000);
        for (SocketChannel c : accepted) {
            c.close();
        }
    }

    /** A server that answers the n-th line the client sends (AUTH, BEGIN) with {@code answers[n]}. */
    private String garbage(String name, byte[]... answers) throws Exception {
        Path socket = dir.resolve(name);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        toClose.add(server);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            try (SocketChannel c = server.accept()) {
                ByteBuffer in = ByteBuffer.allocate(4096);
                StringBuilder seen = new StringBuilder();
                int answered = 0;
                while (answered < answers.length) {
                    in.clear();
                    if (c.read(in) < 0) {
                        return;
                    }
                    seen.append(new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1));
                    int lines = seen.toString().split("\r\n", -1).length - 1;
                    while (answered < lines && answered < answers.length) {
                        c.write(ByteBuffer.wrap(answers[answered++]));
                    }
                }
                Thread.sleep(1000);
            } catch (IOException | InterruptedException e) {
                // done
            }
        });
        t.setDaemon(true);
        t.start();
        return reason(NetworkManagerConnectivity.read("unix:path=" + socket, 0, Duration.ofSeconds(2)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void garbageOnTheWireIsAClearUnknown() throws Exception {
        String http = garbage("http", ascii("HTTP/1.1 400 Bad Request\r\n\r\n"));
        assertTrue(http.contains("answered with something that is not D-Bus: the answer to AUTH was not OK or "
                + "REJECTED: \"HTTP/1.1 400 Bad Request\""), http);

        String junk = garbage("junk", ascii("OK 0123456789abcdef\r\n"), ascii("XYZ garbage follows here"));
        assertTrue(junk.contains("a message does not start with 'l' or 'B' but with byte 0x58"), junk);

        byte[] huge = new byte[16];
        huge[0] = 'l';
        huge[1] = DBus.METHOD_RETURN;
        huge[3] = 1;
        ByteBuffer.wrap(huge).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, 0x7fff_0000);
        String big = garbage("huge", ascii("OK 0123456789abcdef\r\n"), huge);
        assertTrue(big.contains("more than any answer here"), big);

        String rejected = garbage("rejected", ascii("REJECTED EXTERNAL\r\n"));
        assertTrue(rejected.contains("did not let this user in"), rejected);
    }

    @Test
    void addressesAreReadAsTheSpecificationWritesThem() {
        assertEquals(Path.of("/run/dbus/system_bus_socket"),
                NetworkManagerConnectivity.socketPath(NetworkManagerConnectivity.DEFAULT_ADDRESS));
        assertEquals(Path.of("/tmp/a b"), NetworkManagerConnectivity.socketPath("tcp:host=x,port=1;unix:path=/tmp/a%20b,guid=1"));
    }

    @Test
    void propertiesWithoutACheckOrAnOddValueAreUnknown() {
        assertTrue(reason(NetworkManagerConnectivity.verdict(Map.of("Connectivity", 2L,
                "ConnectivityCheckAvailable", false))).contains("no check URI is configured"));
        assertTrue(reason(NetworkManagerConnectivity.verdict(Map.of("Connectivity", 9L)))
                .contains("none of its documented values"));
        assertTrue(reason(NetworkManagerConnectivity.verdict(Map.of("State", 70L)))
                .contains("without a Connectivity property"));
    }

    @Test
    void thisComputersOwnBusIsReadWithoutAnException() {
        // the real system bus where there is one (a desktop: NetworkManager's verdict), else the reason
        Read<Connectivity> r = LinuxHostState.INSTANCE.connectivity();
        if (r instanceof Read.Unknown<Connectivity> u) {
            assertTrue(u.reason().contains("D-Bus") || u.reason().contains("NetworkManager"), u.reason());
        }
    }
}
