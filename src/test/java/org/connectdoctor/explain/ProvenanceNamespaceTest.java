package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.DnsResponder;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the address came from (issue #22 §6), through the real command line in a namespace of the
 * test's own (root only). {@code ip netns exec} gives the child a private mount namespace with
 * /etc/netns/NAME/hosts and resolv.conf bind-mounted over /etc/hosts and /etc/resolv.conf; the
 * name server is a {@link DnsResponder} on 10.77.0.1 inside the namespace, so every lookup of a
 * non-local name stays inside it. A listener on 10.77.0.1:5432 makes the runs that reach it work.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProvenanceNamespaceTest {

    private static final String NAME = "db01.cd-path.test";

    @TempDir
    Path data;
    private TestNamespace ns;
    private ServerSocket listener;
    private DnsResponder dns;
    private Path etc;
    private boolean madeNetnsFolder;

    @BeforeEach
    void network() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        ns = TestNamespace.routed("cd-prov");
        listener = ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 5432), 50);
            return s;
        });
        DatagramSocket udp = ns.inside(() -> new DatagramSocket(new InetSocketAddress(InetAddress.getByName("10.77.0.1"), 53)));
        dns = new DnsResponder(udp, Map.of(NAME, "10.77.0.1", "db01.corp.cd-path.test", "10.77.0.1"));
        Path netns = Path.of("/etc/netns");
        madeNetnsFolder = !Files.exists(netns);
        etc = Files.createDirectories(netns.resolve(ns.name()));
        Files.writeString(etc.resolve("resolv.conf"), "nameserver 10.77.0.1\nsearch corp.cd-path.test\n"
                + "options timeout:1 attempts:1\n");
        hosts("127.0.0.1 localhost\n");
    }

    @AfterEach
    void remove() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (listener != null) {
            listener.close();
        }
        if (etc != null) {
            Files.deleteIfExists(etc.resolve("hosts"));
            Files.deleteIfExists(etc.resolve("resolv.conf"));
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

    private void hosts(String text) throws Exception {
        Files.writeString(etc.resolve("hosts"), text);
    }

    private ChildJvm.Result cli(String... args) throws Exception {
        return ChildJvm.run(List.of("ip", "netns", "exec", ns.name()),
                List.of("-D" + HistoryStore.DATA_PROPERTY + "=" + data), Main.class, List.of(args), 60);
    }

    /** The output with its line wrapping undone, for sentences that the text report wraps. */
    private static String flat(ChildJvm.Result r) {
        return r.output().replaceAll("\\s+", " ");
    }

    private static JsonNode json(ChildJvm.Result r) throws Exception {
        return new ObjectMapper().readTree(r.output().substring(r.output().indexOf('{')));
    }

    @Test
    void theHostsFileLineIsNamed() throws Exception {
        hosts("127.0.0.1 localhost\n# the office database\n\n10.77.0.1 " + NAME + " db01\n");
        ChildJvm.Result r = cli("probe", "--timeout", "2s", NAME + ":5432");
        System.out.println("ProvenanceNamespaceTest, hosts line:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(flat(r).contains("10.77.0.1 came from the hosts file: /etc/hosts line 4 (10.77.0.1 " + NAME
                + " db01); DNS is not asked for a name the hosts file has."), r.output());
        JsonNode src = json(cli("probe", "--json", "--timeout", "2s", NAME + ":5432")).get("explanation").get("path")
                .get("address_source");
        assertEquals("hosts_file", src.get("source").asText(), src.toString());
        assertEquals(4, src.get("line").asInt());
        assertEquals("/etc/hosts line 4", src.get("where").asText());
        assertEquals(false, src.get("likely_cause").asBoolean());
    }

    @Test
    void aBlocklistLineIsNamedAsTheLikelyCause() throws Exception {
        hosts("127.0.0.1 localhost\n0.0.0.0 " + NAME + "\n");
        ChildJvm.Result r = cli("probe", "--timeout", "2s", NAME + ":5432");
        System.out.println("ProvenanceNamespaceTest, blocklist line:\n" + r.output());
        assertNotEquals(0, r.exitCode(), r.output());
        assertTrue(flat(r).contains(NAME + " came from /etc/hosts line 2 (0.0.0.0 " + NAME + "), which sends it to "
                + "0.0.0.0, an address that is no host: a blocklist or stale line, the likely cause."), r.output());
        JsonNode e = json(cli("probe", "--json", "--timeout", "2s", NAME + ":5432")).get("explanation");
        assertTrue(e.get("meaning").asText().startsWith("Line 2 of /etc/hosts sends " + NAME + " to 0.0.0.0, so this "
                + "computer never asks DNS for its real address."), e.toString());
        assertEquals("this_computer", e.get("fault").asText());
        assertTrue(e.get("path").get("address_source").get("likely_cause").asBoolean());
    }

    @Test
    void aDnsAnswerNamesItsServerAndTheDiffSaysTheHostsFileTookOver() throws Exception {
        ChildJvm.Result worked = cli("probe", "--timeout", "2s", NAME + ":5432");
        System.out.println("ProvenanceNamespaceTest, DNS:\n" + worked.output());
        assertEquals(0, worked.exitCode(), worked.output());
        assertTrue(flat(worked).contains("10.77.0.1 came from DNS, answered by the name server 10.77.0.1, the "
                + "only one configured (in /etc/resolv.conf); the hosts file has no line for " + NAME + "."), worked.output());

        hosts("127.0.0.1 localhost\n0.0.0.0 " + NAME + "\n");
        ChildJvm.Result fails = cli("probe", "--brief", "--timeout", "2s", NAME + ":5432");
        assertNotEquals(0, fails.exitCode(), fails.output());
        ChildJvm.Result diff = cli("diff", NAME + ":5432");
        System.out.println("ProvenanceNamespaceTest, diff:\n" + diff.output());
        assertTrue(flat(diff).contains("Likely cause: Resolved through the hosts file (/etc/hosts line 2) now; "
                + "through DNS when it worked."), diff.output());
        assertTrue(!diff.output().contains("VPN interfaces could not be compared"), "both runs read the interfaces: "
                + diff.output());
    }

    @Test
    void aShortNameCompletedByTheSearchSuffixIsSaidSo() throws Exception {
        ChildJvm.Result r = cli("probe", "--timeout", "2s", "db01:5432");
        System.out.println("ProvenanceNamespaceTest, search suffix:\n" + r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(flat(r).contains("db01 resolved as db01.corp.cd-path.test through the search suffix "
                + "corp.cd-path.test (from /etc/resolv.conf), answered by the name server 10.77.0.1, the only one "
                + "configured."), r.output());
        JsonNode src = json(cli("probe", "--json", "--timeout", "2s", "db01:5432")).get("explanation").get("path")
                .get("address_source");
        assertEquals("search_suffix", src.get("source").asText(), src.toString());
        assertEquals("corp.cd-path.test", src.get("suffix").asText());
    }
}
