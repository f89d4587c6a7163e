package org.connectdoctor.explain;

import java.util.List;
import java.util.Locale;

/**
 * Which source produced the address that was tried: it was given as an address, a hosts-file
 * line, a DNS answer (with the name servers asked), a DNS answer for the name completed by a
 * search suffix, or that it cannot be told. On Windows a DNS answer names the Name Resolution
 * Policy rule that sent the name to its own servers.
 */
public sealed interface AddressSource {

    enum Kind {
        LITERAL("given as an address"), HOSTS_FILE("the hosts file"), DNS("DNS"),
        SEARCH_SUFFIX("DNS, through a search suffix"), UNKNOWN("unknown");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind with {@link #id()}, or null. */
        public static Kind ofId(String id) {
            for (Kind k : values()) {
                if (k.id().equals(id)) {
                    return k;
                }
            }
            return null;
        }
    }

    Kind kind();

    /** Where, in words, as the history keeps it: "/etc/hosts line 3", "DNS (10.0.0.53)". */
    String where();

    /** The target was an address: no lookup. */
    record Literal() implements AddressSource {
        @Override
        public Kind kind() {
            return Kind.LITERAL;
        }

        @Override
        public String where() {
            return "given as an address";
        }
    }

    /**
     * A hosts-file line.
     *
     * @param file      the file as the system names it ("/etc/hosts")
     * @param line      its line number, from 1
     * @param address   the address on the line
     * @param names     the names on the line
     * @param blocklist the line sends a name that is not this computer's to an address of this
     *                  computer or to nowhere (0.0.0.0, ::, 127.x, ::1): a blocklist or stale line
     */
    record HostsFile(String file, int line, String address, List<String> names, boolean blocklist)
            implements AddressSource {
        public HostsFile {
            names = List.copyOf(names);
        }

        @Override
        public Kind kind() {
            return Kind.HOSTS_FILE;
        }

        @Override
        public String where() {
            return file + " line " + line;
        }
    }

    /**
     * A DNS answer for the name as given (the hosts file has no line for it).
     *
     * @param servers       the name servers asked, in order; empty when none is known
     * @param serversFrom   where they were read ("/etc/resolv.conf", "the adapter settings"), or null
     * @param otherSources  other sources the lookup order names that might have answered (mdns4_minimal)
     * @param asComplete    Windows asked for a name with a dot as complete, not with its search suffixes
     * @param searchDomains the search suffixes configured, for the words of {@code asComplete}
     */
    record Dns(String name, List<String> servers, String serversFrom, List<String> otherSources, boolean asComplete,
               List<String> searchDomains, org.connectdoctor.sys.NameRule policyRule) implements AddressSource {
        public Dns {
            servers = List.copyOf(servers);
            otherSources = List.copyOf(otherSources);
            searchDomains = List.copyOf(searchDomains);
        }

        /** A DNS answer that no Name Resolution Policy rule redirected. */
        public Dns(String name, List<String> servers, String serversFrom, List<String> otherSources, boolean asComplete,
                   List<String> searchDomains) {
            this(name, servers, serversFrom, otherSources, asComplete, searchDomains, null);
        }

        @Override
        public Kind kind() {
            return Kind.DNS;
        }

        @Override
        public String where() {
            String dns = servers.isEmpty() ? "DNS" : "DNS (" + String.join(", ", servers) + ")";
            return policyRule == null ? dns : dns + ", by the Name Resolution Policy rule for " + policyRule.namespace();
        }
    }

    /**
     * A DNS answer for the name completed by a search suffix: db01 as db01.corp.example.com.
     *
     * @param name     the name as given ("db01")
     * @param fullName the name answered ("db01.corp.example.com")
     * @param suffix   the search suffix that completed it ("corp.example.com")
     */
    record SearchSuffix(String name, String fullName, String suffix, List<String> servers, String serversFrom)
            implements AddressSource {
        public SearchSuffix {
            servers = List.copyOf(servers);
        }

        @Override
        public Kind kind() {
            return Kind.SEARCH_SUFFIX;
        }

        @Override
        public String where() {
            return "DNS as " + fullName + " (search suffix " + suffix + ")";
        }
    }

    /** It cannot be told; {@code reason} says why. */
    record Unknown(String reason) implements AddressSource {
        @Override
        public Kind kind() {
            return Kind.UNKNOWN;
        }

        @Override
        public String where() {
            return "unknown";
        }
    }
}
