package org.connectdoctor.probe;

import java.time.Instant;
import java.util.List;
import org.connectdoctor.probe.proxy.SystemProxy;
import org.connectdoctor.probe.proxy.TunnelCheck;
import org.connectdoctor.tls.TlsCheck;

/**
 * The one result of a probe, which the command line, the window and the report writers all read.
 *
 * @param request      what was asked
 * @param resolution   how the target became addresses
 * @param attempts     the first {@link #KEPT_ATTEMPTS} attempts in order, then the decisive one if it
 *                     came later: bounded, whatever the count (every attempt reaches
 *                     {@link ProbeListener#attempted} as it happens, for writers that stream)
 * @param attemptCount how many attempts ran in all
 * @param outcome      the verdict: the first success if any round succeeded, else how the last
 *                     round ended
 * @param decisive     the attempt the verdict rests on (null when none ran)
 * @param statistics   figures over the rounds
 * @param started      when the probe began
 * @param elapsedNanos the whole probe's duration
 * @param tls          the TLS check after the first connect, when one was asked for and a connect
 *                     succeeded; null otherwise. It never changes {@code outcome}, which is the connect's
 *                     (through a proxy: the TLS check runs in the tunnel and is {@code tunnel.tls()})
 * @param race         how the addresses of the last round raced, for a Happy Eyeballs probe; null otherwise
 * @param tunnel       the proxy's answer to CONNECT, when the probe went through a proxy and the
 *                     connect to it succeeded; null otherwise. It never changes {@code outcome}
 * @param proxy        which proxy applies to the target for applications that use the system's
 *                     setting; null when it was not looked up (a Unix socket, the engine alone)
 */
public record ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, long attemptCount,
                          Outcome outcome, Attempt decisive, Statistics statistics, Instant started,
                          long elapsedNanos, TlsCheck tls, Race race, TunnelCheck tunnel, SystemProxy proxy) {

    /** How many attempts a report keeps from the start of a run. */
    public static final int KEPT_ATTEMPTS = 100;

    public ProbeReport {
        attempts = List.copyOf(attempts);
        if (attemptCount < attempts.size()) {
            throw new IllegalArgumentException(attemptCount + " attempts counted but " + attempts.size() + " kept");
        }
    }

    /** A report of addresses tried in order, without a tunnel or the system's proxy. */
    public ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, long attemptCount,
                       Outcome outcome, Attempt decisive, Statistics statistics, Instant started, long elapsedNanos,
                       TlsCheck tls) {
        this(request, resolution, attempts, attemptCount, outcome, decisive, statistics, started, elapsedNanos, tls,
                null, null, null);
    }

    /** A report, racing or not, without a tunnel or the system's proxy. */
    public ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, long attemptCount,
                       Outcome outcome, Attempt decisive, Statistics statistics, Instant started, long elapsedNanos,
                       TlsCheck tls, Race race) {
        this(request, resolution, attempts, attemptCount, outcome, decisive, statistics, started, elapsedNanos, tls,
                race, null, null);
    }

    /** A report of addresses tried in order, with a tunnel and the system's proxy (either may be null). */
    public ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, long attemptCount,
                       Outcome outcome, Attempt decisive, Statistics statistics, Instant started, long elapsedNanos,
                       TlsCheck tls, TunnelCheck tunnel, SystemProxy proxy) {
        this(request, resolution, attempts, attemptCount, outcome, decisive, statistics, started, elapsedNanos, tls,
                null, tunnel, proxy);
    }

    /** This report with the system's proxy choice for its target. */
    public ProbeReport withProxy(SystemProxy p) {
        return new ProbeReport(request, resolution, attempts, attemptCount, outcome, decisive, statistics, started,
                elapsedNanos, tls, race, tunnel, p);
    }

    /**
     * This report with the proxy that {@code host}'s setting picks for its target (through a proxy:
     * for the tunnel's target); unchanged for a Unix or datagram target, or when reading fails.
     */
    public ProbeReport withSystemProxy(org.connectdoctor.sys.HostState host) {
        Target t = request.target();
        if (request.tunnel() != null) {
            String h = request.tunnel().host();
            try {
                t = TargetParser.parse((h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + request.tunnel().port());
            } catch (InvalidInputException e) {
                return this;
            }
        }
        if (!(t instanceof Target.Inet in) || request.type() != org.connectdoctor.net.SocketType.STREAM) {
            return this;
        }
        try {
            return withProxy(org.connectdoctor.probe.proxy.ProxySelector.choose(host, in,
                    org.connectdoctor.probe.proxy.ProxySelector.schemeOf(in, null)));
        } catch (RuntimeException e) {
            return this; // the report stands without the sentence
        }
    }

    /** The TLS check, whether it ran directly or through the proxy's tunnel; null when none ran. */
    public TlsCheck anyTls() {
        return tls != null ? tls : tunnel != null ? tunnel.tls() : null;
    }

    /** A report without a TLS check. */
    public ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, long attemptCount,
                       Outcome outcome, Attempt decisive, Statistics statistics, Instant started, long elapsedNanos) {
        this(request, resolution, attempts, attemptCount, outcome, decisive, statistics, started, elapsedNanos, null);
    }

    /** A report that holds every attempt it ran. */
    public ProbeReport(ProbeRequest request, Resolution resolution, List<Attempt> attempts, Outcome outcome,
                       Attempt decisive, Statistics statistics, Instant started, long elapsedNanos) {
        this(request, resolution, attempts, attempts.size(), outcome, decisive, statistics, started, elapsedNanos);
    }

    /** True when some attempts ran that the report no longer holds. */
    public boolean attemptsOmitted() {
        return attemptCount > attempts.size();
    }
}
