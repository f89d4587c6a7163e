package org.connectdoctor.explain;

import java.util.Set;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.sys.NativeSockets;

/**
 * What is being explained, with the facts of the probe when there was one.
 *
 * @param key        ECONNREFUSED, EAI_NONAME, TIMED_OUT, …
 * @param qualifiers the context: ip/unix, stream/dgram/seqpacket, call:…
 * @param request    the probe's request, or null when explaining a bare errno
 * @param attempt    the attempt the verdict rests on, or null
 * @param resolution the probe's resolution, or null
 * @param sockets    the system's sockets, for checks that ask the kernel (never sending), or null
 */
record Situation(String key, Set<String> qualifiers, ProbeRequest request, Attempt attempt, Resolution resolution,
                 NativeSockets sockets) {

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

    boolean is(String... keys) {
        for (String k : keys) {
            if (k.equals(key)) {
                return true;
            }
        }
        return false;
    }
}
