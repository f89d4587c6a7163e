package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Windows Defender Firewall reader on the real registry of this Windows JVM, through
 * advapi32.dll. Under Wine the test writes the firewall policy into the prefix's registry with
 * Wine's own reg.exe (as {@link WindowsProxyLiveTest} does): the product maps only the calls that
 * read the registry, and the values go in exactly as an administrator's {@code reg add} would put
 * them. It removes what it wrote afterwards (the keys it created, or only its values where a key
 * was there before).
 *
 * <p>Wine deviation: Wine keeps no firewall policy (the key does not exist in a fresh prefix) and
 * enforces none (it has no Filtering Platform), so the test is of the reader only and sends
 * nothing; on Windows a connect to 10.203.0.7:5432 under these rules would fail with WSAEACCES
 * (10013). The active profile comes from Wine's Network List Manager (netprofm), which reports its
 * networks as Public.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowsFirewallLiveTest {

    private static final String POLICY = "HKLM\\" + WindowsFirewall.LOCAL;
    private static final String GP = "HKLM\\" + WindowsFirewall.POLICY;
    private static final String PREFIX = "{cd-live-";

    /** Keys this test created (deleted whole), and values it added to keys that were there (deleted one by one). */
    private final List<String> createdKeys = new ArrayList<>();
    private final List<String[]> addedValues = new ArrayList<>();

    private static int reg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("reg"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean exists(String key) throws Exception {
        return reg("query", key) == 0;
    }

    /** Adds a value, remembering the topmost key on its path that did not exist, to remove it after. */
    private void put(String key, String name, String type, String data) throws Exception {
        if (!exists(key)) {
            String top = key;
            for (String parent = parent(key); parent != null && !exists(parent); parent = parent(parent)) {
                top = parent;
            }
            String created = top;
            if (createdKeys.stream().noneMatch(k -> within(created, k))) {
                createdKeys.add(created);
            }
        } else if (createdKeys.stream().noneMatch(k -> within(key, k))) {
            addedValues.add(new String[] {key, name});
        }
        assertEquals(0, reg("add", key, "/v", name, "/t", type, "/d", data, "/f"), "reg add " + key + " " + name);
    }

    private static boolean within(String key, String ancestor) {
        return key.equals(ancestor) || key.startsWith(ancestor + "\\");
    }

    private static String parent(String key) {
        int i = key.lastIndexOf('\\');
        return i <= "HKLM".length() ? null : key.substring(0, i);
    }

    @AfterEach
    void removeWhatWasWritten() throws Exception {
        for (String[] v : addedValues) {
            reg("delete", v[0], "/v", v[1], "/f");
        }
        for (String k : createdKeys) {
            reg("delete", k, "/f");
        }
    }

    private static LocalFirewall known(Read<LocalFirewall> r) {
        if (r instanceof Read.Unknown<LocalFirewall> u) {
            throw new AssertionError("unknown: " + u.reason());
        }
        return ((Read.Known<LocalFirewall>) r).value();
    }

    /** The reading as a help-desk person would see it, for the suite's log. */
    private static String show(LocalFirewall fw) {
        StringBuilder b = new StringBuilder(fw.product()).append(", read from ").append(fw.source()).append('\n');
        fw.profiles().forEach(p -> b.append("  profile ").append(p).append('\n'));
        fw.matching().forEach(r -> b.append("  rule ").append(r).append('\n'));
        fw.notes().forEach(n -> b.append("  note: ").append(n).append('\n'));
        return b.toString();
    }

    /** Wine 8.0's netprofm reports each network it derives from the adapters as Public. */
    @Test
    void theNetworkListManagerNamesTheProfilesInUse() {
        Read<Set<FirewallRule.Profile>> active = NetworkListManager.activeProfiles();
        System.out.println("Network List Manager under " + Wine.describe() + ": " + active);
        if (Wine.running() && active instanceof Read.Unknown<Set<FirewallRule.Profile>> u) {
            assumeTrue(false, Wine.describe() + " deviation: the Network List Manager reports no category: " + u.reason());
        }
        assertTrue(active.isKnown(), active.toString());
        assertFalse(active.orElse(Set.of()).isEmpty());
    }

    /**
     * Wine deviation: Wine registers no WSCProductList class (it has no Security Center), so the
     * reading is Unknown with that reason, never an empty list.
     */
    @Test
    void securityCenterProductsAreReadOrTheReasonIsGiven() {
        Read<List<org.connectdoctor.sys.SecurityProduct>> r = HostState.current().securityProducts();
        System.out.println("Windows Security Center under " + Wine.describe() + ": " + r);
        if (r instanceof Read.Unknown<List<org.connectdoctor.sys.SecurityProduct>> u
                && u.reason().endsWith("did not answer within " + Com.LIMIT_MILLIS + " ms")) {
            // the first COM activation of a fresh Wine process starts its services, which on a busy
            // machine outlasts the limit: the reading then says so, which is what it must do
            assertTrue(u.reason().startsWith("Windows Security Center's product list"), u.reason());
        } else if (r instanceof Read.Unknown<List<org.connectdoctor.sys.SecurityProduct>> u) {
            assertTrue(u.reason().startsWith("Windows Security Center's product list could not be created"), u.reason());
            if (Wine.running()) {
                assertTrue(u.reason().contains("REGDB_E_CLASSNOTREG"), u.reason());
            }
        } else {
            r.orElse(List.of()).forEach(p -> assertFalse(p.name().isBlank(), p.toString()));
        }
    }

    @Test
    void withoutAPolicyInTheRegistryTheFirewallIsUnknownNeverEmpty() throws Exception {
        assumeTrue(!exists(POLICY), "this system keeps a firewall policy (" + Wine.describe() + ")");
        Read<LocalFirewall> r = HostState.current().firewall(Transport.TCP, new SockAddr.Inet4(0x7f000001, 9), null);
        Read.Unknown<?> u = assertInstanceOf(Read.Unknown.class, r);
        assertTrue(u.reason().contains("does not exist") && u.reason().contains("Get-NetFirewallRule"), u.reason());
    }

    /**
     * The rules name the loopback network and 10.203.0.0/24 (run.sh's veth network; nothing is sent
     * there: the reader only reads the registry). For 10.203.0.7 the block rule is found with where it
     * was read; for 127.0.0.1 only the loopback exemption is listed: Windows' rules have no effect there.
     */
    @Test
    void theBlockRuleWrittenIntoThePrefixIsFoundWithWhereItWasRead() throws Exception {
        assumeTrue(Wine.running(), "writes the registry of a Wine prefix only");
        int port = 5432;
        put(POLICY + "\\DomainProfile", "EnableFirewall", "REG_DWORD", "1");
        put(POLICY + "\\DomainProfile", "DefaultOutboundAction", "REG_DWORD", "0");
        put(POLICY + "\\StandardProfile", "EnableFirewall", "REG_DWORD", "1");
        put(POLICY + "\\StandardProfile", "DefaultOutboundAction", "REG_DWORD", "0");
        put(POLICY + "\\PublicProfile", "EnableFirewall", "REG_DWORD", "1");
        put(POLICY + "\\PublicProfile", "DefaultOutboundAction", "REG_DWORD", "1");
        String rules = POLICY + "\\FirewallRules";
        put(rules, PREFIX + "block}", "REG_SZ", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=" + port
                + "|RA4=127.0.0.0/255.0.0.0|RA4=10.203.0.0/24|Name=Connect Doctor live test: block port " + port
                + "|Desc=Written by WindowsFirewallLiveTest|");
        put(rules, PREFIX + "other-port}", "REG_SZ", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort="
                + (port + 1) + "|Name=Another port|");
        put(rules, PREFIX + "disabled}", "REG_SZ", "v2.30|Action=Block|Active=FALSE|Dir=Out|Protocol=6|Name=Off|");
        put(rules, PREFIX + "program}", "REG_SZ", "v2.30|Action=Block|Active=TRUE|Dir=Out"
                + "|App=%ProgramFiles%\\Contoso\\sync.exe|Name=@FirewallAPI.dll,-28502|");
        put(rules, PREFIX + "broken}", "REG_SZ", "Action=Block|Dir=Out|");
        put(rules, PREFIX + "allow}", "REG_SZ", "v2.30|Action=Allow|Active=TRUE|Dir=Out|Protocol=6|RPort=" + port
                + "|Name=Allow the live test's port|");
        put(GP + "\\FirewallRules", PREFIX + "gp}", "REG_SZ", "v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6"
                + "|RA4=10.203.0.7|Profile=Public|Name=Group Policy block|");

        SockAddr.Inet4 target = new SockAddr.Inet4(FirewallRule.ipv4("10.203.0.7"), port);
        LocalFirewall fw = known(HostState.current().firewall(Transport.TCP, target, null));
        System.out.println("firewall(TCP, " + target + ", program null) under " + Wine.describe() + ":\n" + show(fw));

        assertEquals("Windows Defender Firewall", fw.product());
        assertTrue(fw.source().contains("local policy: 6 rules in " + POLICY + "\\FirewallRules"), fw.source());
        assertTrue(fw.source().contains("Group Policy: 1 rule in " + GP + "\\FirewallRules"), fw.source());
        Read<Set<FirewallRule.Profile>> active = NetworkListManager.activeProfiles();
        Set<FirewallRule.Profile> now = active.orElse(Set.of());
        assertEquals(List.of(new LocalFirewall.Profile("Domain", true, now.contains(FirewallRule.Profile.DOMAIN),
                        LocalFirewall.Action.ALLOW),
                new LocalFirewall.Profile("Private", true, now.contains(FirewallRule.Profile.PRIVATE),
                        LocalFirewall.Action.ALLOW),
                new LocalFirewall.Profile("Public", true, now.contains(FirewallRule.Profile.PUBLIC),
                        LocalFirewall.Action.REJECT)), fw.profiles());
        boolean gpApplies = !active.isKnown() || now.contains(FirewallRule.Profile.PUBLIC);
        List<String> expected = new ArrayList<>();
        if (gpApplies) {
            expected.add("Group Policy block");
        }
        expected.add("Connect Doctor live test: block port " + port);
        expected.add("@FirewallAPI.dll,-28502");
        expected.add("Allow the live test's port"); // listed: the Public profile blocks outgoing connections by default
        assertEquals(expected, fw.matching().stream().map(LocalFirewall.Rule::name).toList());
        int first = gpApplies ? 1 : 0;
        if (gpApplies) {
            assertEquals(!active.isKnown(), fw.matching().get(0).partial(),
                    "the Group Policy rule is for the Public profile only: partial while the active profile is unknown");
        }
        LocalFirewall.Rule block = fw.matching().get(first);
        assertEquals("Windows Defender Firewall, outbound rules (local policy), rule ID " + PREFIX + "block}",
                block.where());
        assertEquals("Written by WindowsFirewallLiveTest", block.comment());
        assertEquals(LocalFirewall.Action.REJECT, block.action());
        assertFalse(block.partial());
        assertTrue(fw.matching().get(first + 1).partial(), "a program rule blocks only that program");
        assertTrue(fw.notes().stream().anyMatch(n -> n.startsWith("Rule ID " + PREFIX + "broken} in the local "
                + "policy could not be read")), fw.notes().toString());
        assertEquals(fw.matching().get(0), fw.firstBlocking());

        // the same rules with the program named: the program rule now decides, for that program only
        LocalFirewall forSync = known(HostState.current().firewall(Transport.TCP, target,
                System.getenv("ProgramFiles") + "\\Contoso\\sync.exe"));
        assertFalse(forSync.matching().get(first + 1).partial(), show(forSync));
        LocalFirewall forOther = known(HostState.current().firewall(Transport.TCP, target, "C:\\Tools\\other.exe"));
        assertEquals(first + 2, forOther.matching().size(), show(forOther));
        // UDP: the rules are for TCP (6), except the program rule, which names no protocol
        LocalFirewall udp = known(HostState.current().firewall(Transport.UDP, target, null));
        assertEquals(List.of("@FirewallAPI.dll,-28502"), udp.matching().stream().map(LocalFirewall.Rule::name).toList());

        // loopback: the block rule names 127.0.0.0/8, but Windows' rules do not act on loopback traffic
        SockAddr.Inet4 loopback = new SockAddr.Inet4(0x7f000001, port);
        LocalFirewall lo = known(HostState.current().firewall(Transport.TCP, loopback, null));
        System.out.println("firewall(TCP, " + loopback + ", program null) under " + Wine.describe() + ":\n" + show(lo));
        assertEquals(List.of(WindowsFirewall.LOOPBACK_EXEMPTION), lo.matching());
        assertEquals(null, lo.firstBlocking());
        assertTrue(lo.notes().stream().anyMatch(n -> n.startsWith("127.0.0.1 is a loopback address")), show(lo));
    }
}
