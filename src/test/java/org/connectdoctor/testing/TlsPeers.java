package org.connectdoctor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Security;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Servers on 127.0.0.1 for the TLS tests: a real TLS server with a given certificate and
 * protocols, and the peers that do not speak TLS (plain text, a reset, silence). Each accepts
 * connections on a daemon thread until closed.
 */
public final class TlsPeers {

    static {
        // A TLS 1.0-only server needs TLS 1.0 enabled in this JVM; the product's client offers only
        // TLS 1.2 and 1.3 whatever this property says. Set before any SSLContext reads it.
        Security.setProperty("jdk.tls.disabledAlgorithms", "SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, "
                + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH");
    }

    private TlsPeers() {
    }

    /** How a peer treats one accepted connection. */
    public interface Behaviour {
        void serve(Socket s) throws IOException;
    }

    /** A loopback server; closing it closes the listener and every connection it holds. */
    public static final class Peer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Peer(ServerSocket server, Behaviour behaviour) {
            this.server = server;
            this.thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        open.add(s);
                        Thread t = new Thread(() -> {
                            try (s) {
                                behaviour.serve(s);
                            } catch (IOException | RuntimeException e) {
                                // the client went away or the handshake failed: that is what is tested
                            }
                        }, "tls-peer-conn");
                        t.setDaemon(true);
                        t.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "tls-peer");
            thread.setDaemon(true);
            thread.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        /** How many connections it has accepted so far. */
        public int accepted() {
            return open.size();
        }

        /** ADDRESS:PORT of the listener (127.0.0.1 unless it was bound elsewhere). */
        public String target() {
            return server.getInetAddress().getHostAddress() + ":" + port();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    /** A TLS server presenting {@code cert}'s chain, speaking only {@code protocols} (null: the defaults). */
    public static Peer tls(TestCertificates.Issued cert, String... protocols) throws Exception {
        return server(cert, null, protocols);
    }

    /** A TLS server that also offers the application protocol {@code alpn}. */
    public static Peer tlsWithAlpn(TestCertificates.Issued cert, String alpn) throws Exception {
        return server(cert, alpn);
    }

    /**
     * A TLS server presenting {@code cert}'s chain on {@code bind}, port {@code port} (0: any): made on
     * a thread inside a test's namespace, it listens there.
     */
    public static Peer tlsOn(TestCertificates.Issued cert, InetAddress bind, int port) throws Exception {
        return server(cert, null, bind, port);
    }

    /**
     * A TLS server presenting {@code cert}'s chain on 127.0.0.1 {@code port}: the same target as a
     * server closed before it, so the history compares the two.
     */
    public static Peer tlsOn(int port, TestCertificates.Issued cert) throws Exception {
        return server(cert, null, InetAddress.getByName("127.0.0.1"), port);
    }

    private static Peer server(TestCertificates.Issued cert, String alpn, String... protocols) throws Exception {
        return server(cert, alpn, InetAddress.getByName("127.0.0.1"), 0, protocols);
    }

    private static Peer server(TestCertificates.Issued cert, String alpn, InetAddress bind, int port,
                               String... protocols) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(cert.keyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(bind, port));
        if (protocols.length > 0) {
            server.setEnabledProtocols(protocols);
        }
        if (alpn != null) {
            javax.net.ssl.SSLParameters p = server.getSSLParameters();
            p.setApplicationProtocols(new String[] {alpn});
            server.setSSLParameters(p);
        }
        return new Peer(server, s -> {
            SSLSocket ssl = (SSLSocket) s;
            ssl.setSoTimeout(10_000);
            ssl.startHandshake();
            drain(ssl.getInputStream());
        });
    }

    /** A server that says {@code greeting} first (an SMTP or FTP banner), then reads. */
    public static Peer greeting(String greeting) throws IOException {
        return plain(s -> {
            s.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            drain(s.getInputStream());
        });
    }

    /** A web server without TLS: reads what the client sends, answers with an HTTP 400, closes. */
    public static Peer http() throws IOException {
        return plain(s -> {
            byte[] b = new byte[4096];
            if (s.getInputStream().read(b) > 0) {
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 400 Bad Request\r\nServer: test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        });
    }

    /** Accepts, reads the ClientHello, and resets the connection (SO_LINGER 0). */
    public static Peer resetting() throws IOException {
        return plain(s -> {
            readRecord(s.getInputStream());
            s.setSoLinger(true, 0);
        });
    }

    /** Accepts, reads the whole ClientHello (so the close is a FIN, not a reset), and closes. */
    public static Peer closing() throws IOException {
        return plain(s -> readRecord(s.getInputStream()));
    }

    /** One TLS record: its 5-byte header and the fragment its length gives. */
    private static void readRecord(InputStream in) throws IOException {
        byte[] header = in.readNBytes(5);
        if (header.length == 5) {
            in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff));
        }
    }

