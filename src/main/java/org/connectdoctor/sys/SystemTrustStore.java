package org.connectdoctor.sys;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where this operating system keeps the certificate authorities it trusts, as Java can read them:
 * either a PEM bundle file or a {@link java.security.KeyStore} type its runtime provides. Exactly
 * one of {@code pemBundle} and {@code keyStoreType} is set.
 *
 * @param description  how a person names it: "the system bundle /etc/…", "the Windows ROOT store"
 * @param pemBundle    a file of concatenated PEM certificates, or null
 * @param keyStoreType a KeyStore type such as Windows-ROOT or KeychainStore, or null
 */
public record SystemTrustStore(String description, Path pemBundle, String keyStoreType) {
    public SystemTrustStore {
        Objects.requireNonNull(description, "description");
        if ((pemBundle == null) == (keyStoreType == null)) {
            throw new IllegalArgumentException("a system trust store is a PEM bundle or a KeyStore type");
        }
    }

    public static SystemTrustStore bundle(String description, Path file) {
        return new SystemTrustStore(description, file, null);
    }

    public static SystemTrustStore keyStore(String description, String type) {
        return new SystemTrustStore(description, null, type);
    }
}
