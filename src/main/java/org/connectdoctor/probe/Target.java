package org.connectdoctor.probe;

import org.connectdoctor.net.Family;

/** What to connect to, as the user wrote it and the parser validated it. */
public sealed interface Target permits Target.Inet, Target.Unix {

    /** The target the way the user would write it again. */
    String display();

    /** How the host part of an IP target is written. */
    enum HostKind { NAME, IPV4, IPV6 }

    /**
     * A host and a port or service name.
     *
     * @param host    a name, an IPv4 literal, or an IPv6 literal without brackets (zone kept)
     * @param service the port number as digits, or a service name such as "https"
     * @param kind    name or literal of which family
     */
    record Inet(String host, String service, HostKind kind) implements Target {

        /** The port number, or -1 when the service is a name resolved later. */
        public int port() {
            // A plain loop, not a stream: the engine asks this once per run, floods thousands of times a second.
            for (int i = 0; i < service.length(); i++) {
                if (!Character.isDigit(service.charAt(i))) {
                    return -1;
                }
            }
            return Integer.parseInt(service);
        }

        public boolean isLiteral() {
            return kind != HostKind.NAME;
        }

        /** The family a literal fixes; null for a name. */
        public Family literalFamily() {
            return switch (kind) {
                case IPV4 -> Family.INET;
                case IPV6 -> Family.INET6;
                case NAME -> null;
            };
        }

        @Override
        public String display() {
            return (kind == HostKind.IPV6 ? "[" + host + "]" : host) + ":" + service;
        }
    }

    /** A Unix-domain socket: a path, or an abstract name (Linux). */
    record Unix(String path, boolean abstractName) implements Target {
        @Override
        public String display() {
            return "unix:" + (abstractName ? "@" : "") + path;
        }
    }
}
