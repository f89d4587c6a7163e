package org.connectdoctor.tls;

/**
 * How a TLS check ended. Each value has its own explanation; none is derived from exception text.
 * The certificate findings come first, the most telling first (a report lists them in this order),
 * then the ways a handshake fails.
 */
public enum TlsVerdict {
    /** The handshake completed and the certificate is valid, matches the name and is trusted by Java. */
    OK(true, "valid and trusted"),
    /** The issuer is a known TLS-inspection product: the connection is decrypted and re-encrypted on the way. */
    INSPECTED(true, "inspected on the way (TLS inspection)"),
    /** The server's certificate (or one in its chain) has expired by this computer's clock. */
    EXPIRED(true, "certificate expired"),
    /** The server's certificate is not valid yet by this computer's clock. */
    NOT_YET_VALID(true, "certificate not valid yet"),
    /** The certificate does not carry the name that was asked for. */
    NAME_MISMATCH(true, "certificate is for another name"),
    /** The operating system's store trusts the chain, Java's does not: Java programs fail, browsers work. */
    TRUSTED_BY_OS_NOT_JAVA(true, "trusted by the operating system but not by Java"),
    /** The server sent a self-signed certificate that no consulted store trusts. */
    SELF_SIGNED(true, "self-signed certificate"),
    /** No consulted trust store holds the authority that issued the chain. */
    UNTRUSTED_ISSUER(true, "issuer not trusted"),
    /** The server refused the protocol versions or cipher suites offered (or chose one this computer refuses). */
    PROTOCOL_MISMATCH(false, "no common protocol version or cipher suite"),
    /** The server answered in plain text (HTTP, an SMTP or FTP greeting …), not TLS. */
    PLAIN_TEXT(false, "the server answered in plain text, not TLS"),
    /** The peer closed the connection during the handshake. */
    CLOSED_DURING_HANDSHAKE(false, "closed by the server during the handshake"),
    /** The peer reset the connection during the handshake. */
    RESET_DURING_HANDSHAKE(false, "reset by the server during the handshake"),
    /**
     * The server's answer in full-size packets never arrived, while a second connection that asked for
     * small segments (a small MSS) completed the handshake: large packets are lost on the way.
     */
    MTU_BLACK_HOLE(false, "large packets are lost on the way (an MTU black hole)"),
    /** Nothing came back after the ClientHello within the limit. */
    NO_ANSWER(false, "no answer to the ClientHello"),
    /** The server began to answer, then stopped before the handshake was done, within the limit. */
    STALLED(false, "the handshake stalled"),
    /** The handshake failed for another reason (an alert the server sent, a malformed answer). */
    HANDSHAKE_FAILED(false, "the handshake failed"),
    /** The user cancelled during the handshake. */
    CANCELLED(false, "cancelled");

    private final boolean handshakeCompleted;
    private final String words;

    TlsVerdict(boolean handshakeCompleted, String words) {
        this.handshakeCompleted = handshakeCompleted;
        this.words = words;
    }

    /** A few words for the verdict, as a verdict line, a checklist row and the window show it. */
    public String words() {
        return words;
    }

    /** True for the verdicts that rest on a completed handshake, whose chain is known. */
    public boolean handshakeCompleted() {
        return handshakeCompleted;
    }

    public boolean isSuccess() {
        return this == OK;
    }
}
