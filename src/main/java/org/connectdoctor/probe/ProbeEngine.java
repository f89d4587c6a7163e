package org.connectdoctor.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.QueuedError;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.ReceivedDatagram;
import org.connectdoctor.sys.SocketOption;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.probe.proxy.ProxyTunnel;
import org.connectdoctor.probe.proxy.TunnelCheck;
import org.connectdoctor.tls.TlsCheck;
import org.connectdoctor.tls.Reconnect;
import org.connectdoctor.tls.TlsHandshake;
import org.connectdoctor.tls.TrustSource;
import org.connectdoctor.tls.TrustStores;
import java.util.function.Supplier;

/**
 * Runs probes: resolves the target, then for each address performs connect(2) exactly as the
 * man page describes for a non-blocking socket (connect, EINPROGRESS, poll for writability,
 * getsockopt SO_ERROR) and, for datagrams, sends a payload and waits for a reply or an ICMP error.
 * {@link #run} blocks the calling thread, which must not be a UI thread. Thread-safe: one engine
 * serves any number of concurrent runs.
 */
public final class ProbeEngine implements AutoCloseable {

    private static final int REPLY_BUFFER = 65_536;
    private static final int MAX_IDLE_WAKERS = 16;

    /**
     * The most name lookups that may run at once in this process. getaddrinfo cannot be
     * interrupted, so a lookup the probe gave up on runs on until the resolver's own timeout; the
     * cap keeps retries against a dead resolver from piling up threads. Identical lookups (same
     * name, service, family, type and network namespace) share one thread and do not count twice.
     */
    public static final int MAX_RUNNING_LOOKUPS = 8;

    /** The name of every lookup thread, so tests and thread dumps can count them. */
    public static final String RESOLVER_THREAD = "connect-doctor-resolver";

    private static final Map<LookupKey, PendingLookup> RUNNING_LOOKUPS = new HashMap<>();

    private final NativeSockets sockets;
    private final ConcurrentLinkedDeque<Waker> idleWakers = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private final Supplier<TrustStores> trustStores;
    private volatile TrustStores loadedTrustStores;

    public ProbeEngine(NativeSockets sockets) {
        this(sockets, () -> TrustStores.of(HostState.current()));
    }

    /**
     * An engine whose TLS checks consult {@code trustStores}, read once, when the first TLS check
     * runs (a test gives its own root this way).
     */
    public ProbeEngine(NativeSockets sockets, Supplier<TrustStores> trustStores) {
        this.sockets = sockets;
        this.trustStores = trustStores;
    }

    private TrustStores trustStores() {
        TrustStores t = loadedTrustStores;
        if (t == null) {
            try {
                t = trustStores.get();
            } catch (RuntimeException e) {
                // the chain is then judged against nothing, and the report says why
                String why = "it could not be read: " + e;
                t = new TrustStores(TrustSource.unreadable(TrustSource.Kind.JAVA, "Java's trust store", why),
                        TrustSource.unreadable(TrustSource.Kind.OPERATING_SYSTEM, "the operating system's store", why));
            }
            loadedTrustStores = t;
        }
        return t;
    }

    /** The TLS check (and the proxy's answer to CONNECT) of one run: made on the first connection, once. */
    private static final class TlsSlot {
        TlsCheck check;
        TunnelCheck tunnel;
    }

    /** An engine on the running system's sockets. */
    public static ProbeEngine system() {
        return new ProbeEngine(NativeSockets.system());
    }

    public NativeSockets sockets() {
        return sockets;
    }

    public ProbeReport run(ProbeRequest request) {
        return run(request, ProbeListener.NONE, new Cancellation());
    }

