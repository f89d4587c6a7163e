package org.connectdoctor.explain;

import java.util.Optional;
import java.util.Set;
import org.connectdoctor.net.Cause;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.FamilyResults;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;

/**
 * What is being explained, with the facts of the probe when there was one.
 *
 * @param key        ECONNREFUSED, EAI_NONAME, TIMED_OUT, …
 * @param qualifiers the context: ip/unix, stream/dgram/seqpacket, call:…
 * @param request    the probe's request, or null when explaining a bare errno
 * @param attempt    the attempt the verdict rests on, or null
 * @param resolution the probe's resolution, or null
 * @param host       this computer's state, as the running OS's backend reads it (never null)
 * @param caps       what the running OS's sockets offer, and its name for messages (never null)
 * @param families   how each address family fared, when the name resolved to both; else null
 */
record Situation(String key, Set<String> qualifiers, ProbeRequest request, Attempt attempt, Resolution resolution,
                 HostState host, Capabilities caps, FamilyResults families) {

    /** A situation without per-family results (a bare errno, one family, a single attempt). */
    Situation(String key, Set<String> qualifiers, ProbeRequest request, Attempt attempt, Resolution resolution,
              HostState host, Capabilities caps) {
        this(key, qualifiers, request, attempt, resolution, host, caps, null);
    }

    boolean hasProbe() {
        return request != null;
    }

    SockAddr address() {
        return attempt == null ? null : attempt.address();
    }

    boolean isUnix() {
        return qualifiers.contains("unix");
    }

    boolean isIp() {
        return qualifiers.contains("ip");
    }

    /** The commands to suggest, in this OS's tools. */
    Commands commands() {
        return Commands.of(caps);
    }

    /**
     * The portable cause of this situation's errno in its context (a datagram WSAECONNRESET is
     * {@link Cause#REFUSED}); empty for EAI_* codes and verdicts such as TIMED_OUT.
     */
    Optional<Cause> cause() {
        return Explainer.cause(this);
    }

    /**
     * Whether the situation is one of {@code keys}: its own key, or an errno of its portable cause,
     * so a check written for ECONNREFUSED also speaks for Windows' datagram WSAECONNRESET (the
     * ICMP port-unreachable reply), and one written for EAGAIN for EWOULDBLOCK.
     */
    boolean is(String... keys) {
        Optional<Cause> cause = cause();
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
            if (cause.isPresent()) {
                for (Errno e : cause.get().errnos()) {
                    if (e.name().equals(k)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
