package org.connectdoctor.sys.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;

/**
 * This computer's network state as Linux shows it, read as the calling thread sees it:
 * /proc/thread-self/net follows the thread's network namespace (and so do /proc/sys/net, the
 * rtnetlink socket and getifaddrs(3)), so a check run on a thread inside a namespace reads that
 * namespace. Socket tables from /proc/net/tcp, tcp6, udp, udp6 and unix; the process holding a
 * socket from the /proc/PID/fd links; settings from /proc/sys; routes and neighbours through
 * {@link LinuxNetlink}; resolvers, hosts, services and lookup order from /etc. Only reads.
 */
public final class LinuxHostState implements HostState {

    public static final LinuxHostState INSTANCE = new LinuxHostState();

    /** The environment's proxy variables, else GNOME's setting where it can be read (see {@link LinuxProxy}). */
    @Override
    public Read<org.connectdoctor.sys.ProxySettings> proxySettings() {
        String home = System.getProperty("user.home");
        return LinuxProxy.read(System.getenv(), home == null || home.isBlank() ? null : Path.of(home),
                Path.of("/etc/dconf/db"));
    }

    @Override
    public String standardInputProblem() {
        return LinuxStandardInput.problem();
    }

    /** Where the calling thread reads /proc/net from instead, for tests of an unreadable /proc. */
    private static final ThreadLocal<Path> PROC_NET = new ThreadLocal<>();

    private static final Path PROC = Path.of("/proc");
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Path SYN_RETRIES = Path.of("/proc/sys/net/ipv4/tcp_syn_retries");
    private static final Path DISABLE_IPV6 = Path.of("/proc/sys/net/ipv6/conf/all/disable_ipv6");
    private static final Path BINDV6ONLY = Path.of("/proc/sys/net/ipv6/bindv6only");
    private static final Path MODULES = Path.of("/proc/modules");
    private static final Path SELINUX_ENFORCE = Path.of("/sys/fs/selinux/enforce");
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Path HOSTS = Path.of("/etc/hosts");
    private static final Path SERVICES = Path.of("/etc/services");
    private static final Path NSSWITCH = Path.of("/etc/nsswitch.conf");
    private static final Path OS_RELEASE = Path.of("/etc/os-release");
    private static final Path HOSTNAME = Path.of("/proc/sys/kernel/hostname");
    /** Linux's ceiling on the retransmission timeout (TCP_RTO_MAX, include/net/tcp.h). */
    private static final int RTO_MAX_SECONDS = 120;
    /** SO_ACCEPTCON in the flags column of /proc/net/unix: the socket listens. */
    private static final long SO_ACCEPTCON = 0x10000;

    private LinuxHostState() {
    }

    /** /proc/thread-self/net when it exists (Linux 3.17+), else /proc/self/net. */
    static Path procNet() {
        Path override = PROC_NET.get();
        if (override != null) {
            return override;
        }
        Path p = Path.of("/proc/thread-self/net");
        return Files.isDirectory(p) ? p : Path.of("/proc/self/net");
    }

    /**
     * Runs {@code task} on this thread with /proc/net read from {@code dir}: a test points the
     * readers at a missing or empty directory to see what the checks say when /proc is masked.
     */
    public static <T> T withProcNet(Path dir, Supplier<T> task) {
        Path before = PROC_NET.get();
        PROC_NET.set(dir);
        try {
            return task.get();
        } finally {
            PROC_NET.set(before);
        }
    }

    /**
     * A missing IPv6 table on a kernel without IPv6 is none; any other table that cannot be read
     * makes the whole answer unknown, since a partial list would read as "nothing there".
     */
    @Override
    public Read<List<SocketEntry>> sockets(Transport transport) {
        String base = transport == Transport.TCP ? "tcp" : "udp";
        List<SocketEntry> out = new ArrayList<>();
        for (String table : List.of(base, base + "6")) {
            Read<List<String>> read = readLines(procNet().resolve(table));
            if (read instanceof Read.Unknown<List<String>> u) {
                if (table.endsWith("6") && !Files.exists(procNet().resolve("if_inet6"))
                        && Files.isReadable(procNet().resolve(base))) {
                    continue; // no IPv6 in this kernel: no IPv6 sockets
                }
                return Read.unknown(u.reason());
            }
            parseInetTable(transport, read.orElse(List.of()), out);
        }
        return Read.known(out);
    }

