package org.connectdoctor.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.Target;

/**
 * The commands a second-level engineer would type to see the same thing with the usual tools:
 * {@code nc}, {@code curl}, {@code socat} on Linux and macOS; {@code Test-NetConnection} and
 * {@code Resolve-DnsName} on Windows. Every argument is quoted for the platform's shell (POSIX sh
 * single quotes; PowerShell single quotes, whose every kind of single quote is doubled), so a
 * hostile target stays one argument and runs nothing. A note (a line starting with {@code #})
 * says what a tool cannot reproduce.
 */
public final class ReproduceCommands {

    /**
     * One command: the program and its arguments as the program will receive them, and the line
     * to paste into the platform's shell. A note has no program and is a comment line.
     */
    public record Command(String program, List<String> arguments, String line) {
        public Command {
            arguments = List.copyOf(arguments);
        }

        public boolean isNote() {
            return program == null;
        }
    }

    /** Characters a POSIX shell never treats specially in a word. */
    private static final String SH_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-";
    /** Characters socat reads as syntax inside an address; a path holding one is left to nc. */
    private static final String SOCAT_SPECIAL = ",:!\\\"'()[]{}<>| \t";

    private ReproduceCommands() {
    }

    /** The commands for {@code request} on {@code os} (null: an unknown POSIX system). */
    public static List<Command> of(ProbeRequest request, Os os) {
        return os == Os.WINDOWS ? windows(request) : posix(request, os);
    }

    /** The commands for the system this runs on. */
    public static List<Command> of(ProbeRequest request) {
        return of(request, Os.current());
    }

    /** The heading a text report puts above the commands. */
    public static String heading(Os os) {
        String where = os == null ? "this system" : switch (os) {
            case LINUX -> "Linux";
            case MACOS -> "macOS";
            case WINDOWS -> "Windows PowerShell";
        };
        return "Reproduce with (" + where + "):";
    }

    /** The text block: heading and one indented line per command. */
    public static String text(ProbeRequest request, Os os) {
        StringBuilder sb = new StringBuilder(heading(os)).append('\n');
        for (Command c : of(request, os)) {
            sb.append("  ").append(c.line()).append('\n');
        }
        return sb.toString();
    }

