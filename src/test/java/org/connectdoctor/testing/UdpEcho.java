package org.connectdoctor.testing;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP responder on its own thread: every datagram that reaches {@code in} is answered with
 * {@code prefix} followed by the datagram's bytes, sent from {@code out} (the same channel, or
 * one bound to another address, to play a multi-homed server that answers from elsewhere).
 * The channels may have been opened inside a network namespace (their sockets stay there).
 * Close it to stop; close waits for the thread.
 */
public final class UdpEcho implements AutoCloseable {
    private final DatagramChannel in;
    private final DatagramChannel out;
    private final Thread thread;

    private UdpEcho(DatagramChannel in, DatagramChannel out, byte[] prefix) {
        this.in = in;
        this.out = out;
        this.thread = new Thread(() -> serve(prefix), "test-udp-echo");
        thread.setDaemon(true);
        thread.start();
    }

    public static UdpEcho start(DatagramChannel in, DatagramChannel out, String prefix) {
        return new UdpEcho(in, out, prefix.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    public static UdpEcho start(DatagramChannel channel, String prefix) {
        return start(channel, channel, prefix);
    }

    private void serve(byte[] prefix) {
        ByteBuffer b = ByteBuffer.allocate(2048);
        while (in.isOpen()) {
            try {
                b.clear();
                b.put(prefix);
                SocketAddress from = in.receive(b);
                b.flip();
                out.send(b, from);
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        in.close();
        out.close();
        thread.join(5000);
    }
}
