package org.connectdoctor.cli;

import org.connectdoctor.probe.Outcome;

/** The command line's exit codes. */
public final class ExitCodes {
    /** Connected, or a datagram was answered. */
    public static final int OK = 0;
    /** The connection failed with an errno, timed out, or a datagram got no reply. */
    public static final int FAILED = 1;
    /** Bad input or usage. */
    public static final int USAGE = 2;
    /** getaddrinfo could not resolve the name, or did not finish within the time limit. */
    public static final int RESOLUTION = 3;
    /**
     * The output could not be written (no space left, a closed pipe): what was printed is
     * incomplete, whatever the probe found. A message on standard error says why.
     */
    public static final int OUTPUT = 4;
    /** A fault inside Connect Doctor, described in one line on standard error (sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;
    /** Cancelled by the user (as a shell reports SIGINT). */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    /**
     * The connect's code; a connect that succeeded but whose TLS check found a problem is FAILED
     * (CANCELLED when the check was cancelled).
     */
    public static int of(org.connectdoctor.probe.ProbeReport report) {
        int code = of(report.outcome());
        if (code == OK && report.tunnel() != null) {
            var t = report.tunnel();
            if (t.verdict() == org.connectdoctor.probe.proxy.TunnelVerdict.CANCELLED) {
                return CANCELLED;
            }
            if (!t.verdict().isSuccess()) {
                return FAILED;
            }
            if (t.tls() != null && !t.tls().verdict().isSuccess()) {
                return t.tls().verdict() == org.connectdoctor.tls.TlsVerdict.CANCELLED ? CANCELLED : FAILED;
            }
        }
        if (code == OK && report.tls() != null && !report.tls().verdict().isSuccess()) {
            return report.tls().verdict() == org.connectdoctor.tls.TlsVerdict.CANCELLED ? CANCELLED : FAILED;
        }
        return code;
    }

    public static int of(Outcome outcome) {
        return switch (outcome) {
            case CONNECTED, ANSWERED -> OK;
            case FAILED, TIMED_OUT, NO_REPLY -> FAILED;
            case RESOLUTION_FAILED, LOOKUP_TIMED_OUT -> RESOLUTION;
            case CANCELLED -> CANCELLED;
        };
    }
}
