package org.connectdoctor.sys.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;

/**
 * {@link HostState} on Windows, from the IP Helper API (iphlpapi.dll) through JNA: the socket
 * tables with their owning processes (GetExtendedTcpTable, GetExtendedUdpTable, OpenProcess,
 * QueryFullProcessImageNameW), the route and source address for a destination (GetBestRoute2,
 * or GetBestRoute / GetBestInterfaceEx where that is missing), and the adapters with their
 * gateways and DNS servers (GetAdaptersAddresses). Nothing is started as a program and nothing
 * is sent. What Windows offers no call for is {@link Read.Unknown} with the reason.
 *
 * <p>A {@link SocketEntry#key()} here is the owning PID: the tables name the process, not a
 * socket identity. Windows does not report queue lengths or backlogs in these tables (-1).
 */
public final class WindowsHostState implements HostState {

    public static final WindowsHostState INSTANCE = new WindowsHostState();

    /** PID 0 is the System Idle Process (sockets in TIME_WAIT belong to nobody); PID 4 is the kernel. */
    private static final long PID_IDLE = 0;
    private static final long PID_SYSTEM = 4;

    private static final String TCPIP_PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    private static final String CONNECT_RETRANSMISSIONS = "TcpMaxConnectRetransmissions";

    private WindowsHostState() {
    }

    @Override
    public Read<List<SocketEntry>> sockets(Transport transport) {
        List<SocketEntry> out = new ArrayList<>();
        for (Family family : List.of(Family.INET, Family.INET6)) {
            Read<List<IpHlpLayout.Row>> rows = rows(transport, family);
            if (rows instanceof Read.Unknown<List<IpHlpLayout.Row>> u) {
                return Read.unknown(u.reason());
            }
            for (IpHlpLayout.Row r : rows.orElse(List.of())) {
                out.add(new SocketEntry(transport, r.local(), r.remote(), r.state(), -1, -1, -1, r.pid()));
            }
        }
        return Read.known(out);
    }

    /** One family's table of {@code transport}, read into a buffer grown until the table fits. */
    private static Read<List<IpHlpLayout.Row>> rows(Transport transport, Family family) {
        boolean tcp = transport == Transport.TCP;
        int af = family == Family.INET ? WinLayout.AF_INET : WinLayout.AF_INET6;
        String call = (tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable") + "(" + (family == Family.INET ? "AF_INET" : "AF_INET6") + ")";
        int[] size = {0};
        int rc;
        try {
            rc = table(tcp, null, size, af);
            for (int tries = 0; tries < 5 && rc == WinSystem.ERROR_INSUFFICIENT_BUFFER; tries++) {
                int asked = size[0] + 4096; // the table may grow between the two calls
                try (Memory buffer = new Memory(asked)) {
                    size[0] = asked;
                    rc = table(tcp, buffer, size, af);
                    if (rc == WinSystem.NO_ERROR) {
                        return Read.known(decode(tcp, family, buffer.getByteArray(0, asked), asked));
                    }
                }
            }
        } catch (UnsatisfiedLinkError e) {
            return Read.unknown(call + " is not available on this system: " + e.getMessage());
        }
        if (rc == WinSystem.NO_ERROR) {
            return Read.known(List.of()); // a table with no rows fits in a size-0 buffer on some systems
        }
        return Read.unknown(call + " failed: " + systemError(rc));
    }

    private static int table(boolean tcp, Pointer buffer, int[] size, int af) {
        return tcp
                ? WinSystem.IpHlpApi.GetExtendedTcpTable(buffer, size, 0, af, WinSystem.TCP_TABLE_OWNER_PID_ALL, 0)
                : WinSystem.IpHlpApi.GetExtendedUdpTable(buffer, size, 0, af, WinSystem.UDP_TABLE_OWNER_PID, 0);
    }

    static List<IpHlpLayout.Row> decode(boolean tcp, Family family, byte[] c, int length) {
        boolean v4 = family == Family.INET;
        int rowSize = tcp ? (v4 ? IpHlpLayout.SIZEOF_TCPROW_OWNER_PID : IpHlpLayout.SIZEOF_TCP6ROW_OWNER_PID)
                : (v4 ? IpHlpLayout.SIZEOF_UDPROW_OWNER_PID : IpHlpLayout.SIZEOF_UDP6ROW_OWNER_PID);
        int n = IpHlpLayout.rowCount(c, length, rowSize);
        List<IpHlpLayout.Row> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(tcp ? (v4 ? IpHlpLayout.tcp4Row(c, i) : IpHlpLayout.tcp6Row(c, i))
                    : (v4 ? IpHlpLayout.udp4Row(c, i) : IpHlpLayout.udp6Row(c, i)));
        }
        return out;
    }

