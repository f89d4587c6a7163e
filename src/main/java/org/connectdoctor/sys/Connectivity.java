package org.connectdoctor.sys;

import java.util.Map;
import java.util.Objects;
import org.connectdoctor.net.Family;

/**
 * The operating system's own verdict on whether this computer reaches the internet, as it keeps it
 * from its own checks: read, never probed (Connect Doctor sends nothing to get it). Read by
 * {@link HostState#connectivity()}: on Linux from NetworkManager over D-Bus, on Windows from the
 * Network List Manager.
 *
 * @param state    the verdict for the computer as a whole
 * @param families the verdict per address family, where the system keeps one per family (Windows:
 *                 NLM_CONNECTIVITY has IPv4 and IPv6 bits); empty where it keeps one for all (NetworkManager)
 * @param source   where it was read, in words a user can check: "NetworkManager (D-Bus property
 *                 org.freedesktop.NetworkManager.Connectivity)"
 * @param words    the verdict in the system's own words, for a finding to quote: "NetworkManager
 *                 connectivity 'portal'", "NLM_CONNECTIVITY_IPV4_INTERNET | NLM_CONNECTIVITY_IPV6_SUBNET"
 * @param probeUrl the address the system's own check fetches, where it was read (NetworkManager's
 *                 ConnectivityCheckUri); null when not read
 */
public record Connectivity(State state, Map<Family, State> families, String source, String words, String probeUrl) {

    public Connectivity {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(words, "words");
        families = Map.copyOf(families);
    }

    /** A verdict for the whole computer, without one per family. */
    public Connectivity(State state, String source, String words, String probeUrl) {
        this(state, Map.of(), source, words, probeUrl);
    }

    /** What the system concluded from its own check. */
    public enum State {
        /** The internet answers its check as it should. */
        FULL,
        /**
         * The network answered, but with a sign-in page: its check was redirected or answered by
         * something else (NetworkManager "portal", Windows NLM_INTERNET_CONNECTIVITY_WEBHIJACK).
         */
        PORTAL,
        /** Connected to a network, but the internet does not answer: the local network only. */
        LIMITED,
        /** Not connected to any network with a way out (no default route, no traffic). */
        NONE;

        /** Whether the verdict says the internet is not reachable as it should be from here. */
        public boolean noInternet() {
            return this != FULL;
        }
    }
}
