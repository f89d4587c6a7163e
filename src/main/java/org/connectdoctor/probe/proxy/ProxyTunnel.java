package org.connectdoctor.probe.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.net.Errno;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NonBlocking;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;

/**
 * {@code CONNECT host:port HTTP/1.1} over a socket the probe connected to the proxy itself, and
 * the proxy's answer read with bounds: the header at most {@link #MAX_HEADER} bytes, the body of
 * a refusal at most {@link #MAX_BODY}, everything within one absolute deadline fixed when the
 * exchange starts. Each wait is a poll(2) on the socket and the probe's waker, so Cancel ends it
 * at once. The header is read one byte at a time, so after a 200 not one byte of the tunnel is
 * taken: a TLS handshake that follows finds the stream as the target sent it. No credentials are
 * ever sent.
 */
public final class ProxyTunnel {

    public static final int MAX_HEADER = 16 * 1024;
    public static final int MAX_BODY = 4 * 1024;

    /**
     * What a probe through a proxy asks: the target the tunnel is for.
     *
     * @param proxy the proxy (the probe's own target is its host and port)
     * @param host  the target's host, as CONNECT sends it
     * @param port  the target's port
     * @param from  where the proxy came from: "--proxy", or the system setting's words
     */
    public record Request(ProxyAddress proxy, String host, int port, String from) {
    }

    private final NativeSocket socket;
    private final Waker waker;
    private final long deadline;
    private long received;

    private ProxyTunnel(NativeSocket socket, Waker waker, long deadline) {
        this.socket = socket;
        this.waker = waker;
        this.deadline = deadline;
    }

    private enum Stop { EOF, RESET, TIMEOUT, CANCELLED, NOT_HTTP }

    private static final class Stopped extends Exception {
        final Stop how;
        final String detail;

        Stopped(Stop how, String detail) {
            super(null, null, false, false);
            this.how = how;
            this.detail = detail;
        }
    }

