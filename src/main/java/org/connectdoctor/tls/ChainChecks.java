package org.connectdoctor.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a completed handshake's chain shows: validity at this computer's clock, the name, and which
 * store trusts it. The trust walk follows issuer names and verifies each signature, from the
 * server's certificate up through the certificates it sent to an authority of the store; it does
 * not look at dates (they are their own finding) nor fetch missing intermediates.
 */
final class ChainChecks {

    /** The deepest chain followed: far beyond any real one. */
    private static final int MAX_DEPTH = 10;

    record Findings(List<TlsVerdict> problems, List<TrustResult> trust, InspectionProduct inspection) {
    }

    private ChainChecks() {
    }

    static Findings check(List<X509Certificate> chain, List<CertificateInfo> infos, String serverName,
                          TrustStores stores, Instant clock) {
        List<TrustResult> trust = List.of(trust(chain, stores.javaStore()), trust(chain, stores.systemStore()));
        boolean javaTrusts = trust.get(0).trusted();
        boolean systemTrusts = trust.get(1).trusted();
        InspectionProduct inspection = InspectionProducts.find(infos).orElse(null);
        List<TlsVerdict> problems = new ArrayList<>();
        if (inspection != null && !javaTrusts) {
            problems.add(TlsVerdict.INSPECTED);
        }
        if (infos.stream().anyMatch(c -> clock.isAfter(c.notAfter()))) {
            problems.add(TlsVerdict.EXPIRED);
        }
        if (infos.stream().anyMatch(c -> clock.isBefore(c.notBefore()))) {
            problems.add(TlsVerdict.NOT_YET_VALID);
        }
        if (!NameCheck.matches(infos.get(0), serverName)) {
            problems.add(TlsVerdict.NAME_MISMATCH);
        }
        if (!javaTrusts) {
            if (systemTrusts) {
                problems.add(TlsVerdict.TRUSTED_BY_OS_NOT_JAVA);
            } else if (selfSigned(chain.get(0))) {
                problems.add(TlsVerdict.SELF_SIGNED);
            } else {
                problems.add(TlsVerdict.UNTRUSTED_ISSUER);
            }
        }
        problems.sort(null); // the order of the enum: the most telling first
        return new Findings(problems, trust, inspection);
    }

    static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && signedBy(c, c);
    }

    static TrustResult trust(List<X509Certificate> chain, TrustSource source) {
        if (!source.readable()) {
            return new TrustResult(source.kind(), source.description(), false, source.unreadable(), false, null);
        }
        X509Certificate current = chain.get(0);
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            for (X509Certificate anchor : source.anchors()) {
                if (sameCertificate(anchor, current)) {
                    return found(source, anchor);
                }
            }
            for (X509Certificate anchor : source.anchors()) {
                if (anchor.getSubjectX500Principal().equals(current.getIssuerX500Principal()) && signedBy(current, anchor)) {
                    return found(source, anchor);
                }
            }
            X509Certificate next = null;
            for (X509Certificate c : chain) {
                if (c != current && c.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && !selfSigned(current) && signedBy(current, c)) {
                    next = c;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            current = next;
        }
        return new TrustResult(source.kind(), source.description(), true, null, false, null);
    }

    private static TrustResult found(TrustSource source, X509Certificate anchor) {
        return new TrustResult(source.kind(), source.description(), true, null, true,
                anchor.getSubjectX500Principal().getName());
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
