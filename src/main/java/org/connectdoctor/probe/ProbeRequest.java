package org.connectdoctor.probe;

import java.time.Duration;
import java.util.Objects;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.probe.proxy.ProxyTunnel;
import org.connectdoctor.tls.TlsOptions;

/**
 * Everything a probe needs to know, validated as a whole: build it with {@link #builder}, whose
 * {@link Builder#build()} throws {@link InvalidInputException} for contradictions such as an
 * IPv4 address with {@code -6}.
 *
 * @param target       what to connect to
 * @param type         stream, datagram or seqpacket
 * @param family       AUTO, IPv4, IPv6 or Unix
 * @param timeout      the limit for each attempt (connect, and for datagrams the reply)
 * @param source       the local address and/or port to bind first, or null
 * @param broadcast    set SO_BROADCAST
 * @param payload      what a datagram probe sends
 * @param count        how many rounds (1 for a single probe)
 * @param interval     the pause between rounds
 * @param allAddresses try every resolved address, not only until one connects
 * @param resetOnClose close with SO_LINGER 0 (a reset), leaving no TIME_WAIT: for benchmarks
 * @param anySource    datagram probes use an unconnected socket (sendto/recvfrom), so replies from
 *                     any address count and each responder is listed; implied by broadcast
 * @param tls          a TLS handshake after the first connect, with its name; null for none
 * @param happyEyeballs race the addresses as RFC 8305 does (IPv6 first, the next attempt
 *                     {@link #CONNECTION_ATTEMPT_DELAY} later or at once when one fails, the first to
 *                     connect wins) instead of trying them one after the other; stream only
 * @param tunnel       a CONNECT through the proxy that {@code target} names, for this target, after
 *                     the first connect (the TLS check, if asked, then runs through the tunnel); null for none
 */
