package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.windows.FirewallRule.Profile;
import org.connectdoctor.sys.windows.WindowsFirewall.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Windows Defender Firewall reader on a registry held in a map, on any system. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowsFirewallTest {

    private static final String LOCAL_RULES = WindowsFirewall.LOCAL + "\\FirewallRules";
    private static final String GP_RULES = WindowsFirewall.POLICY + "\\FirewallRules";
    private static final Map<String, String> ENV = Map.of("ProgramFiles", "C:\\Program Files", "SystemRoot",
            "C:\\Windows");

    /** A registry of keys to values; a key in {@code denied} cannot be read. */
    private static final class FakeRegistry implements WindowsFirewall.Registry {
        final Map<String, Map<String, Object>> keys = new HashMap<>();
        final Set<String> denied = new java.util.HashSet<>();

        FakeRegistry() {
            keys.put(WindowsFirewall.LOCAL, Map.of());
            profile("DomainProfile", 1, 0);
            profile("StandardProfile", 1, 0);
            profile("PublicProfile", 1, 0);
        }

        void profile(String key, int enabled, int outbound) {
            keys.put(WindowsFirewall.LOCAL + "\\" + key, Map.of("EnableFirewall", enabled, "DefaultOutboundAction", outbound));
        }

        FakeRegistry rule(String store, String id, Object data) {
            keys.computeIfAbsent(store, k -> new LinkedHashMap<>()).put(id, data);
            return this;
        }

        @Override
        public Read<Optional<Map<String, Object>>> values(String key) {
            if (denied.contains(key)) {
                return Read.unknown("HKLM\\" + key + " is not readable by this user (access denied)");
            }
            return Read.known(Optional.ofNullable(keys.get(key)));
        }
    }

    private static SockAddr.Inet4 v4(String a, int port) {
        return new SockAddr.Inet4(FirewallRule.ipv4(a), port);
    }

    private static WindowsFirewall.Attempt tcp(SockAddr to, String program) {
        return new WindowsFirewall.Attempt(Transport.TCP, to, program, ENV);
    }

    private static final Read<Set<Profile>> UNKNOWN_ACTIVE = Read.unknown("not asked in this test");

    private static LocalFirewall read(FakeRegistry reg, WindowsFirewall.Attempt a, Read<Set<Profile>> active) {
        Read<LocalFirewall> r = WindowsFirewall.read(reg, a, active);
        assertTrue(r instanceof Read.Known<LocalFirewall>, r.toString());
        return ((Read.Known<LocalFirewall>) r).value();
    }

    private static Verdict verdict(String rule, WindowsFirewall.Attempt a) {
        return WindowsFirewall.evaluate(FirewallRule.parse("x", rule), a).verdict();
    }

    @Test
    void theBlockRuleForTheTargetsPortAndAddressIsFoundWithWhereItIs() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "{B1}", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|Protocol=6|RPort=5432|RA4=10.20.0.0/255.255.0.0|Name=Block the database|Desc=Ticket 4711|");
        LocalFirewall fw = read(reg, tcp(v4("10.20.0.5", 5432), null), UNKNOWN_ACTIVE);
        assertEquals("Windows Defender Firewall", fw.product());
        assertTrue(fw.source().contains("local policy: 1 rule in HKLM\\" + LOCAL_RULES), fw.source());
        assertEquals(1, fw.matching().size());
        LocalFirewall.Rule r = fw.matching().get(0);
        assertEquals("Block the database", r.name());
        assertEquals("Ticket 4711", r.comment());
        assertEquals(LocalFirewall.Action.REJECT, r.action());
        assertFalse(r.partial());
        assertEquals("Windows Defender Firewall, outbound rules (local policy), rule ID {B1}", r.where());
        assertEquals(r, fw.firstBlocking());
        assertEquals(List.of("Domain", "Private", "Public"), fw.profiles().stream().map(LocalFirewall.Profile::name).toList());
    }

    @Test
    void rulesForOtherPortsAddressesProtocolsDirectionsOrDisabledOnesAreNotListed() {
        FakeRegistry reg = new FakeRegistry()
                .rule(LOCAL_RULES, "port", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=443|")
                .rule(LOCAL_RULES, "addr", "v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=192.0.2.0/24|")
                .rule(LOCAL_RULES, "udp", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=17|")
                .rule(LOCAL_RULES, "in", "v2.30|Action=Block|Active=TRUE|Dir=In|Protocol=6|")
                .rule(LOCAL_RULES, "off", "v2.30|Action=Block|Active=FALSE|Dir=Out|Protocol=6|")
                .rule(LOCAL_RULES, "noactive", "v2.30|Action=Block|Dir=Out|Protocol=6|")
                .rule(LOCAL_RULES, "v6", "v2.30|Action=Block|Active=TRUE|Dir=Out|RA6=::/0|")
                .rule(LOCAL_RULES, "allow", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|");
        LocalFirewall fw = read(reg, tcp(v4("10.20.0.5", 5432), null), UNKNOWN_ACTIVE);
        assertEquals(List.of(), fw.matching(), fw.toString());
        assertNull(fw.firstBlocking());
    }

    @Test
    void portsRangesAndListsMatch() {
        WindowsFirewall.Attempt a = tcp(v4("198.51.100.7", 8443), null);
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=8000-9000|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=80|RPort=8443|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=80,8443|", a));
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=8444-9000|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|", a), "no protocol: any");
        assertEquals(Verdict.PARTIAL, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort2_10=IPTLSOut|", a));
    }

    @Test
    void addressesRangesSubnetsAndKeywords() {
        WindowsFirewall.Attempt a = tcp(v4("10.1.2.3", 80), null);
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.0.0.0/8|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.0.0.0/255.0.0.0|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.1.2.1-10.1.2.9|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.1.2.3|", a));
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.1.2.4|", a));
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA6=::/0|", a),
                "an IPv6-only rule does not take IPv4");
        assertEquals(Verdict.PARTIAL, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=LocalSubnet|", a));
        assertEquals(Verdict.PARTIAL, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA42=IntrAnet|RA4=192.0.2.1|", a));
        WindowsFirewall.Evaluation e = WindowsFirewall.evaluate(FirewallRule.parse("x",
                "v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=LocalSubnet|"), a);
        assertEquals(List.of("it names the remote address LocalSubnet, which depend on this computer's networks and are "
                + "not evaluated here"), e.undecided());
    }

    @Test
    void ipv6DestinationsAndIpv4MappedOnes() {
        SockAddr.Inet6 v6 = SockAddr.Inet6.of(FirewallRule.ipv6("2001:db8::10"), 443, 0, 0);
        WindowsFirewall.Attempt a = tcp(v6, null);
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA6=2001:db8::/32|", a));
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA6=2001:db8::1-2001:db8::ff|", a));
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=0.0.0.0/0|", a));
        SockAddr.Inet6 mapped = SockAddr.Inet6.of(FirewallRule.ipv6("::ffff:10.0.0.9"), 443, 0, 0);
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=10.0.0.0/8|", tcp(mapped, null)),
                "a dual-stack socket's IPv4-mapped destination is filtered as IPv4");
    }

    @Test
    void programRulesWithoutANamedProgramArePartialAndSaySo() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "app", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|App=%ProgramFiles%\\Contoso\\sync.exe|Name=Block sync|");
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals(1, fw.matching().size());
        assertTrue(fw.matching().get(0).partial());
        assertTrue(fw.notes().contains("Rule \"Block sync\" may not apply to this attempt: it blocks only the program "
                + "%ProgramFiles%\\Contoso\\sync.exe"), fw.notes().toString());
    }

    @Test
    void programsAreComparedWithoutCaseAfterExpandingVariables() {
        String rule = "v2.30|Action=Block|Active=TRUE|Dir=Out|App=%ProgramFiles%\\Contoso\\sync.exe|";
        SockAddr to = v4("203.0.113.9", 443);
        assertEquals(Verdict.YES, verdict(rule, tcp(to, "c:\\program files\\CONTOSO\\Sync.exe")));
        assertEquals(Verdict.YES, verdict(rule, tcp(to, "C:/Program Files/Contoso/sync.exe")));
        assertEquals(Verdict.NO, verdict(rule, tcp(to, "C:\\Program Files\\Other\\sync.exe")));
        assertEquals(Verdict.PARTIAL, verdict(rule, tcp(to, "sync.exe")), "a bare name may be that program");
        assertEquals(Verdict.PARTIAL, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|App=%NoSuchVar%\\a.exe|",
                tcp(to, "C:\\a.exe")));
        assertEquals("C:\\Windows\\system32\\svchost.exe", WindowsFirewall.expand("%systemroot%\\system32\\svchost.exe",
                new WindowsFirewall.Attempt(Transport.TCP, to, null, ENV).env()));
    }

    @Test
    void servicesAndOtherConditionsArePartial() {
        WindowsFirewall.Attempt a = tcp(v4("203.0.113.9", 53), null);
        WindowsFirewall.Evaluation e = WindowsFirewall.evaluate(FirewallRule.parse("x",
                "v2.30|Action=Block|Active=TRUE|Dir=Out|Svc=dnscache|LPort=5000|"), a);
        assertEquals(Verdict.PARTIAL, e.verdict());
        assertEquals(List.of("it blocks only the Windows service dnscache",
                "it also tests the local port, which is not evaluated here"), e.undecided());
    }

    @Test
    void malformedRulesBecomeNotesAndTheRestIsStillRead() {
        FakeRegistry reg = new FakeRegistry()
                .rule(LOCAL_RULES, "bad1", "not a rule")
                .rule(LOCAL_RULES, "bad2", "v2.30|Dir=Out|")
                .rule(LOCAL_RULES, "bad3", 7)
                .rule(LOCAL_RULES, "bad4", "v2.30|Action=Block|Active=TRUE|Dir=Out|RPort=99999|")
                .rule(LOCAL_RULES, "good", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=80|Name=Web|");
        LocalFirewall fw = read(reg, tcp(v4("198.51.100.1", 80), null), UNKNOWN_ACTIVE);
        assertEquals(List.of("bad4", "Web"), fw.matching().stream().map(LocalFirewall.Rule::name).toList());
        assertTrue(fw.matching().get(0).partial(), "a port that breaks the grammar leaves the rule undecided");
        assertTrue(fw.notes().contains("Rule ID bad1 in the local policy could not be read: it does not start with a "
                + "version such as v2.30|"), fw.notes().toString());
        assertTrue(fw.notes().contains("Rule ID bad2 in the local policy could not be read: it has no Action="));
        assertTrue(fw.notes().contains("Rule ID bad3 in the local policy could not be read: the value is not a string (REG_SZ)"));
    }

    @Test
    void groupPolicyRulesComeFirstAndBlocksBeforeAllows() {
        FakeRegistry reg = new FakeRegistry();
        reg.profile("PublicProfile", 1, 1);
        reg.rule(LOCAL_RULES, "allow", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort=443|Name=Allow web|")
                .rule(LOCAL_RULES, "block", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|Name=Local block|")
                .rule(GP_RULES, "gp", "v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=203.0.113.0/24|Name=GP block|");
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), Read.known(Set.of(Profile.PUBLIC)));
        assertEquals(List.of("GP block", "Local block", "Allow web"), fw.matching().stream().map(LocalFirewall.Rule::name)
                .toList());
        assertEquals("Windows Defender Firewall, outbound rules (Group Policy), rule ID gp", fw.matching().get(0).where());
        assertEquals(LocalFirewall.Action.ALLOW, fw.matching().get(2).action());
        assertEquals("GP block", fw.firstBlocking().name());
    }

    @Test
    void allowRulesAreListedOnlyWhereTheDefaultBlocksOutgoingConnections() {
        FakeRegistry reg = new FakeRegistry()
                .rule(LOCAL_RULES, "allow", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort=443|Name=Allow web|");
        SockAddr to = v4("203.0.113.9", 443);
        assertEquals(List.of(), read(reg, tcp(to, null), UNKNOWN_ACTIVE).matching());
        reg.profile("DomainProfile", 1, 1);
        LocalFirewall fw = read(reg, tcp(to, null), Read.known(Set.of(Profile.DOMAIN)));
        assertEquals(List.of("Allow web"), fw.matching().stream().map(LocalFirewall.Rule::name).toList());
        assertEquals(LocalFirewall.Action.REJECT, fw.profiles().get(0).defaultOutbound());
        assertTrue(fw.profiles().get(0).active());
        assertFalse(fw.profiles().get(2).active());
        assertEquals(List.of(), read(reg, tcp(to, null), Read.known(Set.of(Profile.PUBLIC))).matching(),
                "the Public profile allows outgoing connections: the allow rule decides nothing there");
    }

    @Test
    void profilesDecideWhereARuleAppliesWhenTheActiveProfileIsKnown() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "pub", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|Profile=Public|Name=Public only|");
        SockAddr to = v4("203.0.113.9", 443);
        assertEquals(List.of(), read(reg, tcp(to, null), Read.known(Set.of(Profile.PRIVATE))).matching());
        LocalFirewall pub = read(reg, tcp(to, null), Read.known(Set.of(Profile.PUBLIC)));
        assertEquals(1, pub.matching().size());
        assertFalse(pub.matching().get(0).partial());
        LocalFirewall unknown = read(reg, tcp(to, null), UNKNOWN_ACTIVE);
        assertTrue(unknown.matching().get(0).partial());
        assertTrue(unknown.notes().contains("Rule \"Public only\" may not apply to this attempt: it applies in the "
                + "Public profile only, and which profile is active was not read"), unknown.notes().toString());
        assertTrue(unknown.notes().get(0).startsWith("Which profile is active was not read (not asked in this test)"));
    }

    @Test
    void aRuleInAProfileWhoseFirewallIsOffBlocksNothing() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "pub", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|Profile=Public|");
        reg.profile("PublicProfile", 0, 0);
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals(List.of(), fw.matching());
        assertFalse(fw.profiles().get(2).enabled());
    }

    @Test
    void groupPolicyOverridesTheLocalProfileAndCanVoidLocalRules() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "local", "v2.30|Action=Block|Active=TRUE|Dir=Out|");
        reg.keys.put(WindowsFirewall.POLICY + "\\DomainProfile", Map.of("DefaultOutboundAction", 1,
                "AllowLocalPolicyMerge", 0));
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), Read.known(Set.of(Profile.DOMAIN)));
        assertEquals(LocalFirewall.Action.REJECT, fw.profiles().get(0).defaultOutbound());
        assertEquals(List.of(), fw.matching(), "local rules do not apply where Group Policy forbids merging them");
        assertTrue(fw.notes().contains("Group Policy sets AllowLocalPolicyMerge = 0 for the Domain profile: the local "
                + "rules do not apply there"), fw.notes().toString());
        assertTrue(fw.notes().contains("Group Policy sets Domain DefaultOutboundAction = 1 (HKLM\\"
                + WindowsFirewall.POLICY + "); a local change to these has no effect"), fw.notes().toString());
    }

    @Test
    void groupPolicysStandardProfileAppliesToPrivateAndPublicUnlessTheyAreSplit() {
        FakeRegistry reg = new FakeRegistry();
        reg.keys.put(WindowsFirewall.POLICY + "\\StandardProfile", Map.of("EnableFirewall", 0));
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals(List.of(true, false, false), fw.profiles().stream().map(LocalFirewall.Profile::enabled).toList());
        reg.keys.put(WindowsFirewall.POLICY + "\\PublicProfile", Map.of("DefaultOutboundAction", 1));
        fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals(List.of(true, true, true), fw.profiles().stream().map(LocalFirewall.Profile::enabled).toList(),
                "with a PublicProfile key, StandardProfile is ignored ([MS-GPFAS] 2.2.3)");
    }

    @Test
    void valuesNotSetTakeTheDocumentedDefaultsAndSaySo() {
        FakeRegistry reg = new FakeRegistry();
        reg.keys.remove(WindowsFirewall.LOCAL + "\\PublicProfile");
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        LocalFirewall.Profile pub = fw.profiles().get(2);
        assertTrue(pub.enabled());
        assertEquals(LocalFirewall.Action.ALLOW, pub.defaultOutbound());
        assertTrue(fw.notes().contains("Not set in the registry, so Windows' defaults apply: Public EnableFirewall (on), "
                + "Public DefaultOutboundAction (allow)"), fw.notes().toString());
    }

    @Test
    void resourceNamesAreShownAsStoredAndExplained() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "Core-Block", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|Name=@FirewallAPI.dll,-28502|");
        LocalFirewall fw = read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals("@FirewallAPI.dll,-28502", fw.matching().get(0).name());
        assertTrue(fw.notes().contains("Rule ID Core-Block: its name @FirewallAPI.dll,-28502 is a reference to a text "
                + "in a Windows file, shown as stored; Get-NetFirewallRule -Name 'Core-Block' shows the text"));
    }

    @Test
    void unreadablePolicyIsUnknownWithTheCommandThatShowsIt() {
        FakeRegistry reg = new FakeRegistry();
        reg.denied.add(LOCAL_RULES);
        Read<LocalFirewall> r = WindowsFirewall.read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertEquals("HKLM\\" + LOCAL_RULES + " is not readable by this user (access denied); Get-NetFirewallRule "
                + "-Direction Outbound -Action Block -Enabled True shows the outbound block rules, Get-NetFirewallProfile "
                + "the profiles", ((Read.Unknown<LocalFirewall>) r).reason());
    }

    @Test
    void noPolicyInTheRegistryIsUnknownNotEmpty() {
        FakeRegistry reg = new FakeRegistry();
        reg.keys.clear();
        Read<LocalFirewall> r = WindowsFirewall.read(reg, tcp(v4("203.0.113.9", 443), null), UNKNOWN_ACTIVE);
        assertTrue(r instanceof Read.Unknown<LocalFirewall>);
        assertTrue(((Read.Unknown<LocalFirewall>) r).reason().contains("does not exist"), r.toString());
        Read<LocalFirewall> unix = WindowsFirewall.read(new FakeRegistry(), tcp(new SockAddr.Unix("C:\\a.sock", false), null),
                UNKNOWN_ACTIVE);
        assertTrue(unix instanceof Read.Unknown<LocalFirewall>);
    }

    @Test
    void registryStringsLoseTheirTerminatingNul() {
        byte[] data = "v2.30|Action=Block|\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertEquals("v2.30|Action=Block|", WinRegistry.decode(WinSystem.REG_SZ, data, data.length));
        assertEquals(1, WinRegistry.decode(WinSystem.REG_DWORD, new byte[] {1, 0, 0, 0}, 4));
        assertNull(WinRegistry.decode(3, new byte[] {1}, 1));
    }

    @Test
    void networkCategoriesNameTheFirewallProfilesAndGuidsAreLaidOutAsWindowsDoes() {
        assertEquals(Profile.PUBLIC, NetworkListManager.profile(0));
        assertEquals(Profile.PRIVATE, NetworkListManager.profile(1));
        assertEquals(Profile.DOMAIN, NetworkListManager.profile(2));
        assertNull(NetworkListManager.profile(3));
        assertEquals("010cb0dc0f579b4a8d69199fdba5723b", java.util.HexFormat.of().formatHex(
                Com.guid("DCB00C01-570F-4A9B-8D69-199FDBA5723B").getByteArray(0, 16)));
    }

    @Test
    void securityCenterStatesAreTheDocumentedOnes() {
        assertEquals(org.connectdoctor.sys.SecurityProduct.State.ON, SecurityCenter.state(0));
        assertEquals(org.connectdoctor.sys.SecurityProduct.State.OFF, SecurityCenter.state(1));
        assertEquals(org.connectdoctor.sys.SecurityProduct.State.SNOOZED, SecurityCenter.state(2));
        assertEquals(org.connectdoctor.sys.SecurityProduct.State.EXPIRED, SecurityCenter.state(3));
        assertNull(SecurityCenter.state(4));
    }

    @Test
    void allowRulesForOtherProgramsAreCountedNotListedWhenNoProgramIsNamed() {
        FakeRegistry reg = new FakeRegistry();
        reg.profile("PublicProfile", 1, 1);
        reg.rule(LOCAL_RULES, "a1", "v2.30|Action=Allow|Active=TRUE|Dir=Out|App=C:\\a.exe|")
                .rule(LOCAL_RULES, "a2", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Svc=wuauserv|")
                .rule(LOCAL_RULES, "web", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort=443|Name=Web|");
        SockAddr to = v4("203.0.113.9", 443);
        LocalFirewall fw = read(reg, tcp(to, null), Read.known(Set.of(Profile.PUBLIC)));
        assertEquals(List.of("Web"), fw.matching().stream().map(LocalFirewall.Rule::name).toList());
        assertTrue(fw.notes().contains("2 outbound allow rules for particular programs or services also match; they let "
                + "only that program through, so they are not listed (no program was named); Get-NetFirewallRule "
                + "-Direction Outbound -Action Allow -Enabled True lists them"), fw.notes().toString());
        LocalFirewall forA = read(reg, tcp(to, "C:\\a.exe"), Read.known(Set.of(Profile.PUBLIC)));
        assertEquals(List.of("a1", "a2", "Web"), forA.matching().stream().map(LocalFirewall.Rule::name).toList());
        assertFalse(forA.matching().get(0).partial());
        assertTrue(forA.matching().get(1).partial(), "the program might be hosting that service");
    }

    @Test
    void rulesAsWindowsWritesThemForAppsServicesAndIcmpAreDecidedOrPartialNeverCrash() {
        WindowsFirewall.Attempt a = tcp(v4("203.0.113.9", 443), null);
        // an app package's rule: owner, package and platform conditions
        WindowsFirewall.Evaluation app = WindowsFirewall.evaluate(FirewallRule.parse("x", "v2.33|Action=Block|Active=TRUE"
                + "|Dir=Out|PCross=TRUE|Name=@{Microsoft.Windows.Photos_2024.1_x64__8wekyb3d8bbwe?ms-resource://Photos/Name}"
                + "|LUOwn=S-1-5-21-1-2-3-1001|AppPkgId=S-1-15-2-1-2-3|EmbedCtxt=Photos|Platform=2:6:2|Platform2=GTEQ|"), a);
        assertEquals(Verdict.PARTIAL, app.verdict());
        assertEquals(List.of("it also tests the program's owner, which is not evaluated here",
                "it also tests the app package, which is not evaluated here",
                "it also tests the Windows version, which is not evaluated here"), app.undecided());
        // a service's rule as Windows ships it
        assertEquals(Verdict.PARTIAL, verdict("v2.31|Action=Block|Active=TRUE|Dir=Out|Protocol=6|Profile=Domain"
                + "|Profile=Private|Profile=Public|RPort=80|RPort=443|App=%SystemRoot%\\system32\\svchost.exe"
                + "|Svc=wuauserv|Name=@%SystemRoot%\\system32\\firewallapi.dll,-37302|", a));
        // ICMP and other protocols never take a TCP attempt
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=1|ICMP4=8:*|", a));
        assertEquals(Verdict.NO, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=58|ICMP6=128:*|", a));
        // what netsh writes for remoteip=203.0.113.0/24: a range
        assertEquals(Verdict.YES, verdict("v2.30|Action=Block|Active=TRUE|Dir=Out|RA4=203.0.113.0-203.0.113.255|", a));
    }

    @Test
    void rulesHaveNoEffectOnLoopbackTrafficSoNoneIsListedForALoopbackTarget() {
        FakeRegistry reg = new FakeRegistry().rule(LOCAL_RULES, "lo", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6"
                + "|RA4=127.0.0.0/8|RA4=10.0.0.0/8|RA6=::1|Name=Block loopback|");
        for (SockAddr lo : List.of(v4("127.0.0.1", 8080), v4("127.3.4.5", 8080),
                SockAddr.Inet6.of(FirewallRule.ipv6("::1"), 8080, 0, 0),
                SockAddr.Inet6.of(FirewallRule.ipv6("::ffff:127.0.0.1"), 8080, 0, 0))) {
            LocalFirewall fw = read(reg, tcp(lo, null), UNKNOWN_ACTIVE);
            assertEquals(List.of(WindowsFirewall.LOOPBACK_EXEMPTION), fw.matching(), lo.toString());
            assertNull(fw.firstBlocking(), "the exemption decides before a profile's default");
            assertTrue(fw.notes().contains(lo.host() + " is a loopback address: rules made with Windows Defender Firewall "
                    + "(wf.msc, netsh, PowerShell, Group Policy) have no effect on loopback traffic (Microsoft KB 2771908), "
                    + "so no rule is listed; only the service-hardening rules of Windows services apply there"),
                    fw.notes().toString());
            assertTrue(fw.source().contains("local policy: 1 rule"), fw.source());
        }
        assertEquals(List.of("Block loopback"), read(reg, tcp(v4("10.0.0.1", 8080), null), UNKNOWN_ACTIVE).matching()
                .stream().map(LocalFirewall.Rule::name).toList());
    }
}