    /** The lines of /proc/net/tcp, tcp6, udp or udp6, after the header; malformed lines are left out. */
    static void parseInetTable(Transport transport, List<String> lines, List<SocketEntry> out) {
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            try {
                SockAddr local = hexAddress(f[1]);
                SockAddr remote = hexAddress(f[2]);
                SocketState state = state(transport, Integer.parseInt(f[3], 16));
                String[] queues = f[4].split(":");
                long tx = Long.parseLong(queues[0], 16);
                long rx = Long.parseLong(queues[1], 16);
                long inode = Long.parseLong(f[9]);
                // For a listener the kernel shows its accept queue as rx; its limit is not in this
                // table (only sock_diag gives it), and tx is always 0.
                out.add(state == SocketState.LISTEN
                        ? new SocketEntry(transport, local, remote, state, -1, rx, -1, inode)
                        : new SocketEntry(transport, local, remote, state, tx, rx, -1, inode));
            } catch (RuntimeException malformed) {
                // a line this reader does not understand is left out, not fatal
            }
        }
    }

    /** The TCP_* states of include/net/tcp_states.h; a UDP socket is CLOSE (bound) or ESTABLISHED. */
    static SocketState state(Transport transport, int code) {
        if (transport == Transport.UDP) {
            return switch (code) {
                case 0x01 -> SocketState.ESTABLISHED;
                case 0x07 -> SocketState.BOUND;
                default -> SocketState.UNKNOWN;
            };
        }
        return switch (code) {
            case 0x01 -> SocketState.ESTABLISHED;
            case 0x02 -> SocketState.SYN_SENT;
            case 0x03 -> SocketState.SYN_RECEIVED;
            case 0x04 -> SocketState.FIN_WAIT1;
            case 0x05 -> SocketState.FIN_WAIT2;
            case 0x06 -> SocketState.TIME_WAIT;
            case 0x07 -> SocketState.CLOSED;
            case 0x08 -> SocketState.CLOSE_WAIT;
            case 0x09 -> SocketState.LAST_ACK;
            case 0x0A -> SocketState.LISTEN;
            case 0x0B -> SocketState.CLOSING;
            default -> SocketState.UNKNOWN;
        };
    }

    /** "0100007F:1538" (IPv4, host byte order) or 32 hex digits (IPv6, four host-order words). */
    static SockAddr hexAddress(String field) {
        int colon = field.indexOf(':');
        String addr = field.substring(0, colon);
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        if (addr.length() == 8) {
            return new SockAddr.Inet4(Integer.reverseBytes((int) Long.parseLong(addr, 16)), port);
        }
        byte[] octets = new byte[16];
        for (int w = 0; w < 4; w++) {
            int word = Integer.reverseBytes((int) Long.parseLong(addr.substring(w * 8, w * 8 + 8), 16));
            octets[w * 4] = (byte) (word >>> 24);
            octets[w * 4 + 1] = (byte) (word >>> 16);
            octets[w * 4 + 2] = (byte) (word >>> 8);
            octets[w * 4 + 3] = (byte) word;
        }
        SockAddr.Inet6 v6 = SockAddr.Inet6.of(octets, port, 0, 0);
        // A dual-stack socket bound to ::ffff:a.b.c.d is, for every purpose here, bound to a.b.c.d.
        return v6.isV4Mapped() ? new SockAddr.Inet4((int) v6.low(), port) : v6;
    }

    /**
     * The process whose descriptor table holds the socket (its inode is the entry's key): only
     * processes this user may inspect are seen (root sees all). Stops at the first match.
     */
    @Override
    public Read<Optional<OwnerProcess>> owner(SocketEntry socket) {
        return holder(socket.key());
    }

    @Override
    public Read<Optional<OwnerProcess>> owner(UnixSocketEntry socket) {
        return holder(socket.key());
    }

    /** The process holding the socket with {@code inode}, or why /proc could not be searched. */
    public Read<Optional<OwnerProcess>> holder(long inode) {
        String link = "socket:[" + inode + "]";
        try (var procs = Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (var fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (link.equals(Files.readSymbolicLink(fd).toString())) {
                                String comm = readLines(proc.resolve("comm")).orElse(List.of()).stream()
                                        .findFirst().map(String::strip).orElse(null);
                                return Read.known(Optional.of(new OwnerProcess(
                                        Long.parseLong(proc.getFileName().toString()), comm)));
                            }
                        } catch (IOException | RuntimeException gone) {
                            // the descriptor closed meanwhile
                        }
                    }
                } catch (IOException | RuntimeException notOurs) {
                    // another user's process, or it exited
                }
            }
        } catch (IOException | RuntimeException e) {
            return Read.unknown("/proc could not be searched for the process holding the socket (" + e + ")");
        }
        return Read.known(Optional.empty());
    }

    /** The Unix sockets of /proc/net/unix, bound or not. */
    @Override
    public Read<List<UnixSocketEntry>> unixSockets() {
        Read<List<String>> read = readLines(procNet().resolve("unix"));
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        return Read.known(parseUnixTable(read.orElse(List.of())));
    }

    static List<UnixSocketEntry> parseUnixTable(List<String> lines) {
        List<UnixSocketEntry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            try {
                long flags = Long.parseLong(f[3], 16);
                SocketType type = switch (Integer.parseInt(f[4], 16)) {
                    case 1 -> SocketType.STREAM;
                    case 2 -> SocketType.DGRAM;
                    case 5 -> SocketType.SEQPACKET;
                    default -> null;
                };
                long inode = Long.parseLong(f[6]);
                String path = f.length > 7 ? f[7] : "";
                if (type != null) {
                    out.add(new UnixSocketEntry(type, (flags & SO_ACCEPTCON) != 0, path, inode));
                }
            } catch (RuntimeException malformed) {
                // skipped
            }
        }
        return out;
    }

    @Override
    public RouteLookup route(SockAddr destination) {
        return LinuxNetlink.INSTANCE.route(destination);
    }

    @Override
    public NeighbourLookup neighbour(SockAddr address, String device) {
        return LinuxNetlink.INSTANCE.neighbour(address, device);
    }

    /** From getifaddrs(3), which answers for the calling thread's namespace. */
    @Override
    public Read<List<NetInterface>> interfaces() {
        List<NetInterface> list;
        try {
            list = LinuxSockets.INSTANCE.interfaces();
        } catch (RuntimeException | LinkageError e) {
            return Read.unknown("getifaddrs(3) could not be called (" + e.getMessage() + ")");
        }
        // Every network namespace has at least its loopback interface: none at all means the call failed.
        return list.isEmpty() ? Read.unknown("getifaddrs(3) listed no interface") : Read.known(list);
    }

    @Override
    public Read<Resolvers> resolvers() {
        return readLines(RESOLV_CONF).map(lines -> {
            List<String> search = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 2 && (f[0].equals("search") || f[0].equals("domain"))) {
                    search.clear(); // the last search or domain line wins (resolv.conf(5))
                    search.addAll(List.of(f).subList(1, f.length));
                }
            }
            return new Resolvers(LinuxSockets.nameservers(lines), search, RESOLV_CONF.toString());
        });
    }

    @Override
    public Read<PortRange> ephemeralPorts(Transport transport) {
        Read<List<String>> read = readLines(PORT_RANGE);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        String[] bounds = read.orElse(List.of()).stream().findFirst().orElse("").strip().split("\\s+");
        try {
            return Read.known(new PortRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]),
                    "net.ipv4.ip_local_port_range"));
        } catch (RuntimeException e) {
            return Read.unknown(PORT_RANGE + " does not hold two port numbers");
        }
    }

    @Override
    public Read<ConnectRetry> connectRetry() {
        Read<List<String>> read = readLines(SYN_RETRIES);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        int retries;
        try {
            retries = Integer.parseInt(read.orElse(List.of()).stream().findFirst().orElse("").strip());
        } catch (NumberFormatException e) {
            return Read.unknown(SYN_RETRIES + " does not hold a number");
        }
        return Read.known(new ConnectRetry(retries, giveUpSeconds(retries), "net.ipv4.tcp_syn_retries"));
    }

    /**
     * The first SYN waits 1 s, each retry doubles the wait up to TCP_RTO_MAX, and connect fails
     * when the wait after the last retry ends: 2^(n+1) - 1 s while no wait reaches the ceiling.
     */
    static int giveUpSeconds(int retries) {
        long total = 0;
        for (int i = 0; i <= retries && total < Integer.MAX_VALUE; i++) {
            total += Math.min(1L << Math.min(i, 20), RTO_MAX_SECONDS);
        }
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    @Override
    public Read<HostsFile> hostsFile() {
        return readLines(HOSTS).map(lines -> HostsFile.parse(lines, HOSTS.toString()));
    }

    /**
     * The links over rtnetlink (RTM_GETLINK), each placed by its IFLA_INFO_KIND and hardware type,
     * a physical Ethernet device told from Wi-Fi by /sys/class/net (see {@link LinuxLinks}).
     */
    @Override
    public Read<List<org.connectdoctor.sys.NetworkLink>> links() {
        return LinuxNetlink.INSTANCE.links();
    }

    @Override
    public Read<ServiceNames> serviceNames() {
        return readLines(SERVICES).map(lines -> {
            List<ServiceName> entries = new ArrayList<>();
            for (String line : lines) {
                String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
                if (f.length >= 2) {
                    entries.add(new ServiceName(f[0], f[1], List.of(f).subList(2, f.length)));
                }
            }
            return new ServiceNames(entries, SERVICES.toString());
        });
    }

    @Override
    public Read<LookupOrder> lookupOrder() {
        Read<List<String>> read = readLines(NSSWITCH);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        return read.orElse(List.of()).stream().map(String::strip).filter(l -> l.startsWith("hosts:")).findFirst()
                .map(l -> Read.known(new LookupOrder(l.substring(6).replaceAll("#.*", "").strip(), NSSWITCH.toString())))
                .orElse(Read.unknown(NSSWITCH + " has no hosts line"));
    }

    @Override
    public Read<Ipv6Status> ipv6Status() {
        Read<List<String>> read = readLines(DISABLE_IPV6);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        String value = read.orElse(List.of()).stream().findFirst().orElse("").strip();
        return Read.known(new Ipv6Status(value.equals("1"), "net.ipv6.conf.all.disable_ipv6 = " + value,
                "net.ipv6.conf.all.disable_ipv6 = 0"));
    }

    /** net.ipv6.bindv6only of the calling thread's network namespace: 0 (the kernel's default) or 1. */
    @Override
    public Read<V6OnlyDefault> ipv6OnlyDefault() {
        return bindV6Only(BINDV6ONLY);
    }

    /** The bindv6only setting as {@code file} holds it; Unknown when it cannot be read or is not 0 or 1. */
    static Read<V6OnlyDefault> bindV6Only(Path file) {
        Read<List<String>> read = readLines(file);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        String value = read.orElse(List.of()).stream().findFirst().orElse("").strip();
        if (!value.equals("0") && !value.equals("1")) {
            return Read.unknown(file + " holds \"" + value + "\", not 0 or 1");
        }
        return Read.known(new V6OnlyDefault(value.equals("1"), "net.ipv6.bindv6only = " + value));
    }

    /** nf_tables when its module is loaded; the iptables tables in use (ip_tables_names). */
    @Override
    public Read<List<PacketFilter>> packetFilters() {
        Read<List<String>> modules = readLines(MODULES);
        if (modules instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        List<PacketFilter> out = new ArrayList<>();
        if (modules.orElse(List.of()).stream().anyMatch(l -> l.startsWith("nf_tables "))) {
            out.add(new PacketFilter("nf_tables", "nft list ruleset"));
        }
        // The file exists only while the ip_tables module is loaded: absent is "no iptables tables".
        List<String> tables = readLines(procNet().resolve("ip_tables_names")).orElse(List.of()).stream()
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (!tables.isEmpty()) {
            out.add(new PacketFilter("iptables tables " + String.join(", ", tables), "iptables -S"));
        }
        return Read.known(out);
    }

    @Override
    public Read<Optional<SecurityPolicy>> securityPolicy() {
        if (!Files.exists(SELINUX_ENFORCE)) {
            return Read.known(Optional.empty()); // selinuxfs is mounted whenever SELinux is active
        }
        Read<List<String>> mode = readLines(SELINUX_ENFORCE);
        if (mode instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        boolean enforcing = mode.orElse(List.of()).stream().findFirst().orElse("").strip().equals("1");
        return Read.known(Optional.of(new SecurityPolicy("SELinux", enforcing, "ausearch -m avc -ts recent")));
    }

    /** PRETTY_NAME of os-release(5). */
    @Override
    public Read<String> systemName() {
        Read<List<String>> read = readLines(OS_RELEASE);
        if (read instanceof Read.Unknown<List<String>> u) {
            return Read.unknown(u.reason());
        }
        return read.orElse(List.of()).stream().filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                .map(l -> Read.known(l.substring(12).strip().replace("\"", "")))
                .orElse(Read.unknown(OS_RELEASE + " has no PRETTY_NAME"));
    }

    /**
     * The bundle of trusted authorities that OpenSSL, GnuTLS and curl read: the first of the
     * distributions' usual places that exists (Debian and Ubuntu, Fedora and RHEL, openSUSE,
     * Alpine and Arch).
     */
    static final List<Path> CA_BUNDLES = List.of(Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"), Path.of("/etc/ssl/ca-bundle.pem"),
            Path.of("/etc/ssl/cert.pem"));

    @Override
    public Read<org.connectdoctor.sys.SystemTrustStore> systemTrustStore() {
        for (Path p : CA_BUNDLES) {
            if (Files.isRegularFile(p)) {
                return Read.known(org.connectdoctor.sys.SystemTrustStore.bundle("the system bundle " + p, p));
            }
        }
        return Read.unknown("none of the usual CA bundles exists (" + String.join(", ",
                CA_BUNDLES.stream().map(Path::toString).toList()) + ")");
    }

    /** The UTS namespace's host name, as uname(2) gives it. */
    @Override
    public Read<String> hostName() {
        return readLines(HOSTNAME).map(lines -> lines.isEmpty() ? "" : lines.get(0).strip());
    }

    /** The file's lines, or why it cannot be read: "/proc/net/tcp does not exist". */
    static Read<List<String>> readLines(Path p) {
        try {
            return Read.known(Files.readAllLines(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Read.unknown(p + " does not exist");
        } catch (AccessDeniedException e) {
            return Read.unknown(p + " is not readable (permission denied)");
        } catch (IOException | RuntimeException e) {
            return Read.unknown(p + " is not readable (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /**
     * NetworkManager's verdict over the D-Bus system bus (see {@link NetworkManagerConnectivity}):
     * at most one second, sending nothing off this computer.
     */
    @Override
    public Read<org.connectdoctor.sys.Connectivity> connectivity() {
        return NetworkManagerConnectivity.read(System.getenv("DBUS_SYSTEM_BUS_ADDRESS"),
                NetworkManagerConnectivity.effectiveUid(), NetworkManagerConnectivity.LIMIT);
    }
}
