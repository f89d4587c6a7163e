package org.connectdoctor.sys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy configuration that applications which use this computer's setting are given: manual
 * proxies by the scheme they serve, a bypass list, a PAC file or automatic detection (WPAD).
 * Read by the running OS's backend ({@link HostState#proxySettings()}); the choice for one target
 * is made above the seam (org.connectdoctor.probe.proxy), never here.
 *
 * @param source     where it was read, in words: "the environment", "Internet Options (WinINet)"
 * @param proxies    the manual proxies in the order they are consulted; empty: none is set
 * @param bypass     the bypass list's entries as written (no_proxy, ProxyOverride)
 * @param bypassFrom the variable or setting the bypass list came from ("no_proxy"), or null
 * @param pacUrl     the PAC file's URL, or null
 * @param autoDetect automatic detection (WPAD) is on
 */
public record ProxySettings(String source, List<ManualProxy> proxies, List<String> bypass, String bypassFrom,
                            String pacUrl, boolean autoDetect) {

    public ProxySettings {
        proxies = List.copyOf(proxies);
        bypass = List.copyOf(bypass);
    }

    /**
     * One manual proxy.
     *
     * @param scheme the URL scheme it serves: "http", "https", or "*" for every scheme (all_proxy,
     *               one proxy for all protocols)
     * @param value  the proxy as written: "http://proxy.corp:8080", "proxy.corp:8080"
     * @param from   the variable or setting it was read from: "https_proxy", "HTTPS_PROXY"
     */
    public record ManualProxy(String scheme, String value, String from) {
    }

    /** True when no proxy, PAC file or detection is set: applications connect directly. */
    public boolean none() {
        return proxies.isEmpty() && pacUrl == null && !autoDetect;
    }

    /** The variables read from the environment, in the order a scheme's proxy is looked up. */
    public static final List<String> ENVIRONMENT_VARIABLES = List.of("http_proxy", "HTTP_PROXY", "https_proxy",
            "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

    /**
     * The proxy variables of an environment, as curl reads them: {@code https_proxy} for https
     * URLs, {@code http_proxy} for http URLs, {@code all_proxy} for any scheme without its own, and
     * {@code no_proxy} for the bypass list. Each may be written in lower or upper case; when both
     * are set (to anything but the empty string) the lower-case one wins, as in curl. (curl itself
     * ignores upper-case HTTP_PROXY, which a web server's CGI environment can set from a request
     * header; most other programs accept it, and so does this reading.) An empty value counts as unset.
     *
     * @param env    the environment (a test gives its own; the product gives System.getenv())
     * @param source the words for where it was read
     */
    public static ProxySettings fromEnvironment(Map<String, String> env, String source) {
        List<ManualProxy> proxies = new ArrayList<>();
        for (String scheme : List.of("https", "http", "all")) {
            String name = scheme + "_proxy";
            String from = variable(env, name);
            if (from != null) {
                proxies.add(new ManualProxy(scheme.equals("all") ? "*" : scheme, env.get(from).strip(), from));
            }
        }
        String noProxyFrom = variable(env, "no_proxy");
        List<String> bypass = new ArrayList<>();
        if (noProxyFrom != null) {
            for (String entry : env.get(noProxyFrom).split("[,\\s]+")) {
                if (!entry.isBlank()) {
                    bypass.add(entry.strip());
                }
            }
        }
        return new ProxySettings(source, proxies, bypass, noProxyFrom, null, false);
    }

    /** The name under which {@code lower} is set, lower case first; null when neither spelling is. */
    private static String variable(Map<String, String> env, String lower) {
        for (String name : List.of(lower, lower.toUpperCase(Locale.ROOT))) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return name;
            }
        }
        return null;
    }
}
