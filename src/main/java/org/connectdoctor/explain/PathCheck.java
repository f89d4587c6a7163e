package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.NetworkLink;

/**
 * The {@link PathFacts} in words: "Left through the VPN interface wg0 (WireGuard).", "Routed
 * outside the VPN: …", "No VPN interface is up.", "… came from /etc/hosts line 3". A blocklist
 * hosts line is the cause of a failure; a private address routed around a VPN that is up is the
 * likely cause of a silence or "unreachable". Everything else adds context only.
 */
final class PathCheck {

    private PathCheck() {
    }

    static List<Finding> findings(PathFacts path, Situation s) {
        List<Finding> out = new ArrayList<>();
        if (path.addressSource() != null) {
            Finding f = source(path.addressSource(), s);
            if (f != null) {
                out.add(f);
            }
        }
        if (path.vpn() != null) {
            out.add(vpn(path.vpn(), s));
        }
        return out;
    }

    private static boolean failed(Situation s) {
        return s.attempt() != null && !s.is("CONNECTED", "ANSWERED", "CANCELLED");
    }

    // ------------------------------------------------------------------ VPN or not

    static Finding vpn(VpnPath v, Situation s) {
        if (v instanceof VpnPath.Through t) {
            return new Finding("vpn", "Left through the VPN interface " + t.link().display() + mtu(t.link()) + ".");
        }
        if (v instanceof VpnPath.NoVpn n) {
            return new Finding("vpn", "No VPN interface is up" + (n.link() == null ? "." : "; the route uses "
                    + n.link().display() + mtu(n.link()) + "."));
        }
        if (v instanceof VpnPath.Unknown u) {
            return new Finding("vpn", "Whether this went through a VPN cannot be told: " + u.reason() + ".");
        }
        VpnPath.Outside o = (VpnPath.Outside) v;
        String up = names(o.vpnUp());
        String has = "this computer has " + (o.vpnUp().size() == 1 ? "a VPN interface" : "VPN interfaces") + " up ("
                + up + ")";
        String text = o.link() == null
                ? "Routed outside the VPN: " + has + ", but has no route to " + o.destination() + " through it"
                + " — a split-tunnel rule or a missing route."
                : "Routed outside the VPN: " + has + ", but the route to " + o.destination() + " uses " + o.link().name()
                + " — a split-tunnel rule or a missing route.";
        boolean silentOrUnreachable = s.is("TIMED_OUT", "ETIMEDOUT", "NO_REPLY", "ENETUNREACH", "EHOSTUNREACH");
        if (!failed(s) || !silentOrUnreachable || !isPrivate(s.address())) {
            return new Finding("vpn", text);
        }
        String via = o.link() == null ? "has no route to it at all" : "sends to it through " + o.link().display()
                + ", outside the VPN";
        String meaning = s.address().host() + " is a private address, of the kind usually reached only through a VPN, "
                + "and this computer has a VPN up (" + up + ") but " + via + ": the VPN's routes do not include it "
                + "(a split-tunnel rule) or a route is missing.";
        String routeGet = s.commands().routeGet(s.address().host());
        List<String> steps = new ArrayList<>();
        steps.add("See which interface this computer uses for " + s.address().host()
                + (routeGet == null ? "." : ": " + routeGet + "."));
        steps.add("Disconnect and reconnect the VPN: the client sets its routes again when it connects.");
        steps.add("Ask whoever runs the VPN whether " + s.address().host() + " is meant to be reached through it; "
                + "if it is, its network belongs in the VPN's routes (the split-tunnel list).");
        return new Finding("vpn", text, new Diagnosis(meaning, Fault.THIS_COMPUTER, steps));
    }

    /** ", MTU 1420" when the link's MTU was read, else nothing. */
    private static String mtu(NetworkLink link) {
        return link.mtu() > 0 ? ", MTU " + link.mtu() : "";
    }

    private static String names(List<NetworkLink> links) {
        return String.join(", ", links.stream().map(NetworkLink::name).toList());
    }

