package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reproduce commands: what they say, and that a hostile target stays one argument and runs nothing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReproduceCommandsTest {

    /** Shell syntax of every kind, quotes of every kind, and PowerShell's typographic quotes. */
    static final List<String> HOSTILE = List.of(
            "a'b", "'", "''", "\"", "$(touch PWNED)", "`touch PWNED`", "a;touch PWNED", "a&&touch PWNED",
            "a|touch PWNED", "a b", "*", "~root", "-oProxyCommand=touch PWNED", "--help", "a\\'b", "\\",
            "$HOME", "${IFS}", "a#b", "!1", "a>PWNED", "<PWNED", "(x)", "{a,b}", "[ab]", "%TEMP%",
            "\u2018x\u2019", "\u201Ax\u201B", "x\u2019;touch PWNED;\u2018", "@(1)", "$(Remove-Item x)",
            "\u00e9\u4e2d\ud83d\ude00", "a,b:c!d");

    @TempDir
    Path dir;

    private static ProbeRequest req(Target t, SocketType type) throws Exception {
        return ProbeRequest.builder(t).type(type).timeout(Duration.ofMillis(1500)).build();
    }

    @Test
    void linuxCommandsForEachKindOfTarget() throws Exception {
        ProbeRequest tcp = ProbeRequest.builder(TargetParser.parse("db01:5432")).timeout(Duration.ofMillis(1500))
                .source(SourceSpec.parse("10.0.0.5:40000")).build();
        assertEquals(List.of("nc -vz -s 10.0.0.5 -p 40000 -w 2 db01 5432",
                        "curl -v --connect-timeout 1.5 --interface 10.0.0.5 --local-port 40000 telnet://db01:5432",
                        "getent ahosts db01"),
                ReproduceCommands.of(tcp, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList());
        ProbeRequest udp = ProbeRequest.builder(TargetParser.parse("[::1]:27000")).type(SocketType.DGRAM)
                .payload(org.connectdoctor.probe.Payload.ofText("hi")).build();
        assertEquals(List.of("nc -vzu -w 5 ::1 27000", "# nc -z sends no payload; the probe sent 2 bytes."),
                ReproduceCommands.of(udp, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList());
        ProbeRequest v6 = req(TargetParser.parse("[fe80::1%lo]:80"), SocketType.STREAM);
        assertTrue(ReproduceCommands.of(v6, Os.LINUX).get(1).line().endsWith("'telnet://[fe80::1%25lo]:80'"),
                ReproduceCommands.of(v6, Os.LINUX).toString());
        ProbeRequest unix = req(TargetParser.parse("/run/agent.sock"), SocketType.STREAM);
        assertEquals(List.of("nc -v -z -w 2 -U /run/agent.sock", "socat -d -d - UNIX-CONNECT:/run/agent.sock"),
                ReproduceCommands.of(unix, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList());
        ProbeRequest abs = req(TargetParser.parse("unix:@agent"), SocketType.SEQPACKET);
        assertEquals(List.of("socat -d -d - ABSTRACT-CONNECT:agent,type=5"),
                ReproduceCommands.of(abs, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList());
        ProbeRequest service = req(TargetParser.parse("127.0.0.1:https"), SocketType.STREAM);
        assertEquals(List.of("nc -vz -w 2 127.0.0.1 https"),
                ReproduceCommands.of(service, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList(),
                "curl's telnet URL takes a port number only");
    }

    @Test
    void windowsCommandsAreTestNetConnectionAndResolveDnsName() throws Exception {
        ProbeRequest tcp = req(TargetParser.parse("db01:5432"), SocketType.STREAM);
        assertEquals(List.of("Test-NetConnection -ComputerName 'db01' -Port '5432'", "Resolve-DnsName -Name 'db01'"),
                ReproduceCommands.of(tcp, Os.WINDOWS).stream().map(ReproduceCommands.Command::line).toList());
        ProbeRequest udp = req(TargetParser.parse("10.1.1.1:53"), SocketType.DGRAM);
        assertEquals(List.of("# Test-NetConnection tests TCP only; this was a dgram probe."),
                ReproduceCommands.of(udp, Os.WINDOWS).stream().map(ReproduceCommands.Command::line).toList());
        assertTrue(ReproduceCommands.text(tcp, Os.WINDOWS).startsWith("Reproduce with (Windows PowerShell):\n  Test-"));
    }

    /**
     * Every generated line, run by a real sh with the program replaced by printf, gives back
     * exactly the arguments meant, one by one; and nothing ran (no file PWNED appeared).
     */
    @Test
    void hostileTargetsStaySingleArgumentsInARealShell() throws Exception {
        int lines = 0;
        for (String h : HOSTILE) {
            List<ProbeRequest> requests = new ArrayList<>();
            requests.add(req(new Target.Inet(h, "80", Target.HostKind.NAME), SocketType.STREAM));
            requests.add(req(new Target.Inet(h, "80", Target.HostKind.NAME), SocketType.DGRAM));
            requests.add(req(new Target.Inet(h, "80", Target.HostKind.NAME), SocketType.SEQPACKET));
            requests.add(req(new Target.Unix("/tmp/" + h, false), SocketType.STREAM));
            requests.add(req(new Target.Unix(h, false), SocketType.DGRAM));
            requests.add(req(new Target.Unix(h, true), SocketType.STREAM));
            for (ProbeRequest r : requests) {
                for (Os os : new Os[] {Os.LINUX, Os.MACOS}) {
                    for (ReproduceCommands.Command c : ReproduceCommands.of(r, os)) {
                        if (c.isNote()) {
                            assertFalse(c.line().contains("\n"), c.line());
                            continue;
                        }
                        assertTrue(c.line().startsWith(c.program() + " "), c.line());
                        assertEquals(c.arguments(), shellWords(c.line().substring(c.program().length())), c.line());
                        lines++;
                    }
                }
            }
        }
        assertFalse(Files.exists(dir.resolve("PWNED")), "a generated line ran a command");
        assertTrue(lines > HOSTILE.size() * 6, "lines checked: " + lines);
    }

    /** The arguments sh makes of {@code args}: printf prints each, NUL-terminated. */
    private List<String> shellWords(String args) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "printf '%s\\0'" + args).directory(dir.toFile())
                .redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out.toString(StandardCharsets.UTF_8));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.endsWith("\0"), s);
        return Arrays.asList(s.substring(0, s.length() - 1).split("\0", -1));
    }

    /**
     * PowerShell is not installed here: the lines are read back by the language's rule for
     * verbatim strings (about_Quoting_Rules: inside '…' a doubled quote is one quote, and ‘ ’ ‚ ‛
     * count as quotes). Each value must come back whole, as one string token.
     */
    @Test
    void hostileTargetsStaySingleStringsForPowerShell() throws Exception {
        for (String h : HOSTILE) {
            ProbeRequest r = req(new Target.Inet(h, "80", Target.HostKind.NAME), SocketType.STREAM);
            for (ReproduceCommands.Command c : ReproduceCommands.of(r, Os.WINDOWS)) {
                List<String> tokens = powerShellTokens(c.line().substring(c.program().length()));
                assertEquals(c.arguments(), tokens, c.line());
            }
        }
    }

    private static boolean psQuote(char c) {
        return c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';
    }

    /** Tokens of a PowerShell argument list made of bare parameter names and verbatim strings only. */
    private static List<String> powerShellTokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ') {
                i++;
            } else if (psQuote(c)) {
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    assertTrue(i < s.length(), "unterminated string in " + s);
                    char d = s.charAt(i);
                    if (psQuote(d)) {
                        if (i + 1 < s.length() && psQuote(s.charAt(i + 1))) {
                            sb.append(d);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                assertTrue(i >= s.length() || s.charAt(i) == ' ', "a string runs into more text in " + s);
                out.add(sb.toString());
            } else {
                int end = s.indexOf(' ', i);
                String word = s.substring(i, end < 0 ? s.length() : end);
                assertTrue(word.matches("-[A-Za-z]+"), "a bare word that is no parameter name: " + word + " in " + s);
                out.add(word);
                i += word.length();
            }
        }
        return out;
    }

    @Test
    void anOperandThatLooksLikeAnOptionComesAfterDoubleDash() throws Exception {
        ProbeRequest r = req(new Target.Inet("-oProxyCommand=x", "80", Target.HostKind.NAME), SocketType.STREAM);
        List<String> lines = ReproduceCommands.of(r, Os.LINUX).stream().map(ReproduceCommands.Command::line).toList();
        assertEquals("nc -vz -w 2 -- -oProxyCommand=x 80", lines.get(0));
        assertEquals("getent ahosts -- -oProxyCommand=x", lines.get(2));
    }

    @Test
    void aMarkdownFenceOutlastsBackticksInThePath() throws Exception {
        ProbeRequest r = req(new Target.Unix("/tmp/````x", false), SocketType.STREAM);
        String md = ReproduceCommands.markdown(r, Os.LINUX);
        assertTrue(md.contains("\n`````sh\n") && md.endsWith("\n`````\n"), md);
    }
}
