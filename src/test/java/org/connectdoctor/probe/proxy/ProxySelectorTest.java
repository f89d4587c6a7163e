package org.connectdoctor.probe.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProxySelectorTest {

    private static SystemProxy choose(Map<String, String> env, String target) throws Exception {
        Target.Inet t = (Target.Inet) TargetParser.parse(target);
        return ProxySelector.choose(Read.known(ProxySettings.fromEnvironment(env, "the environment")), null, t, null);
    }

    @Test
    void httpsProxyAppliesToPort443AndTheSentenceSaysSo() throws Exception {
        SystemProxy p = choose(Map.of("https_proxy", "http://proxy.corp:8080"), "db01:443");
        assertEquals(Applies.PROXY, p.applies());
        assertEquals("proxy.corp:8080", p.proxy().display());
        assertEquals("Applications that use the system proxy reach https://db01:443 through proxy.corp:8080 "
                + "(from https_proxy, in the environment); this probe connected directly.", p.sentence(true, null));
    }

    @Test
    void port80TakesHttpProxyAndAllProxyServesTheRest() throws Exception {
        Map<String, String> env = Map.of("http_proxy", "web:3128", "all_proxy", "http://all:1080");
        assertEquals("web:3128", choose(env, "db01:80").proxy().display());
        SystemProxy other = choose(env, "db01:5432");
        assertEquals("all:1080", other.proxy().display());
        assertEquals("all_proxy", other.from());
        assertEquals(Applies.NO_PROXY, choose(Map.of("http_proxy", "web:3128"), "db01:443").applies());
    }

    @Test
    void noProxyMatchesHostsDomainsStarPortsAddressesAndCidr() throws Exception {
        String proxy = "http://proxy.corp:8080";
        record Case(String noProxy, String target, String entry) {
        }
        for (Case c : List.of(
                new Case("db01", "db01:443", "db01"),
                new Case("DB01.", "db01:443", "DB01."),
                new Case(".corp.example", "db01.corp.example:443", ".corp.example"),
                new Case("corp.example", "db01.corp.example:443", "corp.example"),
                new Case("corp.example", "corp.example:443", "corp.example"),
                new Case("*.corp.example", "a.b.corp.example:443", "*.corp.example"),
                new Case("*", "anything:443", "*"),
                new Case("db01:443", "db01:443", "db01:443"),
                new Case("10.1.2.3", "10.1.2.3:443", "10.1.2.3"),
                new Case("10.0.0.0/8", "10.1.2.3:443", "10.0.0.0/8"),
                new Case("::1", "[::1]:443", "::1"),
                new Case("[::1]", "[0:0::1]:443", "[::1]"),
                new Case("fd00::/8", "[fd12::5]:443", "fd00::/8"),
                new Case("x, y", "y:443", "y"))) {
            SystemProxy p = choose(Map.of("https_proxy", proxy, "no_proxy", c.noProxy()), c.target());
            assertEquals(Applies.BYPASSED, p.applies(), c.toString());
            assertEquals(c.entry(), p.bypassEntry(), c.toString());
            assertTrue(p.reach().contains("the entry " + c.entry() + " of the bypass list (no_proxy"), p.reach());
        }
        for (Case c : List.of(
                new Case("db01", "db02:443", null),
                new Case("corp.example", "notcorp.example:443", null),
                new Case("db01:5432", "db01:443", null),
                new Case("10.1.2.3", "10.1.2.4:443", null),
                new Case("10.0.0.0/8", "11.1.2.3:443", null),
                new Case("10.0.0.0/8", "ten.example:443", null),
                new Case("127.0.0.1", "localhost:443", null))) {
            SystemProxy p = choose(Map.of("https_proxy", proxy, "no_proxy", c.noProxy()), c.target());
            assertEquals(Applies.PROXY, p.applies(), c.toString());
        }
        assertEquals(Optional.of("<local>"), NoProxy.match(List.of("<local>"), "intranet", 80));
        assertEquals(Optional.empty(), NoProxy.match(List.of("<local>"), "intranet.corp", 80));
    }

    @Test
    void unknownIsNeverNoProxy() throws Exception {
        Target.Inet t = (Target.Inet) TargetParser.parse("db01:443");
        SystemProxy p = ProxySelector.choose(Read.unknown("the dconf database is not read"), null, t, null);
        assertEquals(Applies.UNKNOWN, p.applies());
        assertEquals("Whether applications that use the system proxy reach https://db01:443 through a proxy is "
                + "not known: the dconf database is not read; this probe tried directly.", p.sentence(false, null));
    }

    @Test
    void aPacFileDecidesWhereNoEvaluationExistsAndItsUrlIsShown() throws Exception {
        Target.Inet t = (Target.Inet) TargetParser.parse("db01:443");
        ProxySettings pac = new ProxySettings("GNOME", List.of(), List.of(), null, "http://wpad/wpad.dat", false);
        SystemProxy p = ProxySelector.choose(Read.known(pac), null, t, null);
        assertEquals(Applies.PAC_DECIDES, p.applies());
        assertTrue(p.reach().contains("the PAC file http://wpad/wpad.dat decides"), p.reach());
        assertTrue(p.reach().contains("never runs a PAC file"), p.reach());
    }

    @Test
    void theOsPacAnswerIsRead() {
        assertEquals("a:8080", ProxySelector.firstProxy("PROXY a:8080; DIRECT"));
        assertEquals("a:8080", ProxySelector.firstProxy("a:8080;b:8080"));
        assertEquals("a:8080", ProxySelector.firstProxy("https=a:8080"));
        assertNull(ProxySelector.firstProxy("DIRECT"));
    }

    @Test
    void proxyAddressesAreReadAndCredentialsNeverKept() {
        assertEquals(new ProxyAddress("proxy.corp", 8080, false), ProxyAddress.parse("http://proxy.corp:8080/"));
        assertEquals(new ProxyAddress("proxy.corp", 1080, false), ProxyAddress.parse("proxy.corp"));
        ProxyAddress c = ProxyAddress.parse("http://user:secret@proxy.corp:3128");
        assertEquals("proxy.corp:3128", c.display());
        assertTrue(c.withCredentials());
        assertEquals("[::1]:3128", ProxyAddress.parse("http://[::1]:3128").display());
        for (String bad : List.of("", "socks5://p:1080", "https://p:443", "http://p:0", "http://p:99999",
                "http://p:8080/path", "http://:8080", "http://p q:1", "::1:3128", "http://[::1")) {
            assertThrows(IllegalArgumentException.class, () -> ProxyAddress.parse(bad), bad);
        }
    }
}
