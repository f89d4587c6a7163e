package org.connectdoctor.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;

/**
 * The active connectivity check, run only when the user asks for it (probe --connectivity-check,
 * or the window's follow-up): one plain HTTP GET of the address the operating system's own check
 * fetches, to see whether the network answers it as the internet would or with a sign-in page (a
 * captive portal: a redirect, or a page of its own). Redirects are reported, never followed; no
 * cookie, no credential, nothing but the GET is sent. The whole check, the name lookup included,
 * ends within its limit.
 */
public final class ConnectivityProbe {

    /** How long the check may take in all. */
    public static final Duration LIMIT = Duration.ofSeconds(5);
    /** The most of the answer read: a check page is a few bytes, a portal's page a few kB. */
    static final int MAX_ANSWER = 64 * 1024;

    private ConnectivityProbe() {
    }

    /**
     * What the check fetches and what a network that lets this computer out answers.
     *
     * @param url      a plain http:// address (a portal cannot intercept https without a certificate warning)
     * @param expected text the answer's body contains when the internet answered; null when it is not
     *                 known (a check address NetworkManager is configured with): then only a redirect
     *                 or a status tells
     * @param whose    whose check this is, in words: "NetworkManager's configured check"
     */
    public record Endpoint(String url, String expected, String whose) {
        public Endpoint {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(whose, "whose");
        }
    }

    /** GNOME's NetworkManager default (NetworkManager.conf(5), [connectivity] uri and response). */
    public static final Endpoint GNOME = new Endpoint("http://nmcheck.gnome.org/check_network_status.txt",
            "NetworkManager is online", "NetworkManager's default check (GNOME)");
    /** Windows' Network Connectivity Status Indicator (NCSI) active probe. */
    public static final Endpoint WINDOWS = new Endpoint("http://www.msftconnecttest.com/connecttest.txt",
            "Microsoft Connect Test", "Windows' own check (NCSI)");
    /** The address macOS and iOS fetch to detect a captive network. */
    public static final Endpoint APPLE = new Endpoint("http://captive.apple.com/hotspot-detect.html", "Success",
            "macOS's own check (captive network detection)");

    /**
     * The check the system itself makes: NetworkManager's configured check address when it was read
     * (its expected answer is not on D-Bus, so known only for GNOME's default), else the system's default.
     */
    public static Endpoint systemEndpoint(Os os, Read<Connectivity> verdict) {
        if (verdict instanceof Read.Known<Connectivity> k && k.value().probeUrl() != null) {
            String url = k.value().probeUrl();
            return url.equals(GNOME.url()) ? GNOME : new Endpoint(url, null, "NetworkManager's configured check");
        }
        if (os == null) {
            return GNOME;
        }
        return switch (os) {
            case WINDOWS -> WINDOWS;
            case MACOS -> APPLE;
            case LINUX -> GNOME;
        };
    }

    /** How the check ended. */
    public enum Verdict {
        /** The expected answer came back: the internet answers this computer. */
        ONLINE,
        /** An answer without a redirect, whose body there is no expected text to compare with. */
        ANSWERED,
        /** Redirected elsewhere: a captive portal sends browsers to its sign-in page so. */
        REDIRECTED,
        /** Another page or status than the expected answer: a portal (or a filtering proxy) answered. */
        OTHER_ANSWER,
        /** Connected, but no answer within the limit. */
        NO_ANSWER,
        /** The name did not resolve, or the connection failed. */
        FAILED
    }

    /**
     * @param endpoint what was fetched
     * @param verdict  how it ended
     * @param status   the HTTP status, or 0 without an answer
     * @param location the redirect's Location, or null
     * @param text     one sentence for a person: what happened and what it means
     */
    public record Result(Endpoint endpoint, Verdict verdict, int status, String location, String text) {
    }

