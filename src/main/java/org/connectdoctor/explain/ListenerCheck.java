package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.Transport;

/**
 * For a refused (or silent) connection to this computer: which local sockets listen on that port
 * and on which addresses, from the host's TCP and UDP socket tables. Catches the classic "listens on
 * ::1 but not on 127.0.0.1", and a listener whose queue of waiting connections is full.
 */
final class ListenerCheck implements Check {
    private static final int MAX_PORTS_LISTED = 20;

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.address() == null
                || !s.is("ECONNREFUSED", "TIMED_OUT", "ETIMEDOUT", "NO_REPLY")) {
            return List.of();
        }
        SockAddr target = s.address();
        boolean udp = s.attempt().type() == SocketType.DGRAM;
        String proto = udp ? "UDP" : "TCP";
        Boolean local = Addresses.isLocal(target, s.host().interfaces());
        if (local == null) {
            return List.of(); // whether the address is this computer's cannot be told: say nothing
        }
        if (!local) {
            String cmd = s.commands().listeners(udp, target.port());
            return s.is("ECONNREFUSED")
                    ? List.of(new Finding("listeners", target.host() + " is not an address of this computer, so the "
                            + "sockets listening there cannot be seen from here; check on that computer"
                            + (cmd == null ? "." : " (on " + s.commands().osName() + ": \"" + cmd + "\").")))
                    : List.of();
        }
        Read<List<SocketEntry>> read = s.host().sockets(udp ? Transport.UDP : Transport.TCP);
        if (read instanceof Read.Unknown<List<SocketEntry>> u) {
            // Cannot tell who listens: say so where the answer matters, never "nothing listens".
            return s.is("ECONNREFUSED") ? List.of(new Finding("listeners", "Could not read the list of listening "
                    + proto + " sockets on this computer: " + u.reason() + ".")) : List.of();
        }
        List<SocketEntry> all = read.orElse(List.of());
        List<SocketEntry> listening = all.stream().filter(SocketEntry::isListening).toList();
        List<SocketEntry> onPort = listening.stream().filter(l -> l.local().port() == target.port()).toList();
        List<Finding> out = new ArrayList<>();
        if (onPort.isEmpty()) {
            if (udp && s.is("NO_REPLY")) {
                // No socket here holds the port: no program on this computer received the datagram,
                // so "the service ignored this payload" is ruled out; the port-unreachable answer that
                // would have said so did not reach the probe (an unconnected socket, or a local filter).
                String cmd = s.commands().listeners(true, target.port());
                out.add(new Finding("listeners", "No program on this computer has UDP port " + target.port()
                        + " open: the socket table shows none bound to it" + (cmd == null ? "" : " (\"" + cmd
                        + "\" shows the same)") + ". The datagram reached no program, so no answer could come.",
                        new Diagnosis("The datagram to " + target.display() + " reached no program: nothing on this "
                                + "computer has UDP port " + target.port() + " open, so nothing could answer. The "
                                + "\"port unreachable\" answer that usually says so did not reach the probe (a socket "
                                + "sent with --any-source does not receive it, and a firewall rule can drop it).",
                                Fault.REMOTE_SERVICE, List.of(
                                "Start the service that should listen on UDP port " + target.port() + ", or check "
                                        + "which port it really uses" + (cmd == null ? "." : " (" + cmd + ")."),
                                "Probe again once it runs: a service that has the port open and ignores this "
                                        + "payload shows up here as such."))));
                return out;
            }
            if (s.is("ECONNREFUSED")) {
                out.add(new Finding("listeners", "Nothing on this computer listens on " + proto + " port " + target.port()
                        + ", on any address."));
                TreeSet<Integer> ports = new TreeSet<>();
                listening.forEach(l -> ports.add(l.local().port()));
                if (!ports.isEmpty()) {
                    List<String> shown = ports.stream().limit(MAX_PORTS_LISTED).map(String::valueOf).toList();
                    out.add(new Finding("listeners", proto + " ports that do listen here: " + String.join(", ", shown)
                            + (ports.size() > MAX_PORTS_LISTED ? " and " + (ports.size() - MAX_PORTS_LISTED) + " more" : "")
                            + "."));
                }
            }
            return out;
        }
        Read<HostState.V6OnlyDefault> v6only = s.host().ipv6OnlyDefault();
        boolean reaches = false;
        for (SocketEntry l : onPort) {
            Boolean covers = covers(l.local(), target, v6only);
            if (covers == null) {
                // A [::] listener and an IPv4 target, and this system's IPV6_V6ONLY default is unknown.
                reaches = true; // not "not on": it may well take the connection
                out.add(new Finding("listeners", "A service listens on :: (every IPv6 address) port " + target.port()
                        + " (" + proto + "); whether it also takes IPv4 connections such as to " + target.host()
                        + " cannot be told here: " + ((Read.Unknown<HostState.V6OnlyDefault>) v6only).reason()
                        + ". If IPv4 is refused, connect to " + v6Loopback(target) + " instead."));
                continue;
            }
            if (covers) {
                reaches = true;
                if (!udp && queueFull(s, l)) {
                    String queue = l.receiveQueue() + " waiting" + (l.backlog() < 0 ? "" : ", room for " + l.backlog());
                    String who = Addresses.holder(s.host().owner(l), p -> " (" + p + ")");
                    out.add(new Finding("listeners", "A service listens on " + describe(l.local(), v6only) + " port "
                            + target.port() + who + ", but its queue of connections waiting to be accepted is full ("
                            + queue + "): it is not accepting connections, "
                            + "so new ones are dropped. The service is hung or overloaded.", new Diagnosis(
                            "The service on " + target.host() + " port " + target.port() + who + " is listening but "
                                    + "not accepting connections: its queue of waiting connections is full ("
                                    + queue + "), so this computer drops "
                                    + "new connection requests.", Fault.REMOTE_SERVICE, List.of(
                            "Check the service's log and whether it is hung or overloaded; restarting it empties the "
                                    + "queue, finding out why it stopped accepting is the lasting cure.",
                            "If the service is only slow under load, it may need a longer listen queue (its "
                                    + "backlog setting" + (s.commands().listenQueueCap() == null ? ""
                                    : ", capped by " + s.commands().listenQueueCap()) + ") or more workers."))));
                } else if (udp && s.is("NO_REPLY")) {
                    String who = Addresses.holder(s.host().owner(l), p -> " (" + p + ")");
                    out.add(new Finding("listeners", "A program on this computer has UDP port " + target.port()
                            + " open on " + describe(l.local(), v6only) + who + ": the datagram went to it without "
                            + "leaving this computer, and no answer came. Unless a firewall rule on this computer "
                            + "drops it, the program received it and ignored this payload.", new Diagnosis(
                            "The program that has UDP port " + target.port() + " open on this computer" + who
                                    + " did not answer: most UDP services ignore a request they do not understand "
                                    + "(or a firewall rule on this computer drops the datagram).", Fault.REMOTE_SERVICE,
                            List.of(
                            "Send a payload the service understands (--payload or --payload-hex): an empty or "
                                    + "foreign datagram is ignored by most UDP services.",
                            "Check the service's own log or configuration for the clients it answers."))));
                } else {
                    out.add(new Finding("listeners", "A service listens on " + describe(l.local(), v6only) + " port "
                            + target.port() + " (" + proto + ")."));
                }
            }
        }
        if (!reaches) {
            List<String> where = onPort.stream().map(l -> describe(l.local(), v6only)).distinct().toList();
            out.add(new Finding("listeners", "A service listens on " + String.join(" and ", where) + " port "
                    + target.port() + " but not on " + target.host() + ": connect to "
                    + onPort.get(0).local().display().replace("0.0.0.0", "127.0.0.1").replace("[::]", "[::1]")
                    + " instead, or make the service listen on " + target.host() + " too."));
        }
        return out;
    }

    /**
     * Whether the listener's queue of connections waiting to be accepted is full: more waiting than
     * its limit when the table gives the limit; else connections waiting while a connection to it
     * on this computer got no answer at all, which the kernel does only to a listener whose queue
     * is full (an unfull one completes the handshake itself).
     */
    private static boolean queueFull(Situation s, SocketEntry l) {
        if (l.backlog() >= 0) {
            return l.receiveQueue() > l.backlog();
        }
        return l.receiveQueue() > 0 && s.is("TIMED_OUT", "ETIMEDOUT");
    }

    /**
     * Whether a socket bound to {@code local} receives connections for {@code target}; null when
     * that depends on the system's IPV6_V6ONLY default and the default is unknown. A [::] socket
     * takes IPv4 where sockets start dual-stack (Linux with net.ipv6.bindv6only = 0) and not where
     * they start IPv6-only (Windows; Linux with bindv6only = 1). A program can change its own
     * socket's setting, which the socket tables do not show: on Windows such a dual-stack socket is
     * also listed in the IPv4 table as 0.0.0.0, so the IPv4 entry covers it.
     */
    private static Boolean covers(SockAddr local, SockAddr target, Read<HostState.V6OnlyDefault> v6only) {
        if (local instanceof SockAddr.Inet4 l4) {
            return l4.isAny() ? target instanceof SockAddr.Inet4 : l4.equals(new SockAddr.Inet4(
                    target instanceof SockAddr.Inet4 t4 ? t4.address() : -1, l4.port()));
        }
        SockAddr.Inet6 l6 = (SockAddr.Inet6) local;
        boolean any = l6.high() == 0 && l6.low() == 0;
        if (target instanceof SockAddr.Inet6 t6) {
            return any || (l6.high() == t6.high() && l6.low() == t6.low());
        }
        if (!any) {
            return false;
        }
        if (v6only instanceof Read.Known<HostState.V6OnlyDefault> k) {
            return !k.value().v6only();
        }
        return null;
    }

    /** This computer's IPv6 loopback address with the target's port. */
    private static String v6Loopback(SockAddr target) {
        return "[::1]:" + target.port();
    }

    private static String describe(SockAddr local, Read<HostState.V6OnlyDefault> v6only) {
        if (local instanceof SockAddr.Inet4 v4 && v4.isAny()) {
            return "0.0.0.0 (every IPv4 address)";
        }
        if (local instanceof SockAddr.Inet6 v6 && v6.high() == 0 && v6.low() == 0) {
            if (v6only instanceof Read.Known<HostState.V6OnlyDefault> k) {
                return k.value().v6only()
                        ? ":: (every IPv6 address but no IPv4 one: " + k.value().source() + ")"
                        : ":: (every IPv6 address, and IPv4 unless the service set IPV6_V6ONLY)";
            }
            return ":: (every IPv6 address)";
        }
        return local.host();
    }
}
