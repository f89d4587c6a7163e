package org.connectdoctor.explain;

import java.util.Set;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Attempt;
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
 */
record Situation(String key, Set<String> qualifiers, ProbeRequest request, Attempt attempt, Resolution resolution,
                 HostState host, Capabilities caps) {

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

    boolean is(String... keys) {
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