    /** The Markdown section: a heading and a fenced block of the lines. */
    public static String markdown(ProbeRequest request, Os os) {
        List<Command> commands = of(request, os);
        // a fence longer than any run of backticks inside, so a hostile path cannot close it
        int run = 0;
        for (Command c : commands) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("`+").matcher(c.line());
            while (m.find()) {
                run = Math.max(run, m.group().length());
            }
        }
        String fence = "`".repeat(Math.max(3, run + 1));
        StringBuilder sb = new StringBuilder("\n## ").append(heading(os).replace(":", "")).append("\n\n")
                .append(fence).append(os == Os.WINDOWS ? "powershell" : "sh").append('\n');
        for (Command c : commands) {
            sb.append(c.line()).append('\n');
        }
        return sb.append(fence).append('\n').toString();
    }

    private static List<Command> posix(ProbeRequest r, Os os) {
        List<Command> out = new ArrayList<>();
        long waitSeconds = wholeSeconds(r);
        if (r.target() instanceof Target.Unix u) {
            if (!u.abstractName()) {
                List<String> nc = new ArrayList<>(List.of("-v"));
                if (r.type() == SocketType.DGRAM) {
                    nc.add("-u");
                }
                if (r.type() != SocketType.DGRAM) {
                    nc.add("-z");
                }
                nc.addAll(List.of("-w", Long.toString(waitSeconds), "-U"));
                positional(nc, u.path());
                out.add(sh("nc", nc));
            }
            String kind = u.abstractName() ? "ABSTRACT-" : "UNIX-";
            String verb = r.type() == SocketType.DGRAM ? "SENDTO" : "CONNECT";
            String opts = r.type() == SocketType.SEQPACKET ? ",type=5" : "";
            if (socatSafe(u.path()) && (os == Os.LINUX || !u.abstractName())) {
                out.add(sh("socat", List.of("-d", "-d", "-", kind + verb + ":" + u.path() + opts)));
            } else if (os != Os.LINUX && u.abstractName()) {
                out.add(note("Abstract Unix socket names exist on Linux only."));
            } else {
                out.add(note("socat reads , : ! and quotes in an address as its own syntax; this path holds one, "
                        + "so only nc is given."));
            }
            return out;
        }
        Target.Inet in = (Target.Inet) r.target();
        List<String> nc = new ArrayList<>(List.of(r.type() == SocketType.DGRAM ? "-vzu" : "-vz"));
        if (r.family().family() != null) {
            nc.add(r.family().family() == org.connectdoctor.net.Family.INET ? "-4" : "-6");
        }
        if (r.source() != null) {
            if (r.source().address() != null) {
                nc.addAll(List.of("-s", r.source().address()));
            }
            if (r.source().port() > 0) {
                nc.addAll(List.of("-p", Integer.toString(r.source().port())));
            }
        }
        nc.addAll(List.of("-w", Long.toString(waitSeconds)));
        positional(nc, in.host(), in.service());
        if (r.type() == SocketType.SEQPACKET) {
            if (socatSafe(in.host())) {
                String host = in.kind() == Target.HostKind.IPV6 ? "[" + in.host() + "]" : in.host();
                out.add(sh("socat", List.of("-d", "-d", "-", "SCTP-CONNECT:" + host + ":" + in.service())));
            } else {
                out.add(note("nc and curl do not speak SCTP, and socat cannot take this host name in an address."));
            }
        } else {
            out.add(sh("nc", nc));
        }
        if (r.type() == SocketType.STREAM && in.port() > 0) {
            List<String> curl = new ArrayList<>(List.of("-v", "--connect-timeout", decimalSeconds(r)));
            if (r.family().family() != null) {
                curl.add(r.family().family() == org.connectdoctor.net.Family.INET ? "-4" : "-6");
            }
            if (r.source() != null && r.source().address() != null) {
                curl.addAll(List.of("--interface", r.source().address()));
            }
            if (r.source() != null && r.source().port() > 0) {
                curl.addAll(List.of("--local-port", Integer.toString(r.source().port())));
            }
            String host = in.kind() == Target.HostKind.IPV6 ? "[" + in.host().replace("%", "%25") + "]" : in.host();
            curl.add("telnet://" + host + ":" + in.port());
            out.add(sh("curl", curl));
        }
        if (r.type() == SocketType.DGRAM && !r.payload().isEmpty()) {
            out.add(note("nc -z sends no payload; the probe sent " + r.payload().length() + " bytes."));
        }
        if (in.kind() == Target.HostKind.NAME && os == Os.LINUX) {
            List<String> getent = new ArrayList<>(List.of("ahosts"));
            positional(getent, in.host());
            out.add(sh("getent", getent));
        }
        return out;
    }

    private static List<Command> windows(ProbeRequest r) {
        List<Command> out = new ArrayList<>();
        if (r.target() instanceof Target.Unix) {
            out.add(note("Windows has no tool of its own that connects to a Unix socket."));
            return out;
        }
        Target.Inet in = (Target.Inet) r.target();
        if (r.type() == SocketType.STREAM && in.port() > 0) {
            out.add(ps("Test-NetConnection", List.of("-ComputerName", in.host(), "-Port", Integer.toString(in.port()))));
        } else if (r.type() == SocketType.STREAM) {
            out.add(note("Test-NetConnection takes a port number, not the service name " + in.service() + "."));
        } else {
            out.add(note("Test-NetConnection tests TCP only; this was a " + r.type().cliName() + " probe."));
        }
        if (in.kind() == Target.HostKind.NAME) {
            out.add(ps("Resolve-DnsName", List.of("-Name", in.host())));
        }
        return out;
    }

    /** Adds the operands, after "--" when one could pass for an option. */
    private static void positional(List<String> args, String... operands) {
        for (String o : operands) {
            if (o.startsWith("-")) {
                args.add("--");
                break;
            }
        }
        args.addAll(List.of(operands));
    }

    private static boolean socatSafe(String s) {
        return s.chars().noneMatch(c -> SOCAT_SPECIAL.indexOf(c) >= 0 || c < 0x20);
    }

    /** nc's -w takes whole seconds: the limit rounded up, at least one. */
    private static long wholeSeconds(ProbeRequest r) {
        long ms = r.timeout().toMillis();
        return Math.max(1, (ms + 999) / 1000);
    }

    private static String decimalSeconds(ProbeRequest r) {
        BigDecimal s = BigDecimal.valueOf(Math.max(1, r.timeout().toMillis()), 3).setScale(3, RoundingMode.UP);
        return s.stripTrailingZeros().toPlainString();
    }

    private static Command sh(String program, List<String> args) {
        StringBuilder sb = new StringBuilder(program);
        for (String a : args) {
            sb.append(' ').append(shQuote(a));
        }
        return new Command(program, args, sb.toString());
    }

    /** {@code args} alternate a parameter name (-Port, written bare) and its value (always quoted). */
    private static Command ps(String program, List<String> args) {
        StringBuilder sb = new StringBuilder(program);
        for (int i = 0; i < args.size(); i++) {
            sb.append(' ').append(i % 2 == 0 ? args.get(i) : psQuote(args.get(i)));
        }
        return new Command(program, args, sb.toString());
    }

    private static Command note(String text) {
        return new Command(null, List.of(), "# " + text);
    }

    /** {@code s} as one POSIX sh word: bare when plain, else in single quotes (a quote inside as '\''). */
    public static String shQuote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> SH_PLAIN.indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /**
     * {@code s} as one PowerShell string: in single quotes, where PowerShell takes any of ' ‘ ’ ‚ ‛
     * as a quote, so each is doubled.
     */
    public static String psQuote(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c);
            if (c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B') {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