    /**
     * Runs {@code request} to the end, or until {@code cancellation} fires. Never throws for the
     * system's limits: a wake-up pipe or socket that cannot be created (EMFILE, ENFILE) is an
     * attempt that FAILED in phase SOCKET, with that errno and the call (pipe2, socket).
     */
    public ProbeReport run(ProbeRequest request, ProbeListener listener, Cancellation cancellation) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        if (listener != ProbeListener.NONE) {
            listener.resolving(request.target().display()); // a string per run: only when someone listens
        }
        Resolution resolution = resolve(request, cancellation, t0);
        if (resolution == null) {
            Resolution none = new Resolution(hostOf(request.target()), serviceOf(request.target()), List.of(), null,
                    false, null, System.nanoTime() - t0, null, false, 0);
            return report(request, none, List.of(), 0, Outcome.CANCELLED, null, new Statistics.Accumulator(),
                    started, t0);
        }
        if (resolution.timedOut()) {
            return report(request, resolution, List.of(), 0, Outcome.LOOKUP_TIMED_OUT, null,
                    new Statistics.Accumulator(), started, t0);
        }
        listener.resolved(resolution);
        if (resolution.failed()) {
            return report(request, resolution, List.of(), 0, Outcome.RESOLUTION_FAILED, null,
                    new Statistics.Accumulator(), started, t0);
        }
        Waker waker;
        long pipeStart = System.nanoTime();
        try {
            waker = acquireWaker();
        } catch (SysException e) {
            SockAddr first = resolution.addresses().get(0);
            listener.attempting(1, 1, resolution.addresses().size(), first);
            Attempt a = finish(1, 1, first, request.type(), null, Phase.SOCKET, Outcome.FAILED, e.error(), e.call(),
                    pipeStart, null);
            listener.attempted(a);
            Statistics.Accumulator stats = new Statistics.Accumulator();
            stats.failure();
            return report(request, resolution, List.of(a), 1, Outcome.FAILED, a, stats, started, t0);
        }
        cancellation.attach(waker);
        try {
            return probe(request, listener, cancellation, waker, resolution, started, t0);
        } finally {
            cancellation.detach();
            releaseWaker(waker);
        }
    }

    private static ProbeReport report(ProbeRequest request, Resolution resolution, List<Attempt> kept, long count,
                                      Outcome outcome, Attempt decisive, Statistics.Accumulator stats,
                                      Instant started, long t0) {
        return report(request, resolution, kept, count, outcome, decisive, stats, started, t0, null);
    }

    private static ProbeReport report(ProbeRequest request, Resolution resolution, List<Attempt> kept, long count,
                                      Outcome outcome, Attempt decisive, Statistics.Accumulator stats,
                                      Instant started, long t0, TlsSlot tls) {
        return new ProbeReport(request, resolution, kept, count, outcome, decisive, stats.result(), started,
                System.nanoTime() - t0, tls == null ? null : tls.check, tls == null ? null : tls.tunnel, null);
    }

    /**
     * A wake-up pipe from the engine's small pool, or a new one. Reusing them spares three system
     * calls per probe (pipe2 and two closes), which a probe on loopback notices.
     */
    private Waker acquireWaker() throws SysException {
        Waker w = idleWakers.pollFirst();
        return w != null ? w : sockets.waker();
    }

    /**
     * Back to the pool, drained: detached from its cancellation first, so no late cancel can reach
     * it. Once the engine is closed, pipes are closed instead; the check after the offer closes the
     * race with a concurrent {@link #close()}, which drains the pool after setting the flag.
     */
    private void releaseWaker(Waker w) {
        if (closed) {
            w.close();
            return;
        }
        w.clear();
        if (idleWakers.size() < MAX_IDLE_WAKERS) {
            idleWakers.offerFirst(w);
            if (closed) {
                drainPool();
            }
        } else {
            w.close();
        }
    }

    /**
     * Closes the engine's idle wake-up pipes. Runs still in progress keep theirs until they end and
     * then close them rather than return them to the pool; a run started afterwards still works,
     * on a pipe of its own.
     */
    @Override
    public void close() {
        closed = true;
        drainPool();
    }

    private void drainPool() {
        Waker w;
        while ((w = idleWakers.pollFirst()) != null) {
            w.close();
        }
    }

    private ProbeReport probe(ProbeRequest request, ProbeListener listener, Cancellation cancellation, Waker waker,
                              Resolution resolution, Instant started, long t0) {
        List<SockAddr> addresses = resolution.addresses();
        List<Attempt> kept = new ArrayList<>(Math.min(ProbeReport.KEPT_ATTEMPTS + 1, request.count() * addresses.size()));
        long count = 0;
        Statistics.Accumulator stats = new Statistics.Accumulator();
        Attempt decisive = null;
        boolean cancelled = false;
        TlsSlot tls = request.tls() == null && request.tunnel() == null ? null : new TlsSlot();
        Race race = null;
        boolean racing = request.happyEyeballs() && addresses.size() > 1;
        for (int round = 1; round <= request.count() && !cancelled; round++) {
            Attempt roundResult = null;
            if (racing) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    break;
                }
                race = race(request, round, addresses, listener, waker, tls);
                for (Race.Leg leg : race.legs()) {
                    count++;
                    if (kept.size() < ProbeReport.KEPT_ATTEMPTS) {
                        kept.add(leg.attempt());
                    }
                    if (leg.attempt().outcome() == Outcome.CANCELLED && !leg.lost()) {
                        cancelled = true;
                    }
                }
                if (race.legs().isEmpty()) {
                    cancelled = true; // cancelled before the first attempt started
                    break;
                }
                roundResult = race.winning() != null ? race.winning().attempt()
                        : race.legs().get(race.legs().size() - 1).attempt();
            }
            for (int i = 0; i < addresses.size() && !racing; i++) {
                if (cancellation.isCancelled()) {
                    cancelled = true;
                    break;
                }
                listener.attempting(round, i + 1, addresses.size(), addresses.get(i));
                Attempt a = attempt(request, round, i + 1, addresses.get(i), waker, tls);
                count++;
                if (kept.size() < ProbeReport.KEPT_ATTEMPTS) {
                    kept.add(a);
                }
                listener.attempted(a);
                if (a.outcome() == Outcome.CANCELLED) {
                    cancelled = true;
                    roundResult = a;
                    break;
                }
                if (roundResult == null || !roundResult.outcome().isSuccess()) {
                    roundResult = a;
                }
                if (a.outcome().isSuccess() && !request.allAddresses()) {
                    break;
                }
            }
            if (cancelled) {
                if (roundResult != null && (decisive == null || !decisive.outcome().isSuccess())) {
                    decisive = roundResult;
                }
                break;
            }
            if (roundResult.outcome().isSuccess()) {
                stats.success(roundResult.elapsedNanos());
            } else {
                stats.failure();
            }
            if (decisive == null || !decisive.outcome().isSuccess()) {
                decisive = roundResult;
            }
            if (round < request.count() && !request.interval().isZero()) {
                try {
                    if (waker.sleepUntil(System.nanoTime() + request.interval().toNanos()) == Readiness.WOKEN) {
                        cancelled = true;
                    }
                } catch (SysException e) {
                    throw new IllegalStateException("waiting between rounds: " + e.getMessage(), e);
                }
            }
        }
        if (cancellation.isCancelled()) {
            cancelled = true;
        }
        if (decisive != null && !holds(kept, decisive)) {
            kept.add(decisive);
        }
        Outcome outcome = cancelled ? Outcome.CANCELLED : decisive.outcome();
        return new ProbeReport(request, resolution, kept, count, outcome, decisive, stats.result(), started,
                System.nanoTime() - t0, tls == null ? null : tls.check, race, tls == null ? null : tls.tunnel, null);
    }

    /**
     * The addresses in RFC 8305's order (section 4): the families interleaved, IPv6 first, each
     * family's addresses in the order getaddrinfo gave them.
     */
    static List<SockAddr> raceOrder(List<SockAddr> addresses) {
        List<SockAddr> v6 = new ArrayList<>();
        List<SockAddr> others = new ArrayList<>();
        for (SockAddr a : addresses) {
            (a.family() == Family.INET6 ? v6 : others).add(a);
        }
        List<SockAddr> order = new ArrayList<>(addresses.size());
        for (int i = 0; i < Math.max(v6.size(), others.size()); i++) {
            if (i < v6.size()) {
                order.add(v6.get(i));
            }
            if (i < others.size()) {
                order.add(others.get(i));
            }
        }
        return order;
    }

    /**
     * The most racing attempts in flight at once: one select() on Windows takes 64 sockets, one of
     * them the waker. A longer list waits for an attempt to end before the next starts.
     */
    static final int MAX_RACING = 63;

    /** A racing attempt whose connect is in progress: it owns its socket until it ends. */
    private static final class Runner {
        final SockAddr address;
        final int index;
        final NativeSocket socket;
        final long start;
        final long deadline;
        /** connect(2) itself completed (a local peer), without EINPROGRESS. */
        final boolean connectedAtOnce;

        Runner(SockAddr address, int index, NativeSocket socket, long start, long deadline, boolean connectedAtOnce) {
            this.address = address;
            this.index = index;
            this.socket = socket;
            this.start = start;
            this.deadline = deadline;
            this.connectedAtOnce = connectedAtOnce;
        }
    }

    /**
     * Ends every attempt still racing as cancelled (closing its socket cancels its connect), each
     * reported and kept as a leg; {@code lost}: they lost to a winner, rather than to a cancel.
     */
    private void cancelRunning(List<Runner> running, boolean lost, int round, ProbeRequest request, long raceStart,
                               List<Race.Leg> legs, ProbeListener listener) {
        for (Runner r : running) {
            Attempt a = finish(round, r.index, r.address, request.type(), localOf(r.socket), Phase.WAIT,
                    Outcome.CANCELLED, null, null, r.start, null);
            legs.add(new Race.Leg(a, r.start - raceStart, lost));
            listener.attempted(a);
            r.socket.close();
        }
        running.clear();
    }

    /**
     * One round of RFC 8305 racing (section 5): the first address's connect starts at once; the next
     * starts when the one before has not connected within the Connection Attempt Delay, or at once
     * when an attempt fails; every attempt in flight is waited on at once ({@link
     * NativeSockets#awaitAnyConnect}), each to its own limit (its start plus the timeout). The first to
     * connect wins; the others are closed and reported as lost. Cancel ends the wait at once, and every
     * attempt still in flight is then CANCELLED, not lost. Every socket is closed before this returns.
     */
    private Race race(ProbeRequest request, int round, List<SockAddr> addresses, ProbeListener listener,
                      Waker waker, TlsSlot tls) {
        long delay = ProbeRequest.CONNECTION_ATTEMPT_DELAY.toNanos();
        List<SockAddr> order = raceOrder(addresses);
        List<Race.Leg> legs = new ArrayList<>(order.size());
        List<Runner> running = new ArrayList<>(order.size());
        long raceStart = System.nanoTime();
        long lastStart = raceStart;
        boolean startNow = true;
        int next = 0;
        int winner = -1;
        Runner won = null;
        try {
            while (winner < 0) {
                if (waker.isWoken()) {
                    // cancelled between waits (while a failed attempt made room for the next): start nothing more
                    cancelRunning(running, false, round, request, raceStart, legs, listener);
                    break;
                }
                long now = System.nanoTime();
                if (next < order.size() && running.size() < MAX_RACING
                        && (startNow || running.isEmpty() || now - (lastStart + delay) >= 0)) {
                    SockAddr address = order.get(next++);
                    int index = addresses.indexOf(address) + 1;
                    listener.attempting(round, index, addresses.size(), address);
                    lastStart = System.nanoTime();
                    if (next == 1) {
                        raceStart = lastStart; // the race begins with its first socket(2)
                    }
                    startNow = false;
                    Runner r = null;
                    Attempt ended;
                    try {
                        r = startConnect(request, address, index, lastStart);
                        ended = r == null ? null : connectedAt(request, round, r, lastStart);
                    } catch (RaceFailure f) {
                        ended = f.attempt(round, index, address, request.type(), lastStart);
                    }
                    if (r != null && ended == null) {
                        running.add(r);
                        continue;
                    }
                    if (r != null) {
                        // connected at once (a local peer): it has won
                        legs.add(new Race.Leg(ended, lastStart - raceStart, false));
                        listener.attempted(ended);
                        winner = legs.size() - 1;
                        won = r;
                        break;
                    }
                    legs.add(new Race.Leg(ended, lastStart - raceStart, false));
                    listener.attempted(ended);
                    startNow = true;
                    continue;
                }
                if (running.isEmpty()) {
                    break; // nothing in flight and nothing left to start: every attempt failed
                }
                long until = running.get(0).deadline;
                for (Runner r : running) {
                    if (r.deadline - until < 0) {
                        until = r.deadline;
                    }
                }
                if (next < order.size() && running.size() < MAX_RACING && lastStart + delay - until < 0) {
                    until = lastStart + delay;
                }
                List<NativeSocket> waiting = new ArrayList<>(running.size());
                for (Runner r : running) {
                    waiting.add(r.socket);
                }
                org.connectdoctor.sys.FirstReady ready;
                try {
                    ready = sockets.awaitAnyConnect(waiting, waker, until);
                } catch (SysException e) {
                    for (Runner r : running) {
                        Attempt a = finish(round, r.index, r.address, request.type(), localOf(r.socket), Phase.WAIT,
                                Outcome.FAILED, e.error(), e.call(), r.start, null);
                        legs.add(new Race.Leg(a, r.start - raceStart, false));
                        listener.attempted(a);
                        r.socket.close();
                    }
                    running.clear();
                    break;
                }
                if (ready.readiness() == Readiness.WOKEN) {
                    cancelRunning(running, false, round, request, raceStart, legs, listener);
                    break;
                }
                if (ready.readiness() == Readiness.TIMED_OUT) {
                    for (java.util.Iterator<Runner> it = running.iterator(); it.hasNext(); ) {
                        Runner r = it.next();
                        if (expired(r.deadline)) {
                            Attempt a = finish(round, r.index, r.address, request.type(), localOf(r.socket),
                                    Phase.WAIT, Outcome.TIMED_OUT, null, null, r.start, null);
                            legs.add(new Race.Leg(a, r.start - raceStart, false));
                            listener.attempted(a);
                            r.socket.close();
                            it.remove();
                            startNow = true;
                        }
                    }
                    continue;
                }
                Runner r = running.remove(ready.index());
                Attempt a;
                try {
                    SysError error = r.socket.takeError();
                    long end = System.nanoTime();
                    SockAddr local = localOf(r.socket);
                    if (error != null) {
                        a = finishAt(end, round, r.index, r.address, request.type(), local, Phase.VERIFY,
                                Outcome.FAILED, error, "SO_ERROR", r.start);
                    } else if (connectedToItself(local, r.address)) {
                        a = finish(round, r.index, r.address, request.type(), local, Phase.VERIFY, Outcome.FAILED,
                                null, SELF_CONNECT, r.start, null);
                    } else {
                        a = withPath(finishAt(end, round, r.index, r.address, request.type(), local,
                                Phase.VERIFY, Outcome.CONNECTED, null, null, r.start), r.socket);
                    }
                } catch (SysException e) {
                    a = finish(round, r.index, r.address, request.type(), localOf(r.socket), Phase.VERIFY,
                            Outcome.FAILED, e.error(), e.call(), r.start, null);
                }
                legs.add(new Race.Leg(a, r.start - raceStart, false));
                listener.attempted(a);
                if (a.outcome() == Outcome.CONNECTED) {
                    winner = legs.size() - 1;
                    won = r;
                } else {
                    r.socket.close();
                    startNow = true;
                }
            }
            // The losers: still connecting when the winner connected. Closing them cancels their connect.
            cancelRunning(running, true, round, request, raceStart, legs, listener);
            if (won != null && tls != null && request.tunnel() != null) {
                // racing the proxy's addresses: the winner carries the CONNECT (and TLS through it)
                if (tls.tunnel == null) {
                    tls.tunnel = tunnel(request, won.socket, waker);
                }
            } else if (won != null && tls != null && tls.check == null) {
                tls.check = TlsHandshake.run(won.socket, waker, hostOf(request.target()), won.address.host(),
                        won.address.port(), request.tls(), trustStores(), request.timeout().toNanos(),
                        reconnect(request, won.address, waker));
            }
        } finally {
            for (Runner r : running) {
                r.socket.close();
            }
            if (won != null) {
                won.socket.close();
            }
        }
        Race.Leg winning = winner < 0 ? null : legs.get(winner);
        legs.sort(java.util.Comparator.comparingLong(Race.Leg::startedAfterNanos));
        return new Race(legs, winning == null ? -1 : legs.indexOf(winning), delay);
    }

    /** A racing attempt that ended before its connect could be waited on (socket, bind or connect failed). */
    private static final class RaceFailure extends Exception {
        final Phase phase;
        final SysError error;
        final String call;
        final SockAddr local;
        final Outcome outcome;

        RaceFailure(Phase phase, Outcome outcome, SysError error, String call, SockAddr local) {
            super(null, null, false, false);
            this.phase = phase;
            this.outcome = outcome;
            this.error = error;
            this.call = call;
            this.local = local;
        }

        Attempt attempt(int round, int index, SockAddr address, SocketType type, long start) {
            return finish(round, index, address, type, local, phase, outcome, error, call, start, null);
        }
    }

    /**
     * socket(2), the request's options and bind, then a non-blocking connect(2) for a racing
     * attempt. The socket is returned with its connect in progress, or already connected (the
     * caller asks {@link #connectedAt}); on failure it is closed and the failure thrown.
     */
    private Runner startConnect(ProbeRequest request, SockAddr address, int index, long start) throws RaceFailure {
        NativeSocket socket;
        try {
            socket = sockets.open(address.family(), request.type());
        } catch (SysException e) {
            throw new RaceFailure(Phase.SOCKET, Outcome.FAILED, e.error(), e.call(), null);
        }
        Phase phase = Phase.SOCKET;
        boolean inProgress;
        try {
            if (request.resetOnClose()) {
                socket.setLingerZero();
            }
            if (request.source() != null) {
                phase = Phase.BIND;
                if (request.source().port() != 0) {
                    socket.setOption(SocketOption.REUSEADDR, true);
                }
                socket.bind(request.source().toSockAddr(address.family()));
            }
            phase = Phase.CONNECT;
            inProgress = !socket.connect(address);
        } catch (SysException e) {
            SockAddr local = phase.compareTo(Phase.BIND) >= 0 ? localOf(socket) : null;
            socket.close();
            throw new RaceFailure(phase, Outcome.FAILED, e.error(), e.call(), local);
        }
        return new Runner(address, index, socket, start, start + request.timeout().toNanos(), !inProgress);
    }

    /** For a connect that completed within connect(2) itself: its CONNECTED attempt; null while in progress. */
    private static Attempt connectedAt(ProbeRequest request, int round, Runner r, long start) {
        if (!r.connectedAtOnce) {
            return null;
        }
        return withPath(finish(round, r.index, r.address, request.type(), localOf(r.socket), Phase.CONNECT,
                Outcome.CONNECTED, null, null, start, null), r.socket);
    }

    /**
     * A connected IP attempt of the first round with the path MTU its socket reports; any other attempt
     * as it is. Later rounds of a repeated probe skip the two getsockopt calls: the figure is the
     * route's, and a flood of probes should not pay for it thousands of times.
     */
    private static Attempt withPath(Attempt a, NativeSocket socket) {
        if (a.outcome() != Outcome.CONNECTED || a.address().family() == Family.UNIX || a.round() != 1) {
            return a;
        }
        return a.withPath(socket.pathMtu(a.address().family(), a.type() == SocketType.STREAM));
    }

    /**
     * Whether {@code kept} holds that very attempt. By identity: two attempts of one run always
     * differ (round, index, time), and a record's equals through its generated method handles is
     * costly under the run image's C1-only JIT, once per run.
     */
    private static boolean holds(List<Attempt> kept, Attempt a) {
        for (int i = kept.size() - 1; i >= 0; i--) {
            if (kept.get(i) == a) {
                return true;
            }
        }
        return false;
    }

    private static String hostOf(Target t) {
        return t instanceof Target.Inet in ? in.host() : ((Target.Unix) t).path();
    }

    private static String serviceOf(Target t) {
        return t instanceof Target.Inet in ? in.service() : null;
    }

    /**
     * The addresses of the target; null when cancelled while a name lookup was under way. A lookup
     * is bounded by the request's timeout, counted from {@code t0}.
     */
    private Resolution resolve(ProbeRequest request, Cancellation cancellation, long t0) {
        if (request.target() instanceof Target.Unix u) {
            return Resolution.numeric(u.path(), null, List.of(new SockAddr.Unix(u.path(), u.abstractName())));
        }
        Target.Inet in = (Target.Inet) request.target();
        Family family = request.family().family();
        if (family == null && request.source() != null) {
            family = request.source().family();
        }
        Family hint = family;
        if (in.isLiteral()) {
            SockAddr literal = literal(in);
            if (literal != null) {
                return Resolution.numeric(in.host(), in.service(), List.of(literal));
            }
            return toResolution(in, hint, sockets.resolve(in.host(), in.service(), hint, request.type(), true), true,
                    List.of());
        }
        List<String> resolvers = sockets.resolvers().orElse(null);
        long deadline = t0 + request.timeout().toNanos();
        long waitStart = t0;
        // The namespace and the sockets are part of the key: the same name may resolve differently in
        // another namespace, or through another backend (a test's resolver), and must not share a lookup.
        Object namespace = sockets.networkNamespace().<Object>map(n -> n).orElseGet(Object::new);
        LookupKey key = new LookupKey(new Identity(sockets), namespace, in.host(), in.service(), hint, request.type());
        CompletableFuture<Lookup> lookup;
        synchronized (RUNNING_LOOKUPS) {
            PendingLookup running = RUNNING_LOOKUPS.get(key);
            if (running != null) {
                lookup = running.result;
            } else if (RUNNING_LOOKUPS.size() >= MAX_RUNNING_LOOKUPS) {
                return new Resolution(in.host(), in.service(), List.of(), null, false, null,
                        System.nanoTime() - waitStart, resolvers, true, RUNNING_LOOKUPS.size());
            } else {
                lookup = startLookup(key, in, hint, request.type());
            }
        }
        try {
            CompletableFuture.anyOf(lookup, cancellation.signal())
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("name lookup failed unexpectedly", e.getCause());
        } catch (TimeoutException e) {
            if (!lookup.isDone()) {
                int pending;
                synchronized (RUNNING_LOOKUPS) {
                    pending = RUNNING_LOOKUPS.size();
                }
                return new Resolution(in.host(), in.service(), List.of(), null, false, null,
                        System.nanoTime() - waitStart, resolvers, true, pending);
            }
        }
        if (!lookup.isDone()) {
            return null; // cancelled: getaddrinfo cannot be interrupted; its thread finishes on its own
        }
        Lookup answer = lookup.join();
        return toResolution(in, hint, answer, false, resolvers);
    }

    /**
     * A fresh thread per lookup, never a pooled one: a new thread starts in the caller's network
     * namespace, so a probe run inside a namespace also resolves there. Called holding the lock.
     */
    private CompletableFuture<Lookup> startLookup(LookupKey key, Target.Inet in, Family hint, SocketType type) {
        PendingLookup pending = new PendingLookup(new CompletableFuture<>());
        RUNNING_LOOKUPS.put(key, pending);
        Thread resolverThread = new Thread(() -> {
            try {
                Lookup l = sockets.resolve(in.host(), in.service(), hint, type, false);
                synchronized (RUNNING_LOOKUPS) {
                    RUNNING_LOOKUPS.remove(key, pending);
                }
                pending.result.complete(l);
            } catch (RuntimeException | Error e) {
                synchronized (RUNNING_LOOKUPS) {
                    RUNNING_LOOKUPS.remove(key, pending);
                }
                pending.result.completeExceptionally(e);
            }
        }, RESOLVER_THREAD);
        resolverThread.setDaemon(true);
        try {
            resolverThread.start();
        } catch (OutOfMemoryError e) {
            RUNNING_LOOKUPS.remove(key, pending);
            throw e;
        }
        return pending.result;
    }

    private record LookupKey(Identity sockets, Object namespace, String host, String service, Family family,
                             SocketType type) { }

    /** A backend compared by identity: two instances never share a lookup, whatever their equals says. */
    private record Identity(NativeSockets sockets) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.sockets == sockets;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(sockets);
        }
    }

    private record PendingLookup(CompletableFuture<Lookup> result) { }

    /**
     * The address of a literal with a numeric port, made here without getaddrinfo (which costs a
     * few microseconds and adds nothing for a validated literal); null when the resolver is needed:
     * a service name, or an IPv6 zone that names an interface.
     */
    private static SockAddr literal(Target.Inet in) {
        int port = in.port();
        if (port < 0 || in.host().indexOf('%') >= 0) {
            return null;
        }
        if (in.kind() == Target.HostKind.IPV4) {
            long address = dottedQuad(in.host());
            if (address >= 0) {
                return new SockAddr.Inet4((int) address, port);
            }
        }
        try {
            byte[] octets = java.net.InetAddress.getByName(in.host()).getAddress();
            if (in.kind() == Target.HostKind.IPV4 && octets.length == 4) {
                return SockAddr.Inet4.of(octets, port);
            }
            if (in.kind() == Target.HostKind.IPV6 && octets.length == 16) {
                return SockAddr.Inet6.of(octets, port, 0, 0);
            }
            return null; // ::ffff:a.b.c.d comes back as 4 octets: let getaddrinfo keep it IPv6
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /**
     * The address of a literal in the four-part decimal form (a.b.c.d, each 0-255, no leading
     * zeros), as an unsigned 32-bit value; -1 for any other spelling, which InetAddress then reads as before. A
     * flood runs once per round: InetAddress.getByName cost about a sixth of the Java time of a
     * closed-port probe (JDK Flight Recorder, execution samples).
     */
    static long dottedQuad(String host) {
        long address = 0;
        int value = 0;
        int digits = 0;
        int parts = 0;
        for (int i = 0, n = host.length(); i < n; i++) {
            char c = host.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 3 || (digits == 1 && value == 0)) {
                    return -1; // a fourth digit, or a leading zero
                }
                value = value * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && value <= 255 && parts < 3) {
                address = address << 8 | value;
                parts++;
                value = 0;
                digits = 0;
            } else {
                return -1;
            }
        }
        if (digits == 0 || value > 255 || parts != 3) {
            return -1;
        }
        return address << 8 | value;
    }

    private Resolution toResolution(Target.Inet in, Family family, Lookup lookup, boolean numeric,
                                    List<String> resolvers) {
        ResolveError error = lookup.error();
        if (error == null && lookup.addresses().isEmpty()) {
            // getaddrinfo succeeded yet gave nothing this program can use (no address of the family
            // asked for, or only kinds it does not decode): a verdict, not an empty loop.
            GaiError code = GaiError.EAI_ADDRFAMILY;
            error = new ResolveError(code, sockets.os() == null ? 0 : NumberTable.gai(sockets.os()).number(code).orElse(0),
                    "the lookup succeeded but returned no " + (family == null ? "IPv4 or IPv6" : family.label())
                            + " address", null);
        }
        return new Resolution(in.host(), in.service(), lookup.addresses(), lookup.canonicalName(), numeric,
                error, lookup.elapsedNanos(), resolvers, false, 0);
    }

    /** The call name an attempt reports when its socket turned out connected to itself. */
    public static final String SELF_CONNECT = "connect (to itself)";

    /**
     * One attempt at one address; every descriptor it opens is closed before it returns. A socket
     * the kernel connected to itself (its local port was the destination port, on this host) did
     * not reach any peer: when the kernel picked that port, the attempt is made once more with a
     * fresh socket (and port) within the same limit; when the user forced it, it is reported as such.
     */
    private Attempt attempt(ProbeRequest request, int round, int index, SockAddr address, Waker waker, TlsSlot tls) {
        long start = System.nanoTime();
        long deadline = start + request.timeout().toNanos();
        Attempt a = attemptOnce(request, round, index, address, waker, start, deadline, tls);
        boolean kernelChosePort = request.source() == null || request.source().port() == 0;
        if (SELF_CONNECT.equals(a.failedCall()) && kernelChosePort) {
            a = attemptOnce(request, round, index, address, waker, start, deadline, tls);
        }
        return a;
    }

    private static boolean expired(long deadline) {
        return System.nanoTime() - deadline >= 0;
    }

    private static boolean connectedToItself(SockAddr local, SockAddr remote) {
        return local != null && remote.family() != Family.UNIX && local.family() == remote.family()
                && local.port() == remote.port() && local.host().equals(remote.host());
    }

    private Attempt attemptOnce(ProbeRequest request, int round, int index, SockAddr address, Waker waker,
                                long start, long deadline, TlsSlot tls) {
        SocketType type = request.type();
        Phase phase = Phase.SOCKET;
        SockAddr local = null;
        if (expired(deadline)) {
            return finish(round, index, address, type, null, phase, Outcome.TIMED_OUT, null, null, start, null);
        }
        try (NativeSocket socket = sockets.open(address.family(), type)) {
            try {
                if (request.resetOnClose() && address.family() != Family.UNIX) {
                    socket.setLingerZero();
                }
                if (request.broadcast()) {
                    socket.setOption(SocketOption.BROADCAST, true);
                }
                if (request.source() != null) {
                    phase = Phase.BIND;
                    if (request.source().port() != 0) {
                        socket.setOption(SocketOption.REUSEADDR, true);
                    }
                    socket.bind(request.source().toSockAddr(address.family()));
                } else if (type == SocketType.DGRAM && address.family() == Family.UNIX) {
                    // An unbound Unix datagram socket has no address a reply could be sent to.
                    phase = Phase.BIND;
                    socket.autobind();
                }
                if (expired(deadline)) {
                    return finish(round, index, address, type, localOf(socket), phase, Outcome.TIMED_OUT, null, null,
                            start, null);
                }
                if (unconnected(request, address)) {
                    phase = Phase.VERIFY; // no connect(2): the peer is named by each sendto
                    return awaitReply(request, socket, waker, deadline, round, index, address, null, start);
                }
                phase = Phase.CONNECT;
                if (!socket.connect(address)) {
                    phase = Phase.WAIT;
                    // Past the deadline this polls once with timeout 0: a connection already made
                    // is still reported as made.
                    Readiness r = socket.awaitUntil(Interest.WRITE, waker, deadline);
                    if (r != Readiness.READY) {
                        local = localOf(socket);
                        return finish(round, index, address, type, local, phase,
                                r == Readiness.WOKEN ? Outcome.CANCELLED : Outcome.TIMED_OUT, null, null, start, null);
                    }
                    phase = Phase.VERIFY;
                    SysError error = socket.takeError();
                    if (error != null) {
                        // The attempt's time ends with its verdict; the local address is read after it.
                        long end = System.nanoTime();
                        local = localOf(socket);
                        return finishAt(end, round, index, address, type, local, phase, Outcome.FAILED, error,
                                "SO_ERROR", start);
                    }
                }
                long end = System.nanoTime();
                local = localOf(socket);
                if (connectedToItself(local, address)) {
                    return finish(round, index, address, type, local, phase, Outcome.FAILED, null, SELF_CONNECT,
                            start, null);
                }
                if (type != SocketType.DGRAM) {
                    Attempt connected = withPath(finishAt(end, round, index, address, type, local, phase,
                            Outcome.CONNECTED, null, null, start), socket);
                    if (tls != null && request.tunnel() != null) {
                        if (tls.tunnel == null) {
                            tls.tunnel = tunnel(request, socket, waker);
                        }
                    } else if (tls != null && tls.check == null) {
                        // Its own limit, fixed now: the connect's time is the connect's, the handshake's its own.
                        tls.check = TlsHandshake.run(socket, waker, hostOf(request.target()), address.host(),
                                address.port(), request.tls(), trustStores(), request.timeout().toNanos(),
                                reconnect(request, address, waker));
                    }
                    return connected;
                }
                phase = Phase.VERIFY;
                return awaitReply(request, socket, waker, deadline, round, index, address, local, start);
            } catch (SysException e) {
                if (local == null && phase.compareTo(Phase.BIND) >= 0) {
                    local = localOf(socket);
                }
                return finish(round, index, address, type, local, phase, Outcome.FAILED, e.error(), e.call(), start,
                        null);
            }
        } catch (SysException e) {
            return finish(round, index, address, type, null, phase, Outcome.FAILED, e.error(), e.call(), start, null);
        }
    }

    /**
     * CONNECT through the proxy this socket reached, with its own limit of the request's timeout; when
     * the tunnel opens and TLS was asked, the handshake runs through it with a limit of its own.
     */
    private TunnelCheck tunnel(ProbeRequest request, NativeSocket socket, Waker waker) {
        ProxyTunnel.Request t = request.tunnel();
        TunnelCheck c = ProxyTunnel.run(socket, waker, t, "connect-doctor", request.timeout().toNanos());
        if (c.verdict().isSuccess() && request.tls() != null) {
            c = c.withTls(TlsHandshake.run(socket, waker, t.host(), t.host(), t.port(), request.tls(), trustStores(),
                    request.timeout().toNanos()));
        }
        return c;
    }

    /**
     * A second stream connection to {@code address}, made as the first was (bound to the same source
     * address, if one was given), for the TLS check's one more handshake (old versions, or small
     * segments for the MTU test). None when the source port
     * was fixed: the first socket still holds it.
     */
    private Reconnect reconnect(ProbeRequest request, SockAddr address, Waker waker) {
        if (request.source() != null && request.source().port() != 0) {
            return Reconnect.NONE;
        }
        return (deadline, maxSegment) -> {
            NativeSocket s = sockets.open(address.family(), SocketType.STREAM);
            try {
                if (maxSegment > 0 && !s.advertiseMaxSegment(maxSegment)) {
                    s.close();
                    return null;
                }
                if (request.source() != null) {
                    s.bind(request.source().toSockAddr(address.family()));
                }
                if (!s.connect(address)) {
                    if (s.awaitUntil(Interest.WRITE, waker, deadline) != Readiness.READY || s.takeError() != null) {
                        s.close();
                        return null;
                    }
                }
                return s;
            } catch (SysException | RuntimeException e) {
                s.close();
                throw e;
            }
        };
    }

    /** Any-source datagram probes go unconnected; Unix datagrams always connect. */
    private static boolean unconnected(ProbeRequest request, SockAddr address) {
        return request.anySource() && request.type() == SocketType.DGRAM && address.family() != Family.UNIX;
    }

    /**
     * Datagram verdict: a reply (ANSWERED), an error such as ICMP port unreachable, or silence.
     *
     * <p>IP sockets get IP_RECVERR first, so an ICMP error from a router (host unreachable,
     * administratively prohibited), which a connected UDP socket would otherwise drop, is
     * reported with its type, code and sender. An unconnected (any-source) socket takes replies
     * from every address; for a broadcast it keeps listening until the limit, to list every
     * responder, and is ANSWERED when at least one answered.
     */
    private Attempt awaitReply(ProbeRequest request, NativeSocket socket, Waker waker, long deadline, int round,
                               int index, SockAddr address, SockAddr local, long start) throws SysException {
        SocketType type = request.type();
        boolean ip = address.family() != Family.UNIX;
        boolean unconnected = unconnected(request, address);
        boolean everyResponder = unconnected && request.broadcast();
        if (ip) {
            socket.receiveErrors(address.family());
        }
        try {
            if (unconnected) {
                socket.sendTo(request.payload().bytes(), address);
            } else {
                socket.send(request.payload().bytes());
            }
        } catch (SysException e) {
            return finish(round, index, address, type, unconnected ? localOf(socket) : local, Phase.VERIFY,
                    Outcome.FAILED, e.error(), manCall(e.call()), start, null, List.of(), null);
        }
        if (unconnected) {
            local = localOf(socket); // sendto bound the socket to a port of its choosing
        }
        byte[] buffer = new byte[REPLY_BUFFER];
        List<Responder> responders = new ArrayList<>();
        SysError failure = null;
        String failedCall = null;
        IcmpError icmp = null;
        // Readiness that gave no datagram: once past the deadline, such a wake-up ends the wait,
        // so a socket that keeps reporting readiness without data cannot hold the probe past its limit.
        int spins = 0;
        while (true) {
            Readiness r = awaitReadable(socket, waker, deadline);
            if (r == Readiness.WOKEN) {
                return finish(round, index, address, type, local, Phase.VERIFY, Outcome.CANCELLED, null, null, start,
                        firstReply(responders), responders, icmp);
            }
            if (r == Readiness.TIMED_OUT || (r == Readiness.READY && expired(deadline) && spins > 0)) {
                Outcome outcome = !responders.isEmpty() ? Outcome.ANSWERED
                        : failure != null ? Outcome.FAILED : Outcome.NO_REPLY;
                return finish(round, index, address, type, local, Phase.VERIFY, outcome,
                        outcome == Outcome.FAILED ? failure : null, outcome == Outcome.FAILED ? failedCall : null,
                        start, firstReply(responders), responders, icmp);
            }
            try {
                SockAddr from;
                int n;
                if (unconnected) {
                    ReceivedDatagram d = socket.receiveFrom(buffer);
                    n = d.length();
                    from = d.from() != null ? d.from() : address;
                } else {
                    n = socket.receive(buffer);
                    from = address;
                }
                byte[] reply = new byte[n];
                System.arraycopy(buffer, 0, reply, 0, n);
                responders.add(new Responder(from, Payload.of(reply), System.nanoTime() - start));
                if (!everyResponder) {
                    return finish(round, index, address, type, local, Phase.VERIFY, Outcome.ANSWERED, null, null,
                            start, Payload.of(reply), responders, icmp);
                }
                continue;
            } catch (SysException e) {
                SysError error;
                String call;
                if (e.errno() == Errno.EINTR) {
                    spins++;
                    continue;
                }
                // With IP_RECVERR every ICMP error also becomes the pending error that this receive
                // just returned; its details wait in the error queue. Readiness with neither a
                // datagram nor a pending error (EAGAIN) may still be a queued one, or a datagram
                // dropped for a bad checksum: then wait on.
                QueuedError queued = ip ? socket.takeQueuedError() : null;
                boolean nothing = e.errno() == Errno.EAGAIN || e.errno() == Errno.EWOULDBLOCK;
                if (nothing && queued == null) {
                    spins++; // readiness without a datagram (a dropped checksum failure): wait on
                    continue;
                }
                error = queued != null ? queued.error() : e.error();
                call = queued != null ? "recv" : manCall(e.call());
                IcmpError details = queued != null ? icmpOf(queued, address) : null;
                if (!everyResponder) {
                    return finish(round, index, address, type, local, Phase.VERIFY, Outcome.FAILED, error, call,
                            start, null, responders, details);
                }
                if (failure == null) {
                    failure = error;
                    failedCall = call;
                    icmp = details;
                }
            }
        }
    }

    /** poll(2) for a datagram or a queued error, until {@code deadline} (a System.nanoTime instant). */
    private static Readiness awaitReadable(NativeSocket socket, Waker waker, long deadline) throws SysException {
        return socket.awaitUntil(Interest.READ, waker, deadline);
    }

    /** sendto and recvfrom are documented in send(2) and recv(2): the names explanations know. */
    private static String manCall(String call) {
        return switch (call) {
            case "sendto" -> "send";
            case "recvfrom" -> "recv";
            default -> call;
        };
    }

    private static Payload firstReply(List<Responder> responders) {
        return responders.isEmpty() ? null : responders.get(0).reply();
    }

    /** The ICMP details of a queued error; null for a local one (EMSGSIZE), which only has its errno. */
    private static IcmpError icmpOf(QueuedError q, SockAddr target) {
        return switch (q.origin()) {
            case ICMP -> new IcmpError(Family.INET, q.type(), q.code(), q.info(), q.offender(), target, q.error());
            case ICMP6 -> new IcmpError(Family.INET6, q.type(), q.code(), q.info(), q.offender(), target, q.error());
            default -> null;
        };
    }

    private static SockAddr localOf(NativeSocket socket) {
        try {
            SockAddr a = socket.localAddress();
            if (a instanceof SockAddr.Unix u && u.isUnnamed()) {
                return null;
            }
            if (a instanceof SockAddr.Inet4 v4 && v4.isAny() && v4.port() == 0) {
                return null;
            }
            if (a instanceof SockAddr.Inet6 v6 && v6.high() == 0 && v6.low() == 0 && v6.port() == 0) {
                return null;
            }
            return a;
        } catch (SysException e) {
            return null;
        }
    }

    private static Attempt finish(int round, int index, SockAddr address, SocketType type, SockAddr local,
                                  Phase phase, Outcome outcome, SysError error, String call, long start,
                                  Payload reply) {
        return new Attempt(round, index, address, type, local, phase, outcome, error, call,
                System.nanoTime() - start, reply);
    }

    /** An attempt whose time ended at {@code end} (System.nanoTime), before what was read after its verdict. */
    private static Attempt finishAt(long end, int round, int index, SockAddr address, SocketType type, SockAddr local,
                                    Phase phase, Outcome outcome, SysError error, String call, long start) {
        return new Attempt(round, index, address, type, local, phase, outcome, error, call, end - start, null);
    }

    private static Attempt finish(int round, int index, SockAddr address, SocketType type, SockAddr local,
                                  Phase phase, Outcome outcome, SysError error, String call, long start,
                                  Payload reply, List<Responder> responders, IcmpError icmp) {
        return new Attempt(round, index, address, type, local, phase, outcome, error, call,
                System.nanoTime() - start, reply, responders, icmp);
    }
}
