package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The window names its own controls where the explanation names command-line options. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WindowWordingTest {

    private static final Pattern FLAG = Pattern.compile("(?<![\\w-])(--[a-z][a-z-]*|-[46])(?![\\w-])");

    @Test
    void optionsBecomeTheWindowsControls() {
        assertEquals("If the network is slow rather than blocked, try again with a longer limit, for example raise "
                + "Timeout in Options to 30 s.", WindowWording.forWindow("If the network is slow rather than blocked, "
                + "try again with a longer limit, for example --timeout 30s."));
        assertEquals("If 10.0.0.255 is a broadcast address, allow broadcasts (turn on Allow broadcast in Options).",
                WindowWording.forWindow("If 10.0.0.255 is a broadcast address, allow broadcasts (--broadcast)."));
        assertEquals("Try the other address family (IPv4 or IPv6 in the family buttons): the name may have only IPv4.",
                WindowWording.forWindow("Try the other address family (-4 or -6): the name may have only IPv4."));
        assertEquals("The socket is a datagram socket: retry as Datagram (UDP) (Datagram (UDP) in the type buttons).",
                WindowWording.forWindow("The socket is a datagram socket: retry as Datagram (UDP) (--type dgram)."));
        assertEquals("Leave out the source port (Source in Options with the address only, without :PORT) so the "
                + "system picks a free one.", WindowWording.forWindow("Leave out the source port (--source ADDR "
                + "without :PORT) so the system picks a free one."));
        assertEquals("Send a payload the service understands (Payload in Options, with Hex for bytes).",
                WindowWording.forWindow("Send a payload the service understands (--payload or --payload-hex)."));
        // Not flags: ranges, negative numbers, names with hyphens.
        assertEquals("ports 32768-60999, -1, re-try, so-called", WindowWording.forWindow("ports 32768-60999, -1, re-try, so-called"));
    }

    @Test
    void anOptionNotInTheTableIsStillNoFlag() {
        String out = WindowWording.forWindow("Use --frobnicate to see more.");
        assertFalse(FLAG.matcher(out).find(), out);
    }

    @Test
    void noStepOrFindingOfTheCatalogueShowsAFlagInTheWindow() throws IOException {
        String catalogue;
        try (InputStream in = org.connectdoctor.explain.ErrorCatalogue.class.getResourceAsStream("catalogue.txt")) {
            catalogue = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : catalogue.split("\n")) {
            String shown = WindowWording.forWindow(line);
            assertFalse(FLAG.matcher(shown).find(), "still a flag: " + shown);
        }
    }

    @Test
    void noTlsStepOrFindingShowsAFlagInTheWindow() {
        for (org.connectdoctor.tls.TlsVerdict v : org.connectdoctor.tls.TlsVerdict.values()) {
            for (org.connectdoctor.net.Os os : org.connectdoctor.net.Os.values()) {
                var e = org.connectdoctor.explain.TlsExplainer.explain(org.connectdoctor.testing.TlsChecks.of(v), os);
                for (String line : concat(e.steps(), e.findings())) {
                    String shown = WindowWording.forWindow(line);
                    assertFalse(FLAG.matcher(shown).find(), v + " on " + os + ": still a flag: " + shown);
                }
            }
        }
        assertEquals("Connect with a name the certificate carries (a.test); check that name first with TLS name in "
                + "Options.", WindowWording.forWindow("Connect with a name the certificate carries (a.test); check "
                + "that name first with --tls-name NAME."));
    }

    private static java.util.List<String> concat(java.util.List<String> a, java.util.List<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
