package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One Markdown rule for every report's cells and lines (#24: there were two). */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class MarkdownTest {

    @Test
    void cellsStayOneLineAndMarkupIsEscaped() {
        assertEquals("a \\| b c", Markdown.text("a | b\nc"));
        assertEquals("C:\\\\Users\\\\x &lt;script>", Markdown.text("C:\\Users\\x <script>"));
        assertEquals("bell U+0007 here", Markdown.text("bell \u0007 here"));
        assertEquals("the rule `tcp dport 443 drop` blocks", Markdown.text("the rule `tcp dport 443 drop` blocks"),
                "a backtick pair stays code");
        assertEquals("an odd \\` tick", Markdown.text("an odd ` tick"), "an odd backtick cannot open a span");
    }
}
