package org.connectdoctor.sys;

import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;

/**
 * What the explanation's context checks need to know about this computer, read by the running
 * OS's backend (sys.linux: the kernel's tables, rtnetlink, getifaddrs; sys.windows: iphlpapi;
 * sys.darwin). Every "source" a record carries says, in words, where the fact was read, so a
 * finding can name it without knowing the OS.
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

    /** The process holding the Unix socket {@code socket}; Known(empty) when nobody visible does. */
    default Read<Optional<OwnerProcess>> owner(UnixSocketEntry socket) {
        return Read.unknown("which process holds a Unix socket is not read on this system");
    }

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

    /** @param source where this was read, as the OS's own tools name it: "net.ipv4.ip_local_port_range" */
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

    /**
     * Why this process's standard input cannot be read (closed, or open for writing only), or null
     * when it can or this system cannot tell: then a read that fails says so itself.
     */
    default String standardInputProblem() {
        return null;
    }

    /**
     * Every network interface with its kind (tunnel, VPN, Wi-Fi, Ethernet), up or down; the
     * explanation tells "through the VPN" from "around it" by these.
     */
    default Read<java.util.List<NetworkLink>> links() {
        return Read.unknown("the kinds of the network interfaces are not read on this system");
    }

    /** The static host-name table (the hosts file). */
    default Read<HostsFile> hostsFile() {
        return Read.unknown("the hosts file is not read on this system");
    }

    /** The service-name table getaddrinfo uses for names such as "https". */
    default Read<ServiceNames> serviceNames() {
        return Read.unknown("the service-name table is not read on this system");
    }

    /** The order in which host-name sources are asked ("files dns"), when the OS makes it configurable. */
    default Read<LookupOrder> lookupOrder() {
        return Read.unknown("the name-lookup order is not read on this system");
    }

    /** Whether IPv6 is switched off for the whole computer. */
    default Read<Ipv6Status> ipv6Status() {
        return Read.unknown("whether IPv6 is disabled is not read on this system");
    }

    /**
     * Whether an IPv6 socket bound to the unspecified address [::] takes only IPv6 unless its
     * program clears IPV6_V6ONLY: true on Windows (its default), false on Linux unless
     * net.ipv6.bindv6only = 1 (then a [::] listener also takes IPv4 connections, as ::ffff:a.b.c.d).
     * The socket tables do not show a socket's own setting; this is the default it started with.
     */
    default Read<V6OnlyDefault> ipv6OnlyDefault() {
        return Read.unknown("whether an IPv6 listener also takes IPv4 by default is not read on this system");
    }

    /**
     * @param v6only a [::] socket takes IPv6 connections only, unless its program turns IPV6_V6ONLY off
     * @param source where this was read or why it is fixed: "net.ipv6.bindv6only = 0",
     *               "Windows sockets start with IPV6_V6ONLY on"
     */
    record V6OnlyDefault(boolean v6only, String source) {
    }

    /** The packet filters present (nf_tables, iptables, Windows Defender Firewall); Known(empty): none. */
    default Read<List<PacketFilter>> packetFilters() {
        return Read.unknown("the packet filters are not read on this system");
    }

    /**
     * What this computer's own firewall does with an outgoing packet of {@code transport} to
     * {@code destination}: its state and the rules that match. Unknown, with the reason and what
     * would show it ("needs root: nft list ruleset"), where the rules cannot be read; never an
     * empty list for "could not read".
     *
     * @param program the executable whose rules matter (Windows rules can name a program), or null
     */
    default Read<LocalFirewall> firewall(Transport transport, org.connectdoctor.net.SockAddr destination,
                                         String program) {
        return Read.unknown("this computer's firewall rules are not read on this system");
    }

    /**
     * The system's own verdict on whether this computer reaches the internet (full, a captive
     * portal, the local network only, none), as it keeps it from its own checks; reading it sends
     * nothing. Unknown, with the reason, where the system keeps none or it cannot be read.
     */
    default Read<Connectivity> connectivity() {
        return Read.unknown("the system's own connectivity verdict is not read on this system");
    }

    /**
     * The firewall and antivirus products the system's security centre lists (Windows Security
     * Center), in its order; Known(empty) when it lists none, Unknown where there is none to ask.
     */
    default Read<List<SecurityProduct>> securityProducts() {
        return Read.unknown("this system has no security centre that lists firewall and antivirus products");
    }

    /**
     * Windows' Name Resolution Policy Table: the rules that send names of a namespace to their own
     * name servers. Unknown where the system has no such table or it cannot be read.
     */
    default Read<List<NameRule>> nameResolutionPolicy() {
        return Read.unknown("this system has no Name Resolution Policy Table");
    }

    /** The mandatory access-control policy (SELinux), or Known(empty) when none is active. */
    default Read<Optional<SecurityPolicy>> securityPolicy() {
        return Read.unknown("the security policy is not read on this system");
    }

    /** The operating system's own name for itself ("Debian GNU/Linux 12 (bookworm)"). */
    default Read<String> systemName() {
        return Read.unknown("the system's release name is not read on this system");
    }

    /** This computer's host name, as the kernel has it (no name lookup). */
    default Read<String> hostName() {
        return Read.unknown("the host name is not read on this system");
    }

    /**
     * @param entries the address lines, in file order
     * @param source  where it was read: "/etc/hosts"
     */
    record HostsFile(List<HostsEntry> entries, String source) {
        public HostsFile {
            entries = List.copyOf(entries);
        }

        /** Whether some line names {@code host} (case-insensitive). */
        public boolean names(String host) {
            return entries.stream().anyMatch(e -> e.names().stream().anyMatch(n -> n.equalsIgnoreCase(host)));
        }

        /**
         * The lines of a hosts file as every system writes it (hosts(5); Windows' file has the same
         * form): an address, then names; '#' starts a comment. Line numbers count from 1 and count
         * every line, blank and comment lines included, as an editor shows them.
         */
        public static HostsFile parse(List<String> lines, String source) {
            List<HostsEntry> entries = new java.util.ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).replaceAll("#.*", "").strip().split("\\s+");
                if (f.length > 1) {
                    entries.add(new HostsEntry(f[0], List.of(f).subList(1, f.length), i + 1));
                }
            }
            return new HostsFile(entries, source);
        }
    }

    /**
     * @param names the host name and its aliases
     * @param line  the line of the file it is on, from 1; 0 when not known
     */
    record HostsEntry(String address, List<String> names, int line) {
        public HostsEntry {
            names = List.copyOf(names);
        }

        /** An entry whose line is not known. */
        public HostsEntry(String address, List<String> names) {
            this(address, names, 0);
        }
    }

    /**
     * @param entries the services, in table order
     * @param source  where it was read: "/etc/services"
     */
    record ServiceNames(List<ServiceName> entries, String source) {
        public ServiceNames {
            entries = List.copyOf(entries);
        }
    }

    /**
     * @param name     the service's name ("https")
     * @param port     its port and protocol as the table writes it ("443/tcp")
     * @param aliases  other names for it
     */
    record ServiceName(String name, String port, List<String> aliases) {
        public ServiceName {
            aliases = List.copyOf(aliases);
        }
    }

    /** @param order the sources in the order asked ("files dns"); @param source where: "/etc/nsswitch.conf" */
    record LookupOrder(String order, String source) {
    }

    /**
     * @param disabled   IPv6 is off for every interface
     * @param setting    the setting as shown to a user: "net.ipv6.conf.all.disable_ipv6 = 1"
     * @param enableWith the value that switches it on again: "net.ipv6.conf.all.disable_ipv6 = 0"
     */
    record Ipv6Status(boolean disabled, String setting, String enableWith) {
    }

    /**
     * @param name    "nf_tables", "iptables tables filter, nat", "Windows Defender Firewall"
     * @param inspect the command that lists its rules on this OS ("nft list ruleset"), or null
     */
    record PacketFilter(String name, String inspect) {
    }

    /**
     * @param name      "SELinux"
     * @param enforcing denials are enforced, not only logged
     * @param inspect   the command that lists recent denials, or null
     */
    record SecurityPolicy(String name, boolean enforcing, String inspect) {
    }

    /**
     * The operating system's own store of trusted certificate authorities: what browsers and the
     * system's TLS libraries trust. Unknown where the system's store is not located yet.
     */
    default Read<SystemTrustStore> systemTrustStore() {
        return Read.unknown("where this system keeps its trusted certificate authorities is not read here");
    }

    /**
     * The proxy configuration that applications which use this computer's setting are given.
     * Unknown is never "no proxy": it says which setting could not be read.
     */
    default Read<ProxySettings> proxySettings() {
        return Read.unknown("this computer's proxy setting is not read on this system");
    }

    /**
     * The proxies the operating system's own PAC evaluation (or WPAD) picks for {@code url}, as
     * it returns them ("proxy.corp:8080", "DIRECT"); Unknown where the system offers none or it failed.
     */
    default Read<String> proxyForUrl(String url) {
        return Read.unknown("this system offers no evaluation of a PAC file to Connect Doctor");
    }

    /** The reader for the running OS, as {@link Platform} picks it; on a system without one, a reader that says it cannot tell. */
    static HostState current() {
        return Platform.current().host();
    }
}