    /**
     * Reads the ClientHello and answers with {@code bytes}, then waits for the client to close: a
     * server whose answer is written by hand (an alert, a hello of an old version, half a record).
     */
    public static Peer answering(byte[] bytes) throws IOException {
        return plain(s -> {
            readRecord(s.getInputStream());
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            drain(s.getInputStream());
        });
    }

    /**
     * Reads the ClientHello, then announces a 16 KB handshake record and drips it one byte a
     * millisecond: always readable, never done (16 s), until the client leaves.
     */
    public static Peer dripping() throws IOException {
        return plain(s -> {
            readRecord(s.getInputStream());
            s.getOutputStream().write(new byte[] {22, 3, 3, 0x40, 0, 2});
            while (true) {
                s.getOutputStream().write(0);
                s.getOutputStream().flush();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** What an old server that speaks TLS 1.0 at most answers to a TLS 1.2 ClientHello: a ServerHello choosing TLS 1.0. */
    public static byte[] tls10ServerHello() {
        byte[] hello = new byte[4 + 2 + 32 + 1 + 2 + 1];
        hello[0] = 2; // server_hello
        int body = hello.length - 4;
        hello[1] = 0;
        hello[2] = (byte) (body >> 8);
        hello[3] = (byte) body;
        hello[4] = 3;
        hello[5] = 1; // TLS 1.0
        for (int i = 0; i < 32; i++) {
            hello[6 + i] = (byte) (i * 7 + 1);
        }
        hello[38] = 0; // no session id
        hello[39] = (byte) 0xc0;
        hello[40] = 0x13; // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
        hello[41] = 0; // no compression
        return record(22, 0x0301, hello);
    }

    /** One TLS record of {@code type} with {@code fragment}. */
    public static byte[] record(int type, int version, byte[] fragment) {
        byte[] r = new byte[5 + fragment.length];
        r[0] = (byte) type;
        r[1] = (byte) (version >> 8);
        r[2] = (byte) version;
        r[3] = (byte) (fragment.length >> 8);
        r[4] = (byte) fragment.length;
        System.arraycopy(fragment, 0, r, 5, fragment.length);
        return r;
    }

    /** Accepts and reads, never answering. */
    public static Peer silent() throws IOException {
        return plain(s -> drain(s.getInputStream()));
    }

    /** Accepts and reads on {@code bind}, port {@code port}, never answering. */
    public static Peer silentOn(InetAddress bind, int port) throws IOException {
        return plain(s -> drain(s.getInputStream()), bind, port);
    }

    private static Peer plain(Behaviour b) throws IOException {
        return plain(b, InetAddress.getByName("127.0.0.1"), 0);
    }

    private static Peer plain(Behaviour b, InetAddress bind, int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(bind, port));
        return new Peer(server, s -> {
            s.setSoTimeout(30_000);
            b.serve(s);
        });
    }

    private static void drain(InputStream in) throws IOException {
        byte[] b = new byte[4096];
        while (in.read(b) >= 0) {
            // until the client closes
        }
    }
}
