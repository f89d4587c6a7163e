package org.connectdoctor.probe.proxy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.connectdoctor.probe.Target;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;

/**
 * Chooses the proxy that applies to one target from this computer's setting, as applications that
 * use the setting do. A host:port target is taken as the URL https://host:port (a program that
 * goes through a proxy to a port other than 80 asks it for a CONNECT tunnel, which is what
 * https_proxy serves), port 80 as http://host:80; a target given as an http:// or https:// URL
 * keeps its scheme. The scheme's own proxy comes first, then one for all schemes (all_proxy); a
 * matching bypass entry wins over both. A PAC file is never run by this code: the OS evaluates it
 * where it offers that ({@link HostState#proxyForUrl}), else the report says the PAC file decides.
 */
public final class ProxySelector {

    private ProxySelector() {
    }

    /** The choice for {@code target} on this computer; null for a target no proxy serves (a Unix socket). */
    public static SystemProxy choose(HostState host, Target target, String scheme) {
        if (!(target instanceof Target.Inet in)) {
            return null;
        }
        Read<ProxySettings> settings;
        try {
            settings = host.proxySettings();
        } catch (RuntimeException e) {
            settings = Read.unknown("reading it failed: " + e);
        }
        return choose(settings, host, in, scheme);
    }

    /** The scheme a target is taken to be asked for: its URL's, else https except on port 80. */
    public static String schemeOf(Target.Inet target, String urlScheme) {
        if (urlScheme != null && (urlScheme.equalsIgnoreCase("http") || urlScheme.equalsIgnoreCase("https"))) {
            return urlScheme.toLowerCase(Locale.ROOT);
        }
        return port(target) == 80 ? "http" : "https";
    }

    /** The target's port; a service name only when it is http or https. */
    static int port(Target.Inet target) {
        int p = target.port();
        if (p >= 0) {
            return p;
        }
        return switch (target.service().toLowerCase(Locale.ROOT)) {
            case "http", "www" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    public static String url(Target.Inet target, String scheme) {
        int p = port(target);
        String h = target.kind() == Target.HostKind.IPV6 ? "[" + target.host() + "]" : target.host();
        return scheme + "://" + h + ":" + (p < 0 ? target.service() : Integer.toString(p));
    }

    public static SystemProxy choose(Read<ProxySettings> read, HostState host, Target.Inet target, String scheme) {
        String s = scheme == null ? schemeOf(target, null) : scheme;
        String url = url(target, s);
        if (read instanceof Read.Unknown<ProxySettings> u) {
            return new SystemProxy(Applies.UNKNOWN, url, null, null, null, null, null, null, u.reason());
        }
        ProxySettings p = ((Read.Known<ProxySettings>) read).value();
        int port = port(target);
        Optional<String> bypass = NoProxy.match(p.bypass(), target.host(), port);
        if (p.none()) {
            return new SystemProxy(Applies.NO_PROXY, url, null, null, null, p.bypassFrom(), null, p.source(), null);
        }
        if (bypass.isPresent()) {
            return new SystemProxy(Applies.BYPASSED, url, null, null, bypass.get(), p.bypassFrom(), p.pacUrl(),
                    p.source(), null);
        }
        if (p.pacUrl() != null || p.autoDetect()) {
            // The PAC file (or WPAD) comes before the manual proxies, as in Internet Options.
            Read<String> os = host == null ? Read.unknown("no evaluation") : host.proxyForUrl(url);
            if (os instanceof Read.Known<String> k) {
                String first = firstProxy(k.value());
                String from = p.pacUrl() != null ? "the PAC file " + p.pacUrl() : "automatic detection (WPAD)";
                if (first == null) {
                    return new SystemProxy(Applies.NO_PROXY, url, null, from, null, null, p.pacUrl(),
                            from + " says DIRECT, " + p.source(), null);
                }
                try {
                    return new SystemProxy(Applies.PROXY, url, ProxyAddress.parse(first), from, null, null,
                            p.pacUrl(), p.source(), null);
                } catch (IllegalArgumentException e) {
                    return new SystemProxy(Applies.UNKNOWN, url, null, from, null, null, p.pacUrl(), p.source(),
                            from + " picked " + first + ", which is not read here: " + e.getMessage());
                }
            }
            String why = ((Read.Unknown<String>) os).reason();
            return p.pacUrl() != null
                    ? new SystemProxy(Applies.PAC_DECIDES, url, null, null, null, null, p.pacUrl(), p.source(),
                            "Connect Doctor never runs a PAC file itself; " + why)
                    : new SystemProxy(Applies.AUTO_DETECT_DECIDES, url, null, null, null, null, null, p.source(),
                            "Connect Doctor never runs a PAC file itself; " + why);
        }
        for (String want : List.of(s, "*")) {
            for (ProxySettings.ManualProxy m : p.proxies()) {
                if (m.scheme().equals(want)) {
                    try {
                        return new SystemProxy(Applies.PROXY, url, ProxyAddress.parse(m.value()), m.from(), null,
                                p.bypassFrom(), null, p.source(), null);
                    } catch (IllegalArgumentException e) {
                        return new SystemProxy(Applies.UNKNOWN, url, null, m.from(), null, null, null, p.source(),
                                m.from() + " is set to a proxy that is not read here (" + e.getMessage() + ")");
                    }
                }
            }
        }
        // proxies are set, but none for this scheme
        return new SystemProxy(Applies.NO_PROXY, url, null, null, null, p.bypassFrom(), null,
                p.source() + ": no proxy for " + s + " URLs", null);
    }

    /**
     * The first proxy of a WinHTTP/PAC answer ("PROXY a:8080; DIRECT", "a:8080;b:8080",
     * "http=a:8080"); null when the first choice is DIRECT or the answer names none.
     */
    static String firstProxy(String answer) {
        for (String part : answer.split("[;\\s]*;[;\\s]*|\\s+(?=PROXY|DIRECT)")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.equalsIgnoreCase("DIRECT")) {
                return null;
            }
            if (t.regionMatches(true, 0, "PROXY ", 0, 6)) {
                return t.substring(6).strip();
            }
            int eq = t.indexOf('=');
            return eq >= 0 ? t.substring(eq + 1) : t;
        }
        return null;
    }
}
