package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.probe.proxy.TunnelVerdict;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnreadableHostState;
import org.connectdoctor.testing.ConnectProxy;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The window's "Through the proxy" follow-up, without a window. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyFollowUpTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ProbeViewModel vm = new ProbeViewModel(background, ui, e -> Explainer.system(e.sockets()));

    @AfterEach
    void shutdown() {
        background.shutdownNow();
        ui.shutdownNow();
    }

    private void onUi(Runnable r) throws Exception {
        ui.submit(r).get(5, TimeUnit.SECONDS);
    }

    private void await(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ui.submit(condition::getAsBoolean).get(5, TimeUnit.SECONDS)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(10);
        }
    }

    private static HostState host(Map<String, String> env) {
        HostState unknown = new UnreadableHostState("not read in this test");
        Read<ProxySettings> settings = Read.known(ProxySettings.fromEnvironment(env, "the environment"));
        return (HostState) java.lang.reflect.Proxy.newProxyInstance(HostState.class.getClassLoader(),
                new Class<?>[] {HostState.class}, (p, m, args) -> m.getName().equals("proxySettings") ? settings
                        : m.invoke(unknown, args));
    }

    private static ProbeReport direct(String target, Map<String, String> env) throws Exception {
        try (ProbeEngine engine = ProbeEngine.system()) {
            return engine.run(ProbeRequest.builder(TargetParser.parse(target)).build()).withSystemProxy(host(env));
        }
    }

    @Test
    void offeredOnlyWhenADirectProbeFailedAndAProxyApplies() throws Exception {
        String closed = "127.0.0.1:" + Loopback.closedTcpPort();
        List<FollowUp> f = FollowUpFinder.fromReport(direct(closed, Map.of("https_proxy", "http://p.corp:3128")),
                null);
        FollowUp through = f.stream().filter(x -> x.kind() == FollowUp.Kind.THROUGH_PROXY).findFirst().orElseThrow();
        assertEquals("Through the proxy p.corp:3128", through.label());
        assertEquals("http://p.corp:3128", through.value());
        assertEquals("action-through-proxy", through.id());
        assertTrue(FollowUpFinder.fromReport(direct(closed, Map.of()), null).stream()
                .noneMatch(x -> x.kind() == FollowUp.Kind.THROUGH_PROXY), "no proxy set: not offered");
        assertTrue(FollowUpFinder.fromReport(direct(closed, Map.of("https_proxy", "http://p.corp:3128",
                "no_proxy", "127.0.0.1")), null).stream().noneMatch(x -> x.kind() == FollowUp.Kind.THROUGH_PROXY),
                "bypassed: not offered");
        try (java.net.ServerSocket s = Loopback.acceptingServer(5)) {
            assertTrue(FollowUpFinder.fromReport(direct("127.0.0.1:" + s.getLocalPort(),
                    Map.of("https_proxy", "http://p.corp:3128")), null).stream()
                    .noneMatch(x -> x.kind() == FollowUp.Kind.THROUGH_PROXY), "connected: not offered");
        }
    }

    @Test
    void followingItProbesOnceThroughTheProxyAndLeavesTheFormAsItWas() throws Exception {
        try (ConnectProxy proxy = new ConnectProxy(ConnectProxy.Mode.FORBIDDEN)) {
            onUi(() -> vm.targetProperty().set("db01.example:443"));
            FollowUp f = new FollowUp(FollowUp.Kind.THROUGH_PROXY, "Through the proxy 127.0.0.1:" + proxy.port(), null,
                    proxy.url());
            onUi(() -> vm.follow(f));
            await(() -> !vm.runningProperty().get() && vm.reportProperty().get() != null);
            onUi(() -> {
                ProbeReport r = vm.reportProperty().get();
                assertEquals(TunnelVerdict.FORBIDDEN, r.tunnel().verdict());
                assertTrue(vm.statusProperty().get().contains("CONNECT db01.example:443 through 127.0.0.1:"
                        + proxy.port() + ": the proxy refused this target"), vm.statusProperty().get());
                assertTrue(vm.formChangeProperty().get().contains("the form is unchanged"), vm.formChangeProperty().get());
                assertEquals("db01.example:443", vm.targetProperty().get());
                assertNull(vm.requestProperty().get().tunnel(), "the next probe is direct again");
                assertTrue(vm.explanationProperty().get().headline().contains("refused the tunnel to db01.example:443"),
                        "the explanation pane explains the proxy's answer: " + vm.explanationProperty().get().headline());
            });
            assertTrue(vm.reportText().contains("CONNECT db01.example:443 through 127.0.0.1:" + proxy.port()),
                    "the copied report carries the proxy's answer");
        }
    }

    @Test
    void aFormThatCannotGoThroughAProxySaysSoAndRunsNothing() throws Exception {
        onUi(() -> vm.targetProperty().set("/run/app.sock"));
        onUi(() -> vm.follow(new FollowUp(FollowUp.Kind.THROUGH_PROXY, "Through the proxy p:3128", null,
                "http://127.0.0.1:9")));
        onUi(() -> {
            assertTrue(vm.formChangeProperty().get().contains("cannot go through the proxy"),
                    vm.formChangeProperty().get());
            assertEquals(false, vm.runningProperty().get());
            assertNull(vm.reportProperty().get());
        });
    }
}
