package org.connectdoctor.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.HostRoutes;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where a run went from, read from a real loopback probe's report and from a host state given
 * to the reader: a route it knows is kept as read, and a reader that cannot tell leaves every
 * fact unknown, with its reason, never "none".
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ContextReaderTest {

    /** A host state that knows one route and one list of name servers. */
    private static final class Known extends Delegating {
        Known() {
            super(new UnreadableHostState("not asked"));
        }

        @Override
        public RouteLookup route(SockAddr destination) {
            Route r = new Route(Family.INET, RouteType.UNICAST, Route.TABLE_MAIN, null, 0,
                    new SockAddr.Inet4(0x0a010201, 0), "eth0", new SockAddr.Inet4(0x0a010203, 0), 100);
            return new RouteLookup.Routed(r, r);
        }

        @Override
        public Read<Resolvers> resolvers() {
            return Read.known(new Resolvers(List.of("10.0.0.53", "10.0.0.54"), List.of("corp"), "/etc/resolv.conf"));
        }
    }

    private static ProbeReport closedProbe(String target) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        try (ProbeEngine engine = ProbeEngine.system()) {
            return engine.run(ProbeRequest.builder(TargetParser.parse(target.replace("PORT", "" + port))).build());
        }
    }

    @Test
    void aKnownRouteIsKeptAsReadAndTheSourceComesFromTheConnection() throws Exception {
        ProbeReport report = closedProbe("127.0.0.1:PORT");
        RunContext c = new ContextReader(new Known(), null).read(report);
        assertEquals(Fact.known("eth0"), c.sourceInterface());
        assertEquals(Fact.known("10.1.2.1"), c.gateway());
        assertEquals(Fact.known("default via 10.1.2.1 dev eth0 src 10.1.2.3"), c.route());
        // the address getsockname gave the attempt, not the route's preference
        assertEquals(Fact.known("127.0.0.1"), c.sourceAddress());
        // a literal asks no name server
        assertEquals(Fact.none(), c.resolvers());
    }

    @Test
    void aReaderThatCannotTellLeavesEveryFactUnknownWithItsReason() throws Exception {
        ProbeReport report = closedProbe("127.0.0.1:PORT");
        RunContext c = new ContextReader(new UnreadableHostState("reading is not written for Plan 9"), null).read(report);
        for (Fact<?> f : List.of(c.sourceInterface(), c.gateway(), c.route())) {
            assertFalse(f.isKnown(), f.toString());
            assertEquals("reading is not written for Plan 9", f.unknown());
            assertNull(f.value());
        }
        // what the connection itself said is still known
        assertEquals(Fact.known("127.0.0.1"), c.sourceAddress());
    }

    @Test
    void theKernelsRouteIsAskedWhenTheHostStateCannotTell() throws Exception {
        ProbeReport report = closedProbe("127.0.0.1:PORT");
        RunContext c = new ContextReader(new UnreadableHostState("not yet"), HostRoutes.system()).read(report);
        assertEquals(Fact.known("lo"), c.sourceInterface());
        assertEquals(Fact.none(), c.gateway());
        assertEquals(Fact.known("local 127.0.0.1 dev lo src 127.0.0.1 table local"), c.route());
    }

    @Test
    void aUnixSocketHasNoRouteSourceOrNameServers() throws Exception {
        ProbeReport report;
        try (ProbeEngine engine = ProbeEngine.system()) {
            report = engine.run(ProbeRequest.builder(TargetParser.parse("/nonexistent/connect-doctor-test.sock")).build());
        }
        RunContext c = new ContextReader(new Known(), null).read(report);
        assertEquals(new RunContext(Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(),
                Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none(), Fact.none()), c,
                "no proxy, TLS, IPv6 or firewall serves a Unix socket either");
    }

    /** Passes every question to another host state; tests override the few they answer. */
    private abstract static class Delegating implements HostState {
        private final HostState d;

        Delegating(HostState d) {
            this.d = d;
        }

        @Override public Read<List<org.connectdoctor.sys.SocketEntry>> sockets(org.connectdoctor.sys.Transport t) { return d.sockets(t); }
        @Override public Read<java.util.Optional<org.connectdoctor.sys.OwnerProcess>> owner(org.connectdoctor.sys.SocketEntry s) { return d.owner(s); }
        @Override public Read<List<org.connectdoctor.sys.UnixSocketEntry>> unixSockets() { return d.unixSockets(); }
        @Override public RouteLookup route(SockAddr destination) { return d.route(destination); }
        @Override public NeighbourLookup neighbour(SockAddr address, String device) { return d.neighbour(address, device); }
        @Override public Read<List<org.connectdoctor.net.NetInterface>> interfaces() { return d.interfaces(); }
        @Override public Read<Resolvers> resolvers() { return d.resolvers(); }
        @Override public Read<PortRange> ephemeralPorts(org.connectdoctor.sys.Transport t) { return d.ephemeralPorts(t); }
        @Override public Read<ConnectRetry> connectRetry() { return d.connectRetry(); }
    }
}
