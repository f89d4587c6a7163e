package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Network List Manager read through COM on this Windows JVM: under Wine that is Wine's netprofm.
 * The test prints what it answered and holds the reader to consistency: Known with a state per
 * family, or Unknown with a reason; never an exception.
 *
 * <p>Seen under Wine 8.0 (Debian 12), inside run.sh's namespace: GetConnectivity gives 0x60
 * (IPV4_LOCALNETWORK | IPV4_INTERNET), IPv6 disconnected. Wine's netprofm does not check anything: it
 * reports the internet for an adapter with a default gateway (the namespace's 10.203.0.254, which
 * does not exist). Its connections offer no IPropertyBag (QueryInterface: E_NOINTERFACE 0x80004002),
 * so under Wine the captive-portal flag is not read and the source says so; real Windows has it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetworkListManagerLiveTest {

    @Test
    void theVerdictIsKnownPerFamilyOrUnknownWithAReason() {
        Read<Connectivity> r = WindowsHostState.INSTANCE.connectivity();
        System.out.println("Network List Manager on " + Wine.describe() + ": " + r);
        if (r instanceof Read.Known<Connectivity> k) {
            Connectivity c = k.value();
            assertEquals(java.util.Set.of(Family.INET, Family.INET6), c.families().keySet());
            assertTrue(c.words().startsWith("Network List Manager: IPv4 "), c.words());
            assertTrue(c.source().startsWith(NetworkListManager.SOURCE), c.source());
            Connectivity.State best = c.families().values().stream().min(Enum::compareTo).orElseThrow();
            assertEquals(best, c.state(), "the computer's verdict is its best family's");
        } else {
            String why = ((Read.Unknown<Connectivity>) r).reason();
            assertFalse(why.isBlank());
            assertTrue(why.contains("Network List Manager"), why);
        }
    }

    @Test
    void twoReadsInARowAgreeAndReleaseWhatTheyTook() {
        Read<Connectivity> first = WindowsHostState.INSTANCE.connectivity();
        for (int i = 0; i < 5; i++) {
            assertEquals(first, WindowsHostState.INSTANCE.connectivity());
        }
    }

    @Test
    void theFlagsBecomeAVerdictPerFamily() {
        // IPv4 Internet, IPv6 NoTraffic: the computer reaches the internet; its IPv6 does not
        Read<Connectivity> r = NetworkListManager.verdict(new NetworkListManager.Raw(0x40 | 0x2, 0, 0, true, null));
        Connectivity c = ((Read.Known<Connectivity>) r).value();
        assertEquals(Connectivity.State.FULL, c.state());
        assertEquals(Map.of(Family.INET, Connectivity.State.FULL, Family.INET6, Connectivity.State.NONE), c.families());
        assertEquals("Network List Manager: IPv4 Internet, IPv6 NoTraffic (NLM_CONNECTIVITY 0x42)", c.words());
        // IPv4 LocalNetwork with the web-hijack flag: a captive portal
        Connectivity portal = ((Read.Known<Connectivity>) NetworkListManager.verdict(
                new NetworkListManager.Raw(0x20, 0x1, 0, true, null))).value();
        assertEquals(Connectivity.State.PORTAL, portal.state());
        assertTrue(portal.words().contains("IPv4 behind a captive portal"), portal.words());
        assertEquals(Connectivity.State.LIMITED, ((Read.Known<Connectivity>) NetworkListManager.verdict(
                new NetworkListManager.Raw(0x10 | 0x100, 0, 0, false, "no bag"))).value().state());
    }
}
