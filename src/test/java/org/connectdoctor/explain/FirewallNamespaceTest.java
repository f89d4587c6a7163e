package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A block by this computer's own nftables rules, through a real probe and the real Explainer
 * inside a namespace of the test's own (root only): the routed namespace (10.77.0.1/24 and
 * fd77::1/64 on a veth whose both ends are inside) with a ruleset that drops, rejects with
 * "admin-prohibited" (icmp and icmpx), drops the answers of a listener, looks up a set and tests
 * a mark (which this reader cannot know). No
 * packet leaves the namespace; the ruleset goes with it.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FirewallNamespaceTest {

    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final String RULESET = """
            table inet filter {
              set blocked { type ipv4_addr; elements = { 10.77.0.30 }; }
              chain output {
                type filter hook output priority 0; policy accept;
                ct state established,related accept
                ip daddr 10.77.0.5 udp dport 53 drop comment "block dns"
                ip daddr 10.77.0.5 tcp dport 443 drop comment "block db"
                ip daddr 10.77.0.6 tcp dport 443 reject with icmp type admin-prohibited
                ip daddr 10.77.0.7 tcp dport 443 reject with icmpx type admin-prohibited
                ip6 daddr fd77::7 tcp dport 443 reject with icmpx type admin-prohibited
                ip daddr @blocked drop
                ip daddr 10.77.0.31 meta mark 0x2a drop
              }
            }
            table ip edge {
              chain in {
                type filter hook input priority -10; policy accept;
                ip saddr 10.77.0.1 tcp sport 8443 drop comment "no replies"
              }
            }
            """;

    private static TestNamespace ns;
    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @BeforeAll
    static void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(Files.isExecutable(NFT), "nft (nftables) is not installed at " + NFT + "; .ci/setup installs it");
        ns = TestNamespace.routed("cd-nft");
        sh(null, "ip", "netns", "exec", ns.name(), "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=0");
        ns.ip("-6", "addr", "add", "fd77::1/64", "dev", "v0", "nodad");
        sh(RULESET, "ip", "netns", "exec", ns.name(), NFT.toString(), "-f", "-");
    }

    @AfterAll
    static void remove() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private static void sh(String input, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }

    private Explanation probe(String target, SocketType type) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).type(type)
                .timeout(Duration.ofMillis(1500)).build();
        return ns.inside(() -> {
            ProbeReport r = engine.run(request);
            return explainer.explain(r);
        });
    }

    private static Finding firewall(Explanation e) {
        return e.findings().stream().filter(f -> f.check().equals("firewall")).findFirst()
                .orElseThrow(() -> new AssertionError("no firewall finding in " + e.findings()));
    }

    @Test
    void anOutputDropOfDatagramsIsEpermAndTheRuleIsNamedWithItsComment() throws Exception {
        Explanation e = probe("10.77.0.5:53", SocketType.DGRAM);
        assertEquals("EPERM", e.key(), e.headline());
        assertEquals("Blocked by a firewall rule on this computer: table inet filter, chain output (hook output, "
                + "priority 0): `ip daddr 10.77.0.5 udp dport 53 drop` (comment: \"block dns\").", firewall(e).text());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.meaning().startsWith("This computer's own firewall blocks UDP to 10.77.0.5 port 53: the "
                + "datagram never left this computer."), e.meaning());
        assertTrue(e.steps().get(0).contains("may be there on purpose"), e.steps().toString());
        assertTrue(e.steps().stream().anyMatch(s -> s.contains("\"sudo nft -a list chain inet filter output\"")), e.steps().toString());
        assertTrue(e.steps().stream().anyMatch(s -> s.matches(".*\"sudo nft delete rule inet filter output handle \\d+\".*")),
                e.steps().toString());
        assertTrue(e.steps().stream().noneMatch(s -> s.contains("flush")), e.steps().toString());
    }

    @Test
    void anOutputDropOfAConnectionRequestExplainsTheTimeout() throws Exception {
        Explanation e = probe("10.77.0.5:443", SocketType.STREAM);
        assertEquals("TIMED_OUT", e.key(), e.headline());
        assertTrue(firewall(e).text().contains("`ip daddr 10.77.0.5 tcp dport 443 drop` (comment: \"block db\")"),
                firewall(e).text());
        assertTrue(e.meaning().startsWith("This computer's own firewall blocks TCP to 10.77.0.5 port 443: the "
                + "connection request never left this computer, so no answer could come back."), e.meaning());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
    }

    @Test
    void aRejectWithAdminProhibitedIsOnThisComputerNotTheNetwork() throws Exception {
        for (String target : List.of("10.77.0.6:443", "10.77.0.7:443")) {
            Explanation e = probe(target, SocketType.STREAM);
            assertEquals("EHOSTUNREACH", e.key(), target + ": " + e.headline());
            assertTrue(firewall(e).text().startsWith("Blocked by a firewall rule on this computer: table inet filter, "
                    + "chain output"), firewall(e).text());
            assertTrue(firewall(e).text().contains(target.startsWith("10.77.0.6") ? "reject with icmp admin-prohibited"
                    : "reject with icmpx admin-prohibited"), firewall(e).text());
            assertEquals(Fault.THIS_COMPUTER, e.fault(), target);
            assertTrue(e.meaning().startsWith("This computer's own firewall blocks TCP"), e.meaning());
            assertTrue(e.findings().stream().noneMatch(f -> f.text().contains("came back from the network")),
                    e.findings().toString());
        }
    }

    @Test
    void anIcmpxRejectOfIpv6IsEaccesOnThisComputer() throws Exception {
        Explanation e = probe("[fd77::7]:443", SocketType.STREAM);
        assertEquals("EACCES", e.key(), e.headline());
        assertTrue(firewall(e).text().contains("`ip6 daddr fd77::7 tcp dport 443 reject with icmpx admin-prohibited`"),
                firewall(e).text());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
    }

    @Test
    void aDropOfTheAnswersExplainsTheTimeout() throws Exception {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 8443);
        try (ServerSocket listener = ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(at);
            return s;
        })) {
            Explanation e = probe("10.77.0.1:8443", SocketType.STREAM);
            assertEquals("TIMED_OUT", e.key(), e.headline());
            assertTrue(firewall(e).text().startsWith("A firewall rule on this computer drops the answers from 10.77.0.1 "
                    + "port 8443: table ip edge, chain in (hook input, priority -10): `ip saddr 10.77.0.1 tcp sport 8443 "
                    + "drop` (comment: \"no replies\")."), firewall(e).text());
            assertTrue(e.meaning().contains("the reply was dropped on arrival"), e.meaning());
            assertTrue(e.steps().stream().anyMatch(s -> s.contains("nft delete rule ip edge in handle")), e.steps().toString());
        }
    }

    @Test
    void aSetLookupIsDecidedByTheSetsElements() throws Exception {
        Explanation e = probe("10.77.0.30:80", SocketType.STREAM);
        assertEquals("TIMED_OUT", e.key(), e.headline());
        assertEquals("Blocked by a firewall rule on this computer: table inet filter, chain output (hook output, "
                + "priority 0): `ip daddr @blocked drop`.", firewall(e).text());
        assertEquals(Fault.THIS_COMPUTER, e.fault());
    }

    @Test
    void aMarkThatCannotBeKnownMakesTheRuleOnlyPossible() throws Exception {
        Explanation e = probe("10.77.0.31:80", SocketType.STREAM);
        assertEquals("TIMED_OUT", e.key(), e.headline());
        Finding f = firewall(e);
        assertTrue(f.text().startsWith("A firewall rule on this computer may block TCP to 10.77.0.31 port 80, but it could "
                + "not be evaluated fully: table inet filter, chain output (hook output, priority 0): `ip daddr 10.77.0.31 "
                + "meta mark 0x0000002a drop`."), f.text());
        assertTrue(f.text().contains("meta mark") && f.text().contains("they may not apply"), f.text());
        assertEquals(null, f.diagnosis(), "a rule that may not apply is not the cause");
        assertFalse(e.meaning().contains("own firewall"), e.meaning());
    }

    @Test
    void aTimeoutNoRuleMatchesIsNotBlamedOnTheFirewall() throws Exception {
        Explanation e = probe("10.77.0.8:443", SocketType.STREAM);
        assertEquals("TIMED_OUT", e.key(), e.headline());
        assertTrue(firewall(e).text().startsWith("No rule of this computer's nftables ruleset drops or rejects TCP to "
                + "10.77.0.8 port 443 or its answers"), firewall(e).text());
        assertFalse(e.meaning().contains("own firewall"), e.meaning());
    }

    @Test
    void aConnectionThatIsMadeIsNoBlock() throws Exception {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 8080);
        try (ServerSocket listener = ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(at);
            return s;
        })) {
            Explanation e = probe("10.77.0.1:8080", SocketType.STREAM);
            assertEquals("CONNECTED", e.key(), e.headline());
            assertTrue(e.findings().stream().noneMatch(f -> f.check().equals("firewall")), e.findings().toString());
        }
    }

    @Test
    void withoutCapNetAdminTheRuleIsUnknownAndNeverAbsent() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        ChildJvm.Result r = ChildJvm.run(List.of("ip", "netns", "exec", ns.name(), "/usr/bin/setpriv", "--inh-caps=-all",
                        "--bounding-set=-net_admin", "--"), List.of("-Djava.awt.headless=true"), Main.class,
                List.of("probe", "--no-history", "--timeout", "1500ms", "-t", "dgram", "10.77.0.5:53"), 90);
        String out = r.output().replaceAll("\\s+", " ");
        assertTrue(out.contains("EPERM (1) Operation not permitted"), r.output());
        assertTrue(out.contains("The block happened on this computer: EPERM from send() on Linux means the local packet "
                + "filter (netfilter: nftables or iptables) or a security module refused the packet before it was sent. "
                + "Which rule did it is not known: the nftables ruleset could not be read: the kernel lets only a process "
                + "with CAP_NET_ADMIN dump it (EPERM); \"sudo nft list ruleset\" shows it."), r.output());
        assertFalse(out.contains("No rule of"), r.output());
        assertFalse(out.contains("Blocked by"), r.output());
    }
}
