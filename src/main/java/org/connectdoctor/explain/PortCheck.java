package org.connectdoctor.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;

/**
 * Local ports and addresses: who holds the chosen source port (EADDRINUSE), the ephemeral port
 * range and how much of it is used, or whether the chosen source address is this computer's at
 * all (EADDRNOTAVAIL).
 */
final class PortCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.address() == null) {
            return List.of();
        }
        if (s.is("EADDRINUSE")) {
            return inUse(s);
        }
        if (s.is("EADDRNOTAVAIL", "EAGAIN")) {
            return s.qualifiers().contains("call:bind") ? notLocal(s) : ephemeral(s);
        }
        return List.of();
    }

    @Override
    public List<Action> actions(Situation s, List<Finding> findings) {
        boolean sourcePort = s.request() != null && s.request().source() != null && s.request().source().port() != 0;
        return sourcePort && s.is("EADDRINUSE", "EADDRNOTAVAIL") ? List.of(Action.RETRY_WITHOUT_SOURCE_PORT) : List.of();
    }

    private static List<Finding> inUse(Situation s) {
        int port = s.request().source() == null ? -1 : s.request().source().port();
        if (port <= 0) {
            return List.of();
        }
        boolean udp = s.attempt().type() == SocketType.DGRAM;
        List<Finding> out = new ArrayList<>();
        for (LocalState.InetSocket sock : udp ? LocalState.inetSockets("udp", "udp6") : LocalState.inetSockets("tcp", "tcp6")) {
            if (sock.local().port() != port) {
                continue;
            }
            String who = LocalState.processHolding(sock.inode()).map(p -> " of process " + p).orElse("");
            out.add(new Finding("ports", sock.local().display() + " is held by a " + (udp ? "UDP" : "TCP") + " socket in state "
                    + sock.stateName() + who + " (user id " + sock.uid() + ")."));
            if (out.size() >= 5) {
                break;
            }
        }
        if (out.isEmpty()) {
            out.add(new Finding("ports", "No socket visible here holds port " + port + " any more; it may have been "
                    + "released since, or belong to another network namespace."));
        }
        return out;
    }

    private static List<Finding> ephemeral(Situation s) {
        List<Finding> out = new ArrayList<>();
        SockAddr target = s.address();
        if (s.request().source() != null && s.request().source().port() != 0) {
            int port = s.request().source().port();
            for (LocalState.InetSocket sock : LocalState.inetSockets("tcp", "tcp6")) {
                if (sock.local().port() == port && sock.remote().port() == target.port()
                        && sock.remote().host().equals(target.host())) {
                    out.add(new Finding("ports", "A socket already connects from " + sock.local().display() + " to "
                            + sock.remote().display() + " (state " + sock.stateName() + "): one connection between the "
                            + "same two addresses and ports at a time."));
                    break;
                }
            }
        }
        String range = LocalState.firstLine(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).orElse("");
        String[] bounds = range.split("\\s+");
        if (bounds.length == 2) {
            int low = Integer.parseInt(bounds[0]);
            int high = Integer.parseInt(bounds[1]);
            int used = 0;
            int timeWait = 0;
            for (LocalState.InetSocket sock : LocalState.inetSockets("tcp", "tcp6")) {
                int p = sock.local().port();
                if (p >= low && p <= high) {
                    used++;
                    if (sock.state() == LocalState.InetSocket.TCP_TIME_WAIT) {
                        timeWait++;
                    }
                }
            }
            out.add(new Finding("ports", "The ephemeral port range is " + low + " to " + high + " (" + (high - low + 1)
                    + " ports, net.ipv4.ip_local_port_range); " + used + " TCP sockets use a port in it, " + timeWait
                    + " of them in TIME_WAIT."));
        }
        return out;
    }

    private static List<Finding> notLocal(Situation s) {
        List<String> mine = new ArrayList<>();
        Family family = s.address().family();
        for (NetInterface i : LocalState.interfaces(s.sockets())) {
            for (NetInterface.Address a : i.addresses()) {
                if (a.address().family() == family) {
                    mine.add(a.address().host() + " (" + i.name() + ")");
                }
            }
        }
        String chosen = s.request().source() == null ? "the source address" : s.request().source().display();
        return List.of(new Finding("ports", chosen + " is not an address of this computer. Its "
                + (family == Family.INET ? "IPv4" : "IPv6") + " addresses: "
                + (mine.isEmpty() ? "none" : String.join(", ", mine)) + "."));
    }
}
