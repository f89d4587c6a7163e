package org.connectdoctor.tls;

import java.io.ByteArrayOutputStream;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;

/**
 * One more handshake, after a server refused TLS 1.2 and 1.3: a ClientHello offering at most
 * TLS 1.1 (RFC 4346) with the suites old servers have, written here because current Java will not
 * offer those versions. The server's hello says the version it would use; nothing is sent after
 * it, and the connection is closed.
 */
final class OldVersionProbe {

    private OldVersionProbe() {
    }

    /** Runs the extra handshake on {@code socket}; null when no answer came by {@code deadline}. */
    static FollowUpHandshake run(NativeSocket socket, Waker waker, String serverName, long deadline) throws SysException {
        byte[] hello = clientHello(NameCheck.isIpLiteral(serverName) ? null : serverName);
        int off = 0;
        while (off < hello.length) {
            Readiness r = socket.awaitUntil(Interest.WRITE, waker, deadline);
            if (r != Readiness.READY) {
                return null;
            }
            off += socket.send(off == 0 ? hello : java.util.Arrays.copyOfRange(hello, off, hello.length));
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (in.size() < 11) {
            Readiness r = socket.awaitUntil(Interest.READ, waker, deadline);
            if (r != Readiness.READY) {
                return null;
            }
            int n;
            try {
                n = socket.receive(buffer);
            } catch (SysException e) {
                if (e.errno() == org.connectdoctor.net.Errno.EAGAIN || e.errno() == org.connectdoctor.net.Errno.EWOULDBLOCK
                        || e.errno() == org.connectdoctor.net.Errno.EINTR) {
                    continue;
                }
                break;
            }
            if (n == 0) {
                break;
            }
            in.write(buffer, 0, n);
            TlsAlert alert = Records.alert(in.toByteArray());
            if (alert != null) {
                return new FollowUpHandshake(null, alert);
            }
        }
        byte[] b = in.toByteArray();
        String version = Records.serverHelloVersion(b);
        if (version != null) {
            return new FollowUpHandshake(version, null);
        }
        return b.length == 0 ? new FollowUpHandshake(null, null) : null;
    }

    /** A TLS 1.1 ClientHello: ECDHE and RSA suites with CBC, SNI, the curves and point format old servers want. */
    static byte[] clientHello(String sni) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (sni != null) {
            byte[] name = sni.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            u16(ext, 0); // server_name
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0); // host_name
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        u16(ext, 10); // supported_groups: secp256r1, secp384r1
        u16(ext, 6);
        u16(ext, 4);
        u16(ext, 23);
        u16(ext, 24);
        u16(ext, 11); // ec_point_formats: uncompressed
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        u16(ext, 0xff01); // renegotiation_info, empty
        u16(ext, 1);
        ext.write(0);
        int[] suites = {0xc013, 0xc014, 0xc009, 0xc00a, 0x002f, 0x0035, 0x000a};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0x0302); // TLS 1.1 at most
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1); // one compression method: null
        body.write(0);
        byte[] e = ext.toByteArray();
        u16(body, e.length);
        body.writeBytes(e);
        byte[] b = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(22); // handshake record
        u16(out, 0x0301);
        u16(out, b.length + 4);
        out.write(1); // client_hello
        out.write(0);
        u16(out, b.length);
        out.writeBytes(b);
        return out.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
