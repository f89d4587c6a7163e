package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SocketState;
import org.connectdoctor.sys.Transport;

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
        Read<List<SocketEntry>> read = s.host().sockets(udp ? Transport.UDP : Transport.TCP);
        if (read instanceof Read.Unknown<List<SocketEntry>> u) {
            return List.of(new Finding("ports", "Could not see which socket holds port " + port + ": " + u.reason() + "."));
        }
        List<Finding> out = new ArrayList<>();
        for (SocketEntry sock : read.orElse(List.of())) {
            if (sock.local().port() != port) {
                continue;
            }
            String who = Addresses.holder(s.host().owner(sock), p -> " of " + p);
            out.add(new Finding("ports", sock.local().display() + " is held by a " + (udp ? "UDP" : "TCP") + " socket in state "
                    + stateName(sock) + who + "."));
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

    /**
     * EADDRNOTAVAIL from connect(2) or EAGAIN: first whether there is a usable source address at
     * all (IPv6 disabled, the interface down, no address of that family), then the port counts.
     * Only counts that show the range used up are called port exhaustion.
     */
    private static List<Finding> ephemeral(Situation s) {
        List<Finding> out = new ArrayList<>();
        SockAddr target = s.address();
        Optional<Finding> source = sourceAddress(s, target);
        if (source.isPresent()) {
            out.add(source.get());
            return out;
        }
        if (s.request().source() != null && s.request().source().port() != 0) {
            int port = s.request().source().port();
            for (SocketEntry sock : s.host().sockets(Transport.TCP).orElse(List.of())) {
                if (sock.local().port() == port && sock.remote().port() == target.port()
                        && sock.remote().host().equals(target.host())) {
                    out.add(new Finding("ports", "A socket already connects from " + sock.local().display() + " to "
                            + sock.remote().display() + " (state " + stateName(sock) + "): one connection between the "
                            + "same two addresses and ports at a time.", new Diagnosis("The source address and port "
                            + sock.local().display() + " already have a connection to " + sock.remote().display()
                            + "; a second one between the same two ends cannot be made.", Fault.PROGRAM,
                            List.of("Leave the source port out, so the system picks a free one."))));
                    return out;
                }
            }
        }
        Read<HostState.PortRange> range = s.host().ephemeralPorts(Transport.TCP);
        Read<List<SocketEntry>> read = s.host().sockets(Transport.TCP);
        if (!(range instanceof Read.Known<HostState.PortRange> r) || read instanceof Read.Unknown) {
            String why = read instanceof Read.Unknown<List<SocketEntry>> u ? u.reason()
                    : ((Read.Unknown<HostState.PortRange>) range).reason();
            out.add(new Finding("ports", "Could not count the ports in use: " + why + "."));
            return out;
        }
        int low = r.value().low();
        int high = r.value().high();
        int size = high - low + 1;
        int used = 0;
        int timeWait = 0;
        int towards = 0;
        for (SocketEntry sock : read.orElse(List.of())) {
            int p = sock.local().port();
            if (r.value().contains(p)) {
                used++;
                if (sock.state() == SocketState.TIME_WAIT) {
                    timeWait++;
                }
                if (sock.remote().port() == target.port() && sock.remote().host().equals(target.host())) {
                    towards++;
                }
            }
        }
        String counts = "The ephemeral port range is " + low + " to " + high + " (" + size
                + " ports, " + r.value().source() + "); " + used + " TCP sockets use a port in it, " + timeWait
                + " of them in TIME_WAIT, " + towards + " towards " + target.display() + ".";
        // The kernel may reuse a port towards other destinations: only the ones to this one run out.
        if (towards >= size * 9L / 10) {
            String find = s.commands().connectionsTo(target.host());
            out.add(new Finding("ports", counts, new Diagnosis("Every local port of the ephemeral range is in use "
                    + "towards " + target.display() + " (" + towards + " of " + size + "): this computer has no port "
                    + "left to connect from.", Fault.PROGRAM, List.of(
                    "Find the program holding these connections" + Commands.quoted(find) + "; many in "
                            + "TIME_WAIT point to a program that opens and closes connections very fast.",
                    "A wider range (" + r.value().source() + (s.commands().isLinux() ? ", see ip(7)" : "")
                            + ") gives more ports, but fixing the program that uses them up is the lasting cure."))));
        } else {
            out.add(new Finding("ports", counts + " The range is not used up, so this is not a shortage of ports."));
        }
        return out;
    }

    /** A finding that no usable source address exists for {@code target}, or empty when one does. */
    private static Optional<Finding> sourceAddress(Situation s, SockAddr target) {
        Family family = target.family();
        if (family == Family.INET6 && s.host().ipv6Status() instanceof Read.Known<HostState.Ipv6Status> k
                && k.value().disabled()) {
            return Optional.of(new Finding("ports", "IPv6 is disabled on this computer (" + k.value().setting()
                    + "): it has no IPv6 address to connect from.",
                    new Diagnosis("IPv6 is disabled on this computer, so it has no IPv6 source address to "
                            + "connect to " + target.display() + " from.", Fault.THIS_COMPUTER, List.of(
                            "Connect over IPv4 instead: use the IPv4 address (127.0.0.1 for this computer) or a "
                                    + "name that resolves to one.",
                            "If IPv6 should be on, ask the administrator to enable it (" + k.value().enableWith()
                                    + ")."))));
        }
        if (!(s.host().interfaces() instanceof Read.Known<List<NetInterface>> known) || known.value().isEmpty()) {
            return Optional.empty(); // the list could not be read: say nothing rather than "no address"
        }
        List<NetInterface> interfaces = known.value();
        boolean loopback = target instanceof SockAddr.Inet4 v4 ? v4.isLoopback()
                : target instanceof SockAddr.Inet6 v6 && v6.isLoopback();
        if (loopback) {
            for (NetInterface i : interfaces) {
                if (i.loopback() && !i.up()) {
                    return Optional.of(new Finding("ports", "The loopback interface " + i.name() + " is down: this "
                            + "computer has no loopback address to connect from.", new Diagnosis("The loopback "
                            + "interface " + i.name() + " is down, so this computer has no usable source address for "
                            + target.host() + ", its own address.", Fault.THIS_COMPUTER, List.of(
                            "Bring the loopback interface up" + (s.commands().linkUp(i.name()) == null ? ""
                                    : " (as administrator: \"" + s.commands().linkUp(i.name()) + "\")")
                                    + "; programs that talk to this computer itself need it."))));
                }
            }
        }
        boolean usable = interfaces.stream().filter(NetInterface::up)
                .flatMap(i -> i.addresses().stream()).anyMatch(a -> a.address().family() == family);
        if (!usable) {
            String v = family == Family.INET ? "IPv4" : "IPv6";
            return Optional.of(new Finding("ports", "No interface that is up has an " + v + " address.",
                    new Diagnosis("This computer has no " + v + " address on an interface that is up, so it has no "
                            + "source address to connect to " + target.display() + " from.", Fault.THIS_COMPUTER,
                            List.of("Check that the network connection is up and has an " + v + " address"
                                            + Commands.quoted(s.commands().addresses()) + ".",
                                    "Or connect over the other protocol: "
                                            + (family == Family.INET ? "an IPv6" : "an IPv4") + " address of the host."))));
        }
        return Optional.empty();
    }

    private static List<Finding> notLocal(Situation s) {
        List<String> mine = new ArrayList<>();
        Family family = s.address().family();
        Read<List<NetInterface>> read = s.host().interfaces();
        if (read instanceof Read.Unknown<List<NetInterface>> u) {
            String chosen = s.request().source() == null ? "the source address" : s.request().source().display();
            return List.of(new Finding("ports", "Whether " + chosen + " is an address of this computer cannot be "
                    + "seen: " + u.reason() + "."));
        }
        for (NetInterface i : read.orElse(List.of())) {
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

    /** The state as ss and netstat name it; a bound UDP socket is "unconnected". */
    static String stateName(SocketEntry sock) {
        return switch (sock.state()) {
            case BOUND -> "unconnected";
            case SYN_RECEIVED -> "SYN_RECV";
            case CLOSED -> "CLOSE";
            default -> sock.state().name();
        };
    }
}
