package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Windows proxy reader on the real winhttp.dll of this Windows JVM. Under Wine the test writes
 * the user's Internet Options into the prefix's registry first: the DefaultConnectionSettings blob
 * (HKCU\...\Internet Settings\Connections), which WinHttpGetIEProxyConfigForCurrentUser reads.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowsProxyLiveTest {

    private static final String KEY = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections";

    /** The blob: magic 0x46, a counter, flags (1 direct, 2 proxy, 4 PAC URL, 8 detect), then length-prefixed strings. */
    private static String blob(int flags, String proxy, String bypass, String pac) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(0x46).putInt(0).putInt(flags);
        out.writeBytes(b.array());
        for (String s : new String[] {proxy, bypass, pac}) {
            byte[] t = s.getBytes(StandardCharsets.US_ASCII);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(t.length).array());
            out.writeBytes(t);
        }
        out.writeBytes(new byte[28]);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static int reg(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("reg"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @AfterEach
    void restore() throws Exception {
        if (Wine.running()) {
            reg("delete", KEY, "/v", "DefaultConnectionSettings", "/f");
        }
    }

    @Test
    void theUsersSettingIsReadKnownNeverFailing() {
        Read<ProxySettings> r = WindowsHostState.INSTANCE.proxySettings();
        assertTrue(r.isKnown(), r.toString());
    }

    @Test
    void aManualProxyWrittenIntoTheRegistryIsRead() throws Exception {
        assumeTrue(Wine.running(), "writes the registry of a Wine prefix only");
        assertEquals(0, reg("add", KEY, "/v", "DefaultConnectionSettings", "/t", "REG_BINARY", "/d",
                blob(3, "proxy.corp:8080", "<local>;*.corp.example", ""), "/f"));
        Read<ProxySettings> r = WindowsHostState.INSTANCE.proxySettings();
        ProxySettings s = ((Read.Known<ProxySettings>) r).value();
        assumeTrue(!s.proxies().isEmpty(), Wine.describe() + " deviation: WinHttpGetIEProxyConfigForCurrentUser did "
                + "not return the proxy written into DefaultConnectionSettings: " + s);
        assertEquals(List.of(new ProxySettings.ManualProxy("*", "proxy.corp:8080", "ProxyServer")), s.proxies());
        assertEquals(List.of("<local>", "*.corp.example"), s.bypass());
        assertEquals(WindowsProxy.INTERNET_OPTIONS, s.source());
    }

    @Test
    void aPacUrlWrittenIntoTheRegistryIsRead() throws Exception {
        assumeTrue(Wine.running(), "writes the registry of a Wine prefix only");
        assertEquals(0, reg("add", KEY, "/v", "DefaultConnectionSettings", "/t", "REG_BINARY", "/d",
                blob(5, "", "", "http://127.0.0.1:9/proxy.pac"), "/f"));
        ProxySettings s = ((Read.Known<ProxySettings>) WindowsHostState.INSTANCE.proxySettings()).value();
        assumeTrue(s.pacUrl() != null, Wine.describe() + " deviation: the PAC URL written into "
                + "DefaultConnectionSettings was not returned: " + s);
        assertEquals("http://127.0.0.1:9/proxy.pac", s.pacUrl());
        // nothing listens on port 9 in the suite's namespace: WinHTTP cannot download it, and says so
        Read<String> pick = WindowsHostState.INSTANCE.proxyForUrl("https://db01.corp.example:443/");
        assertTrue(pick instanceof Read.Unknown<String>, pick.toString());
        assertTrue(((Read.Unknown<String>) pick).reason().startsWith("WinHTTP could not evaluate it"), pick.toString());
    }

    /** A PAC file served once per request from 127.0.0.1, over plain HTTP/1.0. */
    private static java.net.ServerSocket pacServer(String pac) throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (java.net.Socket c = server.accept()) {
                    c.setSoTimeout(10_000);
                    byte[] buf = new byte[8192];
                    c.getInputStream().read(buf);
                    byte[] body = pac.getBytes(StandardCharsets.US_ASCII);
                    c.getOutputStream().write(("HTTP/1.0 200 OK\r\nContent-Type: application/x-ns-proxy-autoconfig\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    c.getOutputStream().write(body);
                } catch (Exception e) {
                    // closed
                }
            }
        }, "pac-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void whatThePacFilePicksIsAskedOfWinHttp() throws Exception {
        assumeTrue(Wine.running(), "writes the registry of a Wine prefix only");
        try (java.net.ServerSocket pac = pacServer("function FindProxyForURL(url, host) { "
                + "if (dnsDomainIs(host, \".corp.example\")) return \"PROXY pac-picked.corp.example:3128; DIRECT\"; "
                + "return \"DIRECT\"; }")) {
            String url = "http://127.0.0.1:" + pac.getLocalPort() + "/proxy.pac";
            assertEquals(0, reg("add", KEY, "/v", "DefaultConnectionSettings", "/t", "REG_BINARY", "/d",
                    blob(5, "", "", url), "/f"));
            Read<String> pick = WindowsHostState.INSTANCE.proxyForUrl("https://db01.corp.example:443/");
            assumeTrue(pick.isKnown(), Wine.describe() + " deviation: WinHttpGetProxyForUrl did not evaluate the PAC "
                    + "file: " + pick);
            assertEquals("pac-picked.corp.example:3128", ((Read.Known<String>) pick).value().split(";")[0].strip());
            Read<String> direct = WindowsHostState.INSTANCE.proxyForUrl("https://other.example:443/");
            assertEquals("DIRECT", direct.orElse("(unknown) " + direct));
        }
    }
}