    /**
     * The process whose PID the table gave. Its name is the file name of
     * QueryFullProcessImageNameW's path; null when Windows does not let this user open the
     * process (another user's service without administrator rights). PID 0 (the System Idle
     * Process, owner of sockets nobody holds any more) is Known(empty); PID 4 is "System", the
     * kernel, which holds ports for HTTP.sys and SMB and cannot be opened.
     */
    @Override
    public Read<Optional<OwnerProcess>> owner(SocketEntry socket) {
        long pid = socket.key();
        if (pid == PID_IDLE) {
            if (socket.state() == SocketState.LISTEN || socket.state() == SocketState.ESTABLISHED
                    || socket.state() == SocketState.BOUND) {
                // Windows names an owner for every open socket; PID 0 here means the table could not
                // find it (Wine 8.0's TCP table gives 0 for every socket), not that nobody holds it.
                return Read.unknown("the " + socket.transport() + " table names no owning process (PID 0) for "
                        + socket.state() + " " + socket.local().display());
            }
            return Read.known(Optional.empty());
        }
        if (pid == PID_SYSTEM) {
            return Read.known(Optional.of(new OwnerProcess(pid, "System")));
        }
        return Read.known(Optional.of(new OwnerProcess(pid, processName(pid))));
    }

    /** The program file name of process {@code pid} ("java.exe"), or null when it cannot be opened. */
    static String processName(long pid) {
        Pointer process = WinSystem.Kernel32.OpenProcess(WinSystem.PROCESS_QUERY_LIMITED_INFORMATION, 0, (int) pid);
        if (process == null) {
            return null;
        }
        try {
            char[] name = new char[32 * 1024];
            int[] size = {name.length};
            if (WinSystem.Kernel32.QueryFullProcessImageNameW(process, 0, name, size) == 0 || size[0] <= 0) {
                return null;
            }
            String path = new String(name, 0, Math.min(size[0], name.length));
            return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
        } finally {
            WinSystem.Kernel32.CloseHandle(process);
        }
    }

    @Override
    public Read<List<UnixSocketEntry>> unixSockets() {
        return Read.unknown("Windows offers no table of Unix-domain sockets a program can read "
                + "(netstat and Get-NetTCPConnection list TCP and UDP only)");
    }

    /**
     * GetBestRoute2 with the system choosing interface and source. Where it is missing or a stub
     * (Wine 8), the older calls: an address of this computer is routed locally over the adapter
     * that has it; IPv4 asks GetBestRoute; IPv6 asks GetBestInterfaceEx, which names only the
     * interface, so the route is given only when the destination is on one of its prefixes.
     */
    @Override
    public RouteLookup route(SockAddr destination) {
        if (!(destination instanceof SockAddr.Inet4) && !(destination instanceof SockAddr.Inet6)) {
            return new RouteLookup.Unknown("a Unix-domain address has no route");
        }
        Read<List<Adapters.Adapter>> adapters = Adapters.read();
        byte[] row = new byte[IpHlpLayout.SIZEOF_IPFORWARD_ROW2];
        byte[] source = new byte[IpHlpLayout.SIZEOF_SOCKADDR_INET];
        int rc = bestRoute2(destination, row, source);
        if (rc == WinSystem.NO_ERROR) {
            IpHlpLayout.ForwardRow2 r = IpHlpLayout.ForwardRow2.decode(row);
            SockAddr src = IpHlpLayout.decodeSockaddrInet(source, 0);
            String device = deviceName(adapters, r.interfaceIndex(), destination);
            RouteType type = r.loopback() || destination.equals(withoutPort(src)) ? RouteType.LOCAL : RouteType.UNICAST;
            Route entry = new Route(destination.family(), type, Route.TABLE_MAIN, withoutPort(r.prefix()),
                    r.prefixLength(), r.nextHop(), device, null, r.metric());
            return new RouteLookup.Routed(answer(entry, destination, withoutPort(src)), entry);
        }
        if (unreachable(rc)) {
            return new RouteLookup.NoRoute(name(rc), List.of());
        }
        if (rc != WinSystem.ERROR_NOT_SUPPORTED && rc != WinSystem.ERROR_CALL_NOT_IMPLEMENTED) {
            return new RouteLookup.Unknown("GetBestRoute2 failed: " + systemError(rc));
        }
        if (adapters instanceof Read.Unknown<List<Adapters.Adapter>> u) {
            return new RouteLookup.Unknown("GetBestRoute2 is not supported here, and " + u.reason());
        }
        return olderRoute(destination, adapters.orElse(List.of()));
    }

