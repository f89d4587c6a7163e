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

    /** A TCP port on 127.0.0.1 that was free a moment ago (bound, then released). */
    public static int closedTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** A TCP port on ::1 that was free a moment ago. */
    public static int closedTcp6Port() throws IOException {
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET6)) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return s.socket().getLocalPort();
        }
    }

    /** A UDP port on 127.0.0.1 that was free a moment ago. */
    public static int closedUdpPort() throws IOException {
        try (DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET)) {
            c.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        }
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
