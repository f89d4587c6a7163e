package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinuxProxyTest {

    @TempDir
    Path dir;

    private ProxySettings known(Read<ProxySettings> r) {
        return assertInstanceOf(Read.Known.class, r, r.toString()).value() instanceof ProxySettings p ? p : null;
    }

    @Test
    void theEnvironmentsProxiesAreReadInBothSpellingsLowerCaseWinning() {
        ProxySettings p = known(LinuxProxy.read(Map.of("https_proxy", "http://proxy.corp:8080",
                "HTTPS_PROXY", "http://other:1", "HTTP_PROXY", "http://plain:3128", "NO_PROXY", "localhost, .corp ,10.0.0.0/8"),
                dir, dir.resolve("none")));
        assertEquals(List.of(new ProxySettings.ManualProxy("https", "http://proxy.corp:8080", "https_proxy"),
                new ProxySettings.ManualProxy("http", "http://plain:3128", "HTTP_PROXY")), p.proxies());
        assertEquals(List.of("localhost", ".corp", "10.0.0.0/8"), p.bypass());
        assertEquals("NO_PROXY", p.bypassFrom());
        assertEquals("the environment", p.source());
    }

    @Test
    void anEmptyVariableCountsAsUnsetAndAllProxyServesEveryScheme() {
        ProxySettings p = known(LinuxProxy.read(Map.of("https_proxy", "", "HTTPS_PROXY", "http://up:8080",
                "all_proxy", "proxy:3128"), dir, dir.resolve("none")));
        assertEquals(List.of(new ProxySettings.ManualProxy("https", "http://up:8080", "HTTPS_PROXY"),
                new ProxySettings.ManualProxy("*", "proxy:3128", "all_proxy")), p.proxies());
    }

    @Test
    void noVariableAndNoGnomeSettingIsKnownAsNoProxy() {
        ProxySettings p = known(LinuxProxy.read(Map.of(), dir, dir.resolve("none")));
        assertTrue(p.none());
        assertTrue(p.source().contains("sets no http_proxy"), p.source());
    }

    @Test
    void gnomesBinaryDatabaseIsUnknownNeverNoProxy() throws Exception {
        Files.createDirectories(dir.resolve(".config/dconf"));
        Files.write(dir.resolve(".config/dconf/user"), new byte[] {'G', 'V', 'a', 'r', 'i', 'a', 'n', 't'});
        Read<ProxySettings> r = LinuxProxy.read(Map.of(), dir, dir.resolve("none"));
        String why = assertInstanceOf(Read.Unknown.class, r).reason();
        assertTrue(why.contains("org.gnome.system.proxy") && why.contains("dconf/user"), why);
        // the environment still wins when it names a proxy
        assertTrue(LinuxProxy.read(Map.of("http_proxy", "p:1"), dir, dir.resolve("none")).isKnown());
    }

    @Test
    void aSystemDconfKeyfileWithGnomesManualProxyIsRead() throws Exception {
        Path db = Files.createDirectories(dir.resolve("db/local.d"));
        Files.writeString(db.resolve("00-proxy"), """
                # site proxy
                [system/proxy]
                mode='manual'
                ignore-hosts=['localhost', '*.corp.example']

                [system/proxy/https]
                host='gproxy.corp'
                port=3128
                """);
        ProxySettings p = known(LinuxProxy.read(Map.of(), dir, dir.resolve("db")));
        assertEquals(List.of(new ProxySettings.ManualProxy("https", "gproxy.corp:3128", "https.host")), p.proxies());
        assertEquals(List.of("localhost", "*.corp.example"), p.bypass());
        assertTrue(p.source().startsWith("GNOME's setting org.gnome.system.proxy"), p.source());
    }

    @Test
    void gnomesAutoModeNamesItsPacFile() {
        ProxySettings p = known(LinuxProxy.parseKeyfile(List.of("[system/proxy]", "mode='auto'",
                "autoconfig-url='http://wpad.corp/wpad.dat'"), "f"));
        assertEquals("http://wpad.corp/wpad.dat", p.pacUrl());
        assertNull(LinuxProxy.parseKeyfile(List.of("[other]", "mode='auto'"), "f"));
    }
}
