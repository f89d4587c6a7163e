package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff against real networks (root only): the command line probes from a client namespace to
 * a server namespace over veth pairs, each run recorded in a history of the test's own; then the
 * route, or the address the name resolves to, changes, and {@code diff} names exactly that. The
 * client's /etc/hosts and /etc/resolv.conf are its own (/etc/netns/NAME, which {@code ip netns
 * exec} mounts), naming only addresses inside the namespaces: no query leaves them.
 *
 * <pre>
 *   client                              server
 *   a0 10.61.1.2/24  ---- veth ----  b0 10.61.1.1/24      lo 10.62.0.5, 10.62.0.7
 *   a1 10.61.2.2/24  ---- veth ----  b1 (no address: 10.61.2.1 is a gateway nobody answers for)
 *   10.62.0.0/24 via 10.61.1.1 dev a0                     listener on 10.62.0.5:5432 only
 * </pre>
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HistoryNamespaceTest {

    private static final String NAME = "db01.cd-history.invalid";

    @TempDir
    Path data;
    private TestNamespace client;
    private TestNamespace server;
    private ServerSocket listener;
    private Path etc;
    private boolean madeNetnsFolder;

    @BeforeEach
    void networks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        client = TestNamespace.create("cd-hcli");
        server = TestNamespace.create("cd-hsrv");
        client.ip("link", "set", "lo", "up")
                .ip("link", "add", "a0", "type", "veth", "peer", "name", "b0")
                .ip("link", "add", "a1", "type", "veth", "peer", "name", "b1")
                .ip("link", "set", "b0", "netns", server.name())
                .ip("link", "set", "b1", "netns", server.name())
                .ip("addr", "add", "10.61.1.2/24", "dev", "a0")
                .ip("addr", "add", "10.61.2.2/24", "dev", "a1")
                .ip("link", "set", "a0", "up")
                .ip("link", "set", "a1", "up")
                .ip("route", "add", "10.62.0.0/24", "via", "10.61.1.1", "dev", "a0");
        server.ip("link", "set", "lo", "up")
                .ip("addr", "add", "10.62.0.5/32", "dev", "lo")
                .ip("addr", "add", "10.62.0.7/32", "dev", "lo")
                .ip("addr", "add", "10.61.1.1/24", "dev", "b0")
                .ip("link", "set", "b0", "up")
                .ip("link", "set", "b1", "up");
        listener = server.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("10.62.0.5"), 5432), 50);
            return s;
        });
        Path netns = Path.of("/etc/netns");
        madeNetnsFolder = !Files.exists(netns);
        etc = Files.createDirectories(netns.resolve(client.name()));
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 10.61.1.1\n");
        hosts("10.62.0.5");
    }

    @AfterEach
    void remove() throws Exception {
        if (listener != null) {
            listener.close();
        }
        if (etc != null) {
            Files.deleteIfExists(etc.resolve("hosts"));
            Files.deleteIfExists(etc.resolve("resolv.conf"));
            Files.deleteIfExists(etc);
            if (madeNetnsFolder) {
                Files.deleteIfExists(etc.getParent());
            }
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void hosts(String address) throws Exception {
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n" + address + " " + NAME + "\n");
    }

    /** The command line in the client namespace, with the test's own history. */
    private ChildJvm.Result cli(String... args) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-D" + HistoryStore.DATA_PROPERTY + "=" + data));
        return ChildJvm.run(List.of("ip", "netns", "exec", client.name()), jvm, Main.class, List.of(args), 60);
    }

    private static List<String> kinds(JsonNode diff) {
        List<String> kinds = new ArrayList<>();
        diff.get("changes").forEach(c -> kinds.add(c.get("kind").asText()));
        return kinds;
    }

    @Test
    void aChangedRouteIsNamedAsTheLikelyCause() throws Exception {
        String target = "10.62.0.5:5432";
        ChildJvm.Result worked = cli("probe", "--brief", "--timeout", "1s", target);
        assertEquals(0, worked.exitCode(), worked.output());
        client.ip("route", "replace", "10.62.0.0/24", "via", "10.61.2.1", "dev", "a1");
        ChildJvm.Result fails = cli("probe", "--brief", "--timeout", "1s", target);
        assertEquals(1, fails.exitCode(), fails.output());

        ChildJvm.Result diff = cli("diff", "--json", target);
        assertEquals(1, diff.exitCode(), diff.output());
        JsonNode d = new ObjectMapper().readTree(diff.output());
        assertEquals("CHANGED", d.get("status").asText());
        // the route and, with it, the interface and address the connection leaves from: nothing else
        assertEquals(List.of("ROUTE", "SOURCE"), kinds(d), d.toPrettyString());
        JsonNode route = d.get("changes").get(0);
        assertTrue(route.get("before").asText().contains("via 10.61.1.1 dev a0"), route.toString());
        assertTrue(route.get("after").asText().contains("via 10.61.2.1 dev a1"), route.toString());
        JsonNode source = d.get("changes").get(1);
        assertEquals("a0 10.61.1.2", source.get("before").asText());
        assertEquals("a1 10.61.2.2", source.get("after").asText());
        String summary = d.get("summary").asText();
        assertTrue(summary.contains(" from a0 10.61.1.2 via 10.61.1.1; now from a1 10.61.2.2 via 10.61.2.1, "), summary);
        assertTrue(summary.contains("Likely cause: The route changed: "), summary);
        assertEquals(List.of(), listOf(d.get("notCompared")), d.toPrettyString());

        ChildJvm.Result text = cli("diff", target);
        assertEquals(1, text.exitCode(), text.output());
        assertTrue(text.output().contains("  1. The route changed: "), text.output());
        assertTrue(text.output().contains("  gateway       10.61.1.1"), text.output());
    }

    @Test
    void aNameThatNowResolvesToAnotherAddressIsNamedAndNothingElse() throws Exception {
        String target = NAME + ":5432";
        ChildJvm.Result worked = cli("probe", "--brief", "--timeout", "2s", target);
        assertEquals(0, worked.exitCode(), worked.output());
        hosts("10.62.0.7"); // the service's name now points where nothing listens
        ChildJvm.Result fails = cli("probe", "--brief", "--timeout", "2s", target);
        assertEquals(1, fails.exitCode(), fails.output());
        assertTrue(fails.output().contains("ECONNREFUSED"), fails.output());

        ChildJvm.Result diff = cli("diff", "--json", target);
        assertEquals(1, diff.exitCode(), diff.output());
        JsonNode d = new ObjectMapper().readTree(diff.output());
        assertEquals(List.of("RESOLVED_ADDRESS"), kinds(d), d.toPrettyString());
        JsonNode c = d.get("changes").get(0);
        assertEquals("10.62.0.5", c.get("before").asText());
        assertEquals("10.62.0.7", c.get("after").asText());
        assertEquals("The name resolves to another address: 10.62.0.5 when it worked, 10.62.0.7 now.",
                d.get("likelyCause").asText());
        assertEquals("10.61.1.1", d.get("now").get("context").get("resolvers").get("value").get(0).asText());
        assertTrue(d.get("summary").asText().contains("resolved to 10.62.0.5; now from a0 10.61.1.2 via 10.61.1.1, "
                + "resolved to 10.62.0.7, fails with ECONNREFUSED."), d.get("summary").asText());
    }

    private static List<String> listOf(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
