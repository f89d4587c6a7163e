package org.connectdoctor.history;

/**
 * One difference between the run that worked and the run that fails, in plain words.
 *
 * @param kind     what changed
 * @param before   the value when it worked, as shown
 * @param after    the value now, as shown
 * @param sentence the change said plainly: "The route changed: it was … and is now …."
 */
public record Change(Kind kind, String before, String after, String sentence) {

    public enum Kind {
        /** The name resolves to other addresses (or no longer resolves). */
        RESOLVED_ADDRESS("resolved address"),
        /** The connection leaves from another interface or source address. */
        SOURCE("source interface and address"),
        /** The route's gateway, device or kind changed. */
        ROUTE("route"),
        /** A VPN came up or went down, or the route went through one and no longer does (or the reverse). */
        VPN("VPN"),
        /** The address came from another source: the hosts file, DNS, a search suffix. */
        ADDRESS_SOURCE("address source"),
        /** Applications that use the system's proxy setting go through another proxy, or directly. */
        PROXY("proxy"),
        /** The certificate the server presents has another issuer (a TLS-inspecting agent on the way, a new CA). */
        TLS_ISSUER("TLS certificate issuer"),
        /** This computer's firewall says something else about the target (a rule appeared, it was switched on). */
        FIREWALL("firewall"),
        /** This computer's IPv6 state changed (an address or the route came or went, IPv6 was switched off). */
        IPV6("IPv6"),
        /** Other name servers are asked. */
        RESOLVERS("name servers"),
        /** The person changed the run's options (timeout, source, family). */
        OPTIONS("options");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }
}
