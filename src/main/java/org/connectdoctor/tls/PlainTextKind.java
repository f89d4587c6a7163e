package org.connectdoctor.tls;

import java.nio.charset.StandardCharsets;

/** What a plain-text answer on a TLS port looks like, told from its first bytes. */
public enum PlainTextKind {
    /** "HTTP/1.1 400 …": a web server without TLS. */
    HTTP,
    /** "220 …": an SMTP or FTP greeting, which upgrades to TLS with STARTTLS or AUTH TLS. */
    SMTP_OR_FTP_GREETING,
    /** "+OK …": a POP3 greeting. */
    POP3_GREETING,
    /** "* OK …": an IMAP greeting. */
    IMAP_GREETING,
    /** "SSH-2.0-…": an SSH server. */
    SSH,
    /** Anything else that is not a TLS record. */
    OTHER;

    static PlainTextKind of(byte[] first) {
        String s = new String(first, 0, Math.min(first.length, 16), StandardCharsets.ISO_8859_1);
        if (s.startsWith("HTTP/")) {
            return HTTP;
        }
        if (s.startsWith("220")) {
            return SMTP_OR_FTP_GREETING;
        }
        if (s.startsWith("+OK")) {
            return POP3_GREETING;
        }
        if (s.startsWith("* OK")) {
            return IMAP_GREETING;
        }
        if (s.startsWith("SSH-")) {
            return SSH;
        }
        return OTHER;
    }
}
