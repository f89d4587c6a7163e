package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.probe.proxy.Applies;
import org.connectdoctor.probe.proxy.ProxySelector;
import org.connectdoctor.probe.proxy.SystemProxy;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The strings WinHTTP returns, read on any system (the calls themselves run on Windows only; they
 * are not run under Wine by this suite).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowsProxyTest {

    @Test
    void oneProxyForEverySchemeAndTheBypassList() {
        ProxySettings s = WindowsProxy.settings(false, null, "proxy.corp:8080", "<local>;*.corp.example; 10.*",
                WindowsProxy.INTERNET_OPTIONS);
        assertEquals(List.of(new ProxySettings.ManualProxy("*", "proxy.corp:8080", "ProxyServer")), s.proxies());
        assertEquals(List.of("<local>", "*.corp.example", "10.*"), s.bypass());
        assertEquals("ProxyOverride", s.bypassFrom());
    }

    @Test
    void perSchemeProxiesTakeHttpAndHttpsOnly() {
        ProxySettings s = WindowsProxy.settings(false, null, "http=web:80;https=secure:8443;socks=s:1080 ftp=f:21",
                null, WindowsProxy.INTERNET_OPTIONS);
        assertEquals(List.of(new ProxySettings.ManualProxy("http", "web:80", "ProxyServer http="),
                new ProxySettings.ManualProxy("https", "secure:8443", "ProxyServer https=")), s.proxies());
    }

    @Test
    void aPacUrlAndAutoDetectAreKept() {
        ProxySettings s = WindowsProxy.settings(true, " http://wpad.corp/proxy.pac ", null, null, WindowsProxy.WINHTTP);
        assertEquals("http://wpad.corp/proxy.pac", s.pacUrl());
        assertTrue(s.autoDetect());
        assertTrue(WindowsProxy.settings(false, null, null, null, "x").none());
    }

    @Test
    void whatWinHttpsPacEvaluationPicksIsTheProxyThatApplies() throws Exception {
        ProxySettings s = WindowsProxy.settings(false, "http://wpad.corp/proxy.pac", null, null,
                WindowsProxy.INTERNET_OPTIONS);
        HostState unknown = new UnreadableHostState("test");
        HostState host = (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> m.getName().equals("proxyForUrl")
                        ? Read.known("pac-picked.corp:3128;fallback:3128") : m.invoke(unknown, args));
        Target.Inet t = (Target.Inet) TargetParser.parse("db01:443");
        SystemProxy p = ProxySelector.choose(Read.known(s), host, t, null);
        assertEquals(Applies.PROXY, p.applies());
        assertEquals("pac-picked.corp:3128", p.proxy().display());
        assertEquals("Applications that use the system proxy reach https://db01:443 through pac-picked.corp:3128 "
                + "(chosen by the PAC file http://wpad.corp/proxy.pac)", p.reach());
        SystemProxy direct = ProxySelector.choose(Read.known(s), (HostState) java.lang.reflect.Proxy.newProxyInstance(
                HostState.class.getClassLoader(), new Class<?>[] {HostState.class}, (q, m, args) ->
                        m.getName().equals("proxyForUrl") ? Read.known("DIRECT") : m.invoke(unknown, args)), t, null);
        assertEquals(Applies.NO_PROXY, direct.applies());
        SystemProxy failed = ProxySelector.choose(Read.known(s), (HostState) java.lang.reflect.Proxy.newProxyInstance(
                HostState.class.getClassLoader(), new Class<?>[] {HostState.class}, (q, m, args) ->
                        m.getName().equals("proxyForUrl") ? Read.unknown(WindowsProxy.pacError(12167))
                                : m.invoke(unknown, args)), t, null);
        assertEquals(Applies.PAC_DECIDES, failed.applies());
        assertTrue(failed.reach().contains("could not be downloaded"), failed.reach());
        assertNull(failed.proxy());
    }
}