    /** RFC 1918, RFC 6598 shared space, IPv6 unique-local fc00::/7. */
    static boolean isPrivate(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            byte[] o = v4.octets();
            int b0 = o[0] & 0xff;
            int b1 = o[1] & 0xff;
            return b0 == 10 || (b0 == 172 && b1 >= 16 && b1 < 32) || (b0 == 192 && b1 == 168)
                    || (b0 == 100 && b1 >= 64 && b1 < 128);
        }
        return a instanceof SockAddr.Inet6 v6 && (v6.octets()[0] & 0xfe) == 0xfc;
    }

    // ------------------------------------------------------------------ where the address came from

    static Finding source(AddressSource src, Situation s) {
        String tried = s.address() == null ? "the address" : s.address().host();
        String name = s.resolution() == null ? "the name" : s.resolution().host();
        if (src instanceof AddressSource.Literal) {
            return null; // given as an address: the report already says so
        }
        if (src instanceof AddressSource.HostsFile h) {
            String line = h.where() + " (" + h.address() + " " + String.join(" ", h.names()) + ")";
            if (!h.blocklist()) {
                return new Finding("address-source", tried + " came from the hosts file: " + line + "; DNS is not "
                        + "asked for a name the hosts file has" + (failed(s) ? ", so if the server has moved, this line "
                        + "is stale." : "."));
            }
            String text = name + " came from " + line + ", which sends it to " + h.address() + ", "
                    + (h.address().startsWith("127.") || h.address().equals("::1") ? "this computer itself"
                    : "an address that is no host") + ": a blocklist or stale line, the likely cause. DNS is not asked "
                    + "for a name the hosts file has.";
            if (!failed(s)) {
                return new Finding("address-source", text);
            }
            String meaning = "Line " + h.line() + " of " + h.file() + " sends " + name + " to " + h.address()
                    + ", so this computer never asks DNS for its real address. Lines like this come from ad or malware "
                    + "blocklists, or are left over from testing against a local copy.";
            List<String> steps = List.of(
                    "Open " + h.file() + " as " + (s.commands().isLinux() ? "root" : "an administrator") + " and remove or "
                            + "correct line " + h.line() + " (" + h.address() + " " + String.join(" ", h.names()) + "), "
                            + "then try again.",
                    "If an ad blocker or security program manages that file, allow " + name + " there instead: it "
                            + "writes the line back otherwise.");
            return new Finding("address-source", text, new Diagnosis(meaning, Fault.THIS_COMPUTER, steps));
        }
        if (src instanceof AddressSource.SearchSuffix ss) {
            return new Finding("address-source", ss.name() + " resolved as " + ss.fullName() + " through the search "
                    + "suffix " + ss.suffix() + (ss.serversFrom() == null ? "" : " (from " + ss.serversFrom() + ")")
                    + ", answered by " + servers(ss.servers()) + ".");
        }
        if (src instanceof AddressSource.Dns d) {
            StringBuilder sb = new StringBuilder(tried + " came from DNS, answered by " + servers(d.servers())
                    + (d.serversFrom() == null || d.servers().isEmpty() ? "" : " (in " + d.serversFrom() + ")")
                    + "; the hosts file has no line for " + name + ".");
            if (!d.otherSources().isEmpty()) {
                sb.append(" The lookup order also names ").append(String.join(", ", d.otherSources()))
                        .append(", which may have answered instead.");
            }
            if (d.policyRule() != null) {
                sb.append(" A Name Resolution Policy rule for ").append(d.policyRule().namespace())
                        .append(" sent the name to ").append(String.join(", ", d.policyRule().servers()))
                        .append(" instead of the adapters' name servers (").append(d.policyRule().source())
                        .append("; Get-DnsClientNrptPolicy shows it).");
            }
            if (d.asComplete()) {
                sb.append(" Windows takes a name with a dot as complete: it asked for ").append(name)
                        .append(" as given, without the search suffixes (").append(String.join(", ", d.searchDomains()))
                        .append(").");
            }
            return new Finding("address-source", sb.toString());
        }
        return new Finding("address-source", "Where " + tried + " came from cannot be told: "
                + ((AddressSource.Unknown) src).reason() + ".");
    }

    /** Who answered, as far as the system tells: "the name server 10.0.0.53, the only one configured". */
    private static String servers(List<String> servers) {
        if (servers.isEmpty()) {
            return "a name server";
        }
        if (servers.size() == 1) {
            String s = servers.get(0);
            return s.startsWith("127.") || s.equals("::1")
                    ? "the resolver on this computer at " + s + ", which forwards the question to its own servers"
                    : "the name server " + s + ", the only one configured";
        }
        return "one of the name servers " + String.join(", ", servers) + " (which one, the system's resolver does not say)";
    }
}
