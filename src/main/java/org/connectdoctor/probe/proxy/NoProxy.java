package org.connectdoctor.probe.proxy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bypass list (no_proxy, GNOME's ignore-hosts, Windows' ProxyOverride): which entry, if any,
 * sends a target around the proxy. What is supported, as curl reads no_proxy:
 * <ul>
 * <li>{@code *} alone: every host;</li>
 * <li>a name: that host and every host under it ({@code corp.example} and {@code .corp.example}
 *     both match {@code db01.corp.example}); case-insensitive; a trailing dot is ignored;</li>
 * <li>{@code *.corp.example} (Windows, GNOME): hosts under corp.example;</li>
 * <li>an IP literal (IPv6 with or without brackets): that address, written as the target writes it
 *     (no name is looked up, so a name target never matches an address entry);</li>
 * <li>CIDR {@code 10.0.0.0/8}, {@code fd00::/8}: address targets inside it;</li>
 * <li>{@code host:port} (as Go and Windows accept): that host on that port only;</li>
 * <li>{@code <local>} (Windows): names without a dot.</li>
 * </ul>
 */
public final class NoProxy {

    private NoProxy() {
    }

    /** The first entry of {@code entries} that matches {@code host} on {@code port}; empty when none does. */
    public static Optional<String> match(List<String> entries, String host, int port) {
        String h = normal(host);
        for (String entry : entries) {
            if (matches(entry, h, port)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static String normal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0 && h.indexOf(':') >= 0) {
            h = h.substring(0, zone);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static boolean matches(String rawEntry, String host, int port) {
        String e = rawEntry.strip().toLowerCase(Locale.ROOT);
        if (e.isEmpty()) {
            return false;
        }
        if (e.equals("*")) {
            return true;
        }
        if (e.equals("<local>")) {
            return host.indexOf('.') < 0 && host.indexOf(':') < 0;
        }
        // a port: host:port, [v6]:port; a bare IPv6 literal has several colons and no port
        int entryPort = -1;
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            if (close > 0) {
                String rest = e.substring(close + 1);
                if (rest.matches(":[0-9]{1,5}")) {
                    entryPort = Integer.parseInt(rest.substring(1));
                }
                e = e.substring(1, close);
            }
        } else if (e.indexOf(':') == e.lastIndexOf(':') && e.indexOf(':') > 0) {
            String p = e.substring(e.indexOf(':') + 1);
            if (p.matches("[0-9]{1,5}")) {
                entryPort = Integer.parseInt(p);
                e = e.substring(0, e.indexOf(':'));
            }
        }
        if (entryPort >= 0 && entryPort != port) {
            return false;
        }
        int slash = e.indexOf('/');
        if (slash > 0) {
            return inCidr(e.substring(0, slash), e.substring(slash + 1), host);
        }
        if (isAddress(e) || isAddress(host)) {
            return isAddress(e) && isAddress(host) && sameAddress(e, host);
        }
        if (e.startsWith("*.")) {
            e = e.substring(1);
        }
        if (e.startsWith(".")) {
            e = e.substring(1);
        }
        if (e.endsWith(".")) {
            e = e.substring(0, e.length() - 1);
        }
        return host.equals(e) || host.endsWith("." + e);
    }

    private static boolean isAddress(String s) {
        return s.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || (s.indexOf(':') >= 0 && s.matches("[0-9a-f:.]+"));
    }

    private static byte[] bytes(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: never a lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean sameAddress(String a, String b) {
        byte[] x = bytes(a);
        byte[] y = bytes(b);
        return x != null && y != null && java.util.Arrays.equals(x, y);
    }

    private static boolean inCidr(String network, String bits, String host) {
        if (!isAddress(network) || !isAddress(host) || !bits.matches("[0-9]{1,3}")) {
            return false;
        }
        byte[] n = bytes(network);
        byte[] h = bytes(host);
        int prefix = Integer.parseInt(bits);
        if (n == null || h == null || n.length != h.length || prefix > n.length * 8) {
            return false;
        }
        int total = n.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(total).subtract(BigInteger.ONE).shiftRight(total - prefix).shiftLeft(total - prefix);
        return new BigInteger(1, n).and(mask).equals(new BigInteger(1, h).and(mask));
    }
}
