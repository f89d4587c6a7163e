package org.connectdoctor.sys;

import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;

/** A host state for a system without a reader: every answer is unknown, with the reason. */
public record UnreadableHostState(String reason) implements HostState {

    @Override
    public Read<List<SocketEntry>> sockets(Transport transport) {
        return Read.unknown(reason);
    }

    @Override
    public Read<Optional<OwnerProcess>> owner(SocketEntry socket) {
        return Read.unknown(reason);
    }

    @Override
    public Read<List<UnixSocketEntry>> unixSockets() {
        return Read.unknown(reason);
    }

    @Override
    public RouteLookup route(SockAddr destination) {
        return new RouteLookup.Unknown(reason);
    }

    @Override
    public NeighbourLookup neighbour(SockAddr address, String device) {
        return new NeighbourLookup.Unknown(reason);
    }

    @Override
    public Read<List<NetInterface>> interfaces() {
        return Read.unknown(reason);
    }

    @Override
    public Read<Resolvers> resolvers() {
        return Read.unknown(reason);
    }

    @Override
    public Read<PortRange> ephemeralPorts(Transport transport) {
        return Read.unknown(reason);
    }

    @Override
    public Read<ConnectRetry> connectRetry() {
        return Read.unknown(reason);
    }
}