    /** GetBestRoute2 with the system choosing; ERROR_NOT_SUPPORTED where the function is missing. */
    static int bestRoute2(SockAddr destination, byte[] row, byte[] source) {
        try {
            return WinSystem.IpHlpApiRoute2.GetBestRoute2(null, 0, null, IpHlpLayout.encodeSockaddrInet(destination), 0,
                    row, source);
        } catch (LinkageError e) {
            return WinSystem.ERROR_NOT_SUPPORTED;
        }
    }

    private RouteLookup olderRoute(SockAddr destination, List<Adapters.Adapter> adapters) {
        SockAddr target = withoutPort(destination);
        for (Adapters.Adapter a : adapters) {
            for (NetInterface.Address address : a.addresses()) {
                if (address.address().equals(target)) {
                    int full = target instanceof SockAddr.Inet4 ? 32 : 128;
                    Route entry = new Route(target.family(), RouteType.LOCAL, Route.TABLE_MAIN, target, full, null,
                            a.name(), null, -1);
                    return new RouteLookup.Routed(answer(entry, target, target), entry);
                }
            }
        }
        if (target instanceof SockAddr.Inet4 v4) {
            byte[] row = new byte[IpHlpLayout.SIZEOF_IPFORWARDROW];
            int rc = WinSystem.IpHlpApi.GetBestRoute(Integer.reverseBytes(v4.address()), 0, row);
            if (unreachable(rc)) {
                return new RouteLookup.NoRoute(name(rc), List.of());
            }
            if (rc != WinSystem.NO_ERROR) {
                return new RouteLookup.Unknown("GetBestRoute2 is not supported here and GetBestRoute failed: "
                        + systemError(rc));
            }
            IpHlpLayout.ForwardRow r = IpHlpLayout.ForwardRow.decode(row);
            Adapters.Adapter out = adapter(adapters, r.interfaceIndex(), target);
            Route entry = new Route(Family.INET, RouteType.UNICAST, Route.TABLE_MAIN, r.destination(), r.prefixLength(),
                    r.nextHop(), out == null ? null : out.name(), null, r.metric());
            return new RouteLookup.Routed(answer(entry, target, sourceOn(out, target)), entry);
        }
        int[] index = {0};
        int rc = WinSystem.IpHlpApi.GetBestInterfaceEx(WinLayout.encodeSockaddr(target), index);
        if (unreachable(rc)) {
            return new RouteLookup.NoRoute(name(rc), List.of());
        }
        if (rc != WinSystem.NO_ERROR) {
            return new RouteLookup.Unknown("GetBestRoute2 is not supported here and GetBestInterfaceEx failed: "
                    + systemError(rc));
        }
        Adapters.Adapter out = adapter(adapters, index[0], target);
        NetInterface.Address onLink = out == null ? null : out.addresses().stream()
                .filter(a -> covers(a, target)).findFirst().orElse(null);
        if (onLink == null) {
            return new RouteLookup.Unknown("GetBestRoute2 is not supported here; GetBestInterfaceEx names interface "
                    + (out == null ? "index " + index[0] : out.name()) + " but not the next hop to " + target.host());
        }
        Route entry = new Route(Family.INET6, RouteType.UNICAST, Route.TABLE_MAIN, onLink.address(), onLink.prefix(),
                null, out.name(), null, -1);
        return new RouteLookup.Routed(answer(entry, target, onLink.address()), entry);
    }

    /** The route for one destination from its table entry: that address, the entry's next hop and device. */
    private static Route answer(Route entry, SockAddr destination, SockAddr source) {
        int full = destination instanceof SockAddr.Inet4 ? 32 : 128;
        return new Route(entry.family(), entry.type(), entry.table(), withoutPort(destination), full, entry.gateway(),
                entry.device(), source, entry.priority());
    }

