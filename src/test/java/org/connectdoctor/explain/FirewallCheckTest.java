package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.IcmpError;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.Phase;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The firewall check's words on each system, from a host state of the test's own: a Windows
 * Defender Firewall reading (profiles, an outbound block rule, where it was read), the macOS
 * reader that does not exist, and the cases where no block may be claimed.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FirewallCheckTest {

    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 20, 0, 5}, 443);
    private static final String REGISTRY = "the registry: HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\"
            + "Parameters\\FirewallPolicy\\FirewallRules";
    private static final List<String> LINUX_WORDS = List.of("nft ", "iptables", "sudo", "/proc", "/usr/", "CAP_NET_ADMIN",
            "EPERM");

    /** A host whose firewall reading is {@code firewall}; everything else unread. */
    private static HostState host(Read<LocalFirewall> firewall) {
        HostState unread = new UnreadableHostState("not read in this test");
        return (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> {
                    if (m.getName().equals("firewall")) {
                        return firewall;
                    }
                    if (m.getName().equals("interfaces")) {
                        return Read.known(List.of(new NetInterface("eth0", true, true, false, List.of(
                                new NetInterface.Address(SockAddr.Inet4.of(new byte[] {10, 20, 0, 1}, 0), 24, null)))));
                    }
                    try {
                        return m.invoke(unread, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static List<Finding> findings(Os os, Read<LocalFirewall> fw, Errno errno, int number, String call,
                                          Outcome outcome, SocketType type) throws Exception {
        SysError error = errno == null ? null : new SysError(errno, number, errno.name());
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("10.20.0.5:443")).type(type).build();
        Attempt a = new Attempt(1, 1, TARGET, type, null, Phase.CONNECT, outcome, error, call, 1_000_000, null);
        String key = errno == null ? outcome.name() : errno.name();
        Situation s = new Situation(key, Set.of("ip", type == SocketType.DGRAM ? "dgram" : "stream"), request, a, null,
                host(fw), Capabilities.of(os));
        return new FirewallCheck().findings(s);
    }

    private static LocalFirewall windows(List<LocalFirewall.Rule> rules, LocalFirewall.Action publicDefault) {
        return new LocalFirewall("Windows Defender Firewall", REGISTRY, List.of(
                new LocalFirewall.Profile("Domain", true, false, LocalFirewall.Action.ALLOW),
                new LocalFirewall.Profile("Private", true, false, LocalFirewall.Action.ALLOW),
                new LocalFirewall.Profile("Public", true, true, publicDefault)), rules, List.of());
    }

    private static List<String> words(List<Finding> findings) {
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

    private static void assertNoLinuxWords(List<Finding> findings) {
        for (String t : words(findings)) {
            for (String w : LINUX_WORDS) {
                assertFalse(t.contains(w), "Windows or macOS wording shows \"" + w + "\": " + t);
            }
        }
    }

    @Test
    void aWindowsOutboundBlockRuleIsNamedWithWhereItWasRead() throws Exception {
        LocalFirewall.Rule rule = new LocalFirewall.Rule("Windows Defender Firewall, outbound rules (local policy)",
                "Block DB", "No database from desktops", LocalFirewall.Action.DROP, false);
        List<Finding> f = findings(Os.WINDOWS, Read.known(windows(List.of(rule), LocalFirewall.Action.ALLOW)),
                Errno.EACCES, 10013, "connect", Outcome.FAILED, SocketType.STREAM);
        assertEquals(2, f.size(), f.toString());
        assertEquals("Windows Defender Firewall (read from " + REGISTRY + "): Domain: on, outgoing connections allowed "
                + "unless a rule says otherwise; Private: on, outgoing connections allowed unless a rule says otherwise; "
                + "Public (in use): on, outgoing connections allowed unless a rule says otherwise.", f.get(0).text());
        assertEquals("Blocked by a firewall rule on this computer: Windows Defender Firewall, outbound rules (local "
                + "policy): `Block DB` (comment: \"No database from desktops\").", f.get(1).text());
        Diagnosis d = f.get(1).diagnosis();
        assertEquals(Fault.THIS_COMPUTER, d.fault());
        assertTrue(d.steps().get(0).contains("may be there on purpose"), d.steps().toString());
        assertTrue(d.steps().stream().anyMatch(s -> s.contains("\"Get-NetFirewallRule -Direction Outbound -Action Block "
                + "-Enabled True | Format-Table DisplayName,Profile\"")), d.steps().toString());
        assertTrue(d.steps().stream().anyMatch(s -> s.contains("\"auditpol /set /subcategory:\"Filtering Platform "
                + "Connection\" /failure:enable\"") && s.contains("Get-WinEvent -FilterHashtable @{LogName='Security'; "
                + "Id=5157} -MaxEvents 5 | Format-List")), d.steps().toString());
        assertNoLinuxWords(f);
    }

    @Test
    void wsaeaccesWithoutAMatchingRuleIsStillOnThisComputer() throws Exception {
        List<Finding> f = findings(Os.WINDOWS, Read.known(windows(List.of(), LocalFirewall.Action.DROP)), Errno.EACCES,
                10013, "connect", Outcome.FAILED, SocketType.STREAM);
        Finding blocked = f.get(f.size() - 1);
        assertTrue(blocked.text().startsWith("The block happened on this computer: WSAEACCES from connect() means this "
                + "computer refused the packet before it was sent. The firewall profile in use blocks outgoing "
                + "connections by default"), blocked.text());
        assertEquals(Fault.THIS_COMPUTER, blocked.diagnosis().fault());
        assertTrue(blocked.diagnosis().steps().stream().anyMatch(s -> s.contains("Get-NetFirewallProfile | Format-Table "
                + "Name,Enabled,DefaultOutboundAction")), blocked.diagnosis().steps().toString());
        assertNoLinuxWords(f);
    }

    @Test
    void windowsRulesThatCannotBeReadAreSaidToBeUnread() throws Exception {
        List<Finding> f = findings(Os.WINDOWS, Read.unknown("the firewall policy could not be read (access denied)"),
                Errno.EACCES, 10013, "connect", Outcome.FAILED, SocketType.STREAM);
        assertEquals(1, f.size());
        assertTrue(f.get(0).text().contains("Which rule did it is not known: the firewall policy could not be read "
                + "(access denied). In PowerShell, \"Get-NetFirewallProfile"), f.get(0).text());
        assertTrue(f.get(0).diagnosis().steps().stream().anyMatch(s -> s.contains("Id=5157")), f.toString());
        assertNoLinuxWords(f);
    }

    @Test
    void macosNamesItsOwnTools() throws Exception {
        List<Finding> f = findings(Os.MACOS, Read.unknown("this computer's firewall rules are not read on this system"),
                Errno.EPERM, 1, "connect", Outcome.FAILED, SocketType.STREAM);
        assertEquals(1, f.size());
        assertTrue(f.get(0).text().contains("\"/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate\" "
                + "shows the application firewall and \"sudo pfctl -s rules\" the packet filter's rules"), f.get(0).text());
        assertNull(f.get(0).diagnosis());
    }

    @Test
    void linuxEpermWithTheRulesUnreadSaysWhereNotWhich() throws Exception {
        List<Finding> f = findings(Os.LINUX, Read.unknown("the nftables ruleset could not be read: the kernel lets only a "
                + "process with CAP_NET_ADMIN dump it (EPERM); \"sudo nft list ruleset\" shows it"), Errno.EPERM, 1, "send",
                Outcome.FAILED, SocketType.DGRAM);
        assertEquals(1, f.size());
        String t = f.get(0).text();
        assertTrue(t.startsWith("The block happened on this computer: EPERM from send() on Linux means the local packet "
                + "filter"), t);
        assertTrue(t.endsWith("\"sudo nft list ruleset\" shows it."), t);
        assertFalse(t.contains("No rule"), t);
    }

    @Test
    void aTimeoutUnreadIsNotRuledOutNorBlamed() throws Exception {
        List<Finding> f = findings(Os.LINUX, Read.unknown("the nftables ruleset could not be read: the kernel lets only a "
                + "process with CAP_NET_ADMIN dump it (EPERM); \"sudo nft list ruleset\" shows it"), null, 0, null,
                Outcome.TIMED_OUT, SocketType.STREAM);
        assertEquals(1, f.size());
        assertTrue(f.get(0).text().startsWith("This computer's firewall rules could not be read"), f.get(0).text());
        assertTrue(f.get(0).text().contains("is not ruled out"), f.get(0).text());
        assertNull(f.get(0).diagnosis());
    }

    @Test
    void aSuccessIsNeverABlock() throws Exception {
        LocalFirewall.Rule drop = new LocalFirewall.Rule("table inet filter, chain output (hook output, priority 0)",
                "tcp dport 443 drop", null, LocalFirewall.Action.DROP, false);
        LocalFirewall fw = new LocalFirewall("nftables", "the nftables ruleset", List.of(), List.of(drop), List.of());
        assertEquals(List.of(), findings(Os.LINUX, Read.known(fw), null, 0, null, Outcome.CONNECTED, SocketType.STREAM));
    }

    @Test
    void aRefusalIsNotBlamedOnADropRuleNorATimeoutOnAReject() throws Exception {
        LocalFirewall.Rule drop = new LocalFirewall.Rule("table inet filter, chain output (hook output, priority 0)",
                "tcp dport 443 drop", null, LocalFirewall.Action.DROP, false);
        LocalFirewall dropping = new LocalFirewall("nftables", "the nftables ruleset", List.of(), List.of(drop), List.of());
        List<Finding> refused = findings(Os.LINUX, Read.known(dropping), Errno.ECONNREFUSED, 111, "SO_ERROR",
                Outcome.FAILED, SocketType.STREAM);
        assertTrue(refused.stream().allMatch(x -> x.diagnosis() == null), refused.toString());
        LocalFirewall.Rule reject = new LocalFirewall.Rule("table inet filter, chain output (hook output, priority 0)",
                "tcp dport 443 reject", null, LocalFirewall.Action.REJECT, false);
        LocalFirewall rejecting = new LocalFirewall("nftables", "the nftables ruleset", List.of(), List.of(reject), List.of());
        List<Finding> timedOut = findings(Os.LINUX, Read.known(rejecting), null, 0, null, Outcome.TIMED_OUT,
                SocketType.STREAM);
        assertTrue(timedOut.stream().allMatch(x -> x.diagnosis() == null), timedOut.toString());
        assertNotNull(findings(Os.LINUX, Read.known(rejecting), Errno.ECONNREFUSED, 111, "SO_ERROR", Outcome.FAILED,
                SocketType.STREAM).get(0).diagnosis());
    }

    @Test
    void anotherFailureSaysNothing() throws Exception {
        assertEquals(List.of(), findings(Os.LINUX, Read.unknown("x"), Errno.EADDRINUSE, 98, "bind", Outcome.FAILED,
                SocketType.STREAM));
        assertEquals(List.of(), findings(Os.WINDOWS, Read.unknown("x"), Errno.EMFILE, 10024, "socket", Outcome.FAILED,
                SocketType.STREAM));
    }

    @Test
    void anIcmpProhibitedFromThisComputersOwnAddressIsNoRoutersAnswer() throws Exception {
        SysError error = new SysError(Errno.EHOSTUNREACH, 113, "No route to host");
        IcmpError icmp = new IcmpError(Family.INET, 3, 13, 0, SockAddr.Inet4.of(new byte[] {10, 20, 0, 1}, 0), TARGET, error);
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("10.20.0.5:443")).type(SocketType.DGRAM).build();
        Attempt a = new Attempt(1, 1, TARGET, SocketType.DGRAM, null, Phase.VERIFY, Outcome.FAILED, error, "recv",
                1_000_000, null, List.of(), icmp);
        Situation s = new Situation("EHOSTUNREACH", Set.of("ip", "dgram"), request, a, null,
                host(Read.unknown("the nftables ruleset could not be read: the kernel lets only a process with "
                        + "CAP_NET_ADMIN dump it (EPERM); \"sudo nft list ruleset\" shows it")), Capabilities.of(Os.LINUX));
        assertEquals(List.of(), new IcmpSenderCheck().findings(s), "this computer is no router on the way");
        List<Finding> f = new FirewallCheck().findings(s);
        assertEquals(1, f.size(), f.toString());
        assertTrue(f.get(0).text().startsWith("The block happened on this computer: the ICMP \"prohibited\" answer came "
                + "from 10.20.0.1, one of this computer's own addresses."), f.get(0).text());
    }

    @Test
    void anOrdinaryRefusalGetsNoWordAboutUnreadRules() throws Exception {
        assertEquals(List.of(), findings(Os.LINUX, Read.unknown("the nftables ruleset could not be read"), Errno.ECONNREFUSED,
                111, "SO_ERROR", Outcome.FAILED, SocketType.STREAM));
        LocalFirewall none = new LocalFirewall("nftables", "the nftables ruleset", List.of(), List.of(), List.of());
        assertEquals(List.of(), findings(Os.LINUX, Read.known(none), Errno.ECONNREFUSED, 111, "SO_ERROR", Outcome.FAILED,
                SocketType.STREAM));
    }
}
