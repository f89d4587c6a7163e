package org.connectdoctor.sys;

import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;

/**
 * What the explanation's context checks need to know about this computer, read by the running
 * OS's backend (sys.linux: /proc, rtnetlink, getifaddrs; sys.windows: iphlpapi; sys.darwin).
 * Every accessor tells unknown from empty: {@link Read.Unknown} says why the source could not
 * be read and is never to be shown as "nothing listens" or "no route". Only reads; never sends
 * anything off the computer. Implementations are thread-safe; on Linux they read the calling
 * thread's network namespace.
 */
public interface HostState {

    /** The TCP or UDP sockets of both IP families, in every state. */
    Read<List<SocketEntry>> sockets(Transport transport);

    /** The process holding {@code socket}; Known(empty) when the OS says nobody visible does. */
    Read<Optional<OwnerProcess>> owner(SocketEntry socket);

    /** The Unix-domain sockets, bound or not. */
    Read<List<UnixSocketEntry>> unixSockets();

    /** The route the OS would use for {@code destination}, with the source address it would pick. */
    RouteLookup route(SockAddr destination);

    /** The neighbour (ARP/NDP) entry for {@code address} on {@code device} (null: any interface). */
    NeighbourLookup neighbour(SockAddr address, String device);

    /** The interfaces and their addresses. */
    Read<List<NetInterface>> interfaces();

    /** The DNS servers this computer asks, in order, and where that was read. */
    Read<Resolvers> resolvers();

    /** The ephemeral (dynamic) port range used for outgoing {@code transport} sockets. */
    Read<PortRange> ephemeralPorts(Transport transport);

    /** How often the OS retransmits a connection request before giving up. */
    Read<ConnectRetry> connectRetry();

    /**
     * @param servers       name-server addresses, in the order asked
     * @param searchDomains suffixes tried for a short name
     * @param source        where this was read, in words: "/etc/resolv.conf", "the adapter settings"
     */
    record Resolvers(List<String> servers, List<String> searchDomains, String source) {
        public Resolvers {
            servers = List.copyOf(servers);
            searchDomains = List.copyOf(searchDomains);
        }
    }

    /** @param source where this was read: "/proc/sys/net/ipv4/ip_local_port_range" */
    record PortRange(int low, int high, String source) {
        public boolean contains(int port) {
            return port >= low && port <= high;
        }
    }

    /**
     * @param retries       connection-request retransmissions after the first (Linux
     *                      tcp_syn_retries; Windows TcpMaxConnectRetransmissions)
     * @param giveUpSeconds about how long the OS waits in all before connect fails, or -1
     * @param source        where this was read
     */
    record ConnectRetry(int retries, int giveUpSeconds, String source) {
    }

    /** The reader for the running OS; on a system without one, a reader that says it cannot tell. */
    static HostState current() {
        Os os = Os.current();
        if (os == null) {
            return new UnreadableHostState("reading this computer's network state is not written for "
                    + System.getProperty("os.name"));
        }
        return switch (os) {
            case WINDOWS -> org.connectdoctor.sys.windows.WindowsHostState.INSTANCE;
            case LINUX, MACOS -> new UnreadableHostState("reading this computer's network state is not written for " + os);
        };
    }
}
