package org.connectdoctor.tls;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NonBlocking;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;

/**
 * A TLS client handshake over a socket that the probe connected itself: an {@link SSLEngine} whose
 * records travel through the socket's own non-blocking send(2) and recv(2), each wait a poll(2) on
 * the socket and the probe's waker, so Cancel ends it at once. The whole check has one absolute
 * deadline, fixed when it starts; no step extends it.
 *
 * <p>The engine accepts whatever certificate the server presents, so the handshake completes and
 * the chain can be shown; the certificate is then judged on its own ({@link ChainChecks}), against
 * each trust store separately.
 *
 * <p>When half the limit passes with the server's answer missing or incomplete, and this system can
 * set the MSS a connection advertises (Linux TCP_MAXSEG), one more handshake runs on a new connection
 * that asks for small segments, within the same deadline ({@link SegmentRetry}): when it completes
 * and the first does not, large packets are lost on the way, and the verdict is
 * {@link TlsVerdict#MTU_BLACK_HOLE}. Only TLS 1.2 and 1.3 are offered, as current Java programs do.
 * Not thread-safe: the thread that drives the socket runs the check.
 */
public final class TlsHandshake {

    /** What is offered: the versions a Java 17 program offers by default. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** Offered so that a server that speaks HTTP/2 says so; nothing is sent after the handshake. */
    static final String[] ALPN = {"h2", "http/1.1"};
    /** The most of the server's first bytes kept for reading its records in the clear. */
    private static final int CAPTURE = 32 * 1024;

    private final NativeSocket socket;
    private final Waker waker;
    private final long limitNanos;
    /** When the handshake began: after this computer's own TLS set-up, which waits for nothing. */
    private long start;
    /** The check's one deadline, {@code limitNanos} after {@link #start}; never moved. */
    private long deadline;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private long received;
    /** The second connection for the MTU test, or null when this handshake runs none. */
    private Reconnect smallSegments;
    /** The test's MSS and the first connection's family, when {@link #smallSegments} is set. */
    private int smallSegment;
    private Family family;
    /** What the MTU test showed, once it ran (or why it could not). */
    private SegmentRetry segmentRetry;
    /** What {@link #check} was asked, for the MTU test's second handshake. */
    private Target target;

    private record Target(String host, String address, int port, TlsOptions options, TrustStores stores) {
    }

    private TlsHandshake(NativeSocket socket, Waker waker, long limitNanos) {
        this.socket = socket;
        this.waker = waker;
        this.limitNanos = limitNanos;
        this.start = System.nanoTime();
        this.deadline = start + limitNanos;
    }

    /** One client context for every check: it trusts everything (see {@link AcceptAll}) and holds no session state we use. */
    private static final class Context {
        static final SSLContext CLIENT = make();

