package org.connectdoctor.tls;

import java.util.Objects;

/**
 * What a probe asks of TLS after its connect.
 *
 * @param serverName the name sent as SNI and checked against the certificate; an IP literal is
 *                   checked against the certificate's IP addresses and sent as no SNI (RFC 6066
 *                   allows host names only)
 */
public record TlsOptions(String serverName) {
    /** The longest DNS name (RFC 1035). */
    public static final int MAX_NAME = 253;

    public TlsOptions {
        Objects.requireNonNull(serverName, "serverName");
        String problem = problem(serverName);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why {@code name} cannot be a TLS server name, in one sentence; null when it can. */
    public static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "The TLS name is empty; give the host name the certificate should carry, e.g. --tls-name www.example.com.";
        }
        if (name.length() > MAX_NAME) {
            return "The TLS name is longer than " + MAX_NAME + " characters, the longest a DNS name can be.";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '/' || c == '\\' || c == '@') {
                return "The TLS name may not contain spaces, control characters, '/', '\\\\' or '@'; give a host name "
                        + "such as www.example.com.";
            }
        }
        if (!NameCheck.isIpLiteral(name)) {
            try {
                new javax.net.ssl.SNIHostName(name);
            } catch (IllegalArgumentException e) {
                return "The TLS name " + name + " cannot be sent as a server name (SNI): it is no valid host name "
                        + "(letters, digits and hyphens between dots); Java programs cannot send it either.";
            }
        }
        return null;
    }

    /** True when the name is an IPv4 or IPv6 address literal. */
    public boolean isAddress() {
        return NameCheck.isIpLiteral(serverName);
    }
}
