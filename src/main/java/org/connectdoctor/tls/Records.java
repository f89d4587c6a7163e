package org.connectdoctor.tls;

/**
 * Reading the server's first bytes as TLS records in the clear (RFC 8446 §5.1): a 5-byte header
 * (content type, legacy version, length) and the fragment. Only what travels unencrypted is read:
 * alerts of two bytes and the server's hello.
 */
final class Records {

    private static final int CHANGE_CIPHER_SPEC = 20;
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int SERVER_HELLO = 2;

    private Records() {
    }

    /** Whether a stream that begins with these bytes can be TLS (or SSL 3): a known content type, then major version 3. */
    static boolean looksLikeTls(byte[] b, int n) {
        int type = b[0] & 0xff;
        if (type < CHANGE_CIPHER_SPEC || type > APPLICATION_DATA + 1) {
            return false;
        }
        return n < 2 || (b[1] & 0xff) == 3;
    }

    /** The first alert sent in the clear among the records, or null. */
    static TlsAlert alert(byte[] in) {
        int at = 0;
        while (at + 5 <= in.length) {
            int type = in[at] & 0xff;
            int length = ((in[at + 3] & 0xff) << 8) | (in[at + 4] & 0xff);
            if (type == ALERT && length == 2 && at + 7 <= in.length) {
                return new TlsAlert((in[at + 5] & 0xff) == 2, in[at + 6] & 0xff);
            }
            if (type < CHANGE_CIPHER_SPEC || type > APPLICATION_DATA) {
                return null;
            }
            at += 5 + length;
        }
        return null;
    }

    /** The version a server's hello chose, in Java's words (TLSv1, TLSv1.2 …; a 1.3 hello says TLSv1.2 here), or null. */
    static String serverHelloVersion(byte[] in) {
        if (in.length < 11 || (in[0] & 0xff) != HANDSHAKE || (in[5] & 0xff) != SERVER_HELLO || (in[9] & 0xff) != 3) {
            return null;
        }
        return switch (in[10] & 0xff) {
            case 0 -> "SSLv3";
            case 1 -> "TLSv1";
            case 2 -> "TLSv1.1";
            case 3 -> "TLSv1.2";
            default -> "a version after TLS 1.2";
        };
    }

    /**
     * The version a server's hello chose when it is older than TLS 1.2 (which this computer does not
     * offer), as "TLSv1" or "TLSv1.1" or "SSLv3"; null otherwise.
     */
    static String refusedServerVersion(byte[] in) {
        if (in.length < 11 || (in[0] & 0xff) != HANDSHAKE || (in[5] & 0xff) != SERVER_HELLO) {
            return null;
        }
        int major = in[9] & 0xff;
        int minor = in[10] & 0xff;
        if (major != 3 || minor >= 3) {
            return null;
        }
        return switch (minor) {
            case 0 -> "SSLv3";
            case 1 -> "TLSv1";
            default -> "TLSv1.1";
        };
    }
}
