package org.connectdoctor.sys;

import java.util.Locale;
import java.util.Objects;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;

/**
 * The one place that picks this computer's backends by its operating system: the native sockets,
 * the host-state reader, the capabilities and the route reader. The contracts in this package name
 * no backend; their {@code current()}/{@code system()} ask here. An operating system none of the
 * backends is written for gets readers that say so, never Linux's rules.
 *
 * @param os      the running system, or null when it is none of the known ones
 * @param name    its name as the JVM gives it ("Linux", "Windows 11", "FreeBSD")
 * @param caps    what its sockets offer
 * @param host    its host-state reader
 * @param routes  its route and neighbour reader, for what {@code host} cannot tell yet
 * @param sockets its native sockets, or null where none are written (then {@code missing} says why)
 * @param missing why there are no native sockets, or null
 */
public record Platform(Os os, String name, Capabilities caps, HostState host, HostRoutes routes,
                       NativeSockets sockets, String missing) {

    private static final class Holder {
        static final Platform CURRENT = detect(Os.current(), System.getProperty("os.name", "this system"));
    }

    public Platform {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caps, "caps");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(routes, "routes");
        if ((sockets == null) == (missing == null)) {
            throw new IllegalArgumentException("a platform has native sockets or says why it has none");
        }
    }

    /** The platform this JVM runs on, picked once. */
    public static Platform current() {
        return Holder.CURRENT;
    }

    /** The native sockets, or UnsupportedOperationException with the reason where none are written. */
    public NativeSockets requireSockets() {
        if (sockets == null) {
            throw new UnsupportedOperationException(missing);
        }
        return sockets;
    }

    /** The capabilities of {@code os}, for words about another system (explain --os); null: an unknown one. */
    public static Capabilities capabilities(Os os) {
        if (os == null) {
            return new UnknownCapabilities(System.getProperty("os.name", "this system"));
        }
        return switch (os) {
            case LINUX -> org.connectdoctor.sys.linux.LinuxCapabilities.INSTANCE;
            case WINDOWS -> org.connectdoctor.sys.windows.WindowsCapabilities.INSTANCE;
            case MACOS -> org.connectdoctor.sys.darwin.DarwinCapabilities.INSTANCE;
        };
    }

    static Platform detect(Os os, String name) {
        Capabilities caps = os == null ? new UnknownCapabilities(name) : capabilities(os);
        if (os == null) {
            String why = "reading this computer's network state is not written for " + name;
            return new Platform(null, name, caps, new UnreadableHostState(why), unreadableRoutes(name), null,
                    "Connect Doctor's native probe is written for Linux and Windows; the " + name
                            + " bindings are not written yet.");
        }
        return switch (os) {
            case LINUX -> new Platform(os, name, caps, org.connectdoctor.sys.linux.LinuxHostState.INSTANCE,
                    org.connectdoctor.sys.linux.LinuxNetlink.INSTANCE, org.connectdoctor.sys.linux.LinuxSockets.INSTANCE,
                    null);
            case WINDOWS -> new Platform(os, name, caps, org.connectdoctor.sys.windows.WindowsHostState.INSTANCE,
                    unreadableRoutes(name), org.connectdoctor.sys.windows.WinsockSockets.instance(), null);
            case MACOS -> new Platform(os, name, caps, org.connectdoctor.sys.darwin.DarwinHostState.INSTANCE,
                    unreadableRoutes(name), null, "Connect Doctor's native probe runs on Linux and Windows; "
                    + "the macOS bindings are not written yet (their errno tables are).");
        };
    }

    private static HostRoutes unreadableRoutes(String name) {
        return new HostRoutes() {
            @Override
            public RouteLookup route(org.connectdoctor.net.SockAddr destination) {
                return new RouteLookup.Unknown("reading the routing table is not written yet for " + name);
            }

            @Override
            public NeighbourLookup neighbour(org.connectdoctor.net.SockAddr address, String device) {
                return new NeighbourLookup.Unknown("reading the neighbour table is not written yet for " + name);
            }
        };
    }

    /**
     * A system none of the backends is written for: TCP and UDP over IP are assumed, nothing more
     * (no Unix sockets, no seqpacket), and its name is the JVM's.
     */
    record UnknownCapabilities(String osName) implements Capabilities {
        @Override
        public Os os() {
            return null;
        }

        @Override
        public boolean supports(SocketType type, Family family) {
            return type != SocketType.SEQPACKET && family != Family.UNIX;
        }

        @Override
        public String unsupportedReason(SocketType type, Family family) {
            return supports(type, family) ? null : "Connect Doctor does not know what " + osName + " offers for "
                    + type.cliName() + " " + family.name().toLowerCase(Locale.ROOT) + " sockets; stream and datagram "
                    + "over IP are what it tries here.";
        }

        @Override
        public boolean abstractUnixNames() {
            return false;
        }

        @Override
        public boolean unixAutobind() {
            return false;
        }

        @Override
        public int unixPathMax() {
            return 103;
        }

        @Override
        public boolean perSocketIcmpErrors() {
            return false;
        }

        @Override
        public boolean networkNamespaces() {
            return false;
        }
    }
}
