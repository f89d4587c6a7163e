package org.connectdoctor.probe;

import java.util.List;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;

/**
 * How the target became addresses.
 *
 * @param host             the host (or Unix path) as given
 * @param service          the port or service name, null for Unix
 * @param addresses        every address, in the order they will be tried
 * @param canonicalName    the canonical name the resolver gave, or null
 * @param numeric          true when no lookup was needed (a literal or a path)
 * @param error            the getaddrinfo failure, or null
 * @param elapsedNanos     how long the lookup ran: until its answer, or until the probe stopped
 *                         waiting for it (limit reached, cancelled)
 * @param resolvers        the name servers the lookup asked (as the system's resolver settings
 *                         name them), empty for a numeric target; null when they could not be
 *                         read (unknown, not "none")
 * @param timedOut         the lookup did not answer within the probe's limit
 * @param pendingLookups   for a lookup given up on: how many earlier lookups of this engine had
 *                         still not returned (0 when unknown or none); when it reached the cap the
 *                         probe ended at once without asking again
 */
public record Resolution(String host, String service, List<SockAddr> addresses, String canonicalName,
                         boolean numeric, ResolveError error, long elapsedNanos, List<String> resolvers,
                         boolean timedOut, int pendingLookups) {
    public Resolution {
        addresses = List.copyOf(addresses);
        resolvers = resolvers == null ? null : List.copyOf(resolvers);
    }

    /** A finished lookup whose name servers were not recorded (tests, reports built by hand). */
    public Resolution(String host, String service, List<SockAddr> addresses, String canonicalName, boolean numeric,
                      ResolveError error, long elapsedNanos) {
        this(host, service, addresses, canonicalName, numeric, error, elapsedNanos, null, false, 0);
    }

    /** A name that became these addresses without a lookup (a literal, a Unix path). */
    static Resolution numeric(String host, String service, List<SockAddr> addresses) {
        return new Resolution(host, service, addresses, null, true, null, 0, List.of(), false, 0);
    }

    /** True when getaddrinfo failed (or succeeded with nothing usable, which the engine words as such). */
    public boolean failed() {
        return error != null;
    }

    /**
     * The name servers as a phrase for text: "10.0.0.53, 10.0.0.54", or that they are not known.
     * Where they were read is the host state's to say (the resolver check names it).
     */
    public String resolversText() {
        if (resolvers == null) {
            return "unknown (this computer's name-server settings could not be read)";
        }
        return resolvers.isEmpty() ? "none configured" : String.join(", ", resolvers);
    }
}
