package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.net.Os;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On Windows and macOS the bundled Linux pages lend their POSIX entries, not Linux's own mechanisms
 * (#26 item 4): no SELinux or /proc/sys entry among the other entries, no selinux(8) or gai.conf(5) to
 * read. (The one entry chosen for the cause is quoted whole.)
 * On Linux they stay.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinuxOnlyTest {

    private static String all(Explanation e) {
        // the chosen entry is the POSIX meaning of the cause and is quoted whole, as the page has it
        StringBuilder sb = new StringBuilder();
        e.otherQuotes().forEach(q -> sb.append(Explainer.quotePlain(q)));
        e.seeAlso().forEach(r -> sb.append(' ').append(r));
        return sb.toString();
    }

    @Test
    void windowsAndMacosQuoteNoLinuxMechanism() {
        Explainer explainer = Explainer.system();
        for (String key : List.of("EACCES", "EPERM", "ECONNREFUSED", "ETIMEDOUT", "EADDRNOTAVAIL", "EAI_NONAME",
                "EAI_AGAIN", "ENETUNREACH")) {
            for (Os os : List.of(Os.WINDOWS, Os.MACOS)) {
                Explanation e = explainer.explain(key, null, null, Set.of("ip", "stream", "call:connect"), os);
                String text = all(e);
                assertFalse(text.contains("SELinux") || text.contains("/proc/"), key + " on " + os + ": " + text);
                for (ManRef ref : e.seeAlso()) {
                    assertFalse(LinuxOnly.page(ref), key + " on " + os + " lists " + ref);
                }
            }
        }
        Explanation linux = explainer.explain("EACCES", null, null, Set.of("ip", "stream", "call:connect"), Os.LINUX);
        assertTrue(all(linux).contains("SELinux"), "Linux keeps its own entries: " + all(linux));
    }
}
