package org.connectdoctor.tls;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One certificate as the server sent it, in the terms a reader compares.
 *
 * @param subject     the subject's distinguished name (RFC 2253)
 * @param issuer      the issuer's distinguished name (RFC 2253)
 * @param notBefore   start of validity
 * @param notAfter    end of validity
 * @param dnsNames    the subject alternative names of type DNS
 * @param ipAddresses the subject alternative names of type IP address
 * @param keyType     RSA, EC, Ed25519, …
 * @param keyBits     the key's size in bits, 0 when it cannot be told
 * @param sha256      the SHA-256 fingerprint of the encoded certificate, lower-case hex
 */
public record CertificateInfo(String subject, String issuer, Instant notBefore, Instant notAfter,
                              List<String> dnsNames, List<String> ipAddresses, String keyType, int keyBits,
                              String sha256) {
    public CertificateInfo {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /** Subject and issuer are the same name: a root, or a self-signed server certificate. */
    public boolean selfIssued() {
        return subject.equals(issuer);
    }

    /** The subject's common name (CN), or the whole subject when it has none. */
    public String commonName() {
        return NameCheck.commonName(subject).orElse(subject);
    }

    /** The CN of an RFC 2253 name, or the whole name when it has none: for short lists. */
    public static String commonNameOf(String dn) {
        return NameCheck.commonName(dn).orElse(dn);
    }

    public static CertificateInfo of(X509Certificate c) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int kind = (Integer) san.get(0);
                    if (kind == 2) {
                        dns.add(String.valueOf(san.get(1)));
                    } else if (kind == 7) {
                        ips.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension: the certificate then carries no names we can show
        }
        String fingerprint;
        try {
            fingerprint = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            fingerprint = "";
        }
        PublicKey key = c.getPublicKey();
        return new CertificateInfo(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), dns, ips, keyType(key), keyBits(key),
                fingerprint);
    }

    private static String keyType(PublicKey key) {
        if (key instanceof EdECPublicKey ed) {
            return ed.getParams().getName();
        }
        return key.getAlgorithm();
    }

    private static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equals(ed.getParams().getName()) ? 448 : 255;
        }
        return 0;
    }
}
