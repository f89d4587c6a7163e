package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.Main;
import org.connectdoctor.probe.proxy.TunnelVerdict;
import org.connectdoctor.testing.ConnectProxy;
import org.connectdoctor.testing.ConnectProxy.Mode;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** probe --proxy on the command line, and the system proxy in every report. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProxyCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path home;

    /** Text with its line wrapping undone. */
    private static String flat(String s) {
        return s.replaceAll("\\s+", " ");
    }

    record Case(Mode mode, TunnelVerdict verdict, String shows) {
    }

    @Test
    void eachAnswerGivesItsOwnVerdictAndTextAndJsonAgree() throws Exception {
        for (Case c : List.of(
                new Case(Mode.FORBIDDEN, TunnelVerdict.FORBIDDEN, "The proxy's text: \"Access denied Category: cloud storage\""),
                new Case(Mode.AUTH, TunnelVerdict.AUTH_REQUIRED, "Authentication offered: Basic realm=\"Corp, Inc\"; Negotiate; NTLM"),
                new Case(Mode.BAD_GATEWAY, TunnelVerdict.BAD_GATEWAY, "502 Bad Gateway"),
                new Case(Mode.GATEWAY_TIMEOUT, TunnelVerdict.GATEWAY_TIMEOUT, "504 Gateway Timeout"),
                new Case(Mode.OTHER, TunnelVerdict.OTHER_STATUS, "405 Method Not Allowed"),
                new Case(Mode.CLOSE, TunnelVerdict.CLOSED, "closed the connection"),
                new Case(Mode.RESET, TunnelVerdict.RESET, "reset the connection"),
                new Case(Mode.NOT_HTTP, TunnelVerdict.NOT_HTTP, "not HTTP"),
                new Case(Mode.SILENT, TunnelVerdict.NO_ANSWER, "within the limit"))) {
            try (ConnectProxy proxy = new ConnectProxy(c.mode())) {
                String[] args = {"probe", "--no-history", "--timeout", "300ms", "--proxy", proxy.url(), "db01.example:443"};
                CliRun text = CliRun.cli(args);
                assertEquals(1, text.exit(), c + "\n" + text.out() + text.err());
                assertTrue(text.out().contains("CONNECT db01.example:443 through 127.0.0.1:" + proxy.port() + ": "
                        + c.verdict().words()), c + "\n" + text.out());
                assertTrue(text.out().contains(c.shows()), c + "\n" + text.out());
                assertTrue(text.out().contains("curl -v -x " + proxy.url() + " https://db01.example:443/"), text.out());
                assertFalse(text.out().contains("\u001b"), "no escape reaches the terminal");
                List<String> jsonArgs = new ArrayList<>(List.of(args));
                jsonArgs.add(1, "--json");
                CliRun json = CliRun.cli(jsonArgs.toArray(String[]::new));
                assertEquals(1, json.exit(), json.err());
                JsonNode t = MAPPER.readTree(json.out()).get("tunnel");
                assertEquals(c.verdict().name().toLowerCase(Locale.ROOT), t.get("verdict").asText(), json.out());
                assertTrue(flat(text.out()).contains(t.at("/explanation/headline").asText()), "the same headline:\n"
                        + json.out() + text.out());
                assertEquals("connected", MAPPER.readTree(json.out()).get("outcome").asText(),
                        "the connect to the proxy is the outcome");
                assertEquals(t.at("/explanation/meaning").asText(),
                        MAPPER.readTree(json.out()).at("/explanation/meaning").asText(),
                        "the probe's explanation is the proxy's answer");
                assertTrue(flat(text.out()).contains("Connected to the proxy; then " + t.at("/explanation/headline")
                        .asText()), text.out());
                assertEquals(t.at("/explanation/fault").asText(),
                        MAPPER.readTree(json.out()).at("/explanation/fault").asText());
            }
        }
    }

    @Test
    void anOpenTunnelExitsZeroAndSaysSo() throws Exception {
        try (java.net.ServerSocket target = Loopback.acceptingServer(5); ConnectProxy proxy = new ConnectProxy(Mode.RELAY)) {
            CliRun r = CliRun.cli("probe", "--no-history", "--proxy", proxy.url(), "127.0.0.1:" + target.getLocalPort());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("the proxy opened the tunnel — 200 Connection established"), r.out());
            assertTrue(r.out().contains("this probe went through 127.0.0.1:" + proxy.port() + " (--proxy)"), r.out());
        }
    }

    @Test
    void aProxyThatRefusesTheConnectGetsTheFullConnectReport() throws Exception {
        int port = Loopback.closedTcpPort();
        CliRun r = CliRun.cli("probe", "--no-history", "--proxy", "http://127.0.0.1:" + port, "db01.example:443");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("ECONNREFUSED"), r.out());
        assertTrue(r.out().contains("What it means"), r.out());
        assertFalse(r.out().contains("CONNECT db01.example"), "no CONNECT without a connection: " + r.out());
    }

    @Test
    void badProxyInputIsOneLineAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"--proxy", "socks5://127.0.0.1:1080", "db01:443"},
                new String[] {"--proxy", "https://127.0.0.1:3128", "db01:443"},
                new String[] {"--proxy", "http://user:pw@127.0.0.1:3128", "db01:443"},
                new String[] {"--proxy", "http://127.0.0.1:0", "db01:443"},
                new String[] {"--proxy", "http://127.0.0.1:3128/x", "db01:443"},
                new String[] {"--proxy", "", "db01:443"},
                new String[] {"--proxy", "http://127.0.0.1:3128", "/run/app.sock"},
                new String[] {"--proxy", "http://127.0.0.1:3128", "-t", "dgram", "db01:53"},
                new String[] {"--proxy", "http://127.0.0.1:3128", "db01:postgresql"})) {
            List<String> all = new ArrayList<>(List.of("probe", "--no-history"));
            all.addAll(List.of(args));
            CliRun r = CliRun.cli(all.toArray(String[]::new));
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(r.err().contains("pw"), "credentials never echoed: " + r.err());
            assertEquals("", r.out());
        }
    }

    /** A child JVM with real environment variables, as a user's shell would give them. */
    private ChildResult child(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return child(env, List.of(), args);
    }

    private ChildResult child(Map<String, String> env, List<String> jvm, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        pb.environment().put("HOME", home.toString());
        pb.environment().put("XDG_CONFIG_HOME", home.resolve("config").toString());
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the child did not end");
        }
        try {
            return new ChildResult(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    record ChildResult(int exit, String out) {
    }

    @Test
    void theEnvironmentsProxyIsNamedAndATimeoutBecomesTheProxyDiagnosis() throws Exception {
        try (SilentPeers.Tcp silent = new SilentPeers.Tcp(); ConnectProxy proxy = new ConnectProxy(Mode.FORBIDDEN)) {
            String target = "127.0.0.1:" + silent.port();
            Map<String, String> env = Map.of("HTTPS_PROXY", "http://127.0.0.1:1", "https_proxy", proxy.url(),
                    "no_proxy", "localhost,.corp.example");
            ChildResult text = child(env, "probe", "--no-history", "--timeout", "300ms", target);
            assertEquals(1, text.exit(), text.out());
            assertTrue(text.out().contains("Applications that use the system proxy reach https://" + target
                    + " through 127.0.0.1:" + proxy.port() + " (from https_proxy, in the environment); this probe "
                    + "tried directly."), text.out());
            // a full queue on loopback is the more certain cause here; the proxy is still a finding
            assertTrue(flat(text.out()).contains("Direct connections to port " + silent.port() + " time out here, while "
                    + "the system sends this traffic through 127.0.0.1:" + proxy.port()), text.out());
            ChildResult json = child(env, "probe", "--json", "--no-history", "--timeout", "300ms", target);
            JsonNode d = MAPPER.readTree(json.out());
            assertEquals("proxy", d.at("/system_proxy/applies").asText());
            assertEquals("https_proxy", d.at("/system_proxy/from").asText());
            assertTrue(d.at("/explanation/findings").toString().contains("while the system sends this traffic through"),
                    json.out());
            // --proxy system goes through the same proxy, and says where it came from
            ChildResult through = child(env, "probe", "--no-history", "--proxy", "system", "db01.example:443");
            assertEquals(1, through.exit(), through.out());
            assertTrue(through.out().contains("Through the proxy 127.0.0.1:" + proxy.port()
                    + " (the system setting, from https_proxy)"), through.out());
            assertTrue(through.out().contains(TunnelVerdict.FORBIDDEN.words()), through.out());
        }
    }

    @Test
    void aMatchingNoProxyEntryIsNamedAndChangesNothingElse() throws Exception {
        Map<String, String> env = Map.of("https_proxy", "http://127.0.0.1:1", "NO_PROXY", "localhost, 127.0.0.0/8");
        int port = Loopback.closedTcpPort();
        ChildResult text = child(env, "probe", "--no-history", "127.0.0.1:" + port);
        assertTrue(text.out().contains("reach https://127.0.0.1:" + port + " directly: the entry 127.0.0.0/8 of the "
                + "bypass list (NO_PROXY, in the environment) matches it; this probe tried directly."), text.out());
        assertFalse(text.out().contains("while the system sends"), text.out());
        ChildResult none = child(Map.of(), "probe", "--json", "--no-history", "127.0.0.1:" + port);
        assertEquals("no_proxy", MAPPER.readTree(none.out()).at("/system_proxy/applies").asText(), none.out());
        ChildResult system = child(env, "probe", "--no-history", "--proxy", "system", "127.0.0.1:" + port);
        assertEquals(2, system.exit(), system.out());
    }

    @Test
    void diffNamesTheProxyThatAppearedSinceItWorked() throws Exception {
        List<String> data = List.of("-D" + org.connectdoctor.history.HistoryStore.DATA_PROPERTY + "=" + home.resolve("data"));
        String target;
        try (java.net.ServerSocket s = Loopback.acceptingServer(5)) {
            target = "127.0.0.1:" + s.getLocalPort();
            assertEquals(0, child(Map.of(), data, "probe", "--brief", target).exit());
        }
        assertEquals(1, child(Map.of("https_proxy", "http://proxy.corp.example:8080"), data, "probe", "--brief",
                target).exit());
        ChildResult diff = child(Map.of(), data, "diff", target);
        assertTrue(flat(diff.out()).contains("The proxy changed from direct to proxy.corp.example:8080"), diff.out());
    }
}