public record ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout,
                           SourceSpec source, boolean broadcast, Payload payload, int count,
                           Duration interval, boolean allAddresses, boolean resetOnClose, boolean anySource,
                           TlsOptions tls, boolean happyEyeballs, ProxyTunnel.Request tunnel) {

    /** RFC 8305's Connection Attempt Delay: how long a racing attempt has before the next one starts. */
    public static final Duration CONNECTION_ATTEMPT_DELAY = Duration.ofMillis(250);

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** The smallest limit the command line and the window accept: finer limits mean nothing to a user. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
    /**
     * The smallest limit the API accepts: benchmarks and the deadline tests drive the engine with
     * microsecond limits, which it honours to the scheduler's precision (poll(2) counts in ms, so a
     * limit below 1 ms ends after one zero-timeout poll, or a little later).
     */
    public static final Duration MIN_API_TIMEOUT = Duration.ofNanos(1_000);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MAX_INTERVAL = Duration.ofHours(1);
    public static final int MAX_COUNT = 1_000_000;

    public ProbeRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(interval, "interval");
        anySource = anySource || broadcast;
    }

    /** A request without the any-source choice: it follows {@code broadcast}. */
    public ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout, SourceSpec source,
                        boolean broadcast, Payload payload, int count, Duration interval, boolean allAddresses,
                        boolean resetOnClose) {
        this(target, type, family, timeout, source, broadcast, payload, count, interval, allAddresses, resetOnClose,
                broadcast);
    }

    /** A request without a tunnel through a proxy. */
    public ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout, SourceSpec source,
                        boolean broadcast, Payload payload, int count, Duration interval, boolean allAddresses,
                        boolean resetOnClose, boolean anySource, TlsOptions tls, boolean happyEyeballs) {
        this(target, type, family, timeout, source, broadcast, payload, count, interval, allAddresses, resetOnClose,
                anySource, tls, happyEyeballs, null);
    }

    /** A request that tries its addresses in order, with a tunnel through a proxy (or none). */
    public ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout, SourceSpec source,
                        boolean broadcast, Payload payload, int count, Duration interval, boolean allAddresses,
                        boolean resetOnClose, boolean anySource, TlsOptions tls, ProxyTunnel.Request tunnel) {
        this(target, type, family, timeout, source, broadcast, payload, count, interval, allAddresses, resetOnClose,
                anySource, tls, false, tunnel);
    }

    /** A request without TLS. */
    public ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout, SourceSpec source,
                        boolean broadcast, Payload payload, int count, Duration interval, boolean allAddresses,
                        boolean resetOnClose, boolean anySource) {
        this(target, type, family, timeout, source, broadcast, payload, count, interval, allAddresses, resetOnClose,
                anySource, null);
    }

    /** A request that tries its addresses in order, one after the other. */
    public ProbeRequest(Target target, SocketType type, FamilyChoice family, Duration timeout, SourceSpec source,
                        boolean broadcast, Payload payload, int count, Duration interval, boolean allAddresses,
                        boolean resetOnClose, boolean anySource, TlsOptions tls) {
        this(target, type, family, timeout, source, broadcast, payload, count, interval, allAddresses, resetOnClose,
                anySource, tls, false, null);
    }

    /**
     * The name a TLS check sends and checks when none is given: the target's host name, or for an
     * address literal the address (without a zone). Null for a Unix target.
     */
    public static String defaultTlsName(Target target) {
        if (!(target instanceof Target.Inet in)) {
            return null;
        }
        String h = in.host();
        int zone = h.indexOf('%');
        return zone >= 0 ? h.substring(0, zone) : h;
    }

    /**
     * The warm-up of this request: {@code rounds} rounds made the same way (addresses, limit,
     * interval, source) but connects only, without the TLS check or the proxy's CONNECT, whose
     * rounds a caller runs before this request's and counts nowhere.
     */
    public ProbeRequest warmUp(int rounds) {
        if (rounds < 1 || rounds > MAX_COUNT) {
            throw new IllegalArgumentException("warm-up rounds: " + rounds);
        }
        return new ProbeRequest(target, type, family, timeout, source, broadcast, payload, rounds, interval,
                allAddresses, resetOnClose, anySource, null, happyEyeballs, null);
    }

    public static Builder builder(Target target) {
        return new Builder(target);
    }

    /** A builder with the defaults of the command line: stream, AUTO, 5 s, one round. */
    public static final class Builder {
        private final Target target;
        private SocketType type = SocketType.STREAM;
        private FamilyChoice family = FamilyChoice.AUTO;
        private Duration timeout = DEFAULT_TIMEOUT;
        private SourceSpec source;
        private boolean broadcast;
        private Payload payload = Payload.EMPTY;
        private boolean payloadGiven;
        private int count = 1;
        private Duration interval = DEFAULT_INTERVAL;
        private boolean allAddresses;
        private boolean resetOnClose;
        private boolean anySource;
        private boolean tls;
        private String tlsName;
        private boolean happyEyeballs;

        private Builder(Target target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        public Builder type(SocketType v) { type = v; return this; }
        public Builder family(FamilyChoice v) { family = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder source(SourceSpec v) { source = v; return this; }
        public Builder broadcast(boolean v) { broadcast = v; return this; }
        public Builder payload(Payload v) { payload = v; payloadGiven = v != null; return this; }
        public Builder count(int v) { count = v; return this; }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder allAddresses(boolean v) { allAddresses = v; return this; }
        public Builder resetOnClose(boolean v) { resetOnClose = v; return this; }

        /**
         * Probe a datagram target with an unconnected socket: every reply counts, from whichever
         * address it comes, and each responder is listed. Broadcast implies it.
         */
        public Builder anySource(boolean v) { anySource = v; return this; }

        /** Shake hands with TLS after the first connect. */
        public Builder tls(boolean v) { tls = v; return this; }

        /** The name for SNI and the certificate check; null for the target's host. Implies nothing by itself. */
        public Builder tlsName(String v) { tlsName = v; return this; }

        /** Race the addresses (RFC 8305 Happy Eyeballs) rather than try them in order. */
        public Builder happyEyeballs(boolean v) { happyEyeballs = v; return this; }
        private ProxyTunnel.Request tunnel;

        /** A CONNECT through the proxy the target names, to {@code v}'s target. */
        public Builder tunnel(ProxyTunnel.Request v) { tunnel = v; return this; }

        /** The any-source choice so far (broadcast is added at build time). */
        public boolean anySource() { return anySource; }

        /** Builds the request for the OS this JVM runs on. */
        public ProbeRequest build() throws InvalidInputException {
            return build(Capabilities.current());
        }

        /**
         * Builds the request, refusing a socket type the system {@code caps} describes does not
         * have ("Windows has no seqpacket sockets; use stream or datagram.") before any socket is made.
         */
        public ProbeRequest build(Capabilities caps) throws InvalidInputException {
            if (payload == null) {
                payload = Payload.EMPTY;
            }
            boolean unix = target instanceof Target.Unix;
            if (unix && (family == FamilyChoice.IPV4 || family == FamilyChoice.IPV6)) {
                throw new InvalidInputException(target.display() + " is a Unix socket; "
                        + (family == FamilyChoice.IPV4 ? "IPv4" : "IPv6") + " applies to host:port targets only.");
            }
            if (!unix && family == FamilyChoice.UNIX) {
                throw new InvalidInputException(target.display() + " is a network address; Unix applies to socket "
                        + "paths such as /run/app.sock" + (caps.abstractUnixNames() ? " or unix:@name." : "."));
            }
            Family socketFamily = unix ? Family.UNIX : family.family() != null ? family.family()
                    : ((Target.Inet) target).literalFamily() != null ? ((Target.Inet) target).literalFamily() : Family.INET;
            String unsupported = caps.unsupportedReason(type, socketFamily);
            if (unsupported != null) {
                throw new InvalidInputException(unsupported);
            }
            if (target instanceof Target.Unix u && u.abstractName() && !caps.abstractUnixNames()) {
                throw new InvalidInputException(caps.osName() + " has no abstract Unix socket names (unix:@name); "
                        + "give the path of a socket file, e.g. unix:/run/app.sock.");
            }
            if (target instanceof Target.Inet in && in.literalFamily() != null && family.family() != null
                    && in.literalFamily() != family.family()) {
                throw new InvalidInputException(in.host() + " is an " + in.literalFamily().label() + " address, but "
                        + family.family().label() + " only was chosen. Choose Auto or " + in.literalFamily().label() + ".");
            }
            if (source != null) {
                if (unix) {
                    throw new InvalidInputException("A source address applies to IP targets; "
                            + target.display() + " is a Unix socket.");
                }
                Family fixed = family.family() != null ? family.family() : ((Target.Inet) target).literalFamily();
                if (source.family() != null && fixed != null && source.family() != fixed) {
                    throw new InvalidInputException("The source " + source.display() + " is " + source.family().label()
                            + " but the target is reached over " + fixed.label() + "; both ends must use the same family.");
                }
            }
            if (broadcast && type != SocketType.DGRAM) {
                throw new InvalidInputException("Broadcast applies to datagram (UDP) probes only; "
                        + "stream and seqpacket sockets cannot send to a broadcast address.");
            }
            if (broadcast && unix) {
                throw new InvalidInputException("Broadcast applies to UDP; Unix sockets have no broadcast.");
            }
            if (anySource && type != SocketType.DGRAM) {
                throw new InvalidInputException("Any-source applies to datagram (UDP) probes only; a "
                        + type.cliName() + " probe talks to the one address it connected to.");
            }
            if (anySource && unix) {
                throw new InvalidInputException("Any-source applies to UDP; a Unix datagram reply comes from the "
                        + "socket that was addressed.");
            }
            if (payloadGiven && !payload.isEmpty() && type != SocketType.DGRAM) {
                throw new InvalidInputException("A payload is sent by datagram probes only; a " + type.cliName()
                        + " probe stops once the connection is made.");
            }
            if (timeout.compareTo(MIN_API_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw new InvalidInputException("The timeout must lie between " + Durations.format(MIN_API_TIMEOUT)
                        + " and " + Durations.format(MAX_TIMEOUT) + ".");
            }
            if (count < 1 || count > MAX_COUNT) {
                throw new InvalidInputException("The count must be a whole number from 1 to " + MAX_COUNT + ", not "
                        + count + ".");
            }
            if (interval.isNegative() || interval.compareTo(MAX_INTERVAL) > 0) {
                throw new InvalidInputException("The interval must lie between 0s and " + Durations.format(MAX_INTERVAL) + ".");
            }
            if (happyEyeballs && (unix || type != SocketType.STREAM)) {
                throw new InvalidInputException("Happy Eyeballs races stream (TCP) connections to a host's "
                        + "addresses; " + (unix ? target.display() + " is a Unix socket." : "a " + type.cliName()
                        + " probe has no connection to race."));
            }
            if (happyEyeballs && allAddresses) {
                throw new InvalidInputException("Happy Eyeballs stops at the first address that connects; "
                        + "every address (--all-addresses) tries each one. Choose one of the two.");
            }
            TlsOptions tlsOptions = null;
            if (tlsName != null && !tls) {
                throw new InvalidInputException("A TLS name applies with a TLS check; add --tls.");
            }
            if (tls) {
                if (unix) {
                    throw new InvalidInputException("TLS applies to host:port targets; " + target.display()
                            + " is a Unix socket.");
                }
                if (type != SocketType.STREAM) {
                    throw new InvalidInputException("TLS runs over stream (TCP) connections; a " + type.cliName()
                            + " probe has no TLS handshake to check.");
                }
                String name = tlsName != null ? tlsName : tunnel != null ? tunnel.host() : defaultTlsName(target);
                String problem = TlsOptions.problem(name);
                if (problem != null) {
                    throw new InvalidInputException(problem);
                }
                tlsOptions = new TlsOptions(name);
            }
            if (tunnel != null && (unix || type != SocketType.STREAM)) {
                throw new InvalidInputException("A proxy is reached over stream (TCP); give a host:port target "
                        + "without --type.");
            }
            return new ProbeRequest(target, type, family, timeout, source, broadcast, payload, count, interval,
                    allAddresses, resetOnClose, anySource || broadcast, tlsOptions, happyEyeballs, tunnel);
        }
    }
}
