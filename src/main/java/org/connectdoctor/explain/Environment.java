package org.connectdoctor.explain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.connectdoctor.sys.Read;

/**
 * One picture of where a run went from, for the second-level engineer at a glance: the interface
 * and its kind, the source address, the proxy, the name servers, IPv6 and the firewall, each read
 * or unknown with the reason. Every report, ticket and history entry carries it.
 *
 * @param items one per {@link Aspect}, in the order of the enum
 */
public record Environment(List<Item> items) {

    /** What the environment line says something about, in the order it says it. */
    public enum Aspect {
        INTERFACE("interface"),
        SOURCE("source"),
        PROXY("proxy"),
        DNS("DNS"),
        IPV6("IPv6"),
        FIREWALL("firewall");

        private final String words;

        Aspect(String words) {
            this.words = words;
        }

        /** The label a person reads: "interface", "DNS". */
        public String words() {
            return words;
        }

        /** The lower-case name written to JSON ("ipv6"). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param aspect what it is about
     * @param value  what was read, in words ("eth0 (Ethernet)", "direct"), or why it is unknown
     */
    public record Item(Aspect aspect, Read<String> value) {
        public Item {
            Objects.requireNonNull(aspect, "aspect");
            Objects.requireNonNull(value, "value");
        }

        /** "proxy: direct", "IPv6: unknown (the interfaces could not be read: …)". */
        public String words() {
            return aspect.words() + ": " + (value instanceof Read.Unknown<String> u ? "unknown (" + u.reason() + ")"
                    : value.orElse(""));
        }
    }

    public Environment {
        items = List.copyOf(items);
    }

    /** The item about {@code aspect}, or null when the environment does not have one. */
    public Item item(Aspect aspect) {
        for (Item i : items) {
            if (i.aspect() == aspect) {
                return i;
            }
        }
        return null;
    }

    /** The one line: "interface: eth0 (Ethernet) · source: 10.1.2.3 · proxy: direct · …". */
    public String line() {
        StringBuilder sb = new StringBuilder();
        for (Item i : items) {
            sb.append(sb.length() == 0 ? "" : " · ").append(i.words());
        }
        return sb.toString();
    }
}
