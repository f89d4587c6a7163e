package org.connectdoctor.history;

import java.util.List;
import org.connectdoctor.explain.AddressSource;
import org.connectdoctor.explain.EnvironmentReader;
import org.connectdoctor.explain.PathFacts;
import org.connectdoctor.explain.PathReader;
import org.connectdoctor.explain.VpnPath;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Target;
import org.connectdoctor.sys.HostRoutes;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;

/**
 * Reads where a run went from, right after it ended: the source address the connection used
 * (from the report), the route the OS would take to the address tried, and the name servers.
 * Reads on the calling thread, so on Linux in the caller's network namespace. What a source
 * cannot tell stays {@link Fact#unknown unknown}, with the reason.
 */
public final class ContextReader {

    private final HostState host;
    private final HostRoutes fallback;
    private final Os os;

    /**
     * @param host     this computer's state
     * @param fallback asked for the route when {@code host} cannot tell (null: none)
     */
    public ContextReader(HostState host, HostRoutes fallback) {
        this(host, fallback, Os.current());
    }

    /** @param os the system whose rules the address source follows (Windows takes a dotted name as complete) */
    public ContextReader(HostState host, HostRoutes fallback, Os os) {
        this.host = host;
        this.fallback = fallback;
        this.os = os;
    }

    /** The running OS's readers: {@link HostState#current()}, with {@link HostRoutes#system()} for routes it cannot read yet. */
    public static ContextReader system() {
        return new ContextReader(HostState.current(), HostRoutes.system());
    }

    public RunContext read(ProbeReport report) {
        if (report.request().target() instanceof Target.Unix) {
            return new RunContext(Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(),
                    Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none());
        }
        RunContext routed = readRoute(report);
        return withPath(routed, report).withProxy(proxy(report)).withTlsIssuer(tlsIssuer(report))
                .withHost(fact(EnvironmentReader.guarded(() -> EnvironmentReader.ipv6(host))),
                        fact(EnvironmentReader.guarded(() -> EnvironmentReader.firewall(host,
                                EnvironmentReader.transport(report), EnvironmentReader.tried(report)))));
    }

    /**
     * The common name of the issuer at the top of the chain the server sent: the root (or the
     * intermediate) that a TLS-inspecting agent replaces. None without a TLS check or a chain.
     */
    static Fact<String> tlsIssuer(ProbeReport report) {
        org.connectdoctor.tls.TlsCheck t = report.anyTls();
        if (t == null || t.chain().isEmpty()) {
            return Fact.none();
        }
        return Fact.known(org.connectdoctor.tls.CertificateInfo.commonNameOf(t.chain().get(t.chain().size() - 1).issuer()));
    }

    private static Fact<String> fact(Read<String> r) {
        return r instanceof Read.Unknown<String> u ? Fact.unknown(u.reason()) : Fact.known(r.orElse(null));
    }

    /** The proxy the report names for its target: its host:port, "direct", or where a PAC file decides. */
    static Fact<String> proxy(ProbeReport report) {
        return fact(EnvironmentReader.proxy(report.proxy()));
    }