        private static SSLContext make() {
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
                return ctx;
            } catch (GeneralSecurityException e) {
                return null;
            }
        }
    }

    /** How the server's side of the conversation ended, when it ended early. */
    private enum Stop { EOF, RESET, TIMEOUT, CANCELLED, PLAIN_TEXT, ERROR, MTU }

    private static final class Stopped extends Exception {
        final Stop how;
        final String detail;

        Stopped(Stop how, String detail) {
            super(null, null, false, false);
            this.how = how;
            this.detail = detail;
        }
    }

    /**
     * Runs the check on {@code socket}, already connected to {@code address}:{@code port}.
     *
     * @param host       the target's host as given (for the report and its reproduce commands)
     * @param limitNanos the check's own limit, counted from the first byte of the handshake (after the
     *                   local TLS set-up)
     */
    public static TlsCheck run(NativeSocket socket, Waker waker, String host, String address, int port,
                               TlsOptions options, TrustStores stores, long limitNanos) {
        return run(socket, waker, host, address, port, options, stores, limitNanos, Reconnect.NONE);
    }

    /**
     * As {@link #run(NativeSocket, Waker, String, String, int, TlsOptions, TrustStores, long)}; when
     * the server refuses TLS 1.2 and 1.3 with an alert, {@code reconnect} gives a second connection
     * for one more handshake offering old versions, within the same deadline.
     */
    public static TlsCheck run(NativeSocket socket, Waker waker, String host, String address, int port,
                               TlsOptions options, TrustStores stores, long limitNanos, Reconnect reconnect) {
        TlsHandshake h = new TlsHandshake(socket, waker, limitNanos);
        h.family = familyOf(socket);
        String cannot = socket.maxSegmentUnsupported();
        if (reconnect != Reconnect.NONE && h.family != null && cannot == null) {
            h.smallSegments = reconnect;
            h.smallSegment = h.family == Family.INET6 ? SegmentRetry.IPV6 : SegmentRetry.IPV4;
        }
        TlsCheck t;
        try {
            t = h.check(host, address, port, options, stores, limitNanos);
        } catch (RuntimeException e) {
            // whatever this computer's TLS library or a certificate's encoding throws, the connect's
            // verdict must stand: it is this check that failed, and it says so
            return h.failed(TlsVerdict.HANDSHAKE_FAILED, options, host, address, port, null, null,
                    "this computer's TLS library failed: " + e, limitNanos);
        }
        if ((t.verdict() == TlsVerdict.NO_ANSWER || t.verdict() == TlsVerdict.STALLED) && t.segmentRetry() == null
                && reconnect != Reconnect.NONE && h.family != null && cannot != null) {
            // this system cannot ask for small segments: the check says so, and the MTU stays a possibility
            return with(t, SegmentRetry.notTried(socket.pathMtu(h.family, true), t.bytesReceived(), cannot));
        }
        if (t.verdict() != TlsVerdict.PROTOCOL_MISMATCH || t.serverVersion() != null || reconnect == Reconnect.NONE) {
            return t;
        }
        FollowUpHandshake learnt = null;
        try (NativeSocket second = reconnect.connect(h.deadline, 0)) {
            if (second != null) {
                learnt = OldVersionProbe.run(second, waker, options.serverName(), h.deadline);
            }
        } catch (SysException e) {
            learnt = null; // the second connection failed: nothing learnt, the verdict stands
        }
        return learnt == null ? t : new TlsCheck(t.verdict(), t.problems(), t.serverName(), t.host(), t.address(),
                t.port(), t.protocol(), t.cipherSuite(), t.alpn(), t.chain(), t.trust(), t.inspection(), t.clock(),
                t.alert(), t.serverVersion(), t.failure(), t.firstBytes(), t.bytesReceived(), t.limitNanos(),
                System.nanoTime() - h.start, learnt, t.segmentRetry());
    }

    private static TlsCheck with(TlsCheck t, SegmentRetry r) {
        return new TlsCheck(t.verdict(), t.problems(), t.serverName(), t.host(), t.address(), t.port(), t.protocol(),
                t.cipherSuite(), t.alpn(), t.chain(), t.trust(), t.inspection(), t.clock(), t.alert(), t.serverVersion(),
                t.failure(), t.firstBytes(), t.bytesReceived(), t.limitNanos(), t.elapsedNanos(), t.followUp(), r);
    }

    private static Family familyOf(NativeSocket socket) {
        try {
            SockAddr local = socket.localAddress();
            return local == null || local.family() == Family.UNIX ? null : local.family();
        } catch (SysException e) {
            return null;
        }
    }

    private TlsCheck check(String host, String address, int port, TlsOptions options, TrustStores stores,
                           long limitNanos) {
        target = new Target(host, address, port, options, stores);
        SSLEngine engine;
        try {
            SSLContext ctx = Context.CLIENT;
            if (ctx == null) {
                throw new GeneralSecurityException("this Java runtime offers no TLS client");
            }
            engine = options.isAddress() ? ctx.createSSLEngine() : ctx.createSSLEngine(options.serverName(), port);
            engine.setUseClientMode(true);
            SSLParameters p = engine.getSSLParameters();
            p.setProtocols(PROTOCOLS);
            if (!options.isAddress()) {
                p.setServerNames(List.of(new SNIHostName(options.serverName())));
            }
            p.setApplicationProtocols(ALPN);
            engine.setSSLParameters(p);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return failed(TlsVerdict.HANDSHAKE_FAILED, options, host, address, port, null, null,
                    "this computer could not set up TLS: " + e.getMessage(), limitNanos);
        }
        // The limit counts from here: the context's first set-up (a few hundred ms on a cold JVM)
        // is this computer's own work, not the server's time.
        start = System.nanoTime();
        deadline = start + limitNanos;
        try {
            handshake(engine);
        } catch (Stopped s) {
            TlsVerdict v = switch (s.how) {
                case EOF -> TlsVerdict.CLOSED_DURING_HANDSHAKE;
                case RESET -> TlsVerdict.RESET_DURING_HANDSHAKE;
                // the first timed out, after small segments got through on a second connection: the
                // large ones are lost, even if a little more came on the first meanwhile
                case TIMEOUT -> segmentRetry != null && segmentRetry.smallSegmentsWorked() ? TlsVerdict.MTU_BLACK_HOLE
                        : received == 0 ? TlsVerdict.NO_ANSWER : TlsVerdict.STALLED;
                case CANCELLED -> TlsVerdict.CANCELLED;
                case PLAIN_TEXT -> TlsVerdict.PLAIN_TEXT;
                case ERROR -> TlsVerdict.HANDSHAKE_FAILED;
                case MTU -> TlsVerdict.MTU_BLACK_HOLE;
            };
            TlsAlert alert = Records.alert(captured.toByteArray());
            if (alert != null && (v == TlsVerdict.CLOSED_DURING_HANDSHAKE || v == TlsVerdict.RESET_DURING_HANDSHAKE)) {
                // an alert in the clear, then the close: the alert says why
                v = alert.refusesTheOffer() ? TlsVerdict.PROTOCOL_MISMATCH : TlsVerdict.HANDSHAKE_FAILED;
            }
            return failed(v, options, host, address, port, alert, null, s.detail, limitNanos);
        } catch (SSLException e) {
            sendPendingAlert(engine);
            byte[] in = captured.toByteArray();
            TlsAlert alert = Records.alert(in);
            String chosen = Records.refusedServerVersion(in);
            TlsVerdict v = alert != null && alert.refusesTheOffer() || chosen != null ? TlsVerdict.PROTOCOL_MISMATCH
                    : TlsVerdict.HANDSHAKE_FAILED;
            return failed(v, options, host, address, port, alert, chosen, e.getMessage(), limitNanos);
        }
        SSLSession session = engine.getSession();
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // no certificate: anonymous suites are never offered, so this does not happen
        }
        closeQuietly(engine);
        if (chain.isEmpty()) {
            return failed(TlsVerdict.HANDSHAKE_FAILED, options, host, address, port, null, null,
                    "the server presented no certificate", limitNanos);
        }
        List<CertificateInfo> infos = chain.stream().map(CertificateInfo::of).toList();
        Instant clock = Instant.now();
        ChainChecks.Findings f = ChainChecks.check(chain, infos, options.serverName(), stores, clock);
        String alpn = engine.getApplicationProtocol();
        TlsVerdict verdict = f.problems().isEmpty() ? TlsVerdict.OK : f.problems().get(0);
        return new TlsCheck(verdict, f.problems(), options.serverName(), host, address, port, session.getProtocol(),
                session.getCipherSuite(), alpn == null || alpn.isEmpty() ? null : alpn, infos, f.trust(),
                f.inspection(), clock, null, null, null, new byte[0], received, limitNanos, System.nanoTime() - start,
                null, null);
    }

    private TlsCheck failed(TlsVerdict v, TlsOptions options, String host, String address, int port, TlsAlert alert,
                            String serverVersion, String failure, long limitNanos) {
        return new TlsCheck(v, List.of(), options.serverName(), host, address, port, null, null, null, List.of(),
                List.of(), null, Instant.now(), alert, serverVersion, failure, first(), received, limitNanos,
                System.nanoTime() - start, null, v == TlsVerdict.CANCELLED ? null : segmentRetry);
    }

    private byte[] first() {
        byte[] all = captured.toByteArray();
        return Arrays.copyOf(all, Math.min(all.length, TlsCheck.FIRST_BYTES));
    }

    private void handshake(SSLEngine engine) throws SSLException, Stopped {
        SSLSession s = engine.getSession();
        ByteBuffer netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        ByteBuffer netOut = ByteBuffer.allocate(s.getPacketBufferSize());
        ByteBuffer appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        ByteBuffer none = ByteBuffer.allocate(0);
        byte[] readBuffer = new byte[s.getPacketBufferSize()];
        engine.beginHandshake();
        while (true) {
            if (System.nanoTime() - deadline >= 0) {
                // a server that keeps sending records the engine takes without progress (a stream of
                // ChangeCipherSpec) is always readable: the deadline is checked here, not only in poll
                throw new Stopped(Stop.TIMEOUT, null);
            }
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_WRAP -> {
                    netOut.clear();
                    SSLEngineResult r = engine.wrap(none, netOut);
                    netOut.flip();
                    sendAll(netOut);
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS engine closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    netIn.flip();
                    SSLEngineResult r = engine.unwrap(netIn, appIn);
                    netIn.compact();
                    switch (r.getStatus()) {
                        case BUFFER_UNDERFLOW -> {
                            if (netIn.remaining() == 0) {
                                netIn = grow(netIn, engine.getSession().getPacketBufferSize());
                            }
                            readSome(netIn, readBuffer);
                        }
                        case BUFFER_OVERFLOW -> appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                        case CLOSED -> throw new SSLException("the server closed TLS during the handshake");
                        case OK -> appIn.clear(); // nothing is expected before the handshake ends
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return;
                }
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + atLeast));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    /** One recv(2) into {@code netIn}, after waiting for the socket to become readable. */
    private void readSome(ByteBuffer netIn, byte[] buffer) throws Stopped {
        int room = Math.min(buffer.length, netIn.remaining());
        byte[] data = room == buffer.length ? buffer : new byte[room];
        while (true) {
            await(Interest.READ);
            int n;
            try {
                n = socket.receive(data);
            } catch (SysException e) {
                if (NonBlocking.again(e)) {
                    continue;
                }
                throw stopped(e);
            }
            if (n == 0) {
                throw new Stopped(Stop.EOF, "the peer closed the connection (recv returned 0)");
            }
            netIn.put(data, 0, n);
            boolean firstData = received == 0;
            received += n;
            if (captured.size() < CAPTURE) {
                captured.write(data, 0, Math.min(n, CAPTURE - captured.size()));
            }
            if (firstData && !Records.looksLikeTls(data, n)) {
                throw new Stopped(Stop.PLAIN_TEXT, null);
            }
            return;
        }
    }

    private void sendAll(ByteBuffer out) throws Stopped {
        byte[] chunk = new byte[out.remaining()];
        out.get(chunk);
        Readiness r;
        try {
            r = NonBlocking.sendAll(socket, chunk, waker, deadline);
        } catch (SysException e) {
            throw stopped(e);
        }
        stopUnlessReady(r);
    }

    private void await(Interest interest) throws Stopped {
        try {
            long halfway = start + limitNanos / 2;
            if (smallSegments != null && segmentRetry == null && System.nanoTime() - halfway < 0) {
                Readiness r = socket.awaitUntil(interest, waker, halfway);
                if (r != Readiness.TIMED_OUT) {
                    stopUnlessReady(r);
                    return;
                }
                trySmallSegments();
            }
            stopUnlessReady(socket.awaitUntil(interest, waker, deadline));
        } catch (SysException e) {
            throw stopped(e);
        }
    }

    /**
     * Half the limit has passed with the server's answer incomplete: one more handshake on a new
     * connection that advertises a small MSS, until this check's deadline, while the kernel keeps
     * whatever still arrives for the first. When the small one completes and nothing more came on the
     * first, large packets are being lost: the check ends as an MTU black hole. Otherwise the first
     * handshake goes on as before, to its own deadline.
     */
    private void trySmallSegments() throws Stopped, SysException {
        Read<PathMtu> path = socket.pathMtu(family, true);
        long firstBytes = received;
        TlsCheck second = null;
        try (NativeSocket s = smallSegments.connect(deadline, smallSegment)) {
            if (s != null) {
                TlsHandshake h = new TlsHandshake(s, waker, Math.max(0, deadline - System.nanoTime()));
                second = h.check(target.host, target.address, target.port, target.options, target.stores,
                        Math.max(0, deadline - System.nanoTime()));
            }
        } catch (SysException | RuntimeException e) {
            second = null; // the second connection failed: nothing learnt
        }
        segmentRetry = second == null ? new SegmentRetry(smallSegment, path, firstBytes, null, 0, null)
                : new SegmentRetry(smallSegment, path, firstBytes, second.verdict(), second.bytesReceived(), null);
        if (second != null && second.verdict() == TlsVerdict.CANCELLED) {
            throw new Stopped(Stop.CANCELLED, null);
        }
        if (second != null && second.verdict().handshakeCompleted()) {
            // a deadline already passed polls once with timeout 0: has anything come on the first meanwhile?
            Readiness r = socket.awaitUntil(Interest.READ, waker, System.nanoTime());
            stopUnlessReady(r == Readiness.TIMED_OUT ? Readiness.READY : r); // only cancel ends it here
            if (r == Readiness.TIMED_OUT) {
                throw new Stopped(Stop.MTU, "the server's answer in full-size packets never arrived; with MSS "
                        + smallSegment + " the handshake completed");
            }
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
        if (e.errno() == Errno.ECONNRESET || e.errno() == Errno.ECONNABORTED) {
            return new Stopped(Stop.RESET, e.call() + ": " + e.error().symbol() + " (" + e.error().message() + ")");
        }
        if (e.errno() == Errno.EPIPE) {
            return new Stopped(Stop.EOF, e.call() + ": " + e.error().symbol() + " (" + e.error().message() + ")");
        }
        return new Stopped(Stop.ERROR, e.call() + ": " + e.error().symbol() + " (" + e.error().message() + ")");
    }

    /** The alert the engine prepared after a failure, sent if the socket takes it at once; never waits. */
    private void sendPendingAlert(SSLEngine engine) {
        try {
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            if (out.hasRemaining()) {
                byte[] b = new byte[out.remaining()];
                out.get(b);
                socket.send(b);
            }
        } catch (SSLException | SysException | RuntimeException e) {
            // the handshake has already failed; the alert is a courtesy
        }
    }

    /** close_notify, sent if the socket takes it at once. */
    private void closeQuietly(SSLEngine engine) {
        engine.closeOutbound();
        sendPendingAlert(engine);
    }

    /** Accepts every chain, so the handshake completes and the chain is judged afterwards, store by store. */
    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
