package org.connectdoctor.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.connectdoctor.AppInfo;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.report.Failure;
import org.connectdoctor.report.JsonReport;
import org.connectdoctor.sys.NativeSockets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code connect-doctor explain CODE}: the catalogue entry and man text, without probing. */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Explains an error without probing: its meaning, who is usually at fault, what to do, and the "
                + "matching man-page entry.",
            "",
            "CODE is an errno name (ECONNREFUSED) or number (111), a getaddrinfo code (EAI_NONAME, or -2), or one of "
                + "Connect Doctor's verdicts: TIMED_OUT, NO_REPLY, CONNECTED, ANSWERED."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:explained", "2:unknown code or bad usage",
            "4:the output could not be written (disk full, closed pipe)",
            "70:internal error (a one-line description is printed)"})
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Mixin
    Terminal terminal;

    @Parameters(index = "0", paramLabel = "CODE", description = "The error to explain.")
    String code;

    @Option(names = "--call", paramLabel = "CALL",
            description = "The call that failed: socket, bind, connect, send, recv or getaddrinfo. Picks the man page "
                    + "and the entry (EADDRINUSE from bind differs from connect).")
    String call;

    @Option(names = "--unix", description = "The error came from a Unix-domain socket (default: IP).")
    boolean unix;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", defaultValue = "stream",
            description = "Socket type: stream, dgram or seqpacket. Default: ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--json", description = "Print the explanation as JSON.")
    boolean json;

    @Option(names = "--os", paramLabel = "SYSTEM",
            description = "Explain it as it reads on linux, windows or macos: that system's numbers, native names "
                    + "(WSAECONNREFUSED) and tools. Default: this system.")
    String osWord;

    /** The EAI_ name of a Winsock getaddrinfo code's own name (WSAHOST_NOT_FOUND, WSATRY_AGAIN, WSANO_DATA), or null. */
    private static String winsockName(String name) {
        NumberTable<GaiError> windows = NumberTable.gai(Os.WINDOWS);
        for (GaiError g : windows.numbers().keySet()) {
            String nativeName = windows.nativeName(g);
            if (nativeName.equals(name) && !nativeName.startsWith("WSAE")) {
                return g.name();
            }
        }
        return null;
    }

    @Override
    public Integer call() {
        PrintWriter out = terminal.out();
        Os running = Os.current() == null ? Os.LINUX : Os.current();
        Os os = running;
        if (osWord != null) {
            os = Os.byId(osWord.strip().toLowerCase(Locale.ROOT));
            if (os == null) {
                return terminal.usage(Quoting.quote(osWord) + " is not a system. Use linux, windows or macos.");
            }
        }
        String key;
        Integer number = null;
        String text = null;
        String c = code.strip();
        SocketType socketType = SocketType.fromWord(type);
        if (socketType == null) {
            return terminal.usage(Quoting.quote(type) + " is not a socket type. Use stream, dgram or seqpacket.");
        }
        if (call != null && !Set.of("socket", "bind", "connect", "send", "recv", "getaddrinfo").contains(call)) {
            return terminal.usage(Quoting.quote(call) + " is not a call a probe makes. Use socket, bind, connect, "
                    + "send, recv or getaddrinfo.");
        }
        NativeSockets sockets = null;
        try {
            sockets = NativeSockets.system();
        } catch (UnsupportedOperationException | LinkageError noNative) {
            // explanations work without the native layer; only the C library's texts are missing
        }
        if (c.matches("-?\\d{1,6}")) {
            int n = Integer.parseInt(c);
            if (n < 0) {
                GaiError g = NumberTable.gai(os).symbol(n);
                if (g == GaiError.UNKNOWN) {
                    return terminal.usage(n + " is not a getaddrinfo code on " + os.displayName() + ".");
                }
                key = g.name();
                number = n;
            } else {
                Errno e = NumberTable.errno(os).symbol(n);
                // Windows' getaddrinfo codes are Winsock numbers too: 11001 is WSAHOST_NOT_FOUND (EAI_NONAME)
                GaiError g = os == Os.WINDOWS ? NumberTable.gai(os).symbol(n) : GaiError.UNKNOWN;
                if (e == Errno.UNKNOWN && g == GaiError.UNKNOWN && os != Os.WINDOWS) {
                    Errno w = NumberTable.errno(Os.WINDOWS).symbol(n);
                    GaiError wg = NumberTable.gai(Os.WINDOWS).symbol(n);
                    String windowsName = w != Errno.UNKNOWN ? NumberTable.errno(Os.WINDOWS).nativeName(w)
                            : wg != GaiError.UNKNOWN ? NumberTable.gai(Os.WINDOWS).nativeName(wg) : null;
                    if (windowsName != null) {
                        return terminal.usage(n + " is not an errno number on " + os.displayName() + "; on Windows it is "
                                + windowsName + " (add --os windows).");
                    }
                }
                if (e == Errno.UNKNOWN && g == GaiError.UNKNOWN) {
                    return terminal.usage(n + " is not " + (os == Os.WINDOWS ? "a Winsock error number" : "an errno number")
                            + " on " + os.displayName() + ". Give " + (os == Os.WINDOWS
                            ? "a Winsock number such as 10061 or 11001, or a name such as WSAECONNREFUSED."
                            : "an errno number such as 111, or a name such as ECONNREFUSED."));
                }
                key = e != Errno.UNKNOWN ? e.name() : g.name();
                number = n;
            }
        } else {
            key = c.toUpperCase(Locale.ROOT);
            String fromWinsock = winsockName(key);
            if (fromWinsock != null) {
                // a Winsock name that is not WSAE + errno: WSAHOST_NOT_FOUND is EAI_NONAME on Windows
                key = fromWinsock;
                if (osWord == null) {
                    os = Os.WINDOWS;
                }
            } else if (key.startsWith("WSAE")) {
                // Winsock's name for an errno: WSAECONNREFUSED is ECONNREFUSED
                key = key.substring(3);
                if (osWord == null) {
                    os = Os.WINDOWS;
                }
            }
            if (key.startsWith("EAI_")) {
                try {
                    GaiError g = GaiError.valueOf(key);
                    var n = NumberTable.gai(os).number(g);
                    number = n.isPresent() ? n.getAsInt() : null;
                } catch (IllegalArgumentException unknown) {
                    return terminal.usage(Quoting.quote(code) + " is not a getaddrinfo code. Known: EAI_AGAIN, "
                            + "EAI_NONAME, EAI_FAIL, EAI_SERVICE and the others of getaddrinfo(3).");
                }
            } else if (key.startsWith("E")) {
                try {
                    Errno e = Errno.valueOf(key);
                    var n = NumberTable.errno(os).number(e);
                    number = n.isPresent() ? n.getAsInt() : null;
                } catch (IllegalArgumentException unknown) {
                    return terminal.usage(Quoting.quote(code) + " is not an errno name. Write it as the C headers do, "
                            + "e.g. ECONNREFUSED, or give its number.");
                }
            } else if (!Set.of("TIMED_OUT", "NO_REPLY", "CONNECTED", "ANSWERED", "CANCELLED", "LOOKUP_TIMED_OUT", "SELF_CONNECTED").contains(key)) {
                return terminal.usage(Quoting.quote(code) + " is not an error code. Give " + (os == Os.WINDOWS
                        ? "a Winsock name (WSAECONNREFUSED, WSAHOST_NOT_FOUND) or number (10061, 11001)"
                        : "an errno name (ECONNREFUSED) or number (111)")
                        + ", an EAI_ code, or TIMED_OUT, NO_REPLY, CONNECTED, ANSWERED.");
            }
        }
        if (number != null && sockets != null && os == running) {
            if (key.startsWith("EAI_")) {
                text = null;
            } else {
                SysError e = sockets.error(number);
                text = e.message();
            }
        }
        Set<String> qualifiers = new LinkedHashSet<>();
        qualifiers.add(unix ? "unix" : "ip");
        qualifiers.add(socketType == SocketType.STREAM ? "stream" : socketType == SocketType.DGRAM ? "dgram" : "seqpacket");
        qualifiers.add("call:" + (call != null ? call : key.startsWith("EAI_") ? "getaddrinfo" : "connect"));
        String printed;
        try {
            printed = render(ManPages.system(), sockets, key, number, text, qualifiers, os);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError installedFailed) {
            // An installed page that cannot be read must not cost the explanation: quote the bundled copy.
            terminal.say("an installed man page could not be read (" + Failure.describe(installedFailed)
                    + "); quoting the copy bundled with " + AppInfo.COMMAND + " instead.");
            printed = render(ManPages.bundledOnly(), sockets, key, number, text, qualifiers, os);
        }
        out.print(printed);
        out.flush();
        return ExitCodes.OK;
    }

    private String render(ManPages pages, NativeSockets sockets, String key, Integer number, String text,
                          Set<String> qualifiers, Os os) {
        Explanation e = new Explainer(pages, org.connectdoctor.explain.ErrorCatalogue.standard(),
                org.connectdoctor.sys.HostState.current(), org.connectdoctor.sys.Capabilities.current())
                .explain(key, number, text, qualifiers, os);
        return json ? JsonReport.render(e) + "\n" : ExplanationText.render(e).substring(1);
    }
}
