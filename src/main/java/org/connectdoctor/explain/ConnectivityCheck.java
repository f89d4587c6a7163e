package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ConnectivityProbe;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;

/**
 * For a connection beyond this computer's own networks that timed out or found no way there: what
 * the operating system's own connectivity check concluded (NetworkManager, Windows' Network List
 * Manager), when that explains it. A captive portal (a sign-in page the network wants first) and
 * a network without internet hold back exactly such connections, and the system already knows it:
 * that is a diagnosis. A verdict of full connectivity says nothing about one failed connection and
 * is not shown; neither is any verdict for an address on a local network or this computer, which
 * a portal does not stand between.
 */
final class ConnectivityCheck implements Check {

    /** How a finding about one family only begins (Windows keeps a verdict per family). */
    private static final String FAMILY_ONLY = "This network gives no ";

    @Override
    public List<Finding> findings(Situation s) {
        if (!applies(s)) {
            return List.of();
        }
        SockAddr address = s.address();
        if (!beyondLocalNetworks(address, s.host().interfaces())) {
            return List.of();
        }
        if (!(s.host().connectivity() instanceof Read.Known<Connectivity> k)) {
            return List.of();
        }
        Connectivity c = k.value();
        Connectivity.State state = c.families().getOrDefault(address.family(), c.state());
        if (!state.noInternet()) {
            return List.of();
        }
        String family = c.families().containsKey(address.family())
                ? (address.family() == Family.INET6 ? " for IPv6" : " for IPv4") : "";
        String said = "the system's own check says so" + family + " \u2014 " + c.words() + " (" + c.source() + ")";
        String where = address.host() + " port " + address.port();
        Os os = Commands.osOf(s.caps());
        ConnectivityProbe.Endpoint check = ConnectivityProbe.systemEndpoint(os, s.host().connectivity());
        List<String> steps = new ArrayList<>();
        String text;
        String meaning;
        Family otherFamily = address.family() == Family.INET6 ? Family.INET : Family.INET6;
        if (state != Connectivity.State.PORTAL && c.families().get(otherFamily) == Connectivity.State.FULL) {
            // the other family reaches the internet: only this one does not (Windows tells them apart)
            String mine = address.family() == Family.INET6 ? "IPv6" : "IPv4";
            String other = address.family() == Family.INET6 ? "IPv4" : "IPv6";
            text = FAMILY_ONLY + mine + " way to the internet: " + said + ". Connections over " + mine + " beyond this "
                    + "computer's networks, such as this one to " + where + ", do not get out, while " + other
                    + " reaches the internet here.";
            meaning = FAMILY_ONLY + mine + " way to the internet, while " + other + " reaches it: the system's own check "
                    + "says so.";
            if (byName(s)) {
                steps.add("Connect over " + other + " instead: connect-doctor probe " + (other.equals("IPv4") ? "-4 "
                        : "-6 ") + s.request().target().display() + ", or the program's own setting for it.");
            } else {
                steps.add("Connect to the host's " + other + " address, or to its name, instead of " + address.host()
                        + ".");
            }
            steps.add("If it has to be " + mine + ", this network's " + mine + " is for its administrator: it gives this "
                    + "computer no " + mine + " route out.");
            return List.of(new Finding("connectivity", text, new Diagnosis(meaning, Fault.NETWORK, steps)));
        }
        switch (state) {
            case PORTAL -> {
                text = "This network needs a sign-in in a browser (captive portal): " + said + ". Until someone "
                        + "signs in, it holds back connections to the internet, such as this one to " + where + ".";
                meaning = "This network needs a sign-in in a browser (captive portal) before it lets connections out: "
                        + "the system's own check says so.";
                steps.add("Open a web browser at any http:// address (http://example.com/, not an https:// one): the "
                        + "network answers with its sign-in page. Sign in or accept its terms, then probe again.");
            }
            case LIMITED -> {
                text = "This network reaches the local network only, not the internet: " + said + ". Connections "
                        + "beyond it, such as this one to " + where + ", do not get through from here.";
                meaning = "This network reaches the local network only, not the internet: the system's own check says "
                        + "so.";
                steps.add("Open a web browser at any http:// address (http://example.com/): if a sign-in page comes up, "
                        + "the network wants one first; sign in, then probe again.");
                steps.add("Otherwise the network's way out is down or blocked: try another network (another Wi-Fi, a "
                        + "phone's hotspot) to tell this network from this computer, and tell its administrator.");
            }
            default -> {
                text = "This computer is not connected to a network that reaches the internet: " + said + ". "
                        + "Connections beyond its own networks, such as this one to " + where + ", cannot get out.";
                meaning = "This computer is not connected to a network that reaches the internet: the system's own "
                        + "check says so.";
                steps.add("Connect to a network first (plug in the cable, join a Wi-Fi network), then probe again.");
            }
        }
        if (os == Os.WINDOWS) {
            steps.add("See Windows' own verdict: the network icon in the taskbar, or in PowerShell: "
                    + "\"Get-NetConnectionProfile | Format-Table Name,IPv4Connectivity,IPv6Connectivity\" "
                    + "(Internet once the network lets this computer out).");
        } else if (os == Os.LINUX) {
            steps.add("Ask NetworkManager to check again once signed in or reconnected: \"nmcli networking connectivity "
                    + "check\" (it prints full once the network lets this computer out).");
        }
        steps.add("To see what the network answers the system's own check address (" + check.url() + "), ask for "
                + "the connectivity check: connect-doctor probe --connectivity-check " + s.request().target().display()
                + ", or the window's follow-up; it fetches that address once.");
        return List.of(new Finding("connectivity", text, new Diagnosis(meaning, Fault.NETWORK, steps)));
    }

