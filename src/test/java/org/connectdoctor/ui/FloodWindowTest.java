package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.animation.AnimationTimer;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue #13 §5: repeats at interval 0 with a count of 100,000 against a loopback listener keep
 * the window responsive. A timer on the FX thread measures the longest gap between its frames
 * (the longest stall) during the whole run; the heap after the run, collected, is compared with
 * the heap before it. The table, the chart and the live statistics stay bounded and count the
 * same rounds as the final figures.
 */
@Tag("gui")
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class FloodWindowTest extends ApplicationTest {

    private static final int COUNT = 100_000;
    private static final Pattern SENT = Pattern.compile("sent (\\d+), ok (\\d+), failed (\\d+)");

    @TempDir
    static Path settingsDir;

    private DesktopApp app;

    @Override
    public void start(Stage stage) {
        System.setProperty(DesktopApp.SETTINGS_PROPERTY, settingsDir.resolve("settings.properties").toString());
        app = new DesktopApp();
        app.start(stage);
    }

    @Override
    public void stop() {
        app.stop();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    /** Runs {@code start}, waits for the run to end, and returns the longest gap between FX pulses meanwhile. */
    private double longestStallOf(Runnable start, ProbeViewModel vm) throws Exception {
        AtomicLong last = new AtomicLong();
        AtomicLong longest = new AtomicLong();
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                long prev = last.getAndSet(t);
                if (prev != 0) {
                    longest.accumulateAndGet(t - prev, Math::max);
                }
            }
        };
        interact(timer::start);
        start.run();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                && vm.reportProperty().get() != null);
        interact(timer::stop);
        WaitForAsyncUtils.waitForFxEvents();
        return longest.get() / 1e6;
    }

    @Test
    void aHundredThousandRepeatsAtIntervalZeroKeepTheWindowResponsive() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 4096, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        s.getInputStream(); // accepted and closed: the probe only connects
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "flood-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();

            ProbeViewModel vm = app.viewModel();
            // First a short repeat, as a user tries a target before flooding it: the window's first
            // run lays out the table, the chart and the statistics with code the JIT has not compiled
            // yet. Its longest stall is printed; the bound is for the flood that follows.
            interact(() -> {
                vm.targetProperty().set("127.0.0.1:" + server.getLocalPort());
                vm.countProperty().set("300");
                vm.intervalProperty().set("0s");
                vm.timeoutProperty().set("5s");
            });
            double firstRunStallMs = longestStallOf(() -> interact(vm::run), vm);
            System.out.printf(Locale.ROOT, "flood: the window's first run (300 repeats): longest FX-thread stall %.1f ms%n",
                    firstRunStallMs);
            interact(() -> vm.countProperty().set(String.valueOf(COUNT)));
            WaitForAsyncUtils.waitForFxEvents();
            long heapBefore = usedHeapAfterGc();

            AtomicLong last = new AtomicLong();
            AtomicLong longest = new AtomicLong();
            AtomicInteger frames = new AtomicInteger();
            StringBuffer gaps = new StringBuffer();
            long[] t0 = {System.nanoTime()};
            AnimationTimer timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    long prev = last.getAndSet(t);
                    if (prev != 0) {
                        longest.accumulateAndGet(t - prev, Math::max);
                        if (t - prev > 100_000_000L) {
                            gaps.append(String.format(Locale.ROOT, " %.0fms@%.1fs%s", (t - prev) / 1e6,
                                    (t - t0[0]) / 1e9, app.viewModel().runningProperty().get() ? "" : "(idle)"));
                        }
                    }
                    frames.incrementAndGet();
                }
            };
            // The same timer with the window idle first: what this machine's load alone costs the FX thread.
            interact(timer::start);
            Thread.sleep(3000);
            interact(timer::stop);
            double idleStallMs = longest.get() / 1e6;
            int idleFrames = frames.get();
            System.out.printf(Locale.ROOT, "flood: idle window, 3 s: longest FX-thread stall %.1f ms over %d frames%n",
                    idleStallMs, idleFrames);
            longest.set(0);
            last.set(0);
            frames.set(0);
            gaps.setLength(0);
            AtomicInteger statisticsUpdates = new AtomicInteger();
            boolean[] done = new boolean[1];
            Thread fx = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("JavaFX Application Thread")).findFirst().orElseThrow();
            Thread watchdog = new Thread(() -> {
                int dumps = 0;
                while (!done[0] && dumps < 12) {
                    try { Thread.sleep(200); } catch (InterruptedException e) { return; }
                    long l = last.get();
                    long gap = l == 0 ? 0 : System.nanoTime() - l;
                    if (gap > 400_000_000L) {
                        dumps++;
                        StringBuilder sb = new StringBuilder("STALLDUMP " + gap / 1_000_000 + "ms\n");
                        for (StackTraceElement e : fx.getStackTrace()) {
                            sb.append("   ").append(e).append('\n');
                        }
                        System.out.println(sb);
                    }
                }
            });
            watchdog.setDaemon(true);
            watchdog.start();
            String[] lastLive = new String[1];
            interact(() -> {
                vm.statisticsProperty().addListener((obs, o, n) -> {
                    statisticsUpdates.incrementAndGet();
                    if (vm.runningProperty().get()) {
                        lastLive[0] = n;
                    }
                });
                t0[0] = System.nanoTime();
                timer.start();
                vm.run();
            });
            long started = System.nanoTime();

            WaitForAsyncUtils.waitFor(540, TimeUnit.SECONDS, () -> !vm.runningProperty().get()
                    && vm.reportProperty().get() != null);
            double seconds = (System.nanoTime() - started) / 1e9;
            done[0] = true;
            interact(timer::stop);
            WaitForAsyncUtils.waitForFxEvents();
            long heapAfter = usedHeapAfterGc();

            double stallMs = longest.get() / 1e6;
            double growthMb = (heapAfter - heapBefore) / 1048576.0;
            String finalStats = vm.statisticsProperty().get();
            @SuppressWarnings("unchecked")
            TableView<AttemptRow> table = lookup("#attempts").queryAs(TableView.class);
            int points = vm.latencies().size();
            System.out.printf(Locale.ROOT, "flood: %d attempts in %.1f s (%.0f/s); longest FX-thread stall %.1f ms "
                            + "over %d frames; heap %.1f MB before, %.1f MB after, growth %.1f MB; %d statistics "
                            + "updates (%.1f/s); table rows %d; chart points %d%n", COUNT, seconds, COUNT / seconds,
                    stallMs, frames.get(), heapBefore / 1048576.0, heapAfter / 1048576.0, growthMb,
                    statisticsUpdates.get(), statisticsUpdates.get() / seconds, table.getItems().size(), points);

            System.out.println("flood: gaps over 100 ms:" + gaps + "; status: " + vm.statusProperty().get());
            assertTrue(finalStats.startsWith("sent " + COUNT + ", ok " + COUNT + ", failed 0"), finalStats);
            // Issue #13's bound. Measured on 2 cores: 80-93 ms quiet, 144-159 ms beside two busy
            // loops; before the table kept its list still it was 260-640 ms, with the LineChart 1.8-4.9 s.
            assertTrue(stallMs < 250, "the FX thread stalled for " + stallMs + " ms");
            assertTrue(growthMb < 50, "the heap grew by " + growthMb + " MB");
            assertTrue(table.getItems().size() <= org.connectdoctor.probe.ProbeReport.KEPT_ATTEMPTS + 1,
                    "table rows: " + table.getItems().size());
            assertTrue(points <= ProbeViewModel.CHART_POINTS, "chart points: " + points);
            // Coalesced: about 20 updates a second at most, whatever the rate of attempts.
            assertTrue(statisticsUpdates.get() <= seconds * 25 + 5, statisticsUpdates.get() + " updates in " + seconds);
            // The live figures are the final ones in the making: rounds, all succeeded, never more than ran.
            Matcher live = SENT.matcher(lastLive[0] == null ? "" : lastLive[0]);
            assertTrue(live.find(), "a live statistics line was shown: " + lastLive[0]);
            long sent = Long.parseLong(live.group(1));
            assertTrue(sent > 0 && sent <= COUNT, lastLive[0]);
            assertEquals(sent, Long.parseLong(live.group(2)), lastLive[0]);
            // the counts add up: rows shown plus the rest is what was sent
            assertEquals("The table shows 100 of " + COUNT + " attempts (the first 100); the other " + (COUNT - 100)
                    + " ran and are counted in the statistics.", lookup("#attempts-omitted").queryLabeled().getText());
            // the chart ends with the last probe, not one short of it
            assertEquals(COUNT, vm.latencies().get(vm.latencies().size() - 1).round());
        }
    }
}
