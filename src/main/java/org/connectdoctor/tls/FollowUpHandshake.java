package org.connectdoctor.tls;

/**
 * What one more handshake, offering at most TLS 1.1, learnt from a server that refused TLS 1.2
 * and 1.3.
 *
 * @param acceptedVersion the version the server's hello chose (TLSv1, TLSv1.1), or null when it refused
 * @param alert           the alert it refused with, or null (it closed without one)
 */
public record FollowUpHandshake(String acceptedVersion, TlsAlert alert) {

    /** The finding in words. */
    public String words() {
        if (acceptedVersion != null) {
            return "One more handshake offering at most TLS 1.1 was answered with " + acceptedVersion
                    + ": the server accepts " + acceptedVersion + " and nothing newer.";
        }
        return "One more handshake offering TLS 1.1 and 1.0 was refused too"
                + (alert == null ? "" : " (alert " + alert.name() + ")")
                + ": the server wants something other than an old version, such as other cipher suites.";
    }
}
