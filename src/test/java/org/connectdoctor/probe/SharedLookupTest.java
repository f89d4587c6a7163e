package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Identical lookups running at once share one getaddrinfo call, but only within one backend (#24:
 * the process-wide table was keyed without it): two engines whose resolvers answer differently
 * each get their own answer, even when their lookups overlap.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedLookupTest {

    @Test
    void twoBackendsNeverShareALookup() throws Exception {
        DelayingSockets one = new DelayingSockets(NativeSockets.system()).delay(DelayingSockets.Call.RESOLVE,
                TimeUnit.MILLISECONDS.toNanos(400)).answer(new Lookup(List.of(new SockAddr.Inet4(0x0a000001, 80)),
                null, null, 1000));
        DelayingSockets two = new DelayingSockets(NativeSockets.system()).delay(DelayingSockets.Call.RESOLVE,
                TimeUnit.MILLISECONDS.toNanos(400)).answer(new Lookup(List.of(new SockAddr.Inet4(0x0a000002, 80)),
                null, null, 1000));
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("shared.test:80"))
                .timeout(Duration.ofSeconds(2)).build();
        try (ProbeEngine a = new ProbeEngine(one); ProbeEngine b = new ProbeEngine(two)) {
            CompletableFuture<ProbeReport> first = CompletableFuture.supplyAsync(() -> a.run(request));
            CompletableFuture<ProbeReport> second = CompletableFuture.supplyAsync(() -> b.run(request));
            assertEquals("10.0.0.1", first.get(20, TimeUnit.SECONDS).resolution().addresses().get(0).host());
            assertEquals("10.0.0.2", second.get(20, TimeUnit.SECONDS).resolution().addresses().get(0).host());
        }
    }
}
