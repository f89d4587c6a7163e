package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.Neighbour;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every context check, run with a host state of the test's own for each OS, says nothing
 * that belongs to another system: no Linux command or path (ss, ip route, nft, iptables,
 * systemctl, journalctl, sysctl names, /proc, /sys, /etc, /run) in a finding shown on Windows or
 * macOS, and no Windows tool on Linux or macOS. The host state answers with Known values chosen
 * so each check speaks (listeners on the port and beside it, a full accept queue, a reject route,
 * a failed neighbour, a disabled IPv6, packet filters, a hosts file…), and once more with
 * Unknown everywhere. The situations cover every errno the checks react to, on IPv4, IPv6 and
 * Unix targets, stream and datagram, with and without a source address. The test also requires
 * that every check spoke for every OS, so a check that went silent cannot pass for a clean one.
 * Like CatalogueOsTest for the catalogue's entries, but for the checks' own words.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChecksOsWordsTest {

    /** Linux commands, settings and paths: never in a finding on Windows or macOS. */
    static final Pattern LINUX = Pattern.compile(
            "\\b(ss|nft|iptables|ip6tables|systemctl|journalctl|resolvectl|nmcli|tracepath|fuser|sysctl|ufw"
                    + "|firewall-cmd|ausearch|getenforce)\\b|\\bip (route|addr|address|link|neigh|rule|-6)\\b"
                    + "|\\(ip rule\\)|\\bip\\(7\\)|net\\.(ipv4|ipv6|core)\\.|tcp_syn_retries"
                    + "|/proc/|/sys/|/etc/|/run/|SELinux, AppArmor");
    /** Windows tools: never in a finding on Linux or macOS. */
    static final Pattern WINDOWS = Pattern.compile(
            "netstat -ano|findstr|route print|tracert|ipconfig|arp -a\\b(?! -)|Get-Net|Test-NetConnection"
                    + "|Resolve-DnsName|wf\\.msc|services\\.msc|dir \"|\\\\Windows\\\\|HKLM");

    static final List<String> KEYS = List.of("ECONNREFUSED", "ECONNRESET", "TIMED_OUT", "ETIMEDOUT", "NO_REPLY",
            "ENETUNREACH", "EHOSTUNREACH", "EHOSTDOWN", "EACCES", "EPERM", "EADDRNOTAVAIL", "EADDRINUSE", "EAGAIN",
            "EWOULDBLOCK", "EINVAL", "EPROTOTYPE", "ENOENT", "ELOOP", "ENOTDIR", "ENAMETOOLONG", "EINPROGRESS",
            "EALREADY", "EISCONN", "EBADF", "ENOTSOCK", "EFAULT", "EAI_NONAME", "EAI_AGAIN", "EAI_SERVICE",
            "EAI_FAIL", "LOOKUP_TIMED_OUT");

    @TempDir
    static Path dir;

    static Path staleSocket;
    static Path noSuchSocket;
    static Path notADirectory;

    @BeforeAll
    static void files() throws Exception {
        staleSocket = dir.resolve("stale.sock");
        Files.writeString(staleSocket, ""); // a file where a socket is expected
        noSuchSocket = dir.resolve("missing").resolve("app.sock");
        Path plain = dir.resolve("plain");
        Files.writeString(plain, "");
        notADirectory = plain.resolve("app.sock");
    }

    // ---- addresses ----

    static SockAddr v4(String literal, int port) throws Exception {
        return SockAddr.Inet4.of(InetAddress.getByName(literal).getAddress(), port);
    }

    static SockAddr v6(String literal, int port, int scope) throws Exception {
        return SockAddr.Inet6.of(InetAddress.getByName(literal).getAddress(), port, 0, scope);
    }

    // ---- the host state of the test ----

    /** A host whose every accessor answers Known, with facts worded as {@code os}'s backend words them. */
    static class KnownHost implements HostState {
        final Os os;
        final boolean v6only;

        KnownHost(Os os, boolean v6only) {
            this.os = os;
            this.v6only = v6only;
        }

        KnownHost(Os os) {
            this(os, os == Os.WINDOWS);
        }

        @Override
        public Read<List<SocketEntry>> sockets(Transport t) {
            try {
                List<SocketEntry> out = new ArrayList<>();
                // the ephemeral range (40000-40010) nearly used up towards 10.0.0.7:80
                for (int port = 40001; port <= 40010; port++) {
                    out.add(new SocketEntry(t, v4("10.0.0.5", port), v4("10.0.0.7", 80), SocketState.TIME_WAIT, 0, 0,
                            -1, 5000 + port));
                }
                out.addAll(List.of(
                        // 5432: a listener on 127.0.0.1 whose accept queue is full
                        new SocketEntry(t, v4("127.0.0.1", 5432), v4("0.0.0.0", 0), t == Transport.TCP
                                ? SocketState.LISTEN : SocketState.BOUND, 0, 9, 5, 4711),
                        // 6000: on ::1 only
                        new SocketEntry(t, v6("::1", 6000, 0), v6("::", 0, 0), t == Transport.TCP
                                ? SocketState.LISTEN : SocketState.BOUND, 0, 0, 128, 4712),
                        // 8080: on [::] only
                        new SocketEntry(t, v6("::", 8080, 0), v6("::", 0, 0), t == Transport.TCP
                                ? SocketState.LISTEN : SocketState.BOUND, 0, 0, -1, 4713),
                        // 22: on every IPv4 address
                        new SocketEntry(t, v4("0.0.0.0", 22), v4("0.0.0.0", 0), t == Transport.TCP
                                ? SocketState.LISTEN : SocketState.BOUND, 0, 0, 128, 4714),
                        // a connection from the source port the probes use
                        new SocketEntry(t, v4("127.0.0.1", 40000), v4("127.0.0.1", 5432), SocketState.ESTABLISHED,
                                0, 0, -1, 4715)));
                return Read.known(out);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public Read<Optional<OwnerProcess>> owner(SocketEntry socket) {
            return Read.known(Optional.of(new OwnerProcess(1234, os == Os.WINDOWS ? "postgres.exe" : "postgres")));
        }

        @Override
        public Read<List<UnixSocketEntry>> unixSockets() {
            return Read.known(List.of(new UnixSocketEntry(SocketType.STREAM, true, dir.resolve("live.sock").toString(),
                    99), new UnixSocketEntry(SocketType.DGRAM, true, dir.resolve("dgram.sock").toString(), 98)));
        }

        @Override
        public Read<Optional<OwnerProcess>> owner(UnixSocketEntry socket) {
            return Read.known(Optional.of(new OwnerProcess(77, "app")));
        }

        @Override
        public RouteLookup route(SockAddr destination) {
            try {
                Family f = destination.family();
                String host = destination.host();
                if (host.startsWith("10.79.")) {
                    return new RouteLookup.Rejected(new Route(f, RouteType.PROHIBIT, Route.TABLE_MAIN,
                            v4("10.79.0.0", 0), 24, null, null, null, -1), "Permission denied");
                }
                if (host.startsWith("10.78.")) {
                    return new RouteLookup.Rejected(new Route(f, RouteType.UNREACHABLE, Route.TABLE_MAIN,
                            v4("10.78.0.0", 0), 24, null, null, null, -1), "No route to host");
                }
                if (host.startsWith("10.80.") || host.startsWith("fd")) {
                    return new RouteLookup.NoRoute("Network is unreachable", List.of());
                }
                if (host.startsWith("127.") || host.equals("::1")) {
                    SockAddr self = f == Family.INET ? v4("127.0.0.1", 0) : v6("::1", 0, 0);
                    Route r = new Route(f, RouteType.LOCAL, Route.TABLE_LOCAL, destination, f == Family.INET ? 32 : 128,
                            null, "lo", self, 0);
                    return new RouteLookup.Routed(r, r);
                }
                SockAddr gw = f == Family.INET ? v4("10.0.0.1", 0) : v6("fe80::1", 0, 2);
                SockAddr src = f == Family.INET ? v4("10.0.0.5", 0) : v6("2001:db8::5", 0, 0);
                Route r = new Route(f, RouteType.UNICAST, Route.TABLE_MAIN, destination, f == Family.INET ? 32 : 128, gw,
                        "eth0", src, 100);
                Route entry = new Route(f, RouteType.UNICAST, Route.TABLE_MAIN, f == Family.INET ? v4("0.0.0.0", 0)
                        : v6("::", 0, 0), 0, gw, "eth0", null, 100);
                return new RouteLookup.Routed(r, entry);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public NeighbourLookup neighbour(SockAddr address, String device) {
            return new NeighbourLookup.Found(new Neighbour(address, device == null ? "eth0" : device,
                    Neighbour.State.FAILED));
        }

        @Override
        public Read<List<NetInterface>> interfaces() {
            try {
                return Read.known(List.of(
                        new NetInterface(os == Os.WINDOWS ? "Loopback Pseudo-Interface 1" : "lo", true, true, true,
                                List.of(new NetInterface.Address(v4("127.0.0.1", 0), 8, null),
                                        new NetInterface.Address(v6("::1", 0, 0), 128, null))),
                        new NetInterface(os == Os.WINDOWS ? "Ethernet" : "eth0", true, true, false,
                                List.of(new NetInterface.Address(v4("10.0.0.5", 0), 24, v4("10.0.0.255", 0)),
                                        new NetInterface.Address(v6("fe80::5", 0, 2), 64, null))),
                        new NetInterface(os == Os.WINDOWS ? "Wi-Fi" : "wlan0", false, false, false,
                                List.of(new NetInterface.Address(v4("192.0.2.9", 0), 24, v4("192.0.2.255", 0))))));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        private String where(String linux, String windows, String macos) {
            return switch (os) {
                case LINUX -> linux;
                case WINDOWS -> windows;
                case MACOS -> macos;
            };
        }

        @Override
        public Read<Resolvers> resolvers() {
            return Read.known(new Resolvers(List.of("10.0.0.53"), List.of("corp.test"),
                    where("/etc/resolv.conf", "the adapter settings", "the system's DNS configuration")));
        }

        @Override
        public Read<PortRange> ephemeralPorts(Transport transport) {
            return Read.known(new PortRange(40000, 40010, where("net.ipv4.ip_local_port_range",
                    "the dynamic port range", "net.inet.ip.portrange.first and .last")));
        }

        @Override
        public Read<ConnectRetry> connectRetry() {
            return Read.known(new ConnectRetry(2, 21, where("net.ipv4.tcp_syn_retries",
                    "TcpMaxConnectRetransmissions", "net.inet.tcp.keepinit")));
        }

        @Override
        public Read<HostsFile> hostsFile() {
            return Read.known(new HostsFile(List.of(new HostsEntry("10.0.0.7", List.of("db.corp.test", "db"))),
                    where("/etc/hosts", "the hosts file", "the hosts file")));
        }

        @Override
        public Read<ServiceNames> serviceNames() {
            return Read.known(new ServiceNames(List.of(new ServiceName("postgresql", "5432/tcp", List.of("postgres"))),
                    where("/etc/services", "the services file", "the services file")));
        }

        @Override
        public Read<LookupOrder> lookupOrder() {
            return os == Os.LINUX ? Read.known(new LookupOrder("files dns", "/etc/nsswitch.conf"))
                    : Read.unknown("the name-lookup order is not configurable on " + os);
        }

        @Override
        public Read<Ipv6Status> ipv6Status() {
            return Read.known(new Ipv6Status(true, where("net.ipv6.conf.all.disable_ipv6 = 1",
                    "DisabledComponents = 0xFF", "IPv6 off in the network settings"), where(
                    "net.ipv6.conf.all.disable_ipv6 = 0", "DisabledComponents = 0", "IPv6 automatic")));
        }

        @Override
        public Read<V6OnlyDefault> ipv6OnlyDefault() {
            return Read.known(new V6OnlyDefault(v6only, where("net.ipv6.bindv6only = " + (v6only ? 1 : 0),
                    "Windows sockets start with IPV6_V6ONLY on", "net.inet6.ip6.v6only = " + (v6only ? 1 : 0))));
        }

        @Override
        public Read<List<PacketFilter>> packetFilters() {
            return Read.known(List.of(where(new PacketFilter("nf_tables", "nft list ruleset"),
                    new PacketFilter("Windows Defender Firewall", "Get-NetFirewallRule -Enabled True"),
                    new PacketFilter("pf", "sudo pfctl -sr"))));
        }

        private PacketFilter where(PacketFilter linux, PacketFilter windows, PacketFilter macos) {
            return switch (os) {
                case LINUX -> linux;
                case WINDOWS -> windows;
                case MACOS -> macos;
            };
        }

        @Override
        public Read<Optional<SecurityPolicy>> securityPolicy() {
            return os == Os.LINUX ? Read.known(Optional.of(new SecurityPolicy("SELinux", true, "ausearch -m avc")))
                    : Read.known(Optional.empty());
        }

        @Override
        public Read<String> systemName() {
            return Read.known(where("Debian GNU/Linux 12 (bookworm)", "Windows 11 Pro", "macOS 15"));
        }

        @Override
        public Read<String> hostName() {
            return Read.known("desk-7");
        }

        @Override
        public Read<org.connectdoctor.sys.ProxySettings> proxySettings() {
            return Read.known(new org.connectdoctor.sys.ProxySettings(where("the environment", "Internet Options",
                    "the network settings"), List.of(new org.connectdoctor.sys.ProxySettings.ManualProxy("*",
                    "proxy.corp:8080", where("all_proxy", "ProxyServer", "HTTPSProxy"))), List.of(), null, null, false));
        }

        /** A captive portal, as NetworkManager or the Network List Manager words it (macOS has no reader). */
        @Override
        public Read<org.connectdoctor.sys.Connectivity> connectivity() {
            org.connectdoctor.sys.Connectivity.State portal = org.connectdoctor.sys.Connectivity.State.PORTAL;
            return Read.known(os == Os.WINDOWS ? new org.connectdoctor.sys.Connectivity(portal,
                    Map.of(Family.INET, portal, Family.INET6, org.connectdoctor.sys.Connectivity.State.NONE),
                    "the Network List Manager (INetworkListManager::GetConnectivity)",
                    "Network List Manager: IPv4 LocalNetwork, IPv6 Disconnected, IPv4 behind a captive portal "
                            + "(NLM_CONNECTIVITY 0x20)", null)
                    : new org.connectdoctor.sys.Connectivity(portal, where("NetworkManager, over the D-Bus system bus",
                    "-", "the system's captive network check"), where("NetworkManager connectivity 'portal'", "-",
                    "a captive network"), null));
        }
    }

    // ---- the situations ----

    record Probe(String target, SocketType type, String source, SockAddr address) {
    }

    static List<Probe> probes() throws Exception {
        List<Probe> out = new ArrayList<>();
        for (SocketType type : List.of(SocketType.STREAM, SocketType.DGRAM)) {
            for (String source : new String[] {null, "127.0.0.1:40000"}) {
                out.add(new Probe("127.0.0.1:5432", type, source, v4("127.0.0.1", 5432)));
                out.add(new Probe("127.0.0.1:5433", type, source, v4("127.0.0.1", 5433)));
                out.add(new Probe("127.0.0.1:6000", type, source, v4("127.0.0.1", 6000)));
                out.add(new Probe("127.0.0.1:8080", type, source, v4("127.0.0.1", 8080)));
                out.add(new Probe("[::1]:5432", type, null, v6("::1", 5432, 0)));
                out.add(new Probe("10.0.0.7:80", type, source, v4("10.0.0.7", 80)));
                out.add(new Probe("10.0.0.255:9", type, source, v4("10.0.0.255", 9)));
                out.add(new Probe("255.255.255.255:9", type, null, v4("255.255.255.255", 9)));
                out.add(new Probe("10.78.0.1:80", type, null, v4("10.78.0.1", 80)));
                out.add(new Probe("10.79.0.1:80", type, null, v4("10.79.0.1", 80)));
                out.add(new Probe("10.80.0.1:80", type, null, v4("10.80.0.1", 80)));
                out.add(new Probe("[fe80::9]:80", type, null, v6("fe80::9", 80, 0)));
                out.add(new Probe("[fd00::9]:80", type, null, v6("fd00::9", 80, 0)));
                out.add(new Probe("db.corp.test:5432", type, null, v4("10.0.0.7", 5432)));
                out.add(new Probe("nosuch:postgresql", type, null, null));
                out.add(new Probe("db.corp.test:nosuchservice", type, null, null));
            }
        }
        for (Path p : List.of(staleSocket, noSuchSocket, notADirectory, dir.resolve("live.sock"))) {
            for (SocketType type : List.of(SocketType.STREAM, SocketType.DGRAM)) {
                out.add(new Probe(p.toString(), type, null, new SockAddr.Unix(p.toString(), false)));
            }
        }
        return out;
    }

    /** The situation of {@code key} for {@code p}, or null where there is none (a lookup error for a path). */
    static Situation situation(String key, Probe p, HostState host, Capabilities caps) throws Exception {
        return situation(key, p, host, caps, false);
    }

    /**
     * @param local the call failed at once on this computer (connect, bind), not after a round trip
     *              (SO_ERROR, recv); bind errors are always local
     */
    static Situation situation(String key, Probe p, HostState host, Capabilities caps, boolean local)
            throws Exception {
        ProbeRequest.Builder b = ProbeRequest.builder(TargetParser.parse(p.target())).type(p.type())
                .timeout(Duration.ofSeconds(3));
        if (p.source() != null) {
            b.source(SourceSpec.parse(p.source()));
        }
        ProbeRequest request = b.build();
        boolean lookup = key.startsWith("EAI_") || key.equals("LOOKUP_TIMED_OUT");
        if (lookup && p.address() instanceof SockAddr.Unix) {
            return null; // a path is not looked up
        }
        if (lookup || p.address() == null) {
            String name = p.target().substring(0, p.target().lastIndexOf(':'));
            String service = p.target().substring(p.target().lastIndexOf(':') + 1);
            ResolveError error = key.startsWith("EAI_")
                    ? new ResolveError(GaiError.valueOf(key), -2, key + " text", null, null) : null;
            Resolution r = new Resolution(name, service, List.of(), null, false, error, 1_000_000, List.of("10.0.0.53"),
                    key.equals("LOOKUP_TIMED_OUT"), key.equals("LOOKUP_TIMED_OUT") ? 3 : 0);
            return new Situation(key, Explainer.qualifiers(request, null, "getaddrinfo"), request, null, r, host, caps);
        }
        Outcome outcome;
        SysError error = null;
        String call;
        Phase phase;
        if (key.equals("TIMED_OUT") || key.equals("NO_REPLY")) {
            outcome = Outcome.valueOf(key);
            call = null;
            phase = Phase.valueOf("CONNECT");
        } else {
            outcome = Outcome.FAILED;
            Errno errno = Errno.valueOf(key);
            error = new SysError(errno, 1, errno.name() + " text");
            boolean bind = key.equals("EADDRINUSE") || key.equals("EADDRNOTAVAIL");
            call = bind ? "bind" : local ? "connect"
                    : key.equals("ECONNRESET") || p.type() == SocketType.DGRAM ? "recv" : "SO_ERROR";
            phase = Phase.valueOf(bind ? "BIND" : "CONNECT");
        }
        SockAddr from = p.source() == null ? null : v4("127.0.0.1", 40000);
        // a datagram to 10.0.0.7 refused or unreachable: the ICMP message came from a router on the way
        org.connectdoctor.probe.IcmpError icmp = p.type() == SocketType.DGRAM && p.target().startsWith("10.0.0.7")
                && error != null && (key.equals("ECONNREFUSED") || key.equals("EHOSTUNREACH"))
                ? new org.connectdoctor.probe.IcmpError(org.connectdoctor.net.Family.INET, 3,
                key.equals("ECONNREFUSED") ? 3 : 1, 0, v4("10.0.0.1", 0), p.address(), error) : null;
        Attempt a = new Attempt(0, 0, p.address(), p.type(), from, phase, outcome, error, call, 2_000_000, null,
                List.of(), icmp);
        Resolution r = p.target().startsWith("db.") ? new Resolution("db.corp.test", "5432", List.of(p.address()), null,
                false, null, 1_000_000) : null;
        org.connectdoctor.probe.FamilyResults families = null;
        if (p.target().startsWith("db.") && p.type() == SocketType.STREAM && key.equals("TIMED_OUT")) {
            // the name also had an IPv6 address that timed out while this IPv4 one connected
            SockAddr six = v6("fd00::7", 5432, 0);
            Attempt v6 = new Attempt(1, 1, six, p.type(), null, Phase.WAIT, Outcome.TIMED_OUT, null, null, 3_000_000_000L,
                    null);
            Attempt v4 = new Attempt(1, 2, p.address(), p.type(), null, Phase.VERIFY, Outcome.CONNECTED, null, null,
                    1_000_000, null);
            families = new org.connectdoctor.probe.FamilyResults(List.of(
                    new org.connectdoctor.probe.FamilyResults.FamilyResult(org.connectdoctor.net.Family.INET6, 1, 1,
                            org.connectdoctor.probe.FamilyResults.Verdict.TIMED_OUT, v6),
                    new org.connectdoctor.probe.FamilyResults.FamilyResult(org.connectdoctor.net.Family.INET, 1, 1,
                            org.connectdoctor.probe.FamilyResults.Verdict.CONNECTED, v4)), null);
        }
        return new Situation(key, Explainer.qualifiers(request, a, call), request, a, r, host, caps, families);
    }

    /** Every word a check wrote: findings, and the meaning and steps of their diagnoses. */
    static List<String> words(List<Finding> findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(f.text());
            if (f.diagnosis() != null) {
                out.add(f.diagnosis().meaning());
                out.addAll(f.diagnosis().steps());
            }
        }
        return out;
    }

    /** Runs every check in every situation; returns what each check said, by check class. */
    static Map<String, List<String>> runAll(HostState host, Os os) throws Exception {
        Capabilities caps = Capabilities.of(os);
        Explainer explainer = new Explainer(ManPages.system(), ErrorCatalogue.standard(), host, caps);
        Map<String, List<String>> said = new LinkedHashMap<>();
        for (Check check : explainer.checks()) {
            said.put(check.getClass().getSimpleName(), new ArrayList<>());
        }
        for (String key : KEYS) {
            for (Probe p : probes()) {
              for (boolean local : new boolean[] {false, true}) {
                Situation s = situation(key, p, host, caps, local);
                if (s == null) {
                    continue;
                }
                for (Check check : explainer.checks()) {
                    List<Finding> findings = check.findings(s);
                    List<String> w = words(findings);
                    for (String text : w) {
                        said.get(check.getClass().getSimpleName()).add(key + " " + p.type() + " " + p.target()
                                + ": " + text);
                    }
                    check.actions(s, findings); // must not fail either
                }
              }
            }
        }
        return said;
    }

    static void assertWordedFor(Os os, Map<String, List<String>> said) {
        for (Map.Entry<String, List<String>> e : said.entrySet()) {
            for (String text : e.getValue()) {
                if (os != Os.LINUX) {
                    assertFalse(LINUX.matcher(text).find(), e.getKey() + " on " + os + " names a Linux command or "
                            + "path: " + text);
                }
                if (os != Os.WINDOWS) {
                    assertFalse(WINDOWS.matcher(text).find(), e.getKey() + " on " + os + " names a Windows tool: "
                            + text);
                }
            }
        }
    }

    @Test
    void everyCheckSpeaksOnEverySystemInItsOwnWordsOnly() throws Exception {
        for (Os os : Os.values()) {
            Map<String, List<String>> said = runAll(new KnownHost(os), os);
            for (Map.Entry<String, List<String>> e : said.entrySet()) {
                assertFalse(e.getValue().isEmpty(), e.getKey() + " said nothing on " + os
                        + ": the situations no longer make it speak, so its words were not checked");
            }
            assertWordedFor(os, said);
        }
    }

    @Test
    void eachSystemsOwnToolsAreNamed() throws Exception {
        Map<String, List<String>> linux = runAll(new KnownHost(Os.LINUX), Os.LINUX);
        Map<String, List<String>> windows = runAll(new KnownHost(Os.WINDOWS), Os.WINDOWS);
        Map<String, List<String>> macos = runAll(new KnownHost(Os.MACOS), Os.MACOS);
        assertTrue(flat(linux).stream().anyMatch(t -> t.contains("ss -ltnp 'sport = :")), "no ss on Linux");
        assertTrue(flat(windows).stream().anyMatch(t -> t.contains("netstat -ano -p TCP | findstr :")),
                "no netstat -ano on Windows");
        assertTrue(flat(windows).stream().anyMatch(t -> t.contains("route print")), "no route print on Windows");
        assertTrue(flat(macos).stream().anyMatch(t -> t.contains("lsof -nP -iTCP:")), "no lsof on macOS");
        // the backend's own words for its sources are passed on as they are
        assertTrue(flat(windows).stream().anyMatch(t -> t.contains("Get-NetFirewallRule")), "no firewall on Windows");
    }

    @Test
    void anUnreadableHostIsSaidToBeUnreadableOnEverySystem() throws Exception {
        for (Os os : Os.values()) {
            Map<String, List<String>> said = runAll(new UnreadableHostState("the test reads nothing here"), os);
            assertWordedFor(os, said);
            List<String> all = flat(said);
            assertTrue(all.stream().anyMatch(t -> t.contains("the test reads nothing here")), os
                    + ": no check said it could not read its source");
            for (String t : all) {
                assertFalse(t.contains("Nothing on this computer listens"), os + ": " + t);
                assertFalse(t.contains("no route"), os + ": " + t);
            }
        }
    }

    static List<String> flat(Map<String, List<String>> said) {
        return said.values().stream().flatMap(List::stream).toList();
    }

    // ---- item: the portable cause ----

    /**
     * Windows reports an ICMP port unreachable for a datagram as WSAECONNRESET on the next
     * receive: its cause is the refusal, so it gets the listener findings Linux's ECONNREFUSED gets.
     */
    @Test
    void aWindowsDatagramResetGetsTheListenerFindingsOfARefusal() throws Exception {
        Probe closed = new Probe("127.0.0.1:5433", SocketType.DGRAM, null, v4("127.0.0.1", 5433));
        Probe v6only = new Probe("127.0.0.1:6000", SocketType.DGRAM, null, v4("127.0.0.1", 6000));
        for (Probe p : List.of(closed, v6only)) {
            Situation linux = situation("ECONNREFUSED", p, new KnownHost(Os.LINUX), Capabilities.of(Os.LINUX));
            Situation windows = situation("ECONNRESET", p, new KnownHost(Os.WINDOWS), Capabilities.of(Os.WINDOWS));
            assertEquals(Optional.of(org.connectdoctor.net.Cause.REFUSED), windows.cause());
            List<Finding> l = new ListenerCheck().findings(linux);
            List<Finding> w = new ListenerCheck().findings(windows);
            assertFalse(l.isEmpty(), p.target());
            assertEquals(words(l), words(w), p.target());
        }
        List<String> w = words(new ListenerCheck().findings(situation("ECONNRESET", closed, new KnownHost(Os.WINDOWS),
                Capabilities.of(Os.WINDOWS))));
        assertTrue(w.contains("Nothing on this computer listens on UDP port 5433, on any address."), w.toString());
        // a reset of a stream connection is no refusal: the listener check stays out of it
        Probe stream = new Probe("127.0.0.1:5433", SocketType.STREAM, null, v4("127.0.0.1", 5433));
        Situation reset = situation("ECONNRESET", stream, new KnownHost(Os.WINDOWS), Capabilities.of(Os.WINDOWS));
        assertTrue(new ListenerCheck().findings(reset).isEmpty());
    }

    // ---- item: the IPV6_V6ONLY default ----

    static List<String> listenerWords(HostState host, Os os, String target, int port) throws Exception {
        Probe p = new Probe(target, SocketType.STREAM, null, target.startsWith("[") ? v6("::1", port, 0)
                : v4("127.0.0.1", port));
        return words(new ListenerCheck().findings(situation("ECONNREFUSED", p, host, Capabilities.of(os))));
    }

    @Test
    void aWildcardIpv6ListenerTakesIpv4OnlyWhereSocketsStartDualStack() throws Exception {
        // Linux, net.ipv6.bindv6only = 0: [::] takes IPv4 too
        List<String> dual = listenerWords(new KnownHost(Os.LINUX, false), Os.LINUX, "127.0.0.1:8080", 8080);
        assertEquals(List.of("A service listens on :: (every IPv6 address, and IPv4 unless the service set "
                + "IPV6_V6ONLY) port 8080 (TCP)."), dual);
        // Windows: IPv6 only by default, so 127.0.0.1 is not listened on
        List<String> win = listenerWords(new KnownHost(Os.WINDOWS), Os.WINDOWS, "127.0.0.1:8080", 8080);
        assertEquals(List.of("A service listens on :: (every IPv6 address but no IPv4 one: Windows sockets start "
                + "with IPV6_V6ONLY on) port 8080 but not on 127.0.0.1: connect to [::1]:8080 instead, or make the "
                + "service listen on 127.0.0.1 too."), win);
        // Linux with net.ipv6.bindv6only = 1 reads the same way
        List<String> v6 = listenerWords(new KnownHost(Os.LINUX, true), Os.LINUX, "127.0.0.1:8080", 8080);
        assertEquals(List.of("A service listens on :: (every IPv6 address but no IPv4 one: net.ipv6.bindv6only = 1) "
                + "port 8080 but not on 127.0.0.1: connect to [::1]:8080 instead, or make the service listen on "
                + "127.0.0.1 too."), v6);
        // an IPv6 target is taken either way
        assertEquals(List.of("A service listens on :: (every IPv6 address but no IPv4 one: Windows sockets start "
                + "with IPV6_V6ONLY on) port 8080 (TCP)."),
                listenerWords(new KnownHost(Os.WINDOWS), Os.WINDOWS, "[::1]:8080", 8080));
    }

    @Test
    void anUnknownIpv6OnlyDefaultIsSaidToBeUnknown() throws Exception {
        HostState host = new KnownHost(Os.MACOS) {
            @Override
            public Read<V6OnlyDefault> ipv6OnlyDefault() {
                return Read.unknown("the default is not read on this system");
            }
        };
        List<String> w = listenerWords(host, Os.MACOS, "127.0.0.1:8080", 8080);
        assertEquals(List.of("A service listens on :: (every IPv6 address) port 8080 (TCP); whether it also takes "
                + "IPv4 connections such as to 127.0.0.1 cannot be told here: the default is not read on this system. "
                + "If IPv4 is refused, connect to [::1]:8080 instead."), w);
        for (String t : w) {
            assertFalse(t.contains("but not on"), t);
        }
    }

    /** Every key the situations use is one the checks know: a typo would make a silent, passing case. */
    @Test
    void theSituationsUseRealKeys() {
        Set<String> known = new LinkedHashSet<>();
        for (Errno e : Errno.values()) {
            known.add(e.name());
        }
        for (GaiError g : GaiError.values()) {
            known.add(g.name());
        }
        for (Outcome o : Outcome.values()) {
            known.add(o.name());
        }
        for (String k : KEYS) {
            assertTrue(known.contains(k), k);
        }
    }
}
