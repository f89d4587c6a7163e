package org.connectdoctor.probe;

import java.util.List;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;

/**
 * How the target became addresses.
 *
 * @param host          the host (or Unix path) as given
 * @param service       the port or service name, null for Unix
 * @param addresses     every address, in the order they will be tried
 * @param canonicalName the canonical name the resolver gave, or null
 * @param numeric       true when no lookup was needed (a literal or a path)
 * @param error         the getaddrinfo failure, or null
 * @param elapsedNanos  time spent resolving
 */
public record Resolution(String host, String service, List<SockAddr> addresses, String canonicalName,
                         boolean numeric, ResolveError error, long elapsedNanos) {
    public Resolution {
        addresses = List.copyOf(addresses);
    }

    public boolean failed() {
        return error != null;
    }
}
