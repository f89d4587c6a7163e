package org.connectdoctor.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.SysException;

/**
 * Loopback peers that never answer, without root. TCP: a listener with backlog 0 whose one queued
 * connection is never accepted; its accept queue is full, so the kernel drops further SYNs and a
 * connect waits in silence (the kernel would retry SYNs for about 130 s). UDP: a bound socket that
 * never reads, so datagrams queue and nothing answers.
 */
public final class SilentPeers {
    private SilentPeers() {
    }

    /** A full-accept-queue TCP listener on 127.0.0.1; close it to free the port. */
    public static final class Tcp implements AutoCloseable {
        private final NativeSocket listener;
        private final Socket filler;
        private final int port;

        /** Needs the native listen(2): java.net turns a backlog of 0 into 50. */
        public Tcp() throws IOException, SysException {
            this(false);
        }

        /** On ::1 when {@code ipv6}, else on 127.0.0.1. */
        public Tcp(boolean ipv6) throws IOException, SysException {
            SockAddr local = ipv6 ? new SockAddr.Inet6(0, 1, 0, 0, 0) : new SockAddr.Inet4(0x7f000001, 0);
            listener = NativeSockets.system().listen(local, SocketType.STREAM, 0);
            filler = new Socket();
            try {
                port = listener.localAddress().port();
                filler.connect(new InetSocketAddress(ipv6 ? "::1" : "127.0.0.1", port), 5000);
            } catch (IOException | SysException e) {
                listener.close();
                throw e;
            }
        }

        public int port() {
            return port;
        }

        @Override
        public void close() throws IOException {
            filler.close();
            listener.close();
        }
    }

    /** A UDP socket on 127.0.0.1 that reads nothing and answers nothing. */
    public static final class Udp implements AutoCloseable {
        private final DatagramChannel channel;

        public Udp() throws IOException {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        }

        public int port() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
