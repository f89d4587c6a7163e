package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.explain.Environment.Aspect;
import org.connectdoctor.explain.Environment.Item;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.proxy.SystemProxy;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.Transport;

/**
 * Reads the {@link Environment} of a finished probe from the report, its path facts and this
 * computer's state. Reads local state only and sends nothing: the proxy is the one the report
 * looked up (a PAC file is never fetched again for this line). A reading that fails is an
 * unknown item with the reason, never a missing or empty one.
 */
public final class EnvironmentReader {

    /** A global unicast IPv6 address (2000::/3) no route table holds a narrower route for than the default. */
    private static final SockAddr GLOBAL_V6 = SockAddr.Inet6.of(new byte[] {0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 1}, 0, 0, 0);

    private EnvironmentReader() {
    }

    /** The environment of {@code report}; null for a Unix socket, which never leaves this computer. */
    public static Environment read(HostState host, ProbeReport report, PathFacts path) {
        if (report.request().target() instanceof Target.Unix) {
            return null;
        }
        Attempt d = report.decisive();
        SockAddr tried = tried(report);
        List<Item> items = new ArrayList<>();
        items.add(new Item(Aspect.INTERFACE, guard(() -> interfaceWords(host, path, tried))));
        items.add(new Item(Aspect.SOURCE, guard(() -> source(host, d, tried))));
        items.add(new Item(Aspect.PROXY, proxy(report.proxy())));
        items.add(new Item(Aspect.DNS, guard(() -> dns(host))));
        items.add(new Item(Aspect.IPV6, guard(() -> ipv6(host))));
        items.add(new Item(Aspect.FIREWALL, guard(() -> firewall(host, transport(report), tried))));
        return new Environment(items);
    }

    /** The transport of the report's attempts, for the firewall's rules. */
    public static Transport transport(ProbeReport report) {
        return report.request().type() == SocketType.DGRAM ? Transport.UDP : Transport.TCP;
    }

    /** The address the report's verdict rests on, or the first resolved; null when none. */
    public static SockAddr tried(ProbeReport report) {
        Attempt d = report.decisive();
        return d != null ? d.address() : report.resolution() != null && !report.resolution().addresses().isEmpty()
                ? report.resolution().addresses().get(0) : null;
    }

    /** {@code r}, or unknown with the reason when reading it threw. */
    public static Read<String> guarded(java.util.function.Supplier<Read<String>> r) {
        return guard(r::get);
    }

    private interface Reading {
        Read<String> read();
    }

