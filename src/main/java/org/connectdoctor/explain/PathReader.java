package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.Target;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;

/**
 * Reads the {@link PathFacts} of an attempt from the host state: the route's interface and the
 * kinds of the interfaces for "VPN or not"; the hosts file, the resolver settings, the lookup
 * order and the resolver's canonical name for where the address came from. Only reads local
 * state; never sends anything (a search suffix is named only when the resolver's canonical name
 * shows it, not by asking again). The explanation and the history both read through here, so
 * both say the same.
 */
public final class PathReader {

    /** Names a hosts file may send to this computer without being a blocklist line. */
    private static final List<String> LOCAL_NAMES = List.of("localhost", "localhost.localdomain", "localhost6",
            "localhost6.localdomain6", "ip6-localhost", "ip6-loopback", "broadcasthost", "local");
    /** Lookup-order sources that ask DNS (resolve: systemd-resolved) or only answer for this computer. */
    private static final List<String> DNS_OR_SELF = List.of("files", "dns", "resolve", "myhostname");

    private PathReader() {
    }

    /** The facts of attempt {@code a} (null: the first address resolved) of a probe on {@code os}. */
    public static PathFacts read(HostState host, Os os, ProbeRequest request, Resolution r, Attempt a) {
        if (request == null || request.target() instanceof Target.Unix) {
            return PathFacts.NONE;
        }
        SockAddr tried = a != null ? a.address() : r != null && !r.addresses().isEmpty() ? r.addresses().get(0) : null;
        if (tried == null) {
            return PathFacts.NONE;
        }
        return new PathFacts(vpn(host, tried), addressSource(host, os, r, tried));
    }

    /** Through a VPN or not, for {@code destination}; null for an address of this computer. */
    public static VpnPath vpn(HostState host, SockAddr destination) {
        if (destination instanceof SockAddr.Inet4 v4 ? v4.isLoopback()
                : destination instanceof SockAddr.Inet6 v6 ? v6.isLoopback() : true) {
            return null;
        }
        RouteLookup route = host.route(withoutPort(destination));
        if (route instanceof RouteLookup.Routed r && r.route().type() == RouteType.LOCAL) {
            return null;
        }
        Read<List<NetworkLink>> links = host.links();
        if (links instanceof Read.Unknown<List<NetworkLink>> u) {
            return new VpnPath.Unknown("the kinds of this computer's interfaces could not be read: " + u.reason(), null);
        }
        List<NetworkLink> all = links.orElse(List.of());
        List<NetworkLink> vpnUp = all.stream().filter(l -> l.up() && l.kind().vpn()).toList();
        if (route instanceof RouteLookup.Routed r) {
            String device = r.route().device();
            if (device == null) {
                return new VpnPath.Unknown("the route to " + destination.host() + " names no interface", vpnUp);
            }
            Optional<NetworkLink> link = all.stream().filter(l -> l.name().equals(device)).findFirst();
            if (link.isEmpty()) {
                return new VpnPath.Unknown("the route to " + destination.host() + " uses " + device
                        + ", which the list of interfaces does not show", vpnUp);
            }
            if (link.get().kind().vpn()) {
                return new VpnPath.Through(link.get(), vpnUp);
            }
            return vpnUp.isEmpty() ? new VpnPath.NoVpn(link.get()) : new VpnPath.Outside(destination.host(), link.get(), vpnUp);
        }
        if (route instanceof RouteLookup.Unknown u) {
            return vpnUp.isEmpty() ? new VpnPath.NoVpn(null) : new VpnPath.Unknown("a VPN interface is up, but the "
                    + "route to " + destination.host() + " could not be read: " + u.reason(), vpnUp);
        }
        // no route, or a reject route: it leaves through no interface
        return vpnUp.isEmpty() ? new VpnPath.NoVpn(null) : new VpnPath.Outside(destination.host(), null, vpnUp);
    }

