package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The target field's prompt and tooltip and the help's examples in each system's own forms (#26
 * item 8): no Linux path, abstract name or eth0 on Windows; Windows paths and an interface index there.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TargetWordsTest {

    private static final List<String> LINUX_WORDS = List.of("/run/", "unix:@", "/etc/hosts", "eth0", "/path/to.sock");

    @Test
    void windowsTextHasWindowsFormsOnly() {
        Capabilities w = Capabilities.of(Os.WINDOWS);
        for (String text : List.of(TargetWords.prompt(w), TargetWords.tooltip(w), TargetWords.unixFamily(w),
                TargetWords.lookupPhase(w))) {
            for (String linux : LINUX_WORDS) {
                assertFalse(text.contains(linux), linux + " in Windows text: " + text);
            }
        }
        assertEquals("host:port, [v6]:port or unix:C:\\path\\to.sock", TargetWords.prompt(w));
        assertTrue(TargetWords.tooltip(w).contains("[fe80::1%12]:443"), TargetWords.tooltip(w));
        assertTrue(TargetWords.lookupPhase(w).contains("C:\\Windows\\System32\\drivers\\etc\\hosts"));
        assertTrue(TargetWords.unixFamily(w).contains("stream sockets only"));
    }

    @Test
    void linuxKeepsItsPathsAndAbstractNamesAndMacosHasNoAbstractNames() {
        Capabilities l = Capabilities.of(Os.LINUX);
        assertEquals("host:port, [v6]:port or /path/to.sock", TargetWords.prompt(l));
        assertTrue(TargetWords.tooltip(l).endsWith("/run/postgresql/.s.PGSQL.5432, unix:@name"), TargetWords.tooltip(l));
        assertTrue(TargetWords.unixFamily(l).contains("unix:@name"));
        Capabilities m = Capabilities.of(Os.MACOS);
        assertFalse(TargetWords.tooltip(m).contains("unix:@"), TargetWords.tooltip(m));
        assertFalse(TargetWords.unixFamily(m).contains("unix:@"), TargetWords.unixFamily(m));
        assertTrue(TargetWords.lookupPhase(m).contains("/etc/hosts"));
    }
}
