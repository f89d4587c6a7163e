package org.connectdoctor.probe.proxy;

import java.util.Locale;

/**
 * An HTTP proxy's host and port.
 *
 * @param host            a name or an address literal (IPv6 without brackets)
 * @param port            its port
 * @param withCredentials the setting carried a user name (and perhaps a password), which is never
 *                        shown, stored or sent by Connect Doctor
 */
public record ProxyAddress(String host, int port, boolean withCredentials) {

    /** The port a proxy without one is reached on, as curl assumes. */
    public static final int DEFAULT_PORT = 1080;

    /** host:port, [v6]:port. */
    public String display() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** http://host:port, for the reproduce commands. */
    public String url() {
        return "http://" + display();
    }

    /**
     * Reads a proxy as a setting writes it: "http://proxy.corp:8080", "proxy.corp:8080",
     * "http://user:pw@proxy:3128/" (the credentials are dropped). A port that is missing is 1080.
     *
     * @throws IllegalArgumentException with a one-line reason when it is no http:// proxy
     */
    public static ProxyAddress parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the proxy is empty; give it as http://host:port");
        }
        int scheme = v.indexOf("://");
        if (scheme >= 0) {
            String s = v.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!s.equals("http")) {
                throw new IllegalArgumentException("only http:// proxies (HTTP CONNECT) are probed, not " + s + "://");
            }
            v = v.substring(scheme + 3);
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            if (!v.substring(slash).matches("/*")) {
                throw new IllegalArgumentException("a proxy has no path; give it as http://host:port");
            }
            v = v.substring(0, slash);
        }
        boolean credentials = false;
        int at = v.lastIndexOf('@');
        if (at >= 0) {
            credentials = true;
            v = v.substring(at + 1);
        }
        String host;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("the IPv6 address of the proxy lacks its closing ]");
            }
            host = v.substring(1, close);
            String rest = v.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("after the proxy's [IPv6] address comes :port");
                }
                port = rest.substring(1);
            }
        } else {
            int colon = v.lastIndexOf(':');
            if (colon >= 0) {
                host = v.substring(0, colon);
                port = v.substring(colon + 1);
                if (host.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("write an IPv6 proxy address in brackets: http://[::1]:3128");
                }
            } else {
                host = v;
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the proxy has no host; give it as http://host:port");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 0x80) && c != '.' && c != '-' && c != '_' && c != ':'
                    && c != '%') {
                throw new IllegalArgumentException("the proxy's host may hold letters, digits, '.', '-' and '_' only");
            }
        }
        if (host.length() > 253) {
            throw new IllegalArgumentException("the proxy's host is longer than 253 characters");
        }
        int p = DEFAULT_PORT;
        if (port != null) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("the proxy's port must be a number from 1 to 65535");
            }
            p = Integer.parseInt(port);
        }
        return new ProxyAddress(host.toLowerCase(Locale.ROOT), p, credentials);
    }
}
