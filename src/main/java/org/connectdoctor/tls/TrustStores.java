package org.connectdoctor.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SystemTrustStore;

/**
 * The trust stores a TLS check consults: the one Java programs use and the operating system's.
 * Made once per engine; a test gives its own, so its root is trusted explicitly.
 */
public record TrustStores(TrustSource javaStore, TrustSource systemStore) {

    public TrustStores {
        Objects.requireNonNull(javaStore, "javaStore");
        Objects.requireNonNull(systemStore, "systemStore");
    }

    /** Java's default trust (the JDK's cacerts, or javax.net.ssl.trustStore when set) and the OS store {@code host} names. */
    public static TrustStores of(HostState host) {
        return new TrustStores(javaDefault(), system(host.systemTrustStore()));
    }

    /** The operating system's store that {@code host} names, read now. */
    public static TrustSource operatingSystem(HostState host) {
        return system(host.systemTrustStore());
    }

    /** The store Java programs use when they set none: what the default TrustManagerFactory trusts. */
    public static TrustSource javaDefault() {
        String given = System.getProperty("javax.net.ssl.trustStore");
        String where = given != null && !given.isEmpty() ? "the trust store javax.net.ssl.trustStore names (" + given + ")"
                : "the JDK's cacerts (" + Path.of(System.getProperty("java.home"), "lib", "security", "cacerts") + ")";
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            List<X509Certificate> anchors = new ArrayList<>();
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    Collections.addAll(anchors, x.getAcceptedIssuers());
                }
            }
            return TrustSource.of(TrustSource.Kind.JAVA, where, anchors);
        } catch (GeneralSecurityException | RuntimeException e) {
            return TrustSource.unreadable(TrustSource.Kind.JAVA, where, String.valueOf(e.getMessage()));
        }
    }

    /** A trust store file given for this run in place of Java's: PEM certificates, or a PKCS12 or JKS store. */
    public static TrustSource javaFile(Path file) throws IOException, GeneralSecurityException {
        String where = "the trust store " + file;
        byte[] bytes = readBounded(file);
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.contains("-----BEGIN CERTIFICATE-----")) {
            return TrustSource.of(TrustSource.Kind.JAVA, where, pem(bytes));
        }
        KeyStore ks = null;
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try {
                KeyStore k = KeyStore.getInstance(type);
                k.load(new java.io.ByteArrayInputStream(bytes), null);
                ks = k;
                break;
            } catch (IOException | GeneralSecurityException e) {
                // not this type; try the next
            }
        }
        if (ks == null) {
            throw new GeneralSecurityException("it is neither PEM certificates nor a PKCS12 or JKS store");
        }
        return TrustSource.of(TrustSource.Kind.JAVA, where, certificates(ks));
    }

    /** The most a trust store file may hold: the JDK's cacerts is about 200 KB, a system bundle 250 KB. */
    static final long MAX_STORE_BYTES = 16L * 1024 * 1024;

    /**
     * The bytes of a regular file of at most {@link #MAX_STORE_BYTES}: a FIFO, a device or a
     * directory is refused before it is opened, so a wrong path cannot hang or fill the heap.
     */
    static byte[] readBounded(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("it is not a regular file");
        }
        if (Files.size(file) > MAX_STORE_BYTES) {
            throw new IOException("it is larger than " + MAX_STORE_BYTES / (1024 * 1024) + " MB");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) MAX_STORE_BYTES + 1);
            if (b.length > MAX_STORE_BYTES) {
                throw new IOException("it is larger than " + MAX_STORE_BYTES / (1024 * 1024) + " MB");
            }
            return b;
        }
    }

    static TrustSource system(Read<SystemTrustStore> read) {
        if (read instanceof Read.Unknown<SystemTrustStore> u) {
            return TrustSource.unreadable(TrustSource.Kind.OPERATING_SYSTEM, "the operating system's store", u.reason());
        }
        SystemTrustStore s = read.orElse(null);
        try {
            if (s.pemBundle() != null) {
                return TrustSource.of(TrustSource.Kind.OPERATING_SYSTEM, s.description(), pem(readBounded(s.pemBundle())));
            }
            KeyStore ks = KeyStore.getInstance(s.keyStoreType());
            ks.load(null, null);
            return TrustSource.of(TrustSource.Kind.OPERATING_SYSTEM, s.description(), certificates(ks));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return TrustSource.unreadable(TrustSource.Kind.OPERATING_SYSTEM, s.description(),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    static List<X509Certificate> pem(byte[] bytes) throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            for (Certificate c : f.generateCertificates(in)) {
                if (c instanceof X509Certificate x) {
                    out.add(x);
                }
            }
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return out;
    }

    private static List<X509Certificate> certificates(KeyStore ks) throws GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.getCertificate(alias) instanceof X509Certificate x) {
                out.add(x);
            }
        }
        return out;
    }
}