    /** Fetches {@code endpoint} once, within {@code limit}. Never throws for a network failure. */
    public static Result run(Endpoint endpoint, Duration limit) {
        URI uri;
        try {
            uri = new URI(endpoint.url());
        } catch (java.net.URISyntaxException e) {
            return new Result(endpoint, Verdict.FAILED, 0, null, "The check address " + endpoint.url()
                    + " is not a URL: " + e.getReason() + ".");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return new Result(endpoint, Verdict.FAILED, 0, null, "The check address " + endpoint.url()
                    + " is not a plain http:// address with a host; the check fetches http:// only.");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        String host = uri.getHost();
        InetAddress address;
        CompletableFuture<InetAddress> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            address = lookup.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return new Result(endpoint, Verdict.FAILED, 0, null, "The name " + host + " did not resolve within "
                    + Durations.format(limit) + ", so " + endpoint.url() + " was not fetched.");
        } catch (ExecutionException e) {
            return new Result(endpoint, Verdict.FAILED, 0, null, "The name " + host + " does not resolve here ("
                    + e.getCause().getMessage() + "): no check could be sent. A captive portal usually answers every "
                    + "name; a network without a name server answers none.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(endpoint, Verdict.FAILED, 0, null, "The check was interrupted.");
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        String hostHeader = uri.getPort() < 0 ? host : host + ":" + port;
        try (Socket socket = new Socket()) {
            int left = remainingMillis(deadline);
            socket.connect(new InetSocketAddress(address, port), left);
            socket.setSoTimeout(remainingMillis(deadline));
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: connect-doctor\r\n"
                    + "Accept: */*\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] answer = readAnswer(socket, deadline);
            return judge(endpoint, new String(answer, StandardCharsets.ISO_8859_1));
        } catch (SocketTimeoutException e) {
            return new Result(endpoint, Verdict.NO_ANSWER, 0, null, "No answer from " + endpoint.url() + " ("
                    + address.getHostAddress() + " port " + port + ") within " + Durations.format(limit) + ".");
        } catch (IOException e) {
            return new Result(endpoint, Verdict.FAILED, 0, null, "Fetching " + endpoint.url() + " (" + address
                    .getHostAddress() + " port " + port + ") failed: " + e.getMessage() + ".");
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("limit reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static byte[] readAnswer(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (got.size() < MAX_ANSWER) {
            socket.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buf, 0, Math.min(buf.length, MAX_ANSWER - got.size()));
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        if (got.size() == 0) {
            throw new IOException("the connection closed without an answer");
        }
        return got.toByteArray();
    }

    /** The verdict on an HTTP answer (status line, headers, body) to the check. */
    static Result judge(Endpoint endpoint, String answer) {
        int headEnd = answer.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
        String body = headEnd < 0 ? "" : answer.substring(headEnd + 4);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            if (!statusLine[0].startsWith("HTTP/")) {
                throw new NumberFormatException();
            }
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Result(endpoint, Verdict.OTHER_ANSWER, 0, null, "Something that is not an HTTP server answered "
                    + endpoint.url() + " (" + shown(lines[0]) + "): not the internet's answer.");
        }
        String location = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT).equals("location")) {
                location = lines[i].substring(colon + 1).strip();
            }
        }
        if (status >= 300 && status < 400 && location != null) {
            return new Result(endpoint, Verdict.REDIRECTED, status, location, "Captive portal: the network answered the "
                    + "check address " + endpoint.url() + " with a redirect (HTTP " + status + ") to " + shown(location)
                    + ". Open a browser at any http:// address to get its sign-in page.");
        }
        if (status == 511) {
            return new Result(endpoint, Verdict.OTHER_ANSWER, status, null, "Captive portal: the network answered the "
                    + "check address " + endpoint.url() + " with HTTP 511 Network Authentication Required. Open a "
                    + "browser at any http:// address to get its sign-in page.");
        }
        if (endpoint.expected() == null) {
            if (status >= 200 && status < 300) {
                return new Result(endpoint, Verdict.ANSWERED, status, null, endpoint.url() + " answered HTTP " + status
                        + " without a redirect. What this address should answer is not known here (it is not on "
                        + "D-Bus), so its page was not compared.");
            }
            return new Result(endpoint, Verdict.OTHER_ANSWER, status, null, endpoint.url() + " answered HTTP " + status
                    + ", not a page: a captive portal or a filtering proxy may have answered in its place.");
        }
        if (status == 200 && body.contains(endpoint.expected())) {
            return new Result(endpoint, Verdict.ONLINE, status, null, endpoint.url() + " gave the expected answer (\""
                    + endpoint.expected() + "\"): the internet answers this computer; no sign-in is pending.");
        }
        return new Result(endpoint, Verdict.OTHER_ANSWER, status, null, "Captive portal or filter: the network "
                + "answered the check address " + endpoint.url() + " with HTTP " + status + " and another page than \""
                + endpoint.expected() + "\" (it begins " + shown(body.strip()) + "). Open a browser at any http:// "
                + "address to see whether a sign-in page comes up.");
    }

    private static String shown(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : t.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f || c == '…' ? String.valueOf(c) : " ");
        }
        return sb.append('"').toString();
    }
}
