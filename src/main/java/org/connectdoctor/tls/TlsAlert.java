package org.connectdoctor.tls;

/**
 * A TLS alert as it travelled in the clear (RFC 8446 §6, RFC 5246 §7.2): its level and
 * description number, and the description's name from the RFCs.
 *
 * @param fatal       level 2 (fatal) rather than 1 (warning)
 * @param description the alert's number
 */
public record TlsAlert(boolean fatal, int description) {

    /** The RFC's name for the description, such as protocol_version; "alert N" for an unknown number. */
    public String name() {
        return switch (description) {
            case 0 -> "close_notify";
            case 10 -> "unexpected_message";
            case 20 -> "bad_record_mac";
            case 22 -> "record_overflow";
            case 40 -> "handshake_failure";
            case 42 -> "bad_certificate";
            case 43 -> "unsupported_certificate";
            case 44 -> "certificate_revoked";
            case 45 -> "certificate_expired";
            case 46 -> "certificate_unknown";
            case 47 -> "illegal_parameter";
            case 48 -> "unknown_ca";
            case 49 -> "access_denied";
            case 50 -> "decode_error";
            case 51 -> "decrypt_error";
            case 70 -> "protocol_version";
            case 71 -> "insufficient_security";
            case 80 -> "internal_error";
            case 86 -> "inappropriate_fallback";
            case 90 -> "user_canceled";
            case 109 -> "missing_extension";
            case 110 -> "unsupported_extension";
            case 112 -> "unrecognized_name";
            case 116 -> "certificate_required";
            case 120 -> "no_application_protocol";
            default -> "alert " + description;
        };
    }

    /** The alerts a server sends when no protocol version or cipher suite of the offer suits it. */
    public boolean refusesTheOffer() {
        return description == 40 || description == 70 || description == 71;
    }
}