    /**
     * The VPN interfaces up, the route's interface kind and the address source, read as the
     * explanation reads them ({@link PathReader}); what cannot be read stays unknown with the reason.
     */
    private RunContext withPath(RunContext c, ProbeReport report) {
        VpnPath vpn;
        AddressSource source;
        try {
            PathFacts path = PathReader.read(host, os, report.request(), report.resolution(), report.decisive());
            vpn = path.vpn();
            source = path.addressSource();
        } catch (RuntimeException e) {
            String why = "the path could not be read (" + HistoryStore.describe(e) + ")";
            return c.withPath(Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why));
        }
        Fact<List<String>> up;
        Fact<String> kind;
        if (vpn == null) {
            // an address of this computer, or none tried: no route interface, but the VPNs up still count
            up = vpnUp();
            kind = Fact.none();
        } else {
            up = vpn.vpnUp() == null ? Fact.unknown(((VpnPath.Unknown) vpn).reason())
                    : Fact.known(vpn.vpnUp().stream().map(NetworkLink::name).toList());
            kind = vpn.routeLink() != null ? Fact.known(vpn.routeLink().kind().id())
                    : vpn instanceof VpnPath.Unknown u ? Fact.unknown(u.reason()) : Fact.none();
        }
        Fact<String> sourceKind;
        Fact<String> from;
        if (source == null) {
            String why = "no address was tried (the name did not resolve)";
            sourceKind = Fact.unknown(why);
            from = Fact.unknown(why);
        } else if (source instanceof AddressSource.Unknown u) {
            sourceKind = Fact.unknown(u.reason());
            from = Fact.unknown(u.reason());
        } else {
            sourceKind = Fact.known(source.kind().id());
            from = Fact.known(source.where());
        }
        return c.withPath(up, kind, sourceKind, from);
    }

    private Fact<List<String>> vpnUp() {
        try {
            Read<List<NetworkLink>> links = host.links();
            if (links instanceof Read.Unknown<List<NetworkLink>> u) {
                return Fact.unknown("the kinds of this computer's interfaces could not be read: " + u.reason());
            }
            return Fact.known(links.orElse(List.of()).stream().filter(l -> l.up() && l.kind().vpn())
                    .map(NetworkLink::name).toList());
        } catch (RuntimeException e) {
            return Fact.unknown("the interfaces could not be read (" + HistoryStore.describe(e) + ")");
        }
    }

    private RunContext readRoute(ProbeReport report) {
        Fact<List<String>> resolvers = resolvers(report.resolution());
        Attempt d = report.decisive();
        SockAddr destination = d != null ? d.address()
                : report.resolution() != null && !report.resolution().addresses().isEmpty()
                ? report.resolution().addresses().get(0) : null;
        if (destination == null) {
            String why = "no address was tried (the name did not resolve)";
            return new RunContext(Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), Fact.unknown(why), resolvers);
        }
        RouteLookup lookup = route(destination);
        Fact<String> device;
        Fact<String> gateway;
        Fact<String> routeText;
        SockAddr preferred = null;
        String routeUnknown = null;
        if (lookup instanceof RouteLookup.Routed r) {
            Route route = r.route();
            device = route.device() == null ? Fact.none() : Fact.known(route.device());
            gateway = route.gateway() == null ? Fact.none() : Fact.known(route.gateway().host());
            routeText = Fact.known((r.entry() != null ? r.entry() : route).display());
            preferred = route.preferredSource();
        } else if (lookup instanceof RouteLookup.Rejected r) {
            device = Fact.none();
            gateway = Fact.none();
            routeText = Fact.known(r.route().display());
        } else if (lookup instanceof RouteLookup.NoRoute) {
            device = Fact.none();
            gateway = Fact.none();
            routeText = Fact.known("no route");
        } else {
            routeUnknown = ((RouteLookup.Unknown) lookup).reason();
            device = Fact.unknown(routeUnknown);
            gateway = Fact.unknown(routeUnknown);
            routeText = Fact.unknown(routeUnknown);
        }
        Fact<String> source;
        if (d != null && d.local() != null && !isAny(d.local())) {
            source = Fact.known(d.local().host());
        } else if (preferred != null) {
            source = Fact.known(preferred.host());
        } else {
            source = Fact.unknown(routeUnknown != null ? routeUnknown
                    : "the attempt bound no local address and the route names none");
        }
        return new RunContext(source, device, gateway, routeText, resolvers);
    }

    private RouteLookup route(SockAddr destination) {
        RouteLookup lookup;
        try {
            lookup = host.route(destination);
        } catch (RuntimeException e) {
            lookup = new RouteLookup.Unknown("the route could not be read (" + HistoryStore.describe(e) + ")");
        }
        if (lookup instanceof RouteLookup.Unknown && fallback != null) {
            try {
                RouteLookup other = fallback.route(destination);
                if (!(other instanceof RouteLookup.Unknown)) {
                    return other;
                }
            } catch (RuntimeException e) {
                // the first reason stands
            }
        }
        return lookup;
    }

    private Fact<List<String>> resolvers(Resolution r) {
        if (r != null && r.numeric()) {
            return Fact.none(); // a literal asks no name server
        }
        if (r != null && r.resolvers() != null) {
            return Fact.known(r.resolvers());
        }
        try {
            Read<HostState.Resolvers> read = host.resolvers();
            if (read instanceof Read.Known<HostState.Resolvers> k) {
                return Fact.known(k.value().servers());
            }
            return Fact.unknown(((Read.Unknown<HostState.Resolvers>) read).reason());
        } catch (RuntimeException e) {
            return Fact.unknown("the name servers could not be read (" + HistoryStore.describe(e) + ")");
        }
    }

    private static boolean isAny(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return v4.isAny();
        }
        if (a instanceof SockAddr.Inet6 v6) {
            for (byte b : v6.octets()) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
