package org.connectdoctor.tls;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * One store of trusted authorities that a check consults.
 *
 * @param kind        whose store it is
 * @param description how a person names it, with its location: "the JDK's cacerts (/usr/lib/jvm/…)"
 * @param anchors     the certificates it trusts; empty when it could not be read
 * @param unreadable  why it could not be read, or null when it was
 */
public record TrustSource(Kind kind, String description, List<X509Certificate> anchors, String unreadable) {

    public enum Kind {
        /** The trust store Java programs use: the JDK's cacerts, or the one this run was given. */
        JAVA,
        /** The operating system's own store, which browsers and native programs use. */
        OPERATING_SYSTEM
    }

    public TrustSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        anchors = List.copyOf(anchors);
    }

    public static TrustSource of(Kind kind, String description, List<X509Certificate> anchors) {
        return new TrustSource(kind, description, anchors, null);
    }

    public static TrustSource unreadable(Kind kind, String description, String reason) {
        return new TrustSource(kind, description, List.of(), reason);
    }

    public boolean readable() {
        return unreadable == null;
    }
}