    @Override
    public List<Action> actions(Situation s, List<Finding> findings) {
        // the active check is offered where the system's verdict explains the failure, never by itself;
        // where only one family lacks the internet, the other family is the follow-up
        if (findings.isEmpty()) {
            return List.of();
        }
        if (findings.get(0).text().startsWith(FAMILY_ONLY)) {
            return !byName(s) ? List.of()
                    : List.of(s.address().family() == Family.INET6 ? Action.RETRY_IPV4_ONLY : Action.RETRY_IPV6_ONLY);
        }
        return List.of(Action.CHECK_CONNECTIVITY);
    }

    /**
     * For a TLS check on port 443 to an address beyond this computer's networks whose certificate
     * was for another name or from an untrusted issuer: the finding that the system's own check
     * sees a captive portal (which answers HTTPS in the server's place), or null when it does not
     * say so or the address is local.
     */
    static String tlsPortal(org.connectdoctor.tls.TlsCheck t, org.connectdoctor.sys.HostState host) {
        if (t.port() != 443 || !INTERCEPTED.contains(t.verdict())) {
            return null;
        }
        SockAddr address = literal(t.address());
        if (address == null || !beyondLocalNetworks(address, host.interfaces())
                || !(host.connectivity() instanceof Read.Known<Connectivity> k)) {
            return null;
        }
        Connectivity c = k.value();
        if (c.families().getOrDefault(address.family(), c.state()) != Connectivity.State.PORTAL) {
            return null;
        }
        return "This network needs a sign-in in a browser (captive portal): the system's own check says so \u2014 "
                + c.words() + " (" + c.source() + "). Until someone signs in, the network answers connections to the "
                + "internet itself, so the certificate that came back is probably the portal's, not " + t.serverName()
                + "'s.";
    }

    /** The certificate verdicts a portal answering in the server's place gives. */
    private static final java.util.Set<org.connectdoctor.tls.TlsVerdict> INTERCEPTED = java.util.EnumSet.of(
            org.connectdoctor.tls.TlsVerdict.NAME_MISMATCH, org.connectdoctor.tls.TlsVerdict.UNTRUSTED_ISSUER,
            org.connectdoctor.tls.TlsVerdict.SELF_SIGNED);

    /** The address of a numeric IPv4 or IPv6 literal (no name lookup), else null. */
    static SockAddr literal(String address) {
        if (address == null || address.indexOf('%') >= 0) {
            return null;
        }
        try {
            if (address.matches("\\d{1,3}(\\.\\d{1,3}){3}") || address.indexOf(':') >= 0) {
                byte[] octets = java.net.InetAddress.getByName(address).getAddress();
                return octets.length == 4 ? SockAddr.Inet4.of(octets, 443) : SockAddr.Inet6.of(octets, 443, 0, 0);
            }
        } catch (java.net.UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** Whether the target is a name (which may have addresses of the other family), not a literal address. */
    private static boolean byName(Situation s) {
        return s.request().target() instanceof org.connectdoctor.probe.Target.Inet in && !in.isLiteral();
    }

    /** A connection attempt that timed out or found no route: what a portal or a dead uplink does. */
    private static boolean applies(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.attempt() == null || s.address() == null
                || s.address() instanceof SockAddr.Unix) {
            return false;
        }
        if (s.is("ENETUNREACH", "EHOSTUNREACH")) {
            return true;
        }
        return s.attempt().type() == SocketType.STREAM && s.is("TIMED_OUT", "ETIMEDOUT");
    }

    /**
     * Whether {@code address} lies beyond this computer and the networks its interfaces are on:
     * not loopback, not link-local, not inside an interface's prefix. False when the interfaces
     * cannot be read: then it cannot be told, and nothing is said.
     */
    static boolean beyondLocalNetworks(SockAddr address, Read<List<NetInterface>> interfaces) {
        byte[] a;
        if (address instanceof SockAddr.Inet4 v4) {
            if (v4.isLoopback() || v4.isAny()) {
                return false;
            }
            a = v4.octets();
            if ((a[0] & 0xff) == 169 && (a[1] & 0xff) == 254 || (a[0] & 0xf0) == 0xe0) {
                return false; // link-local, multicast
            }
        } else if (address instanceof SockAddr.Inet6 v6) {
            if (v6.isLoopback() || v6.high() == 0 && v6.low() == 0) {
                return false;
            }
            a = v6.octets();
            if ((a[0] & 0xff) == 0xfe && (a[1] & 0xc0) == 0x80 || (a[0] & 0xff) == 0xff) {
                return false; // link-local, multicast
            }
        } else {
            return false;
        }
        if (!(interfaces instanceof Read.Known<List<NetInterface>> known)) {
            return false;
        }
        for (NetInterface i : known.value()) {
            for (NetInterface.Address ia : i.addresses()) {
                if (ia.address().family() == address.family() && samePrefix(a, octets(ia.address()), ia.prefix())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] octets(SockAddr a) {
        return a instanceof SockAddr.Inet4 v4 ? v4.octets() : ((SockAddr.Inet6) a).octets();
    }

    private static boolean samePrefix(byte[] a, byte[] b, int prefix) {
        if (a.length != b.length || prefix < 0) {
            return false;
        }
        int bits = Math.min(prefix, a.length * 8);
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (b[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
