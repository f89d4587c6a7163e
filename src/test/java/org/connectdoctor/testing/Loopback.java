package org.connectdoctor.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

/** Loopback ports for tests: ones nobody listens on, and listeners the test owns. */
public final class Loopback {
    private Loopback() {
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago (bound, then released), outside the
     * kernel's ephemeral range: the kernel never gives a probe socket that port as its own, so the
     * probe cannot connect to itself (which would look like a listener).
     */
    public static int closedTcpPort() throws IOException {
        return unusedPort(p -> {
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName("127.0.0.1"))) {
                return s.getLocalPort();
            }
        });
    }

    /** A TCP port on ::1 that was free a moment ago, outside the ephemeral range. */
    public static int closedTcp6Port() throws IOException {
        return unusedPort(p -> {
            try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
                s.bind(new InetSocketAddress(InetAddress.getByName("::1"), p));
                return s.socket().getLocalPort();
            }
        });
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago, outside the ephemeral range. */
    public static int closedUdpPort() throws IOException {
        return unusedPort(p -> {
            try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET)) {
                c.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), p));
                return ((InetSocketAddress) c.getLocalAddress()).getPort();
            }
        });
    }

    private interface Binder {
        int bind(int port) throws IOException;
    }

    /** The kernel's ephemeral port range, from /proc/sys/net/ipv4/ip_local_port_range. */
    public static int[] ephemeralRange() throws IOException {
        // readAllLines, not readString: procfs reports a size of 0, which readString trusts.
        String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0).trim().split("\\s+");
        return new int[] {Integer.parseInt(f[0]), Integer.parseInt(f[1])};
    }

    /** A random port from 1024 up that lies outside the ephemeral range and that {@code binder} can bind. */
    private static int unusedPort(Binder binder) throws IOException {
        int[] range = ephemeralRange();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        int below = Math.max(0, range[0] - 10_000);
        int above = Math.max(0, 65_535 - range[1]);
        if (below + above == 0) {
            throw new IOException("the ephemeral range " + range[0] + "-" + range[1] + " leaves no port for tests");
        }
        IOException last = null;
        for (int i = 0; i < 200; i++) {
            int n = random.nextInt(below + above);
            int port = n < below ? 10_000 + n : range[1] + 1 + (n - below);
            try {
                return binder.bind(port);
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no free port outside the ephemeral range " + range[0] + "-" + range[1], last);
    }

    /**
     * A listening TCP socket on 127.0.0.1 whose own thread accepts every connection and closes it at
     * once, with a FIN (a reset could reach the prober before it reads SO_ERROR). Close it to stop.
     */
    public static ServerSocket acceptingServer(int backlog) throws IOException {
        ServerSocket server = new ServerSocket(0, backlog, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (java.net.Socket s = server.accept()) {
                    s.getPort();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "test-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    /** True when the effective user id is 0 (read from /proc/self/status). */
    public static boolean isRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