    /** The CONNECT request sent for {@code host}:{@code port}. */
    static byte[] request(String host, int port, String userAgent) {
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return ("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: " + userAgent
                + "\r\nProxy-Connection: Keep-Alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Runs the exchange on {@code socket}, already connected to the proxy.
     *
     * @param limitNanos the exchange's own limit, counted from now
     */
    public static TunnelCheck run(NativeSocket socket, Waker waker, Request r, String userAgent, long limitNanos) {
        long start = System.nanoTime();
        ProxyTunnel t = new ProxyTunnel(socket, waker, start + limitNanos);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try {
            t.sendAll(request(r.host(), r.port(), userAgent));
            t.readHeader(header);
        } catch (Stopped s) {
            TunnelVerdict v = switch (s.how) {
                case EOF -> TunnelVerdict.CLOSED;
                case RESET -> TunnelVerdict.RESET;
                case TIMEOUT -> TunnelVerdict.NO_ANSWER;
                case CANCELLED -> TunnelVerdict.CANCELLED;
                case NOT_HTTP -> TunnelVerdict.NOT_HTTP;
            };
            if (v != TunnelVerdict.CANCELLED && header.size() > 0 && !looksLikeHttp(header.toByteArray())) {
                v = TunnelVerdict.NOT_HTTP; // a banner that ended with the connection is still no HTTP
            }
            String partial = header.size() == 0 ? null : Sanitize.text(header.toByteArray(), 120);
            String detail = s.detail == null ? partial == null ? null : "the answer began \"" + partial + "\""
                    : s.detail + (partial == null ? "" : "; the answer began \"" + partial + "\"");
            return new TunnelCheck(v, r.proxy(), r.host(), r.port(), -1, null, List.of(), null, null, detail,
                    t.received, limitNanos, System.nanoTime() - start, null);
        }
        Answer a = Answer.parse(header.toString(StandardCharsets.ISO_8859_1));
        if (a == null) {
            return new TunnelCheck(TunnelVerdict.NOT_HTTP, r.proxy(), r.host(), r.port(), -1, null, List.of(), null,
                    null, "the answer began \"" + Sanitize.text(header.toByteArray(), 120) + "\"", t.received,
                    limitNanos, System.nanoTime() - start, null);
        }
        TunnelVerdict v = TunnelVerdict.ofStatus(a.status);
        String body = null;
        if (v != TunnelVerdict.ESTABLISHED) {
            byte[] raw = t.readBody(a);
            body = raw.length == 0 ? null : Sanitize.body(raw, a.chunked, TunnelCheck.MAX_TEXT);
        }
        return new TunnelCheck(v, r.proxy(), r.host(), r.port(), a.status, a.reason,
                v == TunnelVerdict.AUTH_REQUIRED ? a.authenticate : List.of(), body, a.server, null, t.received,
                limitNanos, System.nanoTime() - start, null);
    }

    /** The parsed status line and the headers a report uses. */
    static final class Answer {
        int status;
        String reason;
        List<String> authenticate = new ArrayList<>();
        String server;
        long contentLength = -1;
        boolean chunked;

        /** Null when {@code header} is no HTTP response. */
        static Answer parse(String header) {
            String[] lines = header.split("\r?\n");
            if (lines.length == 0 || !lines[0].matches("HTTP/\\d(\\.\\d)? \\d{3}( .*)?")) {
                return null;
            }
            Answer a = new Answer();
            a.status = Integer.parseInt(lines[0].substring(lines[0].indexOf(' ') + 1, lines[0].indexOf(' ') + 4));
            String phrase = lines[0].length() > lines[0].indexOf(' ') + 5 ? lines[0].substring(lines[0].indexOf(' ') + 5) : "";
            a.reason = phrase.isBlank() ? null : Sanitize.line(phrase, 80);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip();
                switch (name) {
                    case "proxy-authenticate" -> {
                        // one header may offer several challenges: "Basic realm=x, Negotiate"
                        for (String c : splitChallenges(value)) {
                            if (a.authenticate.size() < 8) {
                                a.authenticate.add(Sanitize.line(c, 120));
                            }
                        }
                    }
                    case "server", "via" -> {
                        if (a.server == null) {
                            a.server = Sanitize.line(value, 120);
                        }
                    }
                    case "content-length" -> {
                        if (value.matches("\\d{1,12}")) {
                            a.contentLength = Long.parseLong(value);
                        }
                    }
                    case "transfer-encoding" -> a.chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    default -> {
                    }
                }
            }
            return a;
        }

        /**
         * The challenges of one Proxy-Authenticate value: a comma starts a new challenge when a
         * scheme token (no '=' before the next space or the end) follows it, not a parameter.
         */
        static List<String> splitChallenges(String value) {
            List<String> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                }
                if (c == ',' && !quoted) {
                    String rest = value.substring(i + 1).strip();
                    String token = rest.split("[\\s,]", 2)[0];
                    if (!token.isEmpty() && !token.contains("=")) {
                        out.add(cur.toString().strip());
                        cur.setLength(0);
                        continue;
                    }
                }
                cur.append(c);
            }
            if (!cur.toString().isBlank()) {
                out.add(cur.toString().strip());
            }
            return out;
        }
    }

    private void readHeader(ByteArrayOutputStream header) throws Stopped {
        byte[] one = new byte[1];
        int last3 = 0; // the three bytes before this one
        while (header.size() < MAX_HEADER) {
            read(one);
            header.write(one[0]);
            int b = one[0] & 0xff;
            // "\r\n\r\n" ends the header; so does "\n\n", which some proxies send
            if (b == '\n' && ((last3 & 0xffffff) == ('\r' << 16 | '\n' << 8 | '\r') || (last3 & 0xff) == '\n')) {
                return;
            }
            last3 = (last3 << 8 | b) & 0xffffff;
            if (header.size() == 5 && !looksLikeHttp(header.toByteArray())) {
                throw new Stopped(Stop.NOT_HTTP, null); // no need to wait for the rest of a stranger's answer
            }
        }
    }

    /** True when {@code b} begins as an HTTP response does ("HTTP/"), as far as it goes. */
    static boolean looksLikeHttp(byte[] b) {
        byte[] http = {'H', 'T', 'T', 'P', '/'};
        for (int i = 0; i < Math.min(b.length, http.length); i++) {
            if (b[i] != http[i]) {
                return false;
            }
        }
        return true;
    }

    /** The body of a refusal, as far as its framing, {@link #MAX_BODY} and the deadline allow. */
    private byte[] readBody(Answer a) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long want = a.contentLength >= 0 ? Math.min(a.contentLength, MAX_BODY) : MAX_BODY;
        byte[] buf = new byte[1024];
        try {
            while (body.size() < want) {
                byte[] into = buf.length <= want - body.size() ? buf : new byte[(int) (want - body.size())];
                int n = read(into);
                body.write(into, 0, n);
                if (a.chunked && body.toString(StandardCharsets.ISO_8859_1).contains("\r\n0\r\n")) {
                    break;
                }
            }
        } catch (Stopped s) {
            // closed, reset or the deadline: the status already tells the verdict; keep what came
        }
        return body.toByteArray();
    }

    /** At least one byte into {@code buffer}; returns how many. */
    private int read(byte[] buffer) throws Stopped {
        while (true) {
            await(Interest.READ);
            int n;
            try {
                n = socket.receive(buffer);
            } catch (SysException e) {
                if (NonBlocking.again(e)) {
                    continue;
                }
                throw stopped(e);
            }
            if (n == 0) {
                throw new Stopped(Stop.EOF, null);
            }
            received += n;
            return n;
        }
    }

    private void sendAll(byte[] data) throws Stopped {
        Readiness r;
        try {
            r = NonBlocking.sendAll(socket, data, waker, deadline);
        } catch (SysException e) {
            throw stopped(e);
        }
        stopUnlessReady(r);
    }

    private void await(Interest interest) throws Stopped {
        try {
            stopUnlessReady(socket.awaitUntil(interest, waker, deadline));
        } catch (SysException e) {
            throw stopped(e);
        }
    }

    private static void stopUnlessReady(Readiness r) throws Stopped {
        if (r == Readiness.WOKEN) {
            throw new Stopped(Stop.CANCELLED, null);
        }
        if (r == Readiness.TIMED_OUT) {
            throw new Stopped(Stop.TIMEOUT, null);
        }
    }

    private static Stopped stopped(SysException e) {
        String words = e.call() + ": " + e.error().symbol() + " (" + e.error().message() + ")";
        if (e.errno() == Errno.ECONNRESET || e.errno() == Errno.ECONNABORTED) {
            return new Stopped(Stop.RESET, words);
        }
        return new Stopped(Stop.EOF, words);
    }
}
