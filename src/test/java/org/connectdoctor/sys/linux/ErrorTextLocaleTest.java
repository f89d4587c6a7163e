package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SysError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Error texts are glibc's English ones under any locale, with the localised text beside them.
 * Each case runs a child JVM (the Java launcher calls setlocale from the environment, which is
 * what makes strerror and gai_strerror translate).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ErrorTextLocaleTest {

    private static List<String[]> runUnder(Map<String, String> env) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ErrorTextPrinter.class.getName());
        pb.environment().remove("LANGUAGE");
        pb.environment().remove("LC_MESSAGES");
        pb.environment().putAll(env);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(50, TimeUnit.SECONDS), "the child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String[]> lines = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            lines.add(line.split("\t"));
        }
        return lines;
    }

    private static String[] line(List<String[]> lines, String kind) {
        return lines.stream().filter(l -> l[0].equals(kind)).findFirst().orElseThrow();
    }

    /** Why German cannot be checked here, or null when it can. */
    private static String germanUnavailable() throws Exception {
        Process p = new ProcessBuilder("locale", "-a").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        if (out.lines().noneMatch(l -> l.equalsIgnoreCase("de_DE.utf8") || l.equalsIgnoreCase("de_DE.UTF-8"))) {
            return "the de_DE.UTF-8 locale is not generated (apt-get install locales; "
                    + "localedef -i de_DE -f UTF-8 de_DE.UTF-8); .ci/run must make it";
        }
        if (!Files.exists(Path.of("/usr/share/locale/de/LC_MESSAGES/libc.mo"))) {
            return "glibc's German messages are not installed (package libc-l10n)";
        }
        return null;
    }

    @Test
    void underAGermanLocaleTheMessageIsEnglishAndTheGermanTextIsBesideIt() throws Exception {
        String reason = germanUnavailable();
        assumeTrue(reason == null, reason);
        List<String[]> lines = runUnder(Map.of("LANG", "de_DE.UTF-8", "LC_ALL", "de_DE.UTF-8"));
        String[] errno = line(lines, "errno");
        assertEquals("Connection refused", errno[1]);
        assertEquals("Verbindungsaufbau abgelehnt", errno[2]);
        String[] gai = line(lines, "gai");
        assertEquals("Name or service not known", gai[1]);
        assertNotEquals("null", gai[2], "the German resolver text should travel beside the English one");
        assertNotEquals(gai[1], gai[2]);
    }

    @Test
    void underTheCLocaleThereIsNoSecondText() throws Exception {
        List<String[]> lines = runUnder(Map.of("LANG", "C", "LC_ALL", "C"));
        assertEquals(List.of("errno", "Connection refused", "null"), List.of(line(lines, "errno")));
        assertEquals(List.of("gai", "Name or service not known", "null"), List.of(line(lines, "gai")));
    }

    @Test
    void theEnglishResolverTableIsGlibcsOwnText() throws Exception {
        List<String[]> lines = runUnder(Map.of("LANG", "C", "LC_ALL", "C"));
        int checked = 0;
        for (String[] l : lines) {
            if (l[0].equals("table")) {
                assertEquals(l[3], l[2], "gai_strerror text of " + l[1]);
                checked++;
            }
        }
        assertTrue(checked >= 10, "only " + checked + " getaddrinfo codes compared");
    }

    @Test
    void anErrorWithTheSameTextInBothLanguagesKeepsOnlyOne() {
        assertEquals(null, new SysError(org.connectdoctor.net.Errno.ECONNREFUSED, 111, "Connection refused",
                "Connection refused").localizedMessage());
    }
}