    private static Read<String> guard(Reading r) {
        try {
            return r.read();
        } catch (RuntimeException e) {
            return Read.unknown("could not be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Why the proxy of a run is unknown when its report did not look it up (a checklist's check). */
    public static final String PROXY_NOT_LOOKED_UP = "the system's proxy was not looked up for this run";

    /** The proxy the report names for its target, as the history records it too. */
    public static Read<String> proxy(SystemProxy p) {
        if (p == null) {
            return Read.unknown(PROXY_NOT_LOOKED_UP);
        }
        return switch (p.applies()) {
            case PROXY -> Read.known(p.proxy().display());
            case BYPASSED, NO_PROXY -> Read.known("direct");
            case PAC_DECIDES -> Read.known("the PAC file " + p.pacUrl());
            case AUTO_DETECT_DECIDES -> Read.known("automatic detection (WPAD)");
            case UNKNOWN -> Read.unknown(p.reason());
        };
    }

    private static Read<String> interfaceWords(HostState host, PathFacts path, SockAddr tried) {
        if (tried == null) {
            return Read.unknown("no address was tried (the name did not resolve)");
        }
        VpnPath v = path == null ? null : path.vpn();
        if (v == null) {
            return Read.known(isLoopback(tried) ? "loopback (this computer)" : "none: the address is this computer's own");
        }
        if (v instanceof VpnPath.Unknown u) {
            return Read.unknown(u.reason());
        }
        if (v.routeLink() == null) {
            return Read.known("none (no route)");
        }
        String vpns = v.vpnUp() == null || v.vpnUp().isEmpty() || v.routeLink().kind().vpn() ? ""
                : "; VPN up: " + String.join(", ", v.vpnUp().stream().map(l -> l.name()).toList());
        return Read.known(v.routeLink().display() + vpns);
    }

    private static Read<String> source(HostState host, Attempt d, SockAddr tried) {
        if (d != null && d.local() != null && !isAny(d.local())) {
            return Read.known(d.local().host());
        }
        if (tried == null) {
            return Read.unknown("no address was tried (the name did not resolve)");
        }
        RouteLookup lookup = host.route(PathReader.withoutPort(tried));
        if (lookup instanceof RouteLookup.Routed r && r.route().preferredSource() != null) {
            return Read.known(r.route().preferredSource().host() + " (the route's)");
        }
        if (lookup instanceof RouteLookup.Unknown u) {
            return Read.unknown(u.reason());
        }
        return Read.unknown("the attempt bound no local address and the route names none");
    }

    private static Read<String> dns(HostState host) {
        Read<HostState.Resolvers> r = host.resolvers();
        if (r instanceof Read.Unknown<HostState.Resolvers> u) {
            return Read.unknown(u.reason());
        }
        HostState.Resolvers v = r.orElse(null);
        if (v.servers().isEmpty()) {
            return Read.known("no name server configured (" + v.source() + ")");
        }
        return Read.known(String.join(", ", v.servers()));
    }

    /** "off (net.ipv6.conf.all.disable_ipv6 = 1)", "link-local only", "global address, no default route", "global address and a route". */
    public static Read<String> ipv6(HostState host) {
        if (host.ipv6Status() instanceof Read.Known<HostState.Ipv6Status> k && k.value().disabled()) {
            return Read.known("off (" + k.value().setting() + ")");
        }
        Read<List<NetInterface>> interfaces = host.interfaces();
        if (interfaces instanceof Read.Unknown<List<NetInterface>> u) {
            return Read.unknown("the interfaces could not be read: " + u.reason());
        }
        boolean global = false;
        boolean linkLocal = false;
        for (NetInterface i : interfaces.orElse(List.of())) {
            if (i.loopback() || !i.up()) {
                continue;
            }
            for (NetInterface.Address a : i.addresses()) {
                if (a.address() instanceof SockAddr.Inet6 v6) {
                    if ((v6.high() >>> 54) == 0x3fa) {
                        linkLocal = true;
                    } else {
                        global = true;
                    }
                }
            }
        }
        if (!global) {
            return Read.known(linkLocal ? "link-local addresses only (fe80::…)" : "no IPv6 address");
        }
        RouteLookup route = host.route(GLOBAL_V6);
        if (route instanceof RouteLookup.Unknown u) {
            return Read.unknown("a global address; whether there is an IPv6 route could not be read: " + u.reason());
        }
        if (route instanceof RouteLookup.Routed r) {
            Route x = r.route();
            return Read.known("a global address and a route" + (x.device() == null ? "" : " (via " + x.device() + ")"));
        }
        return Read.known("a global address but no default IPv6 route");
    }

    /** The firewall as the line says it, for a packet of {@code transport} to {@code tried} (null: none tried). */
    public static Read<String> firewall(HostState host, Transport transport, SockAddr tried) {
        if (tried != null) {
            Read<LocalFirewall> fw = host.firewall(transport, tried, null);
            if (fw instanceof Read.Known<LocalFirewall> k) {
                return Read.known(words(k.value()));
            }
            Read<List<HostState.PacketFilter>> filters = host.packetFilters();
            if (filters instanceof Read.Known<List<HostState.PacketFilter>> f) {
                if (f.value().isEmpty()) {
                    return Read.known("no packet filter loaded");
                }
                String names = String.join(", ", f.value().stream().map(HostState.PacketFilter::name).toList());
                return Read.known(names + " (rules not read: " + ((Read.Unknown<LocalFirewall>) fw).reason() + ")");
            }
            return Read.unknown(((Read.Unknown<LocalFirewall>) fw).reason());
        }
        Read<List<HostState.PacketFilter>> filters = host.packetFilters();
        if (filters instanceof Read.Unknown<List<HostState.PacketFilter>> u) {
            return Read.unknown(u.reason());
        }
        List<HostState.PacketFilter> f = filters.orElse(List.of());
        return Read.known(f.isEmpty() ? "no packet filter loaded"
                : String.join(", ", f.stream().map(HostState.PacketFilter::name).toList()));
    }

    /** "nftables, a rule blocks this target", "Windows Defender Firewall on (Public; outbound allowed by default)". */
    static String words(LocalFirewall fw) {
        StringBuilder sb = new StringBuilder(fw.product());
        List<String> on = new ArrayList<>();
        for (LocalFirewall.Profile p : fw.profiles()) {
            if (p.active()) {
                on.add(p.name() + (p.enabled() ? " on, outbound " + (p.defaultOutbound().blocks() ? "blocked" : "allowed")
                        + " by default" : " off"));
            }
        }
        if (!on.isEmpty()) {
            sb.append(" (").append(String.join("; ", on)).append(')');
        }
        LocalFirewall.Rule blocking = fw.firstBlocking();
        if (blocking != null) {
            sb.append(blocking.partial() ? ", a rule may block this target" : ", a rule blocks this target");
        } else if (fw.matching().isEmpty()) {
            sb.append(", no rule matches this target");
        }
        return sb.toString();
    }

    private static boolean isLoopback(SockAddr a) {
        return a instanceof SockAddr.Inet4 v4 ? v4.isLoopback() : a instanceof SockAddr.Inet6 v6 && v6.isLoopback();
    }

    private static boolean isAny(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return v4.isAny();
        }
        return a instanceof SockAddr.Inet6 v6 && v6.high() == 0 && v6.low() == 0;
    }
}
