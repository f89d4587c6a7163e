package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Family;
import org.connectdoctor.probe.IcmpError;

/**
 * Who answered a datagram with an ICMP destination-unreachable message. The catalogue reads each
 * errno as the target's answer ("{host} answered that it does not speak the protocol"); when the
 * kernel names a router as the sender (SO_EE_OFFENDER) that reading is wrong whatever the code:
 * a router on the way answered, and the datagram never reached the target. This check says which
 * router, for every destination-unreachable code (network, host, protocol, port, source route,
 * unknown network or host, host isolated, prohibited, type of service, precedence; ICMPv6 no
 * route, prohibited, beyond scope, address, port, policy, reject route), and what a router
 * sending that code usually means.
 */
final class IcmpSenderCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (s.attempt() == null || s.attempt().icmp() == null) {
            return List.of();
        }
        IcmpError icmp = s.attempt().icmp();
        if (icmp.offender() == null || icmp.fromTarget() || !destinationUnreachable(icmp) || tooBig(icmp)
                || FirewallCheck.fromThisComputer(s, icmp)) {
            // this computer's own address sent it: no router answered (the firewall check says which rule)
            return List.of();
        }
        String router = icmp.offender().host();
        String target = icmp.target().host();
        String said = icmp.protocol() + " " + icmp.meaning() + " (type " + icmp.type() + ", code " + icmp.code() + ")";
        String why = why(icmp);
        String text = "A router on the way answered, not " + target + ": " + router + " sent " + said
                + " for the datagram to " + target + " port " + icmp.target().port() + ". " + why;
        List<String> steps = new ArrayList<>();
        String trace = s.commands().traceroute(target);
        steps.add("Find router " + router + " on the way" + (trace == null ? "" : " (" + trace + " lists the routers)")
                + " and ask whoever runs it (often the network or firewall team) why it answers " + icmp.meaning()
                + " for " + target + " port " + icmp.target().port() + "; quote the ICMP type and code.");
        steps.add("Nothing on " + target + " needs changing until the router lets the datagrams through: "
                + target + " itself never saw them.");
        String meaning = "The router " + router + " answered the datagram with " + said + ", so it never reached "
                + target + ". " + why;
        return List.of(new Finding("icmp", text, new Diagnosis(meaning, Fault.NETWORK, steps)));
    }

    private static boolean destinationUnreachable(IcmpError i) {
        return i.family() == Family.INET6 ? i.type() == 1 : i.type() == 3;
    }

    private static boolean tooBig(IcmpError i) {
        return i.family() == Family.INET && i.type() == 3 && i.code() == 4;
    }

    /** What a router sending this code usually means. */
    static String why(IcmpError i) {
        if (i.family() == Family.INET6) {
            return switch (i.code()) {
                case 0 -> "It has no route to " + i.target().host() + ".";
                case 1, 5, 6 -> "A filtering rule on it rejects this traffic.";
                case 2 -> "The source address's scope does not reach " + i.target().host() + " (a link-local source).";
                case 3 -> "It could not reach the host on its last network (no answer to neighbour discovery).";
                case 4 -> "A router sends port unreachable when a firewall rule on it rejects the traffic, not "
                        + "because nothing listens on " + i.target().host() + ".";
                default -> "It could not deliver the datagram.";
            };
        }
        return switch (i.code()) {
            case 0, 6, 11 -> "It has no route to the network of " + i.target().host() + ".";
            case 1, 7, 12 -> "It could not reach the host on its last network (the host is down or does not "
                    + "answer ARP).";
            case 2 -> "It does not carry this protocol, or a firewall rule on it rejects it with protocol "
                    + "unreachable.";
            case 3 -> "A router sends port unreachable when a firewall rule on it rejects the traffic (a "
                    + "REJECT rule answers so by default), not because nothing listens on " + i.target().host() + ".";
            case 5 -> "A source route in the datagram failed.";
            case 8 -> "It reports the source host as isolated, an old code that routers now send for filtering.";
            case 9, 10, 13 -> "A filtering rule on it rejects this traffic (administratively prohibited).";
            case 14, 15 -> "Its precedence rules reject the datagram.";
            default -> "It could not deliver the datagram.";
        };
    }
}
