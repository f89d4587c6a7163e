package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both address families (issue 22 §1), through the real command line in a namespace of the test's
 * own (root only): a name with an IPv6 and an IPv4 address (a hosts file that {@code ip netns exec}
 * bind-mounts over /etc/hosts), listeners on both, and one family dropped by an nftables rule inside
 * the namespace. Nothing leaves it: both addresses sit on a veth end inside.
 */
@Tag("netns")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DualStackNamespaceTest {

    private static final String NAME = "dual.cd-eyeballs.test";
    private static final String V6 = "2001:db8:77::1";
    private static final String V4 = "10.77.0.1";
    private static final int PORT = 8080;

    @TempDir
    Path data;
    private TestNamespace ns;
    private final List<ServerSocket> listeners = new ArrayList<>();
    private Path etc;
    private boolean madeNetnsFolder;

    @BeforeEach
    void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")) || Files.isExecutable(Path.of("/sbin/nft")),
                "nft (nftables) is not installed; .ci/setup installs it");
        ns = TestNamespace.create("cd-dual");
        ns.ip("link", "set", "lo", "up")
                .ip("link", "add", "v0", "type", "veth", "peer", "name", "v1")
                .ip("addr", "add", V4 + "/24", "dev", "v0")
                .ip("link", "set", "v1", "up")
                .ip("link", "set", "v0", "up");
        Path netns = Path.of("/etc/netns");
        madeNetnsFolder = !Files.exists(netns);
        etc = Files.createDirectories(netns.resolve(ns.name()));
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n" + V6 + " " + NAME + "\n" + V4 + " " + NAME + "\n");
    }

    /** Gives the namespace its IPv6 address and both listeners. */
    private void dualStack() throws Exception {
        ns.ip("-6", "addr", "add", V6 + "/64", "dev", "v0", "nodad");
        listen(V6);
        listen(V4);
    }

    private void listen(String address) throws Exception {
        listeners.add(ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName(address), PORT), 50);
            return s;
        }));
    }

    /** An nftables rule in the namespace that drops TCP to {@code address} port 8080 as it leaves. */
    private void drop(String family, String address) throws Exception {
        nft("add", "table", "inet", "cdtest");
        nft("add", "chain", "inet", "cdtest", "out", "{ type filter hook output priority 0 ; }");
        nft("add", "rule", "inet", "cdtest", "out", family, "daddr", address, "tcp", "dport", String.valueOf(PORT), "drop");
    }

    private void nft(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns.name(), "nft"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "nft did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }

    @AfterEach
    void remove() throws Exception {
        for (ServerSocket s : listeners) {
            s.close();
        }
        if (etc != null) {
            Files.deleteIfExists(etc.resolve("hosts"));
            Files.deleteIfExists(etc);
            if (madeNetnsFolder) {
                try {
                    Files.deleteIfExists(etc.getParent());
                } catch (java.nio.file.DirectoryNotEmptyException another) {
                    // another test's namespace folder is in it now: that test removes the folder
                }
            }
        }
        if (ns != null) {
            ns.close();
        }
    }

    private ChildJvm.Result cli(String... args) throws Exception {
        return ChildJvm.run(List.of("ip", "netns", "exec", ns.name()),
                List.of("-D" + HistoryStore.DATA_PROPERTY + "=" + data), Main.class, List.of(args), 60);
    }

    private static String flat(ChildJvm.Result r) {
        return r.output().replaceAll("\\s+", " ");
    }

    private static JsonNode json(ChildJvm.Result r) throws Exception {
        return new ObjectMapper().readTree(r.output().substring(r.output().indexOf('{')));
    }

    @Test
    void ipv6DroppedIsTheFindingWhenAddressesAreTriedInOrder() throws Exception {
        dualStack();
        drop("ip6", V6);
        ChildJvm.Result r = cli("probe", "--timeout", "2s", NAME + ":" + PORT);
        System.out.println("DualStackNamespaceTest, IPv6 dropped, in order:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        String text = flat(r);
        assertTrue(text.contains("* IPv6: timed out after"), r.output());
        assertTrue(text.contains("* IPv4: connected in"), r.output());
        assertTrue(text.contains("IPv6 to " + NAME + " times out while IPv4 connects"), r.output());
        assertTrue(text.contains("Programs that do not race both address families try IPv6 first, wait for the IPv6 "
                + "timeout"), r.output());
        assertTrue(text.contains("Usually at fault: the network"), r.output());

        JsonNode j = json(cli("probe", "--json", "--timeout", "2s", NAME + ":" + PORT));
        JsonNode families = j.get("families");
        assertEquals("IPv6", families.get(0).get("family").asText(), families.toString());
        assertEquals("timed_out", families.get(0).get("verdict").asText(), families.toString());
        assertEquals("IPv4", families.get(1).get("family").asText());
        assertEquals("connected", families.get(1).get("verdict").asText());
        assertTrue(j.get("race").isNull(), "no race without --happy-eyeballs");
    }

    @Test
    void withHappyEyeballsIpv4WinsAfterTheAttemptDelayAndIpv6IsCancelled() throws Exception {
        dualStack();
        drop("ip6", V6);
        ChildJvm.Result r = cli("probe", "--happy-eyeballs", "--timeout", "2s", NAME + ":" + PORT);
        System.out.println("DualStackNamespaceTest, IPv6 dropped, racing:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        String text = flat(r);
        assertTrue(text.contains("Happy Eyeballs (RFC 8305, attempt delay 250.000 ms): IPv4 won (" + V4 + ")"), r.output());
        assertTrue(text.contains("IPv6 " + V6 + " (started 0."), r.output());
        assertTrue(text.contains("lost: still connecting, cancelled after"), r.output());
        assertTrue(text.contains("* IPv6: still connecting when IPv4 connected; cancelled after"), r.output());

        JsonNode race = json(cli("probe", "--json", "--happy-eyeballs", "--timeout", "2s", NAME + ":" + PORT)).get("race");
        assertEquals("IPv4", race.get("winner").asText(), race.toString());
        JsonNode legs = race.get("attempts");
        assertEquals("IPv6", legs.get(0).get("family").asText(), race.toString());
        assertTrue(legs.get(0).get("lost").asBoolean());
        assertEquals("cancelled", legs.get(0).get("outcome").asText());
        assertEquals("IPv4", legs.get(1).get("family").asText());
        assertTrue(legs.get(1).get("started_after_ms").asDouble() >= race.get("attempt_delay_ms").asDouble(),
                "IPv4 started after the Connection Attempt Delay: " + race);
        assertTrue(legs.get(1).get("started_after_ms").asDouble() > legs.get(0).get("started_after_ms").asDouble());
    }

    @Test
    void ipv4DroppedIsTheReverseFinding() throws Exception {
        dualStack();
        drop("ip", V4);
        ChildJvm.Result r = cli("probe", "--all-addresses", "--timeout", "2s", NAME + ":" + PORT);
        System.out.println("DualStackNamespaceTest, IPv4 dropped, every address:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        String text = flat(r);
        assertTrue(text.contains("* IPv6: connected in"), r.output());
        assertTrue(text.contains("* IPv4: timed out after"), r.output());
        assertTrue(text.contains("IPv4 to " + NAME + " times out while IPv6 connects"), r.output());
        assertTrue(text.contains("Programs that use IPv4 only"), r.output());
    }

    @Test
    void ipv6ConnectsFirstWhenBothWork() throws Exception {
        dualStack();
        ChildJvm.Result r = cli("probe", "--happy-eyeballs", "--timeout", "2s", NAME + ":" + PORT);
        System.out.println("DualStackNamespaceTest, both work, racing:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        String text = flat(r);
        assertTrue(text.contains("IPv6 won (" + V6 + ")"), r.output());
        assertTrue(text.contains("* IPv4: not tried: an IPv6 address connected first"), r.output());
        assertTrue(!text.contains("times out while"), r.output());
        ChildJvm.Result inOrder = cli("probe", "--timeout", "2s", NAME + ":" + PORT);
        assertTrue(flat(inOrder).contains("* IPv6: connected in"), inOrder.output());
    }

    @Test
    void onlyLinkLocalIpv6IsNamedAsTheReason() throws Exception {
        // no IPv6 address beyond the veth's own fe80:: ones, and no IPv6 route: only IPv4 listens
        listen(V4);
        ChildJvm.Result r = cli("probe", "--happy-eyeballs", "--timeout", "2s", NAME + ":" + PORT);
        System.out.println("DualStackNamespaceTest, only link-local IPv6:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        String text = flat(r);
        assertTrue(text.contains("* IPv6: unreachable: ENETUNREACH"), r.output());
        assertTrue(text.contains("IPv6 to " + NAME + " is unreachable while IPv4 connects"), r.output());
        assertTrue(text.contains("because this computer has only link-local IPv6 addresses"), r.output());
        assertTrue(text.contains("Usually at fault: this computer"), r.output());
    }
}
