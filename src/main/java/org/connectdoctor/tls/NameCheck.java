package org.connectdoctor.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a certificate carries a name, as RFC 6125 and Java's own HTTPS check decide: a host name
 * against the DNS subject alternative names (a wildcard covers exactly the left-most label), an
 * address literal against the IP names; the common name counts only when the certificate carries
 * no DNS name at all (the fallback Java still makes; browsers no longer do).
 */
final class NameCheck {

    private NameCheck() {
    }

    static boolean isIpLiteral(String name) {
        if (name.indexOf(':') >= 0) {
            return true; // DNS names never contain a colon
        }
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    static boolean matches(CertificateInfo leaf, String name) {
        if (isIpLiteral(name)) {
            byte[] wanted = address(name);
            if (wanted == null) {
                return false;
            }
            for (String ip : leaf.ipAddresses()) {
                byte[] have = address(ip);
                if (have != null && java.util.Arrays.equals(have, wanted)) {
                    return true;
                }
            }
            return false;
        }
        String host = trimDot(name.toLowerCase(Locale.ROOT));
        List<String> names = leaf.dnsNames();
        if (names.isEmpty()) {
            return commonName(leaf.subject()).map(cn -> dnsMatch(trimDot(cn.toLowerCase(Locale.ROOT)), host))
                    .orElse(false);
        }
        for (String n : names) {
            if (dnsMatch(trimDot(n.toLowerCase(Locale.ROOT)), host)) {
                return true;
            }
        }
        return false;
    }

    /** The names a certificate carries, as a reader compares them: DNS names, addresses, else the CN. */
    static List<String> namesOf(CertificateInfo leaf) {
        if (leaf.dnsNames().isEmpty() && leaf.ipAddresses().isEmpty()) {
            return commonName(leaf.subject()).map(cn -> List.of("CN " + cn)).orElse(List.of());
        }
        List<String> all = new java.util.ArrayList<>(leaf.dnsNames());
        all.addAll(leaf.ipAddresses());
        return all;
    }

    private static boolean dnsMatch(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2)) && pattern.indexOf('*', 1) < 0;
        }
        return pattern.equals(host);
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A literal's bytes, never a lookup: only called for strings that look like addresses. */
    private static byte[] address(String literal) {
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (!s.matches("[0-9A-Fa-f:.]+")) {
            return null; // InetAddress.getByName would look such a string up
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The first CN of an RFC 2253 name. */
    static Optional<String> commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
