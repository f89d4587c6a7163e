package org.connectdoctor.sys;

import java.util.List;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;

/**
 * What getaddrinfo(3) answered: the addresses in the order it returned them, or its error.
 *
 * @param addresses     the addresses, empty on error
 * @param canonicalName the canonical name when asked for and given, else null
 * @param error         the failure, or null
 * @param elapsedNanos  how long the call took
 */
public record Lookup(List<SockAddr> addresses, String canonicalName, ResolveError error, long elapsedNanos) {
    public Lookup {
        addresses = List.copyOf(addresses);
    }

    public boolean failed() {
        return error != null;
    }
}
