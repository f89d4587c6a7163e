package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The system's own connectivity verdict in an explanation: a diagnosis only for a timeout or a
 * missing route to an address beyond this computer's networks, and only when the verdict is a
 * captive portal, the local network only, or no network; never for a local address, never for full.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectivityCheckTest {

    private static final String NM = "NetworkManager, over the D-Bus system bus: org.freedesktop.NetworkManager "
            + "property Connectivity";
    /** This computer: 192.168.1.10/24 on eth0, 2001:db8:1::10/64. */
    private static final Read<List<NetInterface>> INTERFACES = Read.known(List.of(new NetInterface("eth0", true, true,
            false, List.of(new NetInterface.Address(new SockAddr.Inet4(0xc0a8010a, 0), 24, null),
            new NetInterface.Address(v6("2001:db8:1::10"), 64, null)))));

    private static SockAddr v6(String text) {
        try {
            return SockAddr.Inet6.of(java.net.InetAddress.getByName(text).getAddress(), 0, 0, 0);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static HostState host(Read<Connectivity> verdict, Read<List<NetInterface>> interfaces) {
        HostState unknown = new UnreadableHostState("not read in this test");
        return (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> switch (m.getName()) {
                    case "connectivity" -> verdict;
                    case "interfaces" -> interfaces;
                    default -> m.invoke(unknown, args);
                });
    }

    private static Read<Connectivity> nm(Connectivity.State state, String word) {
        return Read.known(new Connectivity(state, NM, "NetworkManager connectivity '" + word + "'",
                "http://nmcheck.gnome.org/check_network_status.txt"));
    }

    /** A stream probe of {@code target} whose one attempt ended with {@code outcome} (and {@code errno}). */
    private static Explanation explain(HostState host, Os os, String target, SockAddr address, Outcome outcome,
                                       Errno errno, int number) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).timeout(Duration.ofSeconds(2)).build();
        SysError error = errno == null ? null : new SysError(errno, number, errno.name());
        Attempt a = new Attempt(1, 1, address, SocketType.STREAM, null, outcome == Outcome.TIMED_OUT ? Phase.WAIT
                : Phase.CONNECT, outcome, error, errno == null ? null : "connect", 2_000_000_000L, null);
        Resolution r = new Resolution(request.target().display(), null, List.of(address), null, true, null, 0);
        ProbeReport report = new ProbeReport(request, r, List.of(a), outcome, a, null, Instant.now(), a.elapsedNanos());
        return new Explainer(ManPages.bundledOnly(), ErrorCatalogue.standard(), host, Capabilities.of(os)).explain(report);
    }

    private static Explanation timeout(Read<Connectivity> verdict, String host, int port) throws Exception {
        SockAddr address = host.contains(":") ? withPort(v6(host), port) : withPort(v4(host), port);
        String target = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        return explain(host(verdict, INTERFACES), Os.LINUX, target, address, Outcome.TIMED_OUT, null, 0);
    }

    private static SockAddr v4(String host) {
        String[] p = host.split("\\.");
        return new SockAddr.Inet4(Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16
                | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]), 0);
    }

    private static SockAddr withPort(SockAddr a, int port) {
        return a instanceof SockAddr.Inet4 v4 ? new SockAddr.Inet4(v4.address(), port)
                : SockAddr.Inet6.of(((SockAddr.Inet6) a).octets(), port, 0, 0);
    }

    private static List<Finding> connectivity(Explanation e) {
        return e.findings().stream().filter(f -> f.check().equals("connectivity")).toList();
    }

    @Test
    void aPortalVerdictExplainsATimeoutToTheInternet() throws Exception {
        Explanation e = timeout(nm(Connectivity.State.PORTAL, "portal"), "203.0.113.5", 443);
        assertEquals(List.of("This network needs a sign-in in a browser (captive portal): the system's own check says "
                + "so \u2014 NetworkManager connectivity 'portal' (" + NM + "). Until someone signs in, it holds back "
                + "connections to the internet, such as this one to 203.0.113.5 port 443."),
                connectivity(e).stream().map(Finding::text).toList());
        assertEquals("This network needs a sign-in in a browser (captive portal) before it lets connections out: the "
                + "system's own check says so.", e.meaning());
        assertTrue(e.headline().contains("captive portal"), e.headline());
        assertEquals(Fault.NETWORK, e.fault());
        assertTrue(e.steps().get(0).startsWith("Open a web browser at any http:// address"), e.steps().toString());
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("\"nmcli networking connectivity check\"")));
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("connect-doctor probe --connectivity-check 203.0.113.5:443,")
                && s.contains("http://nmcheck.gnome.org/check_network_status.txt")));
        assertEquals(List.of(Action.CHECK_CONNECTIVITY), e.actions());
    }

    @Test
    void limitedAndNoneSayNoInternetHere() throws Exception {
        Explanation limited = timeout(nm(Connectivity.State.LIMITED, "limited"), "198.51.100.7", 5432);
        assertTrue(connectivity(limited).get(0).text().startsWith("This network reaches the local network only, not "
                + "the internet: the system's own check says so \u2014 NetworkManager connectivity 'limited'"));
        assertEquals(Fault.NETWORK, limited.fault());
        Explanation none = timeout(nm(Connectivity.State.NONE, "none"), "2001:db8:99::1", 443);
        assertTrue(connectivity(none).get(0).text().startsWith("This computer is not connected to a network that "
                + "reaches the internet"), none.findings().toString());
    }

    @Test
    void unreachableCountsButARefusalDoesNot() throws Exception {
        HostState host = host(nm(Connectivity.State.PORTAL, "portal"), INTERFACES);
        Explanation unreachable = explain(host, Os.LINUX, "203.0.113.5:443", new SockAddr.Inet4(0xcb007105, 443),
                Outcome.FAILED, Errno.ENETUNREACH, 101);
        assertEquals(1, connectivity(unreachable).size(), unreachable.findings().toString());
        Explanation refused = explain(host, Os.LINUX, "203.0.113.5:443", new SockAddr.Inet4(0xcb007105, 443),
                Outcome.FAILED, Errno.ECONNREFUSED, 111);
        assertEquals(List.of(), connectivity(refused));
        assertFalse(refused.actions().contains(Action.CHECK_CONNECTIVITY));
    }

    @Test
    void neverForTheLocalNetworkLoopbackOrLinkLocal() throws Exception {
        Read<Connectivity> portal = nm(Connectivity.State.PORTAL, "portal");
        for (String local : List.of("192.168.1.20", "127.0.0.1", "169.254.3.4", "2001:db8:1::99", "fe80::1", "::1")) {
            Explanation e = timeout(portal, local, 443);
            assertEquals(List.of(), connectivity(e), local);
            assertFalse(e.actions().contains(Action.CHECK_CONNECTIVITY), local);
        }
    }

    @Test
    void fullOrUnknownVerdictsAndUnreadInterfacesSayNothing() throws Exception {
        assertEquals(List.of(), connectivity(timeout(nm(Connectivity.State.FULL, "full"), "203.0.113.5", 443)));
        assertEquals(List.of(), connectivity(timeout(Read.unknown("NetworkManager is not running"), "203.0.113.5", 443)));
        Explanation e = explain(host(nm(Connectivity.State.PORTAL, "portal"), Read.unknown("not read")), Os.LINUX,
                "203.0.113.5:443", new SockAddr.Inet4(0xcb007105, 443), Outcome.TIMED_OUT, null, 0);
        assertEquals(List.of(), connectivity(e), "whether the address is local cannot be told");
    }

    @Test
    void windowsVerdictsPerFamilyAndInWindowsWords() throws Exception {
        Read<Connectivity> nlm = Read.known(new Connectivity(Connectivity.State.FULL,
                Map.of(Family.INET, Connectivity.State.FULL, Family.INET6, Connectivity.State.NONE),
                "the Network List Manager", "Network List Manager: IPv4 Internet, IPv6 NoTraffic (NLM_CONNECTIVITY 0x42)",
                null));
        HostState host = host(nlm, INTERFACES);
        Explanation v6 = explain(host, Os.WINDOWS, "[2001:db8:99::1]:443", withPort(v6("2001:db8:99::1"), 443),
                Outcome.TIMED_OUT, null, 0);
        assertEquals(List.of("This network gives no IPv6 way to the internet: the system's own check says so for IPv6 "
                + "\u2014 Network List Manager: IPv4 Internet, IPv6 NoTraffic (NLM_CONNECTIVITY 0x42) (the Network List "
                + "Manager). Connections over IPv6 beyond this computer's networks, such as this one to 2001:db8:99::1 "
                + "port 443, do not get out, while IPv4 reaches the internet here."),
                connectivity(v6).stream().map(Finding::text).toList());
        assertEquals("Connect to the host's IPv4 address, or to its name, instead of 2001:db8:99::1.", v6.steps().get(0));
        assertFalse(v6.steps().stream().anyMatch(s -> s.contains("nmcli")), v6.steps().toString());
        assertFalse(v6.actions().contains(Action.CHECK_CONNECTIVITY), v6.actions().toString());
        Explanation named = explain(host, Os.WINDOWS, "www.example.test:443", withPort(v6("2001:db8:99::1"), 443),
                Outcome.TIMED_OUT, null, 0);
        assertEquals("Connect over IPv4 instead: connect-doctor probe -4 www.example.test:443, or the program's own "
                + "setting for it.", named.steps().get(0));
        assertTrue(named.actions().contains(Action.RETRY_IPV4_ONLY), named.actions().toString());
        assertFalse(named.actions().contains(Action.CHECK_CONNECTIVITY), named.actions().toString());
        Read<Connectivity> portal = Read.known(new Connectivity(Connectivity.State.PORTAL,
                Map.of(Family.INET, Connectivity.State.PORTAL, Family.INET6, Connectivity.State.NONE),
                "the Network List Manager", "Network List Manager: IPv4 LocalNetwork, IPv6 Disconnected, IPv4 behind a "
                + "captive portal (NLM_CONNECTIVITY 0x20)", null));
        Explanation hotel = explain(host(portal, INTERFACES), Os.WINDOWS, "203.0.113.5:443",
                new SockAddr.Inet4(0xcb007105, 443), Outcome.TIMED_OUT, null, 0);
        assertTrue(hotel.meaning().contains("captive portal"), hotel.meaning());
        assertTrue(hotel.steps().stream().anyMatch(s -> s.contains("\"Get-NetConnectionProfile | Format-Table "
                + "Name,IPv4Connectivity,IPv6Connectivity\"")), hotel.steps().toString());
        assertTrue(hotel.steps().stream().anyMatch(s -> s.contains("http://www.msftconnecttest.com/connecttest.txt")));
        assertFalse(hotel.steps().stream().anyMatch(s -> s.contains("nmcli")), hotel.steps().toString());
        Explanation v4 = explain(host, Os.WINDOWS, "203.0.113.5:443", new SockAddr.Inet4(0xcb007105, 443),
                Outcome.TIMED_OUT, null, 0);
        assertEquals(List.of(), connectivity(v4), "IPv4 reaches the internet here");
    }

    @Test
    void aPortalAnsweringHttpsExplainsAForeignCertificate() {
        org.connectdoctor.tls.TlsCheck mismatch = org.connectdoctor.testing.TlsChecks.of(
                org.connectdoctor.tls.TlsVerdict.NAME_MISMATCH);
        TlsExplanation plain = TlsExplainer.explain(mismatch, Os.LINUX);
        TlsExplanation e = TlsExplainer.explain(mismatch, Os.LINUX, host(nm(Connectivity.State.PORTAL, "portal"),
                INTERFACES));
        assertEquals("This network needs a sign-in in a browser (captive portal): the system's own check says so "
                + "\u2014 NetworkManager connectivity 'portal' (" + NM + "). Until someone signs in, the network answers "
                + "connections to the internet itself, so the certificate that came back is probably the portal's, not "
                + "www.test's.", e.findings().get(0));
        assertEquals(plain.headline(), e.headline(), "the headline states what happened and stays");
        assertEquals(Fault.NETWORK, e.fault());
        assertTrue(e.steps().get(0).startsWith("Open a web browser at any http:// address"), e.steps().toString());
        assertEquals(plain.steps(), e.steps().subList(1, e.steps().size()));
        // full connectivity, a local address, or a verdict a portal does not give: the plain explanation
        assertEquals(plain, TlsExplainer.explain(mismatch, Os.LINUX, host(nm(Connectivity.State.FULL, "full"),
                INTERFACES)));
        Read<List<NetInterface>> onItsNetwork = Read.known(List.of(new NetInterface("eth0", true, true, false,
                List.of(new NetInterface.Address(new SockAddr.Inet4(0xc0000201, 0), 24, null)))));
        assertEquals(plain, TlsExplainer.explain(mismatch, Os.LINUX, host(nm(Connectivity.State.PORTAL, "portal"),
                onItsNetwork)));
        org.connectdoctor.tls.TlsCheck expired = org.connectdoctor.testing.TlsChecks.of(
                org.connectdoctor.tls.TlsVerdict.EXPIRED);
        assertEquals(TlsExplainer.explain(expired, Os.LINUX), TlsExplainer.explain(expired, Os.LINUX,
                host(nm(Connectivity.State.PORTAL, "portal"), INTERFACES)));
    }

    /**
     * The portal's reading of a foreign certificate is built with the explanation, off the window's
     * thread, and the window, the JSON and the ticket show that one (not only the CLI's text).
     */
    @Test
    void thePortalReadingOfATlsCheckTravelsWithTheExplanation() throws Exception {
        org.connectdoctor.tls.TlsCheck mismatch = org.connectdoctor.testing.TlsChecks.of(
                org.connectdoctor.tls.TlsVerdict.NAME_MISMATCH);
        SockAddr address = new SockAddr.Inet4(0xc0000207, 443); // 192.0.2.7, the check's address
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("www.test:443")).timeout(Duration.ofSeconds(2))
                .build();
        Attempt a = new Attempt(1, 1, address, SocketType.STREAM, null, Phase.VERIFY, Outcome.CONNECTED, null, null,
                1_000_000L, null);
        Resolution r = new Resolution("www.test", null, List.of(address), null, false, null, 0);
        ProbeReport report = new ProbeReport(request, r, List.of(a), 1, Outcome.CONNECTED, a,
                org.connectdoctor.probe.Statistics.of(List.of(a.elapsedNanos())), Instant.now(), a.elapsedNanos(), mismatch);
        HostState host = host(nm(Connectivity.State.PORTAL, "portal"), INTERFACES);
        Explanation e = new Explainer(ManPages.bundledOnly(), ErrorCatalogue.standard(), host, Capabilities.of(Os.LINUX))
                .explain(report);
        assertTrue(e.tls() != null && e.tls().findings().get(0).startsWith("This network needs a sign-in in a browser"),
                String.valueOf(e.tls()));
        String json = org.connectdoctor.report.JsonReport.render(report, e, "test");
        assertTrue(json.contains("This network needs a sign-in in a browser (captive portal)"), json);
        String ticket = org.connectdoctor.report.TicketReport.markdown(report, e,
                org.connectdoctor.report.SystemInfo.current());
        assertTrue(ticket.contains("This network needs a sign-in in a browser (captive portal)"), ticket);
    }
}
