package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.history.HistoryStore;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.report.JsonReport;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.testing.ChildJvm;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * VPN or not (issue #22 §2), through real probes inside namespaces of the test's own (root only):
 * the client has a tun interface tun0 (10.20.0.1/24) and a default route via 10.77.0.2 on the veth
 * v0, a router namespace that does not forward (so what goes around the tunnel meets silence); the
 * server has tun1 (10.20.0.5/24) with a listener on port 5432. A userspace tunnel
 * (tun-bridge.py) copies packets between tun0 and tun1, as a VPN client does with its far end,
 * so a connection through tun0 really works. Nothing leaves the two namespaces; the bridge, the
 * listener and both namespaces are removed after each test.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VpnNamespaceTest {

    private static final String THROUGH = "10.20.0.5:5432";
    private static final String AROUND = "10.30.0.5:5432";

    @TempDir
    Path data;
    private TestNamespace client;
    private TestNamespace server;
    private TestNamespace router;
    private ServerSocket listener;
    private Process bridge;
    private final ProbeEngine engine = ProbeEngine.system();
    private final Explainer explainer = Explainer.system(engine.sockets());

    @BeforeEach
    void networks() throws Exception {
        String reason = TestNamespace.unavailableReason();
        assumeTrue(reason == null, reason);
        client = TestNamespace.routed("cd-vpnc");
        server = TestNamespace.create("cd-vpns");
        client.ip("tuntap", "add", "dev", "tun0", "mode", "tun")
                .ip("addr", "add", "10.20.0.1/24", "dev", "tun0")
                .ip("link", "set", "tun0", "up")
                .ip("route", "add", "default", "via", "10.77.0.2", "dev", "v0");
        // the default gateway: a host that does not forward, so what is routed around the tunnel meets silence
        router = TestNamespace.create("cd-vpnr");
        client.ip("link", "set", "v1", "netns", router.name());
        router.ip("link", "set", "lo", "up").ip("addr", "add", "10.77.0.2/24", "dev", "v1").ip("link", "set", "v1", "up");
        server.ip("link", "set", "lo", "up")
                .ip("tuntap", "add", "dev", "tun1", "mode", "tun")
                .ip("addr", "add", "10.20.0.5/24", "dev", "tun1")
                .ip("link", "set", "tun1", "up");
        listener = server.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName("10.20.0.5"), 5432), 50);
            return s;
        });
    }

    @AfterEach
    void remove() throws Exception {
        engine.close();
        if (bridge != null) {
            bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (listener != null) {
            listener.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (router != null) {
            router.close();
        }
    }

    /** Starts the userspace tunnel between tun0 and tun1; skips when python3 is not installed. */
    private void startTunnel() throws Exception {
        Path script = data.resolve("tun-bridge.py");
        try (InputStream in = VpnNamespaceTest.class.getResourceAsStream("/org/connectdoctor/testing/tun-bridge.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            bridge = new ProcessBuilder("python3", script.toString(), client.name(), "tun0", server.name(), "tun1", "60")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 is not installed, and the userspace tunnel between the namespaces needs it: " + e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
        String first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (java.io.IOException e) {
                return "unreadable: " + e;
            }
        }).get(20, TimeUnit.SECONDS);
        assertEquals("ready", first, "the tunnel did not start");
    }

    private Explanation probe(String target, Duration limit) throws Exception {
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse(target)).type(SocketType.STREAM).timeout(limit).build();
        return client.inside(() -> {
            ProbeReport r = engine.run(request);
            return explainer.explain(r);
        });
    }

    private static Finding vpnFinding(Explanation e) {
        return e.findings().stream().filter(f -> f.check().equals("vpn")).findFirst()
                .orElseThrow(() -> new AssertionError("no vpn finding in " + e.findings()));
    }

    private ChildJvm.Result cli(String... args) throws Exception {
        return ChildJvm.run(List.of("ip", "netns", "exec", client.name()),
                List.of("-D" + HistoryStore.DATA_PROPERTY + "=" + data), Main.class, List.of(args), 60);
    }

    @Test
    void aConnectionThroughTheTunIsNamedAsLeavingThroughTheVpn() throws Exception {
        startTunnel();
        Explanation e = probe(THROUGH, Duration.ofSeconds(3));
        assertEquals("CONNECTED", e.key(), e.headline());
        assertEquals("Left through the VPN interface tun0 (tun), MTU 1500.", vpnFinding(e).text());
        VpnPath.Through t = assertInstanceOf(VpnPath.Through.class, e.path().vpn());
        assertEquals(InterfaceKind.TUN, t.link().kind());
    }

    @Test
    void aTargetRoutedAroundTheTunIsASplitTunnelFinding() throws Exception {
        Explanation e = probe(AROUND, Duration.ofSeconds(1));
        assertEquals("TIMED_OUT", e.key(), e.headline());
        assertEquals("Routed outside the VPN: this computer has a VPN interface up (tun0), but the route to 10.30.0.5 "
                + "uses v0 — a split-tunnel rule or a missing route.", vpnFinding(e).text());
        assertTrue(e.meaning().startsWith("10.30.0.5 is a private address, of the kind usually reached only through a "
                + "VPN, and this computer has a VPN up (tun0) but sends to it through v0 (virtual: veth), outside the VPN"),
                e.meaning());
        assertTrue(e.findings().stream().noneMatch(f -> f.text().contains("did not answer ARP")), "the gateway answers");
        assertEquals(Fault.THIS_COMPUTER, e.fault());
        assertTrue(e.steps().get(0).contains("ip route get 10.30.0.5"), e.steps().toString());
        assertInstanceOf(VpnPath.Outside.class, e.path().vpn());
    }

    @Test
    void withTheTunDownNoVpnInterfaceIsUp() throws Exception {
        client.ip("link", "set", "tun0", "down");
        Explanation e = probe(AROUND, Duration.ofSeconds(1));
        assertEquals("No VPN interface is up; the route uses v0 (virtual: veth), MTU 1500.", vpnFinding(e).text());
        assertTrue(!e.meaning().contains("split-tunnel"), "no VPN, so no split tunnel: " + e.meaning());
    }

    @Test
    void theJsonNamesTheVpnAndTheDiffSaysItWentDown() throws Exception {
        startTunnel();
        ChildJvm.Result worked = cli("probe", "--json", "--timeout", "2s", THROUGH);
        assertEquals(0, worked.exitCode(), worked.output());
        String json = worked.output().substring(worked.output().indexOf('{'));
        JsonNode vpn = new ObjectMapper().readTree(json).get("explanation").get("path").get("vpn");
        assertEquals("through_vpn", vpn.get("verdict").asText(), vpn.toString());
        assertEquals("tun0", vpn.get("interface").asText());
        assertEquals("tun", vpn.get("interface_kind").asText());
        assertEquals("tun0", vpn.get("vpn_interfaces_up").get(0).get("interface").asText());
        Schema schema;
        try (InputStream in = JsonReport.class.getResourceAsStream("report.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
        assertEquals(List.of(), schema.validate(json, InputFormat.JSON), json);

        ChildJvm.Result text = cli("probe", "--timeout", "2s", THROUGH);
        System.out.println("VpnNamespaceTest, through the tunnel:\n" + text.output());
        assertTrue(text.output().contains("Left through the VPN interface tun0 (tun), MTU 1500."), text.output());

        client.ip("link", "set", "tun0", "down"); // the VPN disconnects: its route goes with it
        ChildJvm.Result fails = cli("probe", "--timeout", "2s", THROUGH); // the same limit: no option changed
        System.out.println("VpnNamespaceTest, after the tunnel went down:\n" + fails.output());
        assertNotEquals(0, fails.exitCode(), fails.output());
        assertTrue(fails.output().contains("No VPN interface is up; the route uses v0 (virtual: veth), MTU 1500."), fails.output());
        assertTrue(!fails.output().contains("split-tunnel"), fails.output());

        ChildJvm.Result diff = cli("diff", THROUGH);
        System.out.println("VpnNamespaceTest, diff:\n" + diff.output());
        assertTrue(diff.output().contains("Likely cause: The VPN (tun0) was up when it worked and is down now."),
                diff.output());
        ChildJvm.Result diffJson = cli("diff", "--json", THROUGH);
        JsonNode first = new ObjectMapper().readTree(diffJson.output()).get("changes").get(0);
        assertEquals("VPN", first.get("kind").asText(), diffJson.output());
    }
}
