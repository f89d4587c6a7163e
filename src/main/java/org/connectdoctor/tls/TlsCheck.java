package org.connectdoctor.tls;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of the TLS check after a connect: how the handshake went and, when it completed, what
 * the server presented and how it fared against the trust stores.
 *
 * @param verdict        the one verdict (the first of {@code problems}, or OK)
 * @param problems       every problem the certificate checks found, in the order of {@link TlsVerdict}
 * @param serverName     the name sent as SNI (none for an address) and checked against the certificate
 * @param host           the host the connect reached, as the target named it (for the reproduce commands)
 * @param address        the address the handshake ran to
 * @param port           its port
 * @param protocol       the negotiated protocol (TLSv1.3, …), or null when the handshake did not complete
 * @param cipherSuite    the negotiated cipher suite, or null
 * @param alpn           the application protocol the server chose, or null when none was negotiated
 * @param chain          the certificates as the server sent them, its own first
 * @param trust          what each consulted store said, Java's first
 * @param inspection     the TLS-inspection product the chain names, or null
 * @param clock          this computer's clock when the certificates were checked
 * @param alert          the alert the server sent in the clear, or null
 * @param serverVersion  the version the server's hello chose, when it chose one this computer refused, or null
 * @param failure        what this computer's TLS library said when the handshake failed, or null
 * @param firstBytes     the first bytes the server sent (at most {@link #FIRST_BYTES}), for plain-text answers
 * @param bytesReceived  how many bytes the server sent in all during the check
 * @param limitNanos     the check's own limit
 * @param elapsedNanos   how long the check took
 * @param followUp       what one more handshake offering old versions learnt, after a refusal; or null
 * @param segmentRetry   what one more handshake over a connection with a small MSS showed, after no
 *                       answer or part of one (the test for an MTU black hole); or null when not run
 */
public record TlsCheck(TlsVerdict verdict, List<TlsVerdict> problems, String serverName, String host, String address,
                       int port, String protocol, String cipherSuite, String alpn, List<CertificateInfo> chain,
                       List<TrustResult> trust, InspectionProduct inspection, Instant clock, TlsAlert alert,
                       String serverVersion, String failure, byte[] firstBytes, long bytesReceived, long limitNanos,
                       long elapsedNanos, FollowUpHandshake followUp, SegmentRetry segmentRetry) {

    /** How many of the server's first bytes a check keeps. */
    public static final int FIRST_BYTES = 64;

    public TlsCheck {
        Objects.requireNonNull(verdict, "verdict");
        problems = List.copyOf(problems);
        chain = List.copyOf(chain);
        trust = List.copyOf(trust);
        firstBytes = firstBytes == null ? new byte[0] : firstBytes.clone();
    }

    @Override
    public byte[] firstBytes() {
        return firstBytes.clone();
    }

    public String firstBytesHex() {
        return HexFormat.of().formatHex(firstBytes);
    }

    /** The first bytes as text a terminal can show: printable ASCII as is, CR and LF as \r \n, anything else as \xNN. */
    public String firstBytesText() {
        StringBuilder sb = new StringBuilder();
        for (byte b : firstBytes) {
            int c = b & 0xff;
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.toString();
    }

    /** What the plain-text answer looks like; null unless the verdict is PLAIN_TEXT. */
    public PlainTextKind plainTextKind() {
        return verdict == TlsVerdict.PLAIN_TEXT ? PlainTextKind.of(firstBytes) : null;
    }

    public Optional<CertificateInfo> leaf() {
        return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    }

    /** What Java's store said; empty when it was not consulted (the handshake did not complete). */
    public Optional<TrustResult> javaTrust() {
        return trust.stream().filter(t -> t.kind() == TrustSource.Kind.JAVA).findFirst();
    }

    public Optional<TrustResult> systemTrust() {
        return trust.stream().filter(t -> t.kind() == TrustSource.Kind.OPERATING_SYSTEM).findFirst();
    }

    /** The names the server's certificate carries (DNS and IP names, else its CN). */
    public List<String> certificateNames() {
        return leaf().map(NameCheck::namesOf).orElse(List.of());
    }

    /** The certificate of the chain that is outside its validity at {@link #clock}, the server's own first. */
    public Optional<CertificateInfo> outOfValidity() {
        return chain.stream().filter(c -> clock.isAfter(c.notAfter()) || clock.isBefore(c.notBefore())).findFirst();
    }
}
