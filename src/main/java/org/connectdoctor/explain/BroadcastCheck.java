package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;

/**
 * For EACCES/EPERM over IP: is the target a broadcast address (then SO_BROADCAST is the cure),
 * or did a firewall or security policy refuse? Names the places to look that exist here.
 */
final class BroadcastCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (s.hasProbe() && s.isIp() && s.is("NO_REPLY") && s.address() != null) {
            return noReplyToABroadcast(s);
        }
        if (!s.hasProbe() || !s.isIp() || !s.is("EACCES", "EPERM") || s.address() == null) {
            return List.of();
        }
        if (s.qualifiers().contains("remote")) {
            // The refusal came back after the request was sent: not this computer's flag or firewall.
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        String broadcastOf = broadcastOf(s.address(), s);
        if (broadcastOf != null) {
            // settled: the kernel refuses a broadcast from a socket without the flag; no firewall is involved
            out.add(new Finding("broadcast", s.address().host() + " is " + broadcastOf + "; sending to it needs the "
                    + "socket's broadcast flag (SO_BROADCAST, --broadcast).", new Diagnosis(
                    s.address().host() + " is " + broadcastOf + ", and this computer refuses to send to a broadcast "
                            + "address from a socket without the broadcast flag (SO_BROADCAST). Nothing on the network "
                            + "refused, and no firewall is involved.", Fault.PROGRAM, List.of(
                            "Probe again with the broadcast flag on (--broadcast).",
                            "In the program that failed, set SO_BROADCAST on the socket (setsockopt) before it sends "
                                    + "to a broadcast address."))));
            return out;
        }
        if (!s.host().interfaces().isKnown()) {
            return out; // without the interface list, whether it is a broadcast address cannot be told
        }
        out.add(new Finding("broadcast", s.address().host() + " is not a broadcast address here, so a firewall rule, a "
                + "prohibit route or a security policy on this computer refused the connection."));
        if (s.host().securityPolicy() instanceof Read.Known<Optional<HostState.SecurityPolicy>> k) {
            if (k.value().isPresent()) {
                HostState.SecurityPolicy p = k.value().get();
                out.add(new Finding("broadcast", p.name() + " is active" + (p.enforcing() ? " and enforcing" : " (permissive)")
                        + (p.inspect() == null ? "." : ": check for denials with \"" + p.inspect() + "\".")));
            } else {
                out.add(new Finding("broadcast", "No mandatory access-control policy"
                        + (s.commands().isLinux() ? " (such as SELinux)" : "") + " is active on this computer."));
            }
        }
        if (s.host().packetFilters() instanceof Read.Known<List<HostState.PacketFilter>> k && !k.value().isEmpty()) {
            List<String> named = k.value().stream().map(f -> f.name() + (f.inspect() == null ? ""
                    : ": \"" + f.inspect() + "\"")).toList();
            out.add(new Finding("broadcast", "Packet filtering is present (" + String.join("; ", named)
                    + "); its rules are where a refusal like this is configured."));
        }
        return out;
    }

    /**
     * A datagram to a broadcast address that nobody answered: not a silent service on one host
     * ("check that the service is running on 10.77.0.255" is no step anyone can take), but no
     * device on that network answering on the port.
     */
    private static List<Finding> noReplyToABroadcast(Situation s) {
        String broadcastOf = broadcastOf(s.address(), s);
        if (broadcastOf == null && !s.request().broadcast()) {
            return List.of();
        }
        String what = broadcastOf == null ? s.address().host() + " (sent with the broadcast flag)"
                : s.address().host() + ", " + broadcastOf + ",";
        int port = s.address() instanceof SockAddr.Inet4 v4 ? v4.port() : -1;
        String onPort = port > 0 ? " on port " + port : "";
        return List.of(new Finding("broadcast", "The datagram went to " + what + " and no device on that network "
                + "answered" + onPort + ".", new Diagnosis("Nobody answered the broadcast to " + s.address().host()
                + onPort + ": no device on that network runs a service there that answers broadcasts, or the devices "
                + "you expect are on another network (routers do not pass broadcasts on).", Fault.REMOTE_SERVICE, List.of(
                "Check that the device or service you expect is on the same network as this computer's interface "
                        + (broadcastOf == null ? "" : "(" + broadcastOf.replaceFirst("^the broadcast address of ", "")
                        .replaceFirst("^the limited broadcast address.*", "every local network") + ")")
                        + "; a broadcast reaches only the local network.",
                "Check the port: the service must listen for broadcasts on port " + (port > 0 ? port : "the one probed")
                        + ", and many answer only to their own address.",
                "If you know the device's own address, probe that address instead: a reply there shows the service "
                        + "works, and that only the broadcast goes unanswered."))));
    }

    @Override
    public List<Action> actions(Situation s, List<Finding> findings) {
        boolean broadcast = findings.stream().anyMatch(f -> f.check().equals("broadcast") && f.text().contains("SO_BROADCAST"));
        return broadcast && (s.request() == null || !s.request().broadcast()) ? List.of(Action.RETRY_WITH_BROADCAST) : List.of();
    }

    /** "the broadcast address of v0 (10.77.0.1/24)", "the limited broadcast address", or null. */
    private static String broadcastOf(SockAddr target, Situation s) {
        if (!(target instanceof SockAddr.Inet4 v4)) {
            return null;
        }
        if (v4.address() == -1) {
            return "the limited broadcast address (every host on the local network)";
        }
        for (NetInterface i : s.host().interfaces().orElse(List.of())) {
            for (NetInterface.Address a : i.addresses()) {
                if (a.broadcast() != null && a.broadcast().host().equals(target.host())) {
                    return "the broadcast address of " + i.name() + " (" + a.display() + ")";
                }
                // The kernel treats the last address of a subnet as its broadcast even when none was configured.
                if (a.address() instanceof SockAddr.Inet4 mine && a.prefix() > 0 && a.prefix() <= 30) {
                    int hostMask = (int) (0xffffffffL >>> a.prefix());
                    if ((mine.address() | hostMask) == v4.address()) {
                        return "the broadcast address of " + i.name() + "'s network (" + a.display() + ")";
                    }
                }
            }
        }
        return null;
    }
}
