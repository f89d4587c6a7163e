package org.connectdoctor.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates the TLS tests make for themselves with BouncyCastle: roots, intermediates and
 * server certificates with the names and dates each case needs. Keys are EC P-256 (fast to make)
 * unless RSA is asked for.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A key pair with its certificate and, for a server, the chain it sends (its own first). */
    public record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {

        /** A server certificate signed by this authority, valid from an hour ago for a year. */
        public Issued issue(String dn, List<String> dnsNames, List<String> ips) {
            Instant now = Instant.now();
            return issue(dn, dnsNames, ips, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), false);
        }

        public Issued issue(String dn, List<String> dnsNames, List<String> ips, Instant notBefore, Instant notAfter,
                            boolean ca) {
            KeyPair k = ec();
            X509Certificate c = build(dn, k, certificate.getSubjectX500Principal().getName(), keys.getPrivate(),
                    dnsNames, ips, notBefore, notAfter, ca);
            List<X509Certificate> sent = new ArrayList<>();
            sent.add(c);
            if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                sent.addAll(chain); // an intermediate sends itself along
            }
            return new Issued(k, c, sent);
        }

        /** An intermediate authority under this one. */
        public Issued intermediate(String dn) {
            Instant now = Instant.now();
            KeyPair k = ec();
            X509Certificate c = build(dn, k, certificate.getSubjectX500Principal().getName(), keys.getPrivate(),
                    List.of(), List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
            return new Issued(k, c, List.of(c));
        }

        /** Key managers that present this certificate and its chain. */
        public KeyManager[] keyManagers() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("server", keys.getPrivate(), "pw".toCharArray(),
                        chain.toArray(new X509Certificate[0]));
                KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                f.init(ks, "pw".toCharArray());
                return f.getKeyManagers();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    /** {@code certificates} as a PEM file, the form --trust-store reads. */
    public static java.nio.file.Path writePem(java.nio.file.Path file, X509Certificate... certificates) {
        StringBuilder sb = new StringBuilder();
        try {
            for (X509Certificate c : certificates) {
                sb.append("-----BEGIN CERTIFICATE-----\n")
                        .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                                .encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            }
            return java.nio.file.Files.writeString(file, sb);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A self-signed authority, valid from a day ago for ten years. */
    public static Issued root(String dn) {
        Instant now = Instant.now();
        KeyPair k = ec();
        X509Certificate c = build(dn, k, dn, k.getPrivate(), List.of(), List.of(), now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(3650)), true);
        return new Issued(k, c, List.of(c));
    }

    /** A self-signed server certificate (no authority behind it). */
    public static Issued selfSigned(String dn, List<String> dnsNames, List<String> ips) {
        Instant now = Instant.now();
        KeyPair k = ec();
        X509Certificate c = build(dn, k, dn, k.getPrivate(), dnsNames, ips, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(365)), false);
        return new Issued(k, c, List.of(c));
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** An RFC 2253 name, encoded as Java encodes it: the most specific part first, as it reads. */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
    }

    private static X509Certificate build(String dn, KeyPair subjectKeys, String issuerDn, PrivateKey issuerKey,
                                         List<String> dnsNames, List<String> ips, Instant notBefore, Instant notAfter,
                                         boolean ca) {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name(issuerDn),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    name(dn), subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
            ips.forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
