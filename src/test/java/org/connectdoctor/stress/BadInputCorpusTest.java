package org.connectdoctor.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectdoctor.cli.Cli;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.ui.ProbeViewModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A generated corpus of bad targets through the parser, the command line and the window's field:
 * every one is turned away with a specific, readable message, before any system call, and nothing
 * throws out of the engine's front door.
 */
@Tag("soak")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BadInputCorpusTest {

    static List<String> corpus() {
        List<String> c = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[1 + random.nextInt(64)];
            random.nextBytes(b);
            c.add(new String(b, StandardCharsets.ISO_8859_1));
            c.add(new String(b, StandardCharsets.UTF_8));
        }
        c.add("a".repeat(1_000_000));
        c.add("a".repeat(5_000) + ":80");
        c.add("h".repeat(300) + ":80");
        c.add(("a".repeat(63) + ".").repeat(5) + "com:80");
        c.add("[" + "1:".repeat(2000) + "]:80");
        c.add(":" + "9".repeat(3000));
        for (char ch = 0; ch < 0x20; ch++) {
            c.add("host" + ch + ":80");
            c.add(ch + "");
        }
        c.add("host\u007f:80");
        c.add("host\u0085:80");
        c.add("host\u2028:80");
        c.add("host:80\u0000");
        c.add("/run/app\u0000.sock");
        c.add("unix:@\u0000");
        // Unicode look-alikes: Cyrillic, Greek, fullwidth digits and colon, non-breaking and zero-width spaces
        for (String s : List.of("\u0435xample.org:80", "\u03bfrg.example:80", "example.org:\uff18\uff10",
                "example.org\uff1a80", "example.org:80\u00a0", "exam\u200bple.org:80", "\u0661\u0662\u0667.0.0.1:80",
                "\u2024\u2024\u2024:80", "localhost\ufe5580", "l\u0131ocalhost:80")) {
            c.add(s);
        }
        // brackets and percent signs
        for (String s : List.of("[", "]", "[]", "[:]", "[[::1]]:80", "]::1[:80", "[::1]]:80", "[::1]:[80]",
                "[::1]:", "[::1]:80:80", "[::1%]:80", "[::1%%]:80", "[fe80::1%eth0/24]:80", "%", "%%:80",
                "host%:80", "[%25]:80", "[::1%" + "x".repeat(40) + "]:80", "[1.2.3.4]:80", "[::g]:80",
                "[1:2:3:4:5:6:7:8:9]:80", "[1::2::3]:80")) {
            c.add(s);
        }
        // ports
        for (String s : List.of("h:0", "h:65536", "h:-1", "h:+80", "h:80.0", "h:0x50", "h: 80", "h:80 ",
                "h:99999999999999999999", "h:", ":", "::", ":80", "h:80a", "h:\u0668\u0660")) {
            c.add(s);
        }
        // Unix paths
        c.add("/" + "p".repeat(107));
        c.add("unix:/" + "p".repeat(200));
        c.add("unix:@" + "n".repeat(108));
        c.add("unix:");
        c.add("unix:@");
        c.add("/dir/");
        c.add("@abstract");
        c.add("relative/path.sock");
        return c;
    }

    /** The inputs of the corpus that the parser turns away (some random ones happen to be valid). */
    private static List<String> invalid() {
        List<String> bad = new ArrayList<>();
        for (String s : corpus()) {
            try {
                Target t = TargetParser.parse(s);
                assertFalse(s.chars().anyMatch(ch -> ch < 0x20), "accepted a control character: " + t);
            } catch (InvalidInputException e) {
                bad.add(s);
            } catch (RuntimeException e) {
                fail("the parser threw " + e + " for " + printable(s));
            }
        }
        return bad;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(cp -> sb.append(cp < 0x20 || cp > 0x7e ? String.format("\\u%04x", cp)
                : String.valueOf((char) cp)));
        return sb.toString();
    }

    private static void assertReadable(String message, String input) {
        assertFalse(message == null || message.isBlank(), "no message for " + printable(input));
        assertTrue(message.length() < 400, "a " + message.length() + "-character message for " + printable(input));
        assertFalse(message.contains("Exception") || message.contains("null"), message);
        assertTrue(message.endsWith(".") || message.endsWith(")"), "not a sentence: " + message);
    }

    @Test
    void theParserExplainsEveryRejection() {
        List<String> bad = invalid();
        assertTrue(bad.size() > 500, "the corpus has " + bad.size() + " invalid inputs");
        for (String s : bad) {
            try {
                TargetParser.parse(s);
            } catch (InvalidInputException e) {
                assertReadable(e.getMessage(), s);
            }
        }
    }

    @Test
    void theCommandLineAnswersEachWithExitTwoAndOneLine() {
        List<String> bad = invalid();
        for (String s : bad) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = Cli.run(new String[] {"probe", s}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(2, exit, "exit for " + printable(s) + ": " + e);
            assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing probed for " + printable(s));
            assertTrue(e.startsWith("connect-doctor: "), e);
            assertFalse(e.contains("\tat "), "a stack trace for " + printable(s) + ": " + e);
            assertReadable(e.substring("connect-doctor: ".length()).strip(), s);
        }
    }

    @Test
    void theWindowsFieldShowsTheMessageAndNeverStartsAProbe() {
        AtomicInteger submitted = new AtomicInteger();
        Executor background = task -> submitted.incrementAndGet();
        Executor ui = Runnable::run;
        ProbeViewModel vm = new ProbeViewModel(background, ui, e -> {
            throw new AssertionError("no explainer for invalid input");
        });
        int before = submitted.get(); // the view-model reads the system's facts once, in the background
        for (String s : invalid()) {
            vm.targetProperty().set(s);
            String message = vm.targetMessageProperty().get();
            if (!s.isEmpty()) {
                assertReadable(message, s);
            }
            assertFalse(vm.canRunProperty().get(), "Run enabled for " + printable(s));
            vm.run();
            assertFalse(vm.runningProperty().get());
        }
        assertEquals(before, submitted.get(), "a probe reached the background executor");
    }
}