    /** The address on {@code adapter} that covers {@code destination}, else its first of the family. */
    private static SockAddr sourceOn(Adapters.Adapter adapter, SockAddr destination) {
        if (adapter == null) {
            return null;
        }
        SockAddr first = null;
        for (NetInterface.Address a : adapter.addresses()) {
            if (a.address().family() != destination.family()) {
                continue;
            }
            if (covers(a, destination)) {
                return a.address();
            }
            if (first == null) {
                first = a.address();
            }
        }
        return first;
    }

    private static boolean covers(NetInterface.Address a, SockAddr destination) {
        if (a.address().family() != destination.family()) {
            return false;
        }
        return new Route(a.address().family(), RouteType.UNICAST, Route.TABLE_MAIN, a.address(), a.prefix(), null, null,
                null, -1).covers(destination);
    }

    private static Adapters.Adapter adapter(List<Adapters.Adapter> adapters, int index, SockAddr destination) {
        return adapters.stream().filter(a -> a.hasIndex(index, destination)).findFirst().orElse(null);
    }

    private static String deviceName(Read<List<Adapters.Adapter>> adapters, int index, SockAddr destination) {
        Adapters.Adapter a = adapter(adapters.orElse(List.of()), index, destination);
        return a == null ? null : a.name();
    }

    private static boolean unreachable(int rc) {
        return rc == WinSystem.ERROR_NETWORK_UNREACHABLE || rc == WinSystem.ERROR_HOST_UNREACHABLE
                || rc == WinSystem.ERROR_NOT_FOUND;
    }

