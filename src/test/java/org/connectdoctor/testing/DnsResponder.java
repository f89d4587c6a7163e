package org.connectdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Locale;
import java.util.Map;

/**
 * A name server of the test's own, for names inside a namespace the test created: answers A
 * questions for the names it was given (one address each), NODATA for other types of those names,
 * NXDOMAIN for every other name. The socket is made by the caller (inside the namespace) and
 * served on a daemon thread until {@link #close()}. Only what RFC 1035 needs for one question.
 */
public final class DnsResponder implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, byte[]> names;
    private final Thread thread;

    /** @param names lower-case names without the final dot, to IPv4 addresses */
    public DnsResponder(DatagramSocket socket, Map<String, String> names) throws IOException {
        this.socket = socket;
        this.names = new java.util.HashMap<>();
        for (var e : names.entrySet()) {
            this.names.put(e.getKey(), InetAddress.getByAddress(parse(e.getValue())).getAddress());
        }
        thread = new Thread(this::serve, "dns-responder");
        thread.setDaemon(true);
        thread.start();
    }

    private static byte[] parse(String dotted) {
        String[] p = dotted.split("\\.");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) Integer.parseInt(p[i]);
        }
        return b;
    }

    private void serve() {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(in);
                byte[] reply = answer(buf, in.getLength());
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                }
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                // a question not understood gets no answer
            }
        }
    }

    private byte[] answer(byte[] q, int len) {
        if (len < 17) {
            return null;
        }
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (q[pos] != 0) {
            int l = q[pos] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, pos + 1, l, java.nio.charset.StandardCharsets.US_ASCII));
            pos += l + 1;
        }
        pos++;
        int type = ((q[pos] & 0xff) << 8) | (q[pos + 1] & 0xff);
        int questionEnd = pos + 4;
        byte[] address = names.get(name.toString().toLowerCase(Locale.ROOT));
        boolean answered = address != null && type == 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(q[0]);
        out.write(q[1]);
        out.write(0x81 | (q[2] & 0x01)); // QR, opcode 0, AA, RD copied
        out.write(address == null ? 0x83 : 0x80); // RA; NXDOMAIN for names it does not have
        out.write(new byte[] {0, 1, 0, (byte) (answered ? 1 : 0), 0, 0, 0, 0}, 0, 8);
        out.write(q, 12, questionEnd - 12);
        if (answered) {
            out.write(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4}, 0, 12);
            out.write(address, 0, 4);
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
