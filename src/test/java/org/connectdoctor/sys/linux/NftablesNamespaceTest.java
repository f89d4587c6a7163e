package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live nftables reader in namespaces of the test's own (root only): it reads the ruleset of
 * the calling thread's namespace, not the test JVM's, says so when the ruleset is empty, and
 * names iptables-legacy tables it does not read. No packet is sent.
 */
@Tag("netns")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NftablesNamespaceTest {

    private static final Path NFT = Path.of("/usr/sbin/nft");
    private static final SockAddr TARGET = SockAddr.Inet4.of(new byte[] {10, 77, 0, 5}, 443);

    private static void nft(TestNamespace ns, String ruleset) throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns.name(), NFT.toString(), "-f", "-").redirectErrorStream(true)
                .start();
        p.getOutputStream().write(ruleset.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static void assumeNamespaces() {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(Files.isExecutable(NFT), "nft (nftables) is not installed at " + NFT);
    }

    @Test
    void theRulesetIsTheCallingThreadsNamespaces() throws Exception {
        assumeNamespaces();
        try (TestNamespace ns = TestNamespace.routed("cd-nftr")) {
            nft(ns, """
                    table inet t {
                      chain o {
                        type filter hook output priority 10; policy accept;
                        ip daddr 10.77.0.5 tcp dport 443 counter drop comment "block db"
                      }
                    }
                    """);
            Read<LocalFirewall> read = ns.inside(() -> LinuxHostState.INSTANCE.firewall(Transport.TCP, TARGET, null));
            LocalFirewall fw = (LocalFirewall) assertInstanceOf(Read.Known.class, read).value();
            LocalFirewall.Rule r = fw.certainBlock();
            assertEquals("ip daddr 10.77.0.5 tcp dport 443 counter drop", r.name());
            assertEquals("block db", r.comment());
            assertEquals("table inet t, chain o (hook output, priority 10)", r.where());
            assertTrue(r.remove().matches("nft delete rule inet t o handle \\d+"), r.remove());
            assertEquals(LinuxNftables.SOURCE, fw.source());
        }
    }

    @Test
    void anEmptyRulesetIsKnownAndSaysSo() throws Exception {
        assumeNamespaces();
        try (TestNamespace ns = TestNamespace.create("cd-nfte")) {
            Read<LocalFirewall> read = ns.inside(() -> LinuxHostState.INSTANCE.firewall(Transport.UDP, TARGET, null));
            LocalFirewall fw = (LocalFirewall) assertInstanceOf(Read.Known.class, read).value();
            assertEquals(0, fw.matching().size());
            assertTrue(fw.notes().contains("the nftables ruleset is empty"), fw.notes().toString());
        }
    }

    @Test
    void iptablesLegacyTablesAreNamedAsNotRead(@TempDir Path procNet) throws Exception {
        assumeNamespaces();
        Files.writeString(procNet.resolve("ip_tables_names"), "filter\nnat\n");
        try (TestNamespace ns = TestNamespace.create("cd-nftl")) {
            Read<LocalFirewall> read = ns.inside(() -> LinuxHostState.withProcNet(procNet,
                    () -> LinuxHostState.INSTANCE.firewall(Transport.TCP, TARGET, null)));
            LocalFirewall fw = (LocalFirewall) assertInstanceOf(Read.Known.class, read).value();
            assertTrue(fw.notes().contains("iptables-legacy tables are in use (ip_tables_names: filter, nat); their rules "
                    + "are not read here: \"iptables-legacy -S\" (as root) lists them"), fw.notes().toString());
            assertFalse(fw.notes().stream().anyMatch(n -> n.contains("ip6_tables_names")), fw.notes().toString());
        }
    }
}
