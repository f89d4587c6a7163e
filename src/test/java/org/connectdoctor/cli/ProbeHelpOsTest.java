package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The probe command's help offers only what the system's sockets have: abstract Unix names
 * (unix:@name) on Linux only, seqpacket where it exists, a Unix path in the system's own form.
 * The help as picocli renders it, worded for each system's capabilities.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ProbeHelpOsTest {

    private static String help(Os os) {
        CommandLine cl = new CommandLine(new ProbeCommand());
        ProbeCommand.wordFor(cl.getCommandSpec(), Capabilities.of(os));
        return cl.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
    }

    @Test
    void linuxOffersAbstractNamesAndSeqpacket() {
        String h = help(Os.LINUX);
        assertTrue(h.contains("or an abstract Unix name (unix:@name)."), h);
        assertTrue(h.contains("Socket type: stream (TCP), dgram (UDP) or seqpacket (SCTP, or Unix seqpacket). "
                + "Default: stream."), h);
        assertTrue(h.contains("[fe80::1%eth0]:port"), h);
    }

    @Test
    void windowsOffersNeitherAbstractNamesNorSeqpacket() {
        String h = help(Os.WINDOWS);
        assertFalse(h.contains("@name"), h);
        assertFalse(h.contains("seqpacket"), h);
        assertFalse(h.contains("/run/"), h);
        assertTrue(h.contains("[fe80::1%12]:port or a Unix socket path (unix:C:\\app\\app.sock)."), h);
        assertTrue(h.contains("Socket type: stream (TCP) or dgram (UDP). Default: stream."), h);
    }

    @Test
    void macosOffersPathsButNoAbstractNamesOrSeqpacket() {
        String h = help(Os.MACOS);
        assertFalse(h.contains("@name"), h);
        assertFalse(h.contains("seqpacket"), h);
        assertTrue(h.contains("[fe80::1%en0]:port or a Unix socket path (/run/app.sock or unix:relative/path)."), h);
    }

    /** A mistyped type is answered with the types this system has. */
    @Test
    void aBadTypeNamesThisSystemsTypes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int exit = Cli.run(new String[] {"probe", "-t", "raw", "127.0.0.1:1"},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        String e = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, exit, e);
        assertTrue(e.contains("\"raw\" is not a socket type. Use " + ProbeCommand.typeWords(Capabilities.current())
                + "."), e);
        assertFalse(e.contains("Exception"), e);
    }
}
