package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.connectdoctor.explain.Action;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The window's logic without a window: plain executors stand in for the FX thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProbeViewModelTest {

    private final ExecutorService background = Executors.newCachedThreadPool();
    private final ExecutorService ui = Executors.newSingleThreadExecutor();
    private final ProbeViewModel vm = new ProbeViewModel(background, ui, e -> Explainer.system(e.sockets()));

    @AfterEach
    void shutdown() {
        background.shutdownNow();
        ui.shutdownNow();
    }

    /** Runs on the "UI" executor and waits, as the FX thread would serialise it. */
    private void onUi(Runnable r) throws Exception {
        ui.submit(r).get(5, TimeUnit.SECONDS);
    }

    private boolean onUi(BooleanSupplier s) throws Exception {
        return ui.submit(s::getAsBoolean).get(5, TimeUnit.SECONDS);
    }

    private void await(BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!onUi(condition)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met in 20 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void validationUsesTheEnginesMessagesAndBlocksRun() throws Exception {
        onUi(() -> vm.targetProperty().set("localhost:70000"));
        assertEquals("Port 70000 is out of range. Ports go from 1 to 65535.", vm.targetMessageProperty().get());
        assertFalse(vm.canRunProperty().get());
        onUi(() -> vm.targetProperty().set("localhost:80"));
        assertEquals("", vm.targetMessageProperty().get());
        assertTrue(vm.canRunProperty().get());
        onUi(() -> vm.timeoutProperty().set("5"));
        assertEquals("\"5\" has no unit. Write 5s, 5ms or another number with a unit (ms, s, m).",
                vm.optionsMessageProperty().get());
        assertFalse(vm.canRunProperty().get());
        onUi(() -> {
            vm.timeoutProperty().set("2s");
            vm.countProperty().set("many");
        });
        assertTrue(vm.optionsMessageProperty().get().startsWith("The count \"many\" is not a whole number"));
        onUi(() -> vm.countProperty().set("3"));
        assertNotNull(vm.requestProperty().get());
        assertEquals(3, vm.requestProperty().get().count());
    }

    @Test
    void theHappyEyeballsOptionRacesStreamProbesOnly() throws Exception {
        onUi(() -> {
            vm.targetProperty().set("db:5432");
            vm.happyEyeballsProperty().set(true);
        });
        assertTrue(vm.requestProperty().get().happyEyeballs());
        onUi(() -> vm.allAddressesProperty().set(true));
        assertFalse(vm.requestProperty().get().happyEyeballs(), "every address in order wins over the race");
        onUi(() -> {
            vm.allAddressesProperty().set(false);
            vm.typeProperty().set(SocketType.DGRAM);
        });
        assertFalse(vm.requestProperty().get().happyEyeballs(), "a datagram probe has no connection to race");
    }

    @Test
    void aPathChoosesUnixAndAHostGoesBackToAuto() throws Exception {
        onUi(() -> vm.targetProperty().set("/run/app.sock"));
        assertEquals(FamilyChoice.UNIX, vm.familyProperty().get());
        assertNotNull(vm.requestProperty().get());
        onUi(() -> vm.targetProperty().set("db:5432"));
        assertEquals(FamilyChoice.AUTO, vm.familyProperty().get());
    }

    @Test
    void runStreamsAttemptsThenExplainsAndRemembers() throws Exception {
        int port = Loopback.closedTcpPort();
        onUi(() -> {
            vm.targetProperty().set("127.0.0.1:" + port);
            vm.countProperty().set("2");
            vm.intervalProperty().set("0s");
            vm.run();
        });
        await(() -> !vm.runningProperty().get() && vm.reportProperty().get() != null);
        onUi(() -> {
            assertEquals(2, vm.attempts().size());
            assertEquals(Outcome.FAILED, vm.reportProperty().get().outcome());
            assertEquals("ECONNREFUSED", vm.explanationProperty().get().key());
            assertEquals(vm.reportProperty().get().decisive(), vm.selectedProperty().get());
            assertEquals(1, vm.history().size());
            assertEquals("127.0.0.1:" + port, vm.recentTargets().get(0));
            assertTrue(vm.statisticsProperty().get().startsWith("sent 2, ok 0, failed 2, loss 100.0%"));
            assertTrue(vm.statusProperty().get().startsWith("No probe of 127.0.0.1 port " + port + " succeeded"),
                    vm.statusProperty().get());
        });
        String text = vm.reportText();
        assertTrue(text.contains("ECONNREFUSED (111)"), text);
        assertTrue(vm.reportMarkdown().contains("| 1 | 127.0.0.1:" + port), vm.reportMarkdown());
        assertTrue(vm.reportJson().contains("\"explanation\""));
    }

    @Test
    void selectingAnotherAttemptExplainsThatAttempt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            onUi(() -> {
                vm.targetProperty().set("127.0.0.1:" + server.getLocalPort());
                vm.run();
            });
            await(() -> !vm.runningProperty().get() && vm.reportProperty().get() != null);
            assertEquals("CONNECTED", vm.explanationProperty().get().key());
        }
    }

    @Test
    void retryActionsChangeTheInputAndRunAgain() throws Exception {
        onUi(() -> {
            vm.targetProperty().set("127.0.0.1:" + 9);
            vm.sourceProperty().set("127.0.0.1:45000");
            vm.retry(Action.RETRY_WITHOUT_SOURCE_PORT);
        });
        assertEquals("127.0.0.1", vm.sourceProperty().get());
        await(() -> !vm.runningProperty().get());
        onUi(() -> vm.retry(Action.RETRY_AS_DATAGRAM));
        assertEquals(SocketType.DGRAM, vm.typeProperty().get());
        await(() -> !vm.runningProperty().get() && vm.history().size() == 2);
        onUi(() -> vm.show(vm.history().get(1)));
        assertEquals(SocketType.STREAM, vm.reportProperty().get().request().type());
    }

    @Test
    void nothingRunsWhileInputIsInvalid() throws Exception {
        onUi(() -> {
            vm.targetProperty().set("[::1");
            vm.run();
        });
        assertFalse(vm.runningProperty().get());
        assertNull(vm.reportProperty().get());
    }

    @Test
    void theSignInFollowUpRunsTheActiveCheckInTheBackgroundAndRunsNoProbe() throws Exception {
        try (java.net.ServerSocket portal = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = portal.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("HTTP/1.1 302 Found\r\nLocation: https://portal.example/login\r\n\r\n"
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (java.io.IOException e) {
                    // the test ended
                }
            });
            t.setDaemon(true);
            t.start();
            String url = "http://127.0.0.1:" + portal.getLocalPort() + "/connecttest.txt";
            // never the real check address in a test: the follow-up fetches the loopback server
            vm.connectivityCheck = () -> org.connectdoctor.probe.ConnectivityProbe.run(
                    new org.connectdoctor.probe.ConnectivityProbe.Endpoint(url, "Microsoft Connect Test", "the test's"),
                    java.time.Duration.ofSeconds(5)).text();
            onUi(() -> vm.follow(new FollowUp(FollowUp.Kind.EXPLAINED, Action.CHECK_CONNECTIVITY.label(),
                    Action.CHECK_CONNECTIVITY, null)));
            await(() -> vm.followUpResultProperty().get().startsWith("Captive portal"));
            assertEquals("Captive portal: the network answered the check address " + url + " with a redirect (HTTP 302) "
                    + "to \"https://portal.example/login\". Open a browser at any http:// address to get its sign-in "
                    + "page.", vm.followUpResultProperty().get());
            assertTrue(vm.history().isEmpty(), "the follow-up is not a probe");
        }
    }
}
