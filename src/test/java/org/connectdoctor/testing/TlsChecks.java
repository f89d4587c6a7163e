package org.connectdoctor.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.connectdoctor.tls.CertificateInfo;
import org.connectdoctor.tls.InspectionProduct;
import org.connectdoctor.tls.TlsAlert;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.TlsVerdict;
import org.connectdoctor.tls.TrustResult;
import org.connectdoctor.tls.TrustSource;

/** TLS checks of every verdict, made up for tests of their words (no server behind them). */
public final class TlsChecks {

    private TlsChecks() {
    }

    public static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    public static CertificateInfo cert(String subject, String issuer, Instant from, Instant to, List<String> names) {
        return new CertificateInfo(subject, issuer, from, to, names, List.of(), "RSA", 2048, "00".repeat(32));
    }

    public static TlsCheck check(TlsVerdict v, List<CertificateInfo> chain, String host, String name) {
        boolean done = v.handshakeCompleted();
        List<TrustResult> trust = done ? List.of(
                new TrustResult(TrustSource.Kind.JAVA, "the JDK's cacerts (x)", true, null, v == TlsVerdict.OK, null),
                new TrustResult(TrustSource.Kind.OPERATING_SYSTEM, "the system bundle (y)", true, null,
                        v == TlsVerdict.TRUSTED_BY_OS_NOT_JAVA || v == TlsVerdict.INSPECTED, "CN=Corp Root")) : List.of();
        return new TlsCheck(v, v == TlsVerdict.OK || !done ? List.of() : List.of(v), name, host, "192.0.2.7", 443,
                done ? "TLSv1.3" : null, done ? "TLS_AES_128_GCM_SHA256" : null, null, done ? chain : List.of(), trust,
                v == TlsVerdict.INSPECTED ? new InspectionProduct("Zscaler Internet Access", "Zscaler help", "CN=Zscaler Root CA")
                        : null, NOW, v == TlsVerdict.PROTOCOL_MISMATCH ? new TlsAlert(true, 70) : null, null, null,
                v == TlsVerdict.PLAIN_TEXT ? "HTTP/1.1 400 Bad Request\r\n".getBytes() : new byte[0], 27,
                Duration.ofSeconds(5).toNanos(), 1_000_000, null, v == TlsVerdict.MTU_BLACK_HOLE
                        ? new org.connectdoctor.tls.SegmentRetry(org.connectdoctor.tls.SegmentRetry.IPV4,
                        org.connectdoctor.sys.Read.known(new org.connectdoctor.sys.PathMtu(1500, "IP_MTU", 1448)), 0,
                        TlsVerdict.OK, 4021, null) : null);
    }

    public static TlsCheck of(TlsVerdict v) {
        Instant from = NOW.minus(Duration.ofDays(30));
        Instant to = NOW.plus(Duration.ofDays(30));
        if (v == TlsVerdict.EXPIRED) {
            to = NOW.minus(Duration.ofDays(2));
        } else if (v == TlsVerdict.NOT_YET_VALID) {
            from = NOW.plus(Duration.ofDays(400));
            to = NOW.plus(Duration.ofDays(800));
        }
        return check(v, List.of(cert("CN=www.test", "CN=Issuing CA", from, to, List.of("www.test"))), "www.test",
                "www.test");
    }

}
