package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.Set;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.net.Os;
import org.junit.jupiter.api.Test;

/** The explanation's headline in the window: a verdict in words with its code beside, an errno by its native name. */
class HeadlineWordsTest {

    private static Explanation explain(String key, Integer number, String text, Os os) {
        return Explainer.system().explain(key, number, text, Set.of(), os);
    }

    @Test
    void verdictsAreWordsAPersonSaysWithTheirLimitAndTheCodeBeside() {
        WindowWording.Headline t = WindowWording.headline(explain("TIMED_OUT", null, null, Os.LINUX), Duration.ofSeconds(5));
        assertEquals("Timed out after 5 s", t.words());
        assertEquals("TIMED_OUT", t.code());
        assertEquals(Styles.FAILURE, t.style());
        assertEquals("No reply within 1.5 s",
                WindowWording.headline(explain("NO_REPLY", null, null, Os.LINUX), Duration.ofMillis(1500)).words());
        WindowWording.Headline c = WindowWording.headline(explain("CANCELLED", null, null, Os.LINUX), Duration.ofSeconds(5));
        assertEquals("Cancelled", c.words());
        assertEquals(Styles.NEUTRAL, c.style(), "a cancel is not a failure: never drawn red");
        assertEquals(Styles.SUCCESS, WindowWording.headline(explain("CONNECTED", null, null, Os.LINUX), null).style());
        assertEquals("Timed out", WindowWording.headline(explain("TIMED_OUT", null, null, Os.LINUX), null).words());
    }

    @Test
    void anErrnoKeepsItsNativeNameNumberAndText() {
        WindowWording.Headline linux = WindowWording.headline(explain("ECONNREFUSED", 111, "Connection refused", Os.LINUX),
                Duration.ofSeconds(5));
        assertEquals("ECONNREFUSED (111)  Connection refused", linux.words());
        assertNull(linux.code());
        WindowWording.Headline windows = WindowWording.headline(explain("ECONNREFUSED", 10061,
                "No connection could be made because the target machine actively refused it.", Os.WINDOWS),
                Duration.ofSeconds(5));
        assertEquals("WSAECONNREFUSED (10061)  No connection could be made because the target machine actively "
                + "refused it.", windows.words());
    }
}