    private static SockAddr withoutPort(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return new SockAddr.Inet4(v4.address(), 0);
        }
        if (a instanceof SockAddr.Inet6 v6) {
            return new SockAddr.Inet6(v6.high(), v6.low(), 0, 0, v6.scopeId());
        }
        return a;
    }

    @Override
    public NeighbourLookup neighbour(SockAddr address, String device) {
        org.connectdoctor.sys.Read<List<NeighbourTable.Row>> rows = NeighbourTable.read();
        if (rows instanceof org.connectdoctor.sys.Read.Unknown<List<NeighbourTable.Row>> u) {
            return new NeighbourLookup.Unknown(u.reason());
        }
        List<Integer> indexes = new java.util.ArrayList<>();
        if (device != null) {
            for (Adapters.Adapter a : Adapters.read().orElse(List.of())) {
                if (a.name().equals(device)) {
                    indexes.add(a.ifIndex());
                    indexes.add(a.ipv6IfIndex());
                }
            }
        }
        return NeighbourTable.find(rows.orElse(List.of()), withoutPort(address), indexes, device);
    }

    @Override
    public Read<List<NetInterface>> interfaces() {
        return Adapters.read().map(list -> list.stream().map(Adapters.Adapter::asInterface).toList());
    }

    /** The adapters with their kinds, from GetAdaptersAddresses (see {@link WindowsLinks}). */
    @Override
    public Read<List<org.connectdoctor.sys.NetworkLink>> links() {
        return Adapters.read().map(list -> list.stream().map(a -> new org.connectdoctor.sys.NetworkLink(a.name(),
                a.ifIndex() != 0 ? a.ifIndex() : a.ipv6IfIndex(), WindowsLinks.kind(a.ifType(), a.tunnelType(),
                a.description()), a.up(), a.description().isEmpty() ? null : a.description(), "GetAdaptersAddresses",
                a.mtu() == -1 ? 0 : a.mtu()))
                .toList());
    }

    /**
     * The hosts file at %SystemRoot%\System32\drivers\etc\hosts (the DataBasePath default),
     * which Windows reads before asking DNS. Its text is read as UTF-8, bytes that are not as
     * ISO-8859-1, so a file saved in an ANSI code page still yields its addresses and names.
     */
    /** The user's Internet Options, else the machine-wide WinHTTP setting (see {@link WinHttp#settings()}). */
    @Override
    public Read<org.connectdoctor.sys.ProxySettings> proxySettings() {
        try {
            return WinHttp.settings();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Read.unknown("the proxy setting could not be read through winhttp.dll: " + e.getMessage());
        }
    }

    /** WinHTTP's own evaluation of the PAC file (or WPAD) of the user's Internet Options for {@code url}. */
    @Override
    public Read<String> proxyForUrl(String url) {
        Read<org.connectdoctor.sys.ProxySettings> s = proxySettings();
        if (!(s instanceof Read.Known<org.connectdoctor.sys.ProxySettings> k)) {
            return Read.unknown("the proxy setting could not be read");
        }
        String key = k.value().pacUrl() + " " + url;
        long now = System.nanoTime();
        PacAnswer cached = PAC_ANSWERS.get(key);
        if (cached != null && now - cached.at() < PAC_CACHE_NANOS) {
            return cached.answer();
        }
        Read<String> answer;
        try {
            answer = WinHttp.proxyForUrl(url, k.value().pacUrl());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            answer = Read.unknown("WinHttpGetProxyForUrl could not be called: " + e.getMessage());
        }
        if (PAC_ANSWERS.size() > 64) {
            PAC_ANSWERS.clear();
        }
        PAC_ANSWERS.put(key, new PacAnswer(answer, now));
        return answer;
    }

    /**
     * A PAC file or WPAD answer, kept a minute: the report and the explanation of one probe both ask,
     * and automatic detection can take seconds where no WPAD server answers.
     */
    private record PacAnswer(Read<String> answer, long at) {
    }

    private static final long PAC_CACHE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    private static final java.util.Map<String, PacAnswer> PAC_ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Read<HostsFile> hostsFile() {
        String root = System.getenv("SystemRoot");
        java.nio.file.Path file = java.nio.file.Path.of(root == null || root.isBlank() ? "C:\\Windows" : root,
                "System32", "drivers", "etc", "hosts");
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            String text;
            try {
                text = java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return Read.known(HostsFile.parse(text.lines().toList(), file.toString()));
        } catch (java.nio.file.NoSuchFileException e) {
            return Read.unknown(file + " does not exist");
        } catch (java.io.IOException | RuntimeException e) {
            return Read.unknown(file + " is not readable (" + e.getMessage() + ")");
        }
    }

    /**
     * The DNS servers of the adapters that are up, in adapter order without repeats, and their DNS
     * suffixes as search domains. Windows asks the servers of the best interface first; the
     * adapter order is the binding order it uses otherwise.
     */
    @Override
    public Read<Resolvers> resolvers() {
        return Adapters.read().map(list -> {
            Set<String> servers = new LinkedHashSet<>();
            Set<String> suffixes = new LinkedHashSet<>();
            for (Adapters.Adapter a : list) {
                if (!a.up()) {
                    continue;
                }
                a.dnsServers().forEach(s -> servers.add(s.host()));
                if (!a.dnsSuffix().isEmpty()) {
                    suffixes.add(a.dnsSuffix());
                }
            }
            return new Resolvers(List.copyOf(servers), List.copyOf(suffixes), "the adapter settings");
        });
    }

    /**
     * Windows sockets start with IPV6_V6ONLY on, a fixed default with no setting to read: a [::]
     * listener takes IPv4 only when its program turned the option off (such a dual-stack socket
     * then appears in the IPv4 table too, as 0.0.0.0).
     */
    /**
     * The local machine's and the user's trusted root authorities, which SChannel, Edge and curl.exe
     * use: Java reads them through the SunMSCAPI provider's Windows-ROOT KeyStore. A runtime built
     * without jdk.crypto.mscapi has no such provider, and then the store cannot be read from Java.
     */
    @Override
    public Read<org.connectdoctor.sys.SystemTrustStore> systemTrustStore() {
        if (java.security.Security.getProvider("SunMSCAPI") == null) {
            return Read.unknown("this Java runtime has no SunMSCAPI provider, which reads the Windows ROOT store");
        }
        return Read.known(org.connectdoctor.sys.SystemTrustStore.keyStore("the Windows ROOT store (Windows-ROOT)",
                "Windows-ROOT"));
    }

    @Override
    public Read<V6OnlyDefault> ipv6OnlyDefault() {
        return Read.known(new V6OnlyDefault(true, "Windows sockets start with IPV6_V6ONLY on"));
    }

    /** The Name Resolution Policy Table from the registry (see {@link NameResolutionPolicy}). */
    @Override
    public Read<List<org.connectdoctor.sys.NameRule>> nameResolutionPolicy() {
        return NameResolutionPolicy.read(WinRegistry.INSTANCE);
    }

    /**
     * Windows Defender Firewall's profiles and the outbound rules that match, from the policy in the
     * registry (see {@link WindowsFirewall}); {@code program} null lists rules for a program as partial.
     */
    @Override
    public Read<org.connectdoctor.sys.LocalFirewall> firewall(Transport transport, SockAddr destination, String program) {
        try {
            return WindowsFirewall.read(WinRegistry.INSTANCE,
                    new WindowsFirewall.Attempt(transport, destination, program, System.getenv()), activeProfiles());
        } catch (RuntimeException | LinkageError e) {
            return Read.unknown("the firewall policy could not be read from the registry: " + e + "; "
                    + WindowsFirewall.INSPECT + " shows the outbound block rules");
        }
    }

    /** The firewall and antivirus products Windows Security Center lists (see {@link SecurityCenter}). */
    @Override
    public Read<List<org.connectdoctor.sys.SecurityProduct>> securityProducts() {
        try {
            return SecurityCenter.products();
        } catch (RuntimeException | LinkageError e) {
            return Read.unknown("Windows Security Center could not be asked: " + e);
        }
    }

    /** The connected networks' categories from the Network List Manager (COM); Unknown if it cannot tell. */
    private static Read<Set<FirewallRule.Profile>> activeProfiles() {
        try {
            return NetworkListManager.activeProfiles();
        } catch (RuntimeException | LinkageError e) {
            return Read.unknown("the Network List Manager could not be asked: " + e);
        }
    }

    /** Windows has no documented call that reads the dynamic port range; it is not guessed. */
    @Override
    public Read<PortRange> ephemeralPorts(Transport transport) {
        String proto = transport == Transport.TCP ? "tcp" : "udp";
        return Read.unknown("Windows has no documented call that reads the dynamic port range; "
                + "netsh int ipv4 show dynamicport " + proto + " shows it");
    }

    /**
     * TcpMaxConnectRetransmissions from the registry (HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\
     * Parameters) when an administrator has set it. Absent, Windows uses a built-in default that
     * no documented call reports, so the answer is Unknown rather than a guess. The time to give
     * up depends on the initial retransmission timeout, which is not read: -1.
     */
    @Override
    public Read<ConnectRetry> connectRetry() {
        String where = "HKLM\\" + TCPIP_PARAMETERS + "\\" + CONNECT_RETRANSMISSIONS;
        int[] data = {0};
        int[] size = {4};
        int rc;
        try {
            rc = WinSystem.Advapi32.RegGetValueW(new Pointer(WinSystem.HKEY_LOCAL_MACHINE), new WString(TCPIP_PARAMETERS),
                    new WString(CONNECT_RETRANSMISSIONS), WinSystem.RRF_RT_REG_DWORD, null, data, size);
        } catch (LinkageError e) {
            return Read.unknown("the registry could not be read: " + e.getMessage());
        }
        if (rc == WinSystem.NO_ERROR) {
            return Read.known(new ConnectRetry(data[0], -1, where));
        }
        if (rc == WinSystem.ERROR_FILE_NOT_FOUND) {
            return Read.unknown(where + " is not set; Windows then uses its built-in default, which no "
                    + "documented call reports");
        }
        return Read.unknown(where + " could not be read: " + systemError(rc));
    }

    /** "error 50 (The request is not supported.)": a system error code with its English text. */
    static String systemError(int code) {
        char[] buffer = new char[512];
        int n;
        try {
            n = WinSystem.Kernel32.FormatMessageW(WinSystem.FORMAT_MESSAGE_FROM_SYSTEM
                    | WinSystem.FORMAT_MESSAGE_IGNORE_INSERTS, null, code, WinSystem.LANG_ENGLISH_US, buffer,
                    buffer.length, null);
        } catch (LinkageError e) {
            n = 0;
        }
        String text = n <= 0 ? "" : new String(buffer, 0, Math.min(n, buffer.length)).strip();
        return "error " + code + (text.isEmpty() ? "" : " (" + text + ")");
    }

    private static String name(int rc) {
        return switch (rc) {
            case WinSystem.ERROR_NETWORK_UNREACHABLE -> "ERROR_NETWORK_UNREACHABLE (1231)";
            case WinSystem.ERROR_HOST_UNREACHABLE -> "ERROR_HOST_UNREACHABLE (1232)";
            case WinSystem.ERROR_NOT_FOUND -> "ERROR_NOT_FOUND (1168)";
            default -> "error " + rc;
        };
    }

    /** The Network List Manager's verdict (see {@link NetworkListManager}): within two seconds, sending nothing. */
    @Override
    public Read<org.connectdoctor.sys.Connectivity> connectivity() {
        return NetworkListManager.read();
    }
}
