package org.connectdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A small HTTP CONNECT proxy on 127.0.0.1 for tests: it reads the request header and answers as
 * its {@link Mode} says. In {@link Mode#RELAY} it connects to 127.0.0.1 on the port CONNECT names
 * (never anywhere else) and relays both ways, so a TLS handshake can run through it. It keeps
 * every request header it read, so a test can check what the product sent.
 */
public final class ConnectProxy implements AutoCloseable {

    public enum Mode { RELAY, FORBIDDEN, AUTH, BAD_GATEWAY, GATEWAY_TIMEOUT, OTHER, CLOSE, RESET, SILENT, NOT_HTTP }

    /** The body of the 403 page: markup and a terminal escape the report must not pass on. */
    public static final String BLOCK_PAGE = "<html><head><style>p{}</style></head><body><h1>Access denied</h1>"
            + "<p>Category: \u001b[31mcloud storage</p></body></html>";

    private final ServerSocket server;
    private final Mode mode;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch asked = new CountDownLatch(1);

    public ConnectProxy(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        Thread t = new Thread(this::acceptLoop, "connect-proxy");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** The request headers read so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Waits (bounded) until a request header has been read. */
    public boolean awaitRequest(long millis) throws InterruptedException {
        return asked.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "connect-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(20_000);
            String header = readHeader(s.getInputStream());
            requests.add(header);
            asked.countDown();
            OutputStream out = s.getOutputStream();
            switch (mode) {
                case RELAY -> relay(s, header);
                case FORBIDDEN -> out.write(answer("403 Forbidden", "Content-Type: text/html\r\nServer: TestProxy/1.0\r\n",
                        BLOCK_PAGE));
                case AUTH -> out.write(answer("407 Proxy Authentication Required",
                        "Proxy-Authenticate: Basic realm=\"Corp, Inc\", Negotiate\r\nProxy-Authenticate: NTLM\r\n", ""));
                case BAD_GATEWAY -> out.write(answer("502 Bad Gateway", "", "could not connect to the target"));
                case GATEWAY_TIMEOUT -> out.write(answer("504 Gateway Timeout", "", ""));
                case OTHER -> out.write(answer("405 Method Not Allowed", "", ""));
                case CLOSE -> {
                }
                case RESET -> s.setSoLinger(true, 0);
                case SILENT -> s.getInputStream().read(); // until the client goes away
                case NOT_HTTP -> out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException e) {
            // the client went away: that is what some tests do
        }
    }

    private static byte[] answer(String status, String headers, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n"
                + body).getBytes(StandardCharsets.UTF_8);
    }

    private static String readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (b.size() < 16384) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                break;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** CONNECT 127.0.0.1:PORT (or any host: only loopback is dialled) and relay both ways. */
    private void relay(Socket client, String header) throws IOException {
        String authority = header.split("\r\n", 2)[0].split(" ")[1];
        int port = Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
        try (Socket target = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
            open.add(target);
            client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            Thread up = new Thread(() -> pump(client, target), "connect-proxy-up");
            up.setDaemon(true);
            up.start();
            pump(target, client);
        } catch (IOException e) {
            client.getOutputStream().write(answer("502 Bad Gateway", "", ""));
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
