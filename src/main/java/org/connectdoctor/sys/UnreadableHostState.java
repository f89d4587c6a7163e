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

    @Override
    public Read<Optional<OwnerProcess>> owner(UnixSocketEntry socket) {
        return Read.unknown(reason);
    }

    @Override
    public Read<List<NetworkLink>> links() {
        return Read.unknown(reason);
    }

    @Override
    public Read<HostsFile> hostsFile() {
        return Read.unknown(reason);
    }

    @Override
    public Read<ServiceNames> serviceNames() {
        return Read.unknown(reason);
    }

    @Override
    public Read<LookupOrder> lookupOrder() {
        return Read.unknown(reason);
    }

    @Override
    public Read<Ipv6Status> ipv6Status() {
        return Read.unknown(reason);
    }

    @Override
    public Read<V6OnlyDefault> ipv6OnlyDefault() {
        return Read.unknown(reason);
    }

    @Override
    public Read<List<PacketFilter>> packetFilters() {
        return Read.unknown(reason);
    }

    @Override
    public Read<Optional<SecurityPolicy>> securityPolicy() {
        return Read.unknown(reason);
    }

    @Override
    public Read<String> systemName() {
        return Read.unknown(reason);
    }

    @Override
    public Read<String> hostName() {
        return Read.unknown(reason);
    }

    @Override
    public Read<Connectivity> connectivity() {
        return Read.unknown(reason);
    }
}
