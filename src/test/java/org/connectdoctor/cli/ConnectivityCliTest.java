package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** probe --connectivity-check, pointed with --connectivity-url at a server on 127.0.0.1 (never the real check). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectivityCliTest {

    /** Answers one request with {@code answer}. */
    private static ServerSocket portal(String answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                StringBuilder request = new StringBuilder();
                while (!request.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    request.append((char) c);
                }
                s.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the test ended
            }
        });
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void theCheckFollowsTheProbeAndNamesTheRedirect() throws Exception {
        try (ServerSocket server = portal("HTTP/1.1 302 Found\r\nLocation: https://portal.example/login\r\n\r\n")) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/check_network_status.txt";
            CliRun run = CliRun.cli("probe", "--no-history", "--brief", "--connectivity-check", "--connectivity-url",
                    url, "--connectivity-expect", "NetworkManager is online", "127.0.0.1:" + Loopback.closedTcpPort());
            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("Connectivity check (asked for with --connectivity-check):\n"), run.out());
            assertTrue(run.out().contains("  Fetched " + url + " once (the address given with --connectivity-url): "
                    + "Captive portal: the network answered the check address " + url + " with a redirect (HTTP 302) "
                    + "to \"https://portal.example/login\"."), run.out());
        }
    }

    @Test
    void theOptionsGoTogetherOrSaySo() {
        CliRun url = CliRun.cli("probe", "--no-history", "--connectivity-url", "http://127.0.0.1:9/", "127.0.0.1:9");
        assertEquals(ExitCodes.USAGE, url.exit());
        assertTrue(url.err().contains("--connectivity-url applies with --connectivity-check."), url.err());
        CliRun json = CliRun.cli("probe", "--no-history", "--json", "--connectivity-check", "127.0.0.1:9");
        assertEquals(ExitCodes.USAGE, json.exit());
        assertFalse(json.out().contains("Connectivity check"), json.out());
    }
}