    /** Where {@code tried} came from in resolution {@code r}; null without a resolution. */
    public static AddressSource addressSource(HostState host, Os os, Resolution r, SockAddr tried) {
        if (r == null) {
            return null;
        }
        if (r.numeric()) {
            return new AddressSource.Literal();
        }
        String name = bare(r.host());
        Read<HostState.HostsFile> hosts = host.hostsFile();
        if (hosts instanceof Read.Unknown<HostState.HostsFile> u) {
            return new AddressSource.Unknown("whether it came from the hosts file cannot be told: " + u.reason());
        }
        HostState.HostsFile file = hosts.orElse(null);
        HostState.HostsEntry naming = null;
        for (HostState.HostsEntry e : file.entries()) {
            if (e.names().stream().noneMatch(n -> bare(n).equals(name))) {
                continue;
            }
            if (naming == null) {
                naming = e;
            }
            byte[] octets = literal(e.address());
            if (octets != null && java.util.Arrays.equals(octets, Route.octets(withoutPort(tried)))) {
                return new AddressSource.HostsFile(file.source(), e.line(), e.address(), e.names(),
                        blocklist(octets, name, host));
            }
        }
        if (naming != null) {
            return new AddressSource.Unknown(file.source() + (naming.line() > 0 ? " line " + naming.line() : "")
                    + " names " + name + " as " + naming.address() + ", but the address tried, " + tried.host()
                    + ", is on no line for it: another source answered");
        }
        Read<HostState.Resolvers> resolvers = host.resolvers();
        List<String> servers = r.resolvers() != null ? r.resolvers()
                : resolvers.map(HostState.Resolvers::servers).orElse(List.of());
        String from = resolvers instanceof Read.Known<HostState.Resolvers> k ? k.value().source() : null;
        List<String> search = resolvers.map(HostState.Resolvers::searchDomains).orElse(List.of());
        if (r.canonicalName() != null) {
            String canonical = bare(r.canonicalName());
            for (String suffix : search) {
                String s = bare(suffix);
                if (!s.isEmpty() && canonical.equals(name + "." + s) && !r.host().endsWith(".")) {
                    return new AddressSource.SearchSuffix(r.host(), canonical, s, servers, from);
                }
            }
        }
        List<String> others = new ArrayList<>();
        if (host.lookupOrder() instanceof Read.Known<HostState.LookupOrder> order) {
            for (String source : order.value().order().replaceAll("\\[[^]]*]", " ").strip().split("\\s+")) {
                if (!source.isEmpty() && !DNS_OR_SELF.contains(source.toLowerCase(Locale.ROOT))) {
                    others.add(source);
                }
            }
        }
        boolean asComplete = os == Os.WINDOWS && name.contains(".") && !search.isEmpty();
        if (os == Os.WINDOWS && host.nameResolutionPolicy() instanceof Read.Known<List<org.connectdoctor.sys.NameRule>> k) {
            org.connectdoctor.sys.NameRule rule = org.connectdoctor.sys.NameRule.match(k.value(), r.host());
            if (rule != null) {
                // the rule's servers were asked, not the adapters'
                return new AddressSource.Dns(r.host(), rule.servers(), rule.source(), others, asComplete, search, rule);
            }
        }
        return new AddressSource.Dns(r.host(), servers, from, others, asComplete, search);
    }

    /**
     * 0.0.0.0, ::, 127.0.0.0/8 or ::1 for a name that is not this computer's own: what ad and
     * malware blocklists write, and what is left behind after testing against a local copy.
     */
    private static boolean blocklist(byte[] octets, String name, HostState host) {
        boolean nowhereOrHere;
        if (octets.length == 4) {
            nowhereOrHere = (octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0) || octets[0] == 127;
        } else {
            boolean zero = true;
            for (int i = 0; i < 15; i++) {
                zero &= octets[i] == 0;
            }
            nowhereOrHere = zero && (octets[15] == 0 || octets[15] == 1);
        }
        if (!nowhereOrHere || LOCAL_NAMES.contains(name) || name.endsWith(".localhost") || name.endsWith(".localdomain")) {
            return false;
        }
        String own = host.hostName().orElse("");
        String ownShort = own.contains(".") ? own.substring(0, own.indexOf('.')) : own;
        String nameShort = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return own.isEmpty() || !(name.equalsIgnoreCase(own) || nameShort.equalsIgnoreCase(ownShort));
    }

    private static String bare(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    static SockAddr withoutPort(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return SockAddr.Inet4.of(v4.octets(), 0);
        }
        if (a instanceof SockAddr.Inet6 v6) {
            return SockAddr.Inet6.of(v6.octets(), 0, 0, v6.scopeId());
        }
        return a;
    }

    /**
     * The octets of an IPv4 dotted quad or an IPv6 address as a hosts file writes them (a zone
     * after '%' ignored), or null for anything else. Parsed here, never by a resolver, so a
     * malformed line can cause no lookup.
     */
    static byte[] literal(String text) {
        String t = text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
        if (!t.contains(":")) {
            return ipv4(t);
        }
        int embedded = t.lastIndexOf(':');
        byte[] tail4 = t.indexOf('.', embedded) > 0 ? ipv4(t.substring(embedded + 1)) : null;
        if (t.indexOf('.', embedded) > 0 && tail4 == null) {
            return null;
        }
        String groups = tail4 == null ? t : t.substring(0, embedded + 1) + "0:0";
        int gap = groups.indexOf("::");
        if (gap != groups.lastIndexOf("::") && gap >= 0) {
            return null;
        }
        String[] head = gap < 0 ? groups.split(":", -1) : split(groups.substring(0, gap));
        String[] rest = gap < 0 ? new String[0] : split(groups.substring(gap + 2));
        int total = head.length + rest.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        int[] words = new int[8];
        try {
            for (int i = 0; i < head.length; i++) {
                words[i] = word(head[i]);
            }
            for (int i = 0; i < rest.length; i++) {
                words[8 - rest.length + i] = word(rest[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (words[i] >>> 8);
            out[2 * i + 1] = (byte) words[i];
        }
        if (tail4 != null) {
            System.arraycopy(tail4, 0, out, 12, 4);
        }
        return out;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static int word(String s) {
        if (s.isEmpty() || s.length() > 4) {
            throw new NumberFormatException(s);
        }
        return Integer.parseInt(s, 16);
    }

    private static byte[] ipv4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(parts[i]);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
