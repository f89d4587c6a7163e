package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NetworkLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The path facts in words, as Windows and Linux desks read them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathCheckTest {

    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 20, 0, 5}, 5432);
    private static final NetworkLink ETH = new NetworkLink("Ethernet", 4, InterfaceKind.ETHERNET, true,
            "Intel(R) Ethernet Connection (7) I219-V", "GetAdaptersAddresses");
    private static final NetworkLink ANYCONNECT = new NetworkLink("Ethernet 3", 22, InterfaceKind.VPN_CLIENT, true,
            "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64", "GetAdaptersAddresses");

    private static Situation situation(Os os, String key, Outcome outcome, String host) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(host + ":5432")).type(SocketType.STREAM).build();
        Attempt a = new Attempt(0, 0, TARGET, SocketType.STREAM, null, Phase.CONNECT, outcome, null, null, 2_000_000, null);
        Resolution r = new Resolution(host, "5432", List.of(TARGET), null, false, null, 1_000_000);
        return new Situation(key, Set.of("ip", "stream"), request, a, r, new PathReaderTest.Host(), Capabilities.of(os));
    }

    @Test
    void theVpnInterfacesMtuIsNamedWhenItWasRead() throws Exception {
        NetworkLink wg = new NetworkLink("wg0", 9, InterfaceKind.WIREGUARD, true, "wireguard", "rtnetlink IFLA_INFO_KIND",
                1420);
        Finding f = PathCheck.vpn(new VpnPath.Through(wg, List.of(wg)),
                situation(Os.LINUX, "CONNECTED", Outcome.CONNECTED, "db01.corp.example.com"));
        assertEquals("Left through the VPN interface wg0 (WireGuard), MTU 1420.", f.text());
    }

    @Test
    void aVpnClientIsNamedByItsAdapterDescription() throws Exception {
        Finding f = PathCheck.vpn(new VpnPath.Through(ANYCONNECT, List.of(ANYCONNECT)),
                situation(Os.WINDOWS, "CONNECTED", Outcome.CONNECTED, "db01.corp.example.com"));
        assertEquals("Left through the VPN interface Ethernet 3 (VPN: Cisco AnyConnect Secure Mobility Client Virtual "
                + "Miniport Adapter for Windows x64).", f.text());
        assertNull(f.diagnosis());
    }

    @Test
    void theSplitTunnelStepsUseTheSystemsOwnTools() throws Exception {
        Finding f = PathCheck.vpn(new VpnPath.Outside("10.20.0.5", ETH, List.of(ANYCONNECT)),
                situation(Os.WINDOWS, "TIMED_OUT", Outcome.TIMED_OUT, "db01.corp.example.com"));
        assertEquals("Routed outside the VPN: this computer has a VPN interface up (Ethernet 3), but the route to "
                + "10.20.0.5 uses Ethernet — a split-tunnel rule or a missing route.", f.text());
        assertTrue(f.diagnosis().steps().get(0).contains("Find-NetRoute -RemoteIPAddress 10.20.0.5"),
                f.diagnosis().steps().toString());
        Finding connected = PathCheck.vpn(new VpnPath.Outside("10.20.0.5", ETH, List.of(ANYCONNECT)),
                situation(Os.WINDOWS, "CONNECTED", Outcome.CONNECTED, "db01.corp.example.com"));
        assertNull(connected.diagnosis(), "a connection that worked around the VPN is a fact, not a cause");
    }

    @Test
    void aDottedNameOnWindowsIsSaidToBeTakenAsComplete() throws Exception {
        AddressSource.Dns d = new AddressSource.Dns("db01.eu", List.of("10.0.0.53", "10.0.0.54"), "the adapter settings",
                List.of(), true, List.of("corp.example.com"));
        Finding f = PathCheck.source(d, situation(Os.WINDOWS, "CONNECTED", Outcome.CONNECTED, "db01.eu"));
        assertEquals("10.20.0.5 came from DNS, answered by one of the name servers 10.0.0.53, 10.0.0.54 (which one, the "
                + "system's resolver does not say) (in the adapter settings); the hosts file has no line for db01.eu. "
                + "Windows takes a name with a dot as complete: it asked for db01.eu as given, without the search "
                + "suffixes (corp.example.com).", f.text());
    }

    @Test
    void unknownSaysWhatCouldNotBeRead() throws Exception {
        Situation s = situation(Os.LINUX, "TIMED_OUT", Outcome.TIMED_OUT, "db01");
        assertEquals("Whether this went through a VPN cannot be told: the kinds of this computer's interfaces could not "
                + "be read: rtnetlink could not be asked for the links: EPERM.", PathCheck.vpn(new VpnPath.Unknown(
                "the kinds of this computer's interfaces could not be read: rtnetlink could not be asked for the links: "
                        + "EPERM", null), s).text());
        assertEquals("Where 10.20.0.5 came from cannot be told: whether it came from the hosts file cannot be told: "
                + "/etc/hosts is not readable (permission denied).", PathCheck.source(new AddressSource.Unknown(
                "whether it came from the hosts file cannot be told: /etc/hosts is not readable (permission denied)"),
                s).text());
        assertEquals("10.20.0.5 came from DNS, answered by the resolver on this computer at 127.0.0.53, which forwards "
                + "the question to its own servers (in /etc/resolv.conf); the hosts file has no line for db01.",
                PathCheck.source(new AddressSource.Dns("db01", List.of("127.0.0.53"), "/etc/resolv.conf", List.of(), false,
                        List.of()), s).text());
    }
}
