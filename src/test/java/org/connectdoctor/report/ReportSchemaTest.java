package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.cli.Cli;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TlsPeers;
import org.connectdoctor.testing.UdpEcho;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of JSON report the product writes is valid against report.schema.json, and every
 * field it writes is described there: the schema is the documentation fleet tools read.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReportSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode schemaNode;
    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = JsonReport.class.getResourceAsStream("report.schema.json")) {
            schemaNode = MAPPER.readTree(in);
        }
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schemaNode.toString(), InputFormat.JSON);
    }

    private static String cliJson(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertConforms(String what, String json, String kind) throws Exception {
        JsonNode doc = MAPPER.readTree(json);
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        assertTrue(errors.isEmpty(), what + ": " + errors + "\n" + json);
        assertEquals(kind, doc.get("kind").asText(), what);
        assertEquals(JsonReport.SCHEMA_VERSION, doc.get("schema_version").asText(), what);
        List<String> undescribed = new ArrayList<>();
        described(doc, schemaNode.get("$defs").get(kind), "$", undescribed);
        assertTrue(undescribed.isEmpty(), what + " writes fields the schema does not describe: " + undescribed);
    }

    /** Collects the paths of instance fields that no "properties" of the schema names. */
    private static void described(JsonNode value, JsonNode s, String path, List<String> out) {
        s = resolve(s, value);
        if (s == null) {
            return;
        }
        if (value.isObject()) {
            JsonNode props = s.get("properties");
            Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props == null || !props.has(f.getKey())) {
                    out.add(path + "." + f.getKey());
                } else {
                    described(f.getValue(), props.get(f.getKey()), path + "." + f.getKey(), out);
                }
            }
        } else if (value.isArray() && s.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                described(value.get(i), s.get("items"), path + "[" + i + "]", out);
            }
        }
    }

    private static JsonNode resolve(JsonNode s, JsonNode value) {
        if (s.has("$ref")) {
            return resolve(schemaNode.at(s.get("$ref").asText().substring(1)), value);
        }
        if (s.has("oneOf") && !value.isNull()) {
            for (JsonNode branch : s.get("oneOf")) {
                JsonNode b = resolve(branch, value);
                if (b != null && !"null".equals(b.path("type").asText())) {
                    return b;
                }
            }
        }
        return s;
    }

    /**
     * A name with an IPv6 and an IPv4 address (::1 and 127.0.0.1, through a fixed lookup answer),
     * IPv6 silent: in order the report has its families; racing, its race as well.
     */
    @Test
    void dualStackAndRaceReportsConform() throws Exception {
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true);
             ServerSocket open4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            org.connectdoctor.testing.DelayingSockets sockets = new org.connectdoctor.testing.DelayingSockets(
                    org.connectdoctor.sys.NativeSockets.system()).answer(new org.connectdoctor.sys.Lookup(List.of(
                    new org.connectdoctor.net.SockAddr.Inet6(0, 1, silent6.port(), 0, 0),
                    new org.connectdoctor.net.SockAddr.Inet4(0x7f000001, open4.getLocalPort())), null, null, 1000));
            ProbeEngine engine = new ProbeEngine(sockets);
            org.connectdoctor.explain.Explainer explainer = org.connectdoctor.explain.Explainer.system(sockets);
            for (boolean racing : new boolean[] {false, true}) {
                ProbeRequest request = ProbeRequest.builder(TargetParser.parse("dual.test:80"))
                        .timeout(java.time.Duration.ofMillis(400)).happyEyeballs(racing).build();
                org.connectdoctor.probe.ProbeReport report = engine.run(request);
                String json = JsonReport.render(report, explainer.explain(report), "test");
                String what = racing ? "dual stack, racing" : "dual stack, in order";
                assertConforms(what, json, "probe");
                JsonNode doc = MAPPER.readTree(json);
                assertEquals(2, doc.get("families").size(), what);
                assertEquals(racing, !doc.get("race").isNull(), what);
                assertEquals(racing, doc.get("request").get("happy_eyeballs").asBoolean(), what);
            }
        }
    }

    @Test
    void probeReportsOfEveryOutcomeConform() throws Exception {
        try (ServerSocket server = Loopback.acceptingServer(50)) {
            assertConforms("connected", cliJson("probe", "--json", "127.0.0.1:" + server.getLocalPort()), "probe");
            String repeated = cliJson("probe", "--json", "--brief", "-c", "3", "-i", "0s",
                    "127.0.0.1:" + server.getLocalPort());
            assertConforms("connected, brief", repeated, "probe");
            String withHistogram = cliJson("probe", "--json", "--brief", "--no-history", "-c", "3", "-i", "0s",
                    "--warmup", "1", "--histogram", "1,2", "127.0.0.1:" + server.getLocalPort());
            assertConforms("connected, histogram", withHistogram, "probe");
            JsonNode stats = MAPPER.readTree(withHistogram).get("statistics");
            assertEquals(3, stats.get("sent").asInt(), "the warm-up is not counted");
            assertEquals(3, stats.get("histogram").size());
            assertTrue(stats.get("histogram").get(0).get("from_us").isNull());
            assertTrue(stats.get("histogram").get(2).get("to_us").isNull());
            JsonNode p = MAPPER.readTree(repeated).get("statistics").get("percentiles_us");
            assertTrue(p.get("p50").asLong() <= p.get("p99_9").asLong()
                    && p.get("p99_9").asLong() <= p.get("max").asLong(), p.toString());
        }
        String refused = cliJson("probe", "--json", "127.0.0.1:" + Loopback.closedTcpPort());
        assertConforms("refused", refused, "probe");
        assertTrue(MAPPER.readTree(refused).get("statistics").get("percentiles_us").isNull(), refused);
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            assertConforms("timed out", cliJson("probe", "--json", "--timeout", "300ms", "127.0.0.1:" + silent.port()),
                    "probe");
        }
        // an unknown service fails in getaddrinfo from /etc/services alone: no DNS query is sent
        assertConforms("lookup failure", cliJson("probe", "--json", "127.0.0.1:no-such-service-xyz"), "probe");
        Path sock = dir.resolve("s.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(sock), 5);
            assertConforms("unix", cliJson("probe", "--json", sock.toString()), "probe");
        }
        assertConforms("unix missing", cliJson("probe", "--json", dir.resolve("none.sock").toString()), "probe");
        try (DatagramChannel udp = DatagramChannel.open(StandardProtocolFamily.INET)) {
            udp.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            try (UdpEcho echo = UdpEcho.start(udp, "re:")) {
                int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
                assertConforms("udp answered, any source", cliJson("probe", "--json", "--type", "dgram",
                        "--any-source", "--payload", "hi", "127.0.0.1:" + port), "probe");
            }
        }
        assertConforms("udp refused", cliJson("probe", "--json", "--type", "dgram", "127.0.0.1:"
                + Loopback.closedUdpPort()), "probe");
        try (ProbeEngine engine = ProbeEngine.system()) {
            ProbeRequest r = ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort())).build();
            assertConforms("the window's JSON, without explanation", JsonReport.render(engine.run(r), "test"), "probe");
        }
    }

    /**
     * Every IP report carries the environment (schema 1.5), each aspect read or unknown with a
     * reason, never missing; a Unix socket's has none. Loopback: the interface is named as such.
     */
    @Test
    void theEnvironmentIsInEveryIpReportAndNotInAUnixOne() throws Exception {
        String json = cliJson("probe", "--json", "127.0.0.1:" + Loopback.closedTcpPort());
        assertConforms("refused, with its environment", json, "probe");
        JsonNode env = MAPPER.readTree(json).get("explanation").get("environment");
        for (String aspect : List.of("interface", "source", "proxy", "dns", "ipv6", "firewall")) {
            JsonNode item = env.get(aspect);
            org.junit.jupiter.api.Assertions.assertNotNull(item, aspect);
            String said = item.has("value") ? item.get("value").asText() : item.get("unknown").asText();
            org.junit.jupiter.api.Assertions.assertFalse(said.isBlank(), aspect + " says nothing: " + item);
        }
        assertEquals("loopback (this computer)", env.get("interface").get("value").asText());
        assertEquals("127.0.0.1", env.get("source").get("value").asText());
        Path sock = dir.resolve("e.sock");
        try (ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            unix.bind(UnixDomainSocketAddress.of(sock), 5);
            JsonNode doc = MAPPER.readTree(cliJson("probe", "--json", sock.toString()));
            org.junit.jupiter.api.Assertions.assertTrue(doc.get("explanation").get("environment").isNull(),
                    doc.get("explanation").toString());
        }
    }

    @Test
    void checklistReportsConform() throws Exception {
        try (ServerSocket server = Loopback.acceptingServer(50); SilentPeers.Tcp silent = new SilentPeers.Tcp()) {
            Path p = dir.resolve("p.yaml");
            Files.writeString(p, "name: schema\ntimeout: 300ms\nchecks:\n"
                    + "  - {name: up, target: '127.0.0.1:" + server.getLocalPort() + "', tags: [a]}\n"
                    + "  - {name: closed, target: '127.0.0.1:" + Loopback.closedTcpPort() + "', expect: refused}\n"
                    + "  - {name: silent, target: '127.0.0.1:" + silent.port() + "', expect: blocked}\n"
                    + "  - {name: lookup, target: '127.0.0.1:no-such-service-xyz'}\n"
                    + "  - {name: unix, target: " + dir.resolve("none.sock") + "}\n"
                    + "  - {name: udp, target: '127.0.0.1:" + Loopback.closedUdpPort() + "', type: dgram}\n");
            assertConforms("checklist", cliJson("check", "--json", p.toString()), "checklist");
        }
    }

    @Test
    void aReportMissingARequiredFieldIsRefused() throws Exception {
        String json = cliJson("probe", "--json", "--brief", "127.0.0.1:" + Loopback.closedTcpPort());
        com.fasterxml.jackson.databind.node.ObjectNode doc = (com.fasterxml.jackson.databind.node.ObjectNode) MAPPER.readTree(json);
        doc.remove("outcome");
        assertTrue(!schema.validate(doc.toString(), InputFormat.JSON).isEmpty(), "the schema must require outcome");
        doc.put("outcome", "exploded");
        assertTrue(!schema.validate(doc.toString(), InputFormat.JSON).isEmpty(), "the schema must know the outcomes");
    }

    /** Reports with a TLS check, of a completed handshake and of each way one fails, conform; so do the verdicts' names. */
    @Test
    void proxyReportsConform() throws Exception {
        for (org.connectdoctor.testing.ConnectProxy.Mode m : org.connectdoctor.testing.ConnectProxy.Mode.values()) {
            if (m == org.connectdoctor.testing.ConnectProxy.Mode.RELAY) {
                continue;
            }
            try (org.connectdoctor.testing.ConnectProxy proxy = new org.connectdoctor.testing.ConnectProxy(m)) {
                String json = cliJson("probe", "--json", "--no-history", "--timeout", "300ms", "--proxy", proxy.url(),
                        "db01.example:443");
                assertConforms("proxy " + m, json, "probe");
                assertTrue(MAPPER.readTree(json).has("tunnel"), json);
            }
        }
        try (TlsPeers.Peer server = TlsPeers.tls(TestCertificates.selfSigned("CN=tunnel.test", List.of("tunnel.test"),
                List.of()));
             org.connectdoctor.testing.ConnectProxy proxy = new org.connectdoctor.testing.ConnectProxy(
                     org.connectdoctor.testing.ConnectProxy.Mode.RELAY)) {
            String json = cliJson("probe", "--json", "--no-history", "--tls", "--proxy", proxy.url(),
                    "tunnel.test:" + server.port());
            assertConforms("proxy tunnel with tls", json, "probe");
            assertEquals("self_signed", MAPPER.readTree(json).at("/tunnel/tls/verdict").asText(), json);
        }
        assertConforms("proxy refused", cliJson("probe", "--json", "--no-history", "--proxy",
                "http://127.0.0.1:" + Loopback.closedTcpPort(), "db01.example:443"), "probe");
        List<String> verdicts = new ArrayList<>();
        schemaNode.get("$defs").get("tunnel_verdict").get("enum").forEach(n -> verdicts.add(n.asText()));
        assertEquals(java.util.Arrays.stream(org.connectdoctor.probe.proxy.TunnelVerdict.values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList(), verdicts);
        List<String> applies = new ArrayList<>();
        schemaNode.get("$defs").get("system_proxy").get("properties").get("applies").get("enum")
                .forEach(n -> applies.add(n.asText()));
        assertEquals(java.util.Arrays.stream(org.connectdoctor.probe.proxy.Applies.values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList(), applies);
    }

    @Test
    void tlsReportsConform() throws Exception {
        String name = "tls.test";
        TestCertificates.Issued root = TestCertificates.root("CN=Schema Test Root");
        Path pem = TestCertificates.writePem(dir.resolve("root.pem"), root.certificate());
        try (TlsPeers.Peer ok = TlsPeers.tls(root.intermediate("CN=Schema Test Issuing CA")
                .issue("CN=" + name, List.of(name), List.of("127.0.0.1")))) {
            assertConforms("tls ok", cliJson("probe", "--json", "--tls", "--tls-name", name, "--trust-store",
                    pem.toString(), "--no-history", ok.target()), "probe");
            assertConforms("tls from the address, JDK's store", cliJson("probe", "--json", "--tls", "--no-history",
                    ok.target()), "probe");
            assertConforms("tls, brief", cliJson("probe", "--json", "--brief", "--tls", "--no-history", ok.target()),
                    "probe");
        }
        try (TlsPeers.Peer old = TlsPeers.tls(root.issue("CN=" + name, List.of(name), List.of()), "TLSv1")) {
            assertConforms("tls protocol mismatch", cliJson("probe", "--json", "--tls", "--no-history", old.target()),
                    "probe");
        }
        try (TlsPeers.Peer plain = TlsPeers.greeting("220 mail.test ESMTP\r\n")) {
            assertConforms("tls plain text", cliJson("probe", "--json", "--tls", "--no-history", plain.target()), "probe");
        }
        try (TlsPeers.Peer silent = TlsPeers.silent()) {
            assertConforms("tls no answer", cliJson("probe", "--json", "--tls", "--timeout", "200ms", "--no-history",
                    silent.target()), "probe");
        }
        assertConforms("tls, connect refused", cliJson("probe", "--json", "--tls", "--no-history",
                "127.0.0.1:" + Loopback.closedTcpPort()), "probe");
        List<String> names = new ArrayList<>();
        schemaNode.get("$defs").get("tls_verdict").get("enum").forEach(n -> names.add(n.asText()));
        assertEquals(java.util.Arrays.stream(org.connectdoctor.tls.TlsVerdict.values())
                .map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList(), names, "the schema names every verdict");
    }
}
