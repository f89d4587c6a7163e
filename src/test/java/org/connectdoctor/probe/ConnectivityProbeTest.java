package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The active connectivity check against an HTTP server this test runs on 127.0.0.1: never against
 * the real check addresses, which are only named here.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectivityProbeTest {

    private final List<AutoCloseable> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A server that answers every request with {@code answer} (null: reads the request and says nothing). */
    private String serve(String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    open.add(s);
                    InputStream in = s.getInputStream();
                    StringBuilder request = new StringBuilder();
                    while (!request.toString().endsWith("\r\n\r\n")) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        request.append((char) c);
                    }
                    if (answer != null) {
                        s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        s.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/check_network_status.txt";
    }

    private static ConnectivityProbe.Result run(String url, String expected, Duration limit) {
        return ConnectivityProbe.run(new ConnectivityProbe.Endpoint(url, expected, "the test's check"), limit);
    }

    @Test
    void theExpectedAnswerIsOnline() throws Exception {
        String url = serve("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 25\r\n\r\n"
                + "NetworkManager is online\n");
        ConnectivityProbe.Result r = run(url, "NetworkManager is online", Duration.ofSeconds(5));
        assertEquals(ConnectivityProbe.Verdict.ONLINE, r.verdict(), r.text());
        assertEquals(url + " gave the expected answer (\"NetworkManager is online\"): the internet answers this "
                + "computer; no sign-in is pending.", r.text());
    }

    @Test
    void aRedirectIsTheCaptivePortal() throws Exception {
        String url = serve("HTTP/1.1 302 Found\r\nLocation: https://portal.example/login?from=check\r\n"
                + "Content-Length: 0\r\n\r\n");
        ConnectivityProbe.Result r = run(url, "NetworkManager is online", Duration.ofSeconds(5));
        assertEquals(ConnectivityProbe.Verdict.REDIRECTED, r.verdict());
        assertEquals(302, r.status());
        assertEquals("https://portal.example/login?from=check", r.location());
        assertEquals("Captive portal: the network answered the check address " + url + " with a redirect (HTTP 302) "
                + "to \"https://portal.example/login?from=check\". Open a browser at any http:// address to get its "
                + "sign-in page.", r.text());
    }

    @Test
    void anotherPageOrA511IsNotTheInternetsAnswer() throws Exception {
        String url = serve("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>Welcome to Hotel WiFi"
                + "</title></html>");
        ConnectivityProbe.Result r = run(url, "NetworkManager is online", Duration.ofSeconds(5));
        assertEquals(ConnectivityProbe.Verdict.OTHER_ANSWER, r.verdict());
        assertTrue(r.text().contains("another page than \"NetworkManager is online\" (it begins \"<html><title>Welcome "
                + "to Hotel WiFi"), r.text());
        String auth = serve("HTTP/1.1 511 Network Authentication Required\r\n\r\n");
        assertTrue(run(auth, "Success", Duration.ofSeconds(5)).text().contains("HTTP 511 Network Authentication "
                + "Required"));
    }

    @Test
    void noAnswerWithinTheLimitIsSaid() throws Exception {
        String url = serve(null);
        ConnectivityProbe.Result r = run(url, "Success", Duration.ofMillis(400));
        assertEquals(ConnectivityProbe.Verdict.NO_ANSWER, r.verdict(), r.text());
        assertTrue(r.text().startsWith("No answer from " + url + " (127.0.0.1 port "), r.text());
    }

    @Test
    void anUnknownExpectedAnswerComparesNoPage() throws Exception {
        String url = serve("HTTP/1.1 204 No Content\r\n\r\n");
        ConnectivityProbe.Result r = run(url, null, Duration.ofSeconds(5));
        assertEquals(ConnectivityProbe.Verdict.ANSWERED, r.verdict(), r.text());
    }

    @Test
    void aClosedPortAndAnHttpsAddressFailPlainly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        ConnectivityProbe.Result r = run("http://127.0.0.1:" + closed + "/", "Success", Duration.ofSeconds(2));
        assertEquals(ConnectivityProbe.Verdict.FAILED, r.verdict(), r.text());
        assertEquals(ConnectivityProbe.Verdict.FAILED, run("https://127.0.0.1/", "Success", Duration.ofSeconds(2))
                .verdict());
    }

    @Test
    void eachSystemChecksItsOwnAddress() {
        Read<Connectivity> unknown = Read.unknown("not read");
        assertEquals("http://www.msftconnecttest.com/connecttest.txt",
                ConnectivityProbe.systemEndpoint(Os.WINDOWS, unknown).url());
        assertEquals("Microsoft Connect Test", ConnectivityProbe.systemEndpoint(Os.WINDOWS, unknown).expected());
        assertEquals("http://captive.apple.com/hotspot-detect.html", ConnectivityProbe.systemEndpoint(Os.MACOS, unknown).url());
        assertEquals("http://nmcheck.gnome.org/check_network_status.txt",
                ConnectivityProbe.systemEndpoint(Os.LINUX, unknown).url());
        Read<Connectivity> fedora = Read.known(new Connectivity(Connectivity.State.PORTAL, "NetworkManager",
                "NetworkManager connectivity 'portal'", "http://fedoraproject.org/static/hotspot.txt"));
        ConnectivityProbe.Endpoint configured = ConnectivityProbe.systemEndpoint(Os.LINUX, fedora);
        assertEquals("http://fedoraproject.org/static/hotspot.txt", configured.url());
        assertEquals(null, configured.expected(), "NetworkManager's expected response is not on D-Bus");
    }
}
