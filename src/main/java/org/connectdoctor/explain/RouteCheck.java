package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Neighbour;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;

/**
 * The route this computer would use towards the target, asked of the kernel as {@code ip route
 * get} does: its type (a blackhole, unreachable, prohibit or throw route named exactly), table,
 * gateway, device and source; for a host on an attached network, whether it answered ARP or
 * neighbour discovery; an IPv6 link-local address given without its interface. It keeps apart
 * what this computer refused at once (connect) from what came back from the network (SO_ERROR
 * after the round trip). Only reads, through the host state; nothing is sent.
 */
final class RouteCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.address() == null
                || !s.is("ENETUNREACH", "EHOSTUNREACH", "TIMED_OUT", "ETIMEDOUT", "EACCES", "EPERM", "EADDRNOTAVAIL",
                        "ENETDOWN", "EHOSTDOWN", "NO_REPLY", "EINVAL")) {
            return List.of();
        }
        SockAddr target = s.address();
        List<Finding> out = new ArrayList<>();
        Read<List<NetInterface>> interfaceList = s.host().interfaces();
        List<NetInterface> interfaces = interfaceList.orElse(List.of());
        boolean loopbackTarget = target instanceof SockAddr.Inet4 v4 ? v4.isLoopback() : ((SockAddr.Inet6) target).isLoopback();
        for (NetInterface i : interfaces) {
            if (i.loopback() && !i.up()) {
                String up = s.commands().linkUp(i.name());
                out.add(new Finding("route", "The loopback interface " + i.name() + " is down: even connections to this "
                        + "computer itself (127.0.0.1, ::1) cannot be made until it is brought up"
                        + (up == null ? "." : " (" + up + ").")));
            }
        }
        if (loopbackTarget) {
            return out;
        }
        if (s.is("EINVAL") && target instanceof SockAddr.Inet6 v6 && isLinkLocal(v6) && v6.scopeId() == 0) {
            out.add(linkLocalWithoutZone(v6, interfaceList));
            return out;
        }
        RouteLookup lookup = s.host().route(target);
        if (lookup instanceof RouteLookup.Unknown u) {
            out.add(new Finding("route", "Could not read this computer's routing table: " + u.reason() + "."));
        } else if (lookup instanceof RouteLookup.NoRoute n) {
            out.add(noRoute(s, target, n));
        } else if (lookup instanceof RouteLookup.Rejected r) {
            out.add(rejected(s.commands(), target, r));
        } else if (lookup instanceof RouteLookup.Routed r) {
            routed(s, target, r, out);
        }
        if (lookup instanceof RouteLookup.Routed r && r.route().device() != null) {
            interfaces.stream().filter(i -> i.name().equals(r.route().device()) && !i.up()).findFirst().ifPresent(i ->
                    out.add(new Finding("route", "The interface " + i.name() + " is down.")));
        }
        if (lookup instanceof RouteLookup.Routed r && r.route().preferredSource() != null) {
            out.add(new Finding("route", "This computer would send from " + r.route().preferredSource().host()
                    + " (the source address of that route)."));
        }
        if (interfaceList instanceof Read.Unknown<List<NetInterface>> u) {
            out.add(new Finding("route", "The interfaces could not be listed: " + u.reason() + "."));
            return out;
        }
        List<String> up = new ArrayList<>();
        for (NetInterface i : interfaces) {
            if (!i.loopback()) {
                up.add(i.name() + " " + (i.up() ? "up" : "down") + (i.addresses().isEmpty() ? "" : " (" + Addresses.text(i) + ")"));
            }
        }
        out.add(new Finding("route", up.isEmpty() ? "This computer has no network interface besides loopback."
                : "Interfaces: " + String.join("; ", up) + "."));
        return out;
    }

    private static Finding noRoute(Situation s, SockAddr target, RouteLookup.NoRoute n) {
        String family = target.family() == Family.INET6 ? "IPv6" : "IPv4";
        boolean noDefault = n.defaults().isEmpty();
        String text = "No route in this computer's " + family + " routing table covers " + target.host()
                + (noDefault ? ", and there is no default route: this computer only reaches the networks it is directly "
                + "attached to." : ".") + (n.kernelAnswer() == null ? ""
                : " (The kernel answers a route request with " + n.kernelAnswer() + ".)");
        if (!s.is("ENETUNREACH", "EHOSTUNREACH")) {
            return new Finding("route", text);
        }
        return new Finding("route", text, new Diagnosis("This computer has no route to " + target.host() + ": no entry of "
                + "its " + family + " routing tables covers it" + (noDefault ? ", and there is no default route (gateway)." : "."),
                Fault.THIS_COMPUTER, List.of()));
    }

    private static Finding rejected(Commands commands, SockAddr target, RouteLookup.Rejected r) {
        Route route = r.route();
        String net = route.destinationText();
        String table = route.tableName();
        String answer = r.kernelAnswer() == null ? "" : " (the kernel answers a route request with " + r.kernelAnswer() + ")";
        String article = route.type() == RouteType.UNREACHABLE ? "an " : "a ";
        String text = "The route for " + net + " is " + article + route.type().word() + " route (table " + table + "): "
                + switch (route.type()) {
                    case BLACKHOLE -> "this computer silently discards everything sent to " + target.host()
                            + ", and connect() fails at once with EINVAL";
                    case UNREACHABLE -> "this computer refuses to send to " + target.host() + " at all, as if the host "
                            + "were unreachable";
                    case PROHIBIT -> "this computer refuses to send to " + target.host() + " at all: it is "
                            + "administratively prohibited";
                    default -> "the lookup in table " + table + " stops there, and no later table has a route for "
                            + target.host();
                } + answer + ".";
        String show = commands.routeShow(table, net);
        String del = commands.routeDelete(target.family() == Family.INET6, route.type().word(), net, table);
        String meaning = switch (route.type()) {
            case BLACKHOLE -> "This computer's routing table has a blackhole route for " + net + ": everything sent to "
                    + target.host() + " is discarded here, so connect() fails at once with EINVAL. The program is not at fault.";
            case UNREACHABLE -> "This computer's routing table has an unreachable route for " + net + ": it refuses to "
                    + "send to " + target.host() + ", so the connection fails at once without leaving this computer.";
            case PROHIBIT -> "This computer's routing table has a prohibit route for " + net + ": sending to "
                    + target.host() + " is administratively prohibited here, so the connection fails at once.";
            default -> "A throw route for " + net + " in table " + table + " ends the lookup there, and no later "
                    + "routing table has a route for " + target.host() + ": this computer has no way to send to it.";
        };
        List<String> steps = List.of(
                "See the route and who may have added it (a VPN client, a firewall or container tool, an administrator)"
                        + (show == null ? "." : ": " + show + "."),
                route.type() == RouteType.THROW
                        ? "The policy rules" + (commands.isLinux() ? " (ip rule)" : "") + " choose the tables; a route for "
                        + target.host() + " belongs in the table the rules try after " + table + ", or the throw route "
                        + "is not meant for this address."
                        : "If the route is not meant to be there, whoever manages this computer can remove it"
                        + (del == null ? "" : " (" + del + ")") + "; if it is meant to block " + net + ", "
                        + target.host() + " is not to be reached from here.");
        return new Finding("route", text, new Diagnosis(meaning, Fault.THIS_COMPUTER, steps));
    }

    private void routed(Situation s, SockAddr target, RouteLookup.Routed r, List<Finding> out) {
        Route route = r.route();
        Route entry = r.entry();
        String via = entry == null ? "" : " (route " + entry.destinationText()
                + (entry.table() == Route.TABLE_MAIN ? "" : ", table " + entry.tableName()) + ")";
        if (route.type() == RouteType.LOCAL) {
            out.add(new Finding("route", target.host() + " is an address of this computer" + via + "."));
            return;
        }
        if (route.type() != RouteType.UNICAST) {
            out.add(new Finding("route", "The kernel's route for " + target.host() + " is of type " + route.type().word()
                    + (route.device() == null ? "" : " on " + route.device()) + via + "."));
            return;
        }
        boolean direct = route.gateway() == null;
        String how = direct ? target.host() + " is on a network attached to " + route.device() + via
                + ", so it is reached directly, without a gateway."
                : "This computer sends to " + target.host() + " via the gateway " + route.gateway().host() + " on "
                + route.device() + via + ".";
        boolean cameBack = "SO_ERROR".equals(s.attempt().failedCall());
        boolean unreachable = s.is("ENETUNREACH", "EHOSTUNREACH", "EHOSTDOWN");
        // The host itself, or the gateway, is asked for by ARP / neighbour discovery on the attached network.
        SockAddr asked = direct ? target : route.gateway();
        Optional<Neighbour> silent = Optional.empty();
        if (unreachable || s.is("TIMED_OUT", "ETIMEDOUT")) {
            NeighbourLookup n = s.host().neighbour(asked, route.device());
            if (n instanceof NeighbourLookup.Found f && f.neighbour().state().unanswered()) {
                silent = Optional.of(f.neighbour());
            }
        }
        if (silent.isPresent()) {
            out.add(new Finding("route", how));
            out.add(silentNeighbour(s.commands(), target, route, silent.get(), direct));
            return;
        }
        if (unreachable && cameBack && direct) {
            // On the attached network the host itself is asked (ARP, neighbour discovery): no answer
            // ends the same way as a device's "unreachable", and the neighbour table, when it still
            // has the entry, tells which. Without it, neither is claimed.
            String dev = route.device();
            String list = s.commands().neighbours(dev);
            out.add(new Finding("route", how + " The " + s.key() + " came after the connection was started: "
                    + target.host() + " did not answer when this computer asked for its hardware address, or a "
                    + "device on that network answered that it cannot be reached.", new Diagnosis(target.host()
                    + " is on " + dev + "'s network and could not be reached there: it did not answer "
                    + (target.family() == Family.INET6 ? "neighbour discovery" : "ARP") + " (off, unplugged, or "
                    + "another address), or a device on that network answered that it cannot be reached.",
                    Fault.NETWORK, List.of(
                    "Check that " + target.host() + " is switched on and connected to the same network as " + dev
                            + " (cable, Wi-Fi, switch port).",
                    list == null ? "Check the address: the device may have been given another one."
                            : "Run \"" + list + "\" right after the failure: an entry for " + target.host()
                            + " that is Unreachable or Incomplete means it never answered; no entry, or one that is "
                            + "Reachable, means it answered and the refusal came from the network."))));
            return;
        }
        if (unreachable && cameBack) {
            String error = s.key();
            out.add(new Finding("route", how + " The route exists here: the " + error + " came back from the network "
                    + "after the connection was started.", new Diagnosis("The error came back from the network: this "
                    + "computer has a route to " + target.host() + (direct ? " on " + route.device() : " via "
                    + route.gateway().host()) + ", but " + (direct ? target.host() + " or a device on its network"
                    : "a router on the way") + " answered that " + target.host() + " cannot be reached.", Fault.NETWORK,
                    List.of(s.commands().traceroute(target.host()) == null
                                    ? "Trace the route to " + target.host() + " to see which router answers."
                                    : "Run \"" + s.commands().traceroute(target.host()) + "\" to see which router answers.",
                            "Ask whoever runs the network beyond " + (direct ? route.device() : route.gateway().host())
                                    + " whether " + target.host() + " is meant to be reachable from this computer's "
                                    + "network."))));
            return;
        }
        out.add(new Finding("route", how));
    }

    private static Finding silentNeighbour(Commands commands, SockAddr target, Route route, Neighbour n, boolean direct) {
        boolean v6 = target.family() == Family.INET6;
        String protocol = v6 ? "neighbour discovery" : "ARP";
        String state = n.state() == Neighbour.State.FAILED ? "gave up asking" : "is still asking";
        String dev = route.device();
        if (direct) {
            String meaning = target.host() + " is on " + dev + "'s network and did not answer " + protocol + ": it is "
                    + "off, unplugged, or has another address.";
            return new Finding("route", meaning + " (The neighbour table's entry for it is " + n.state() + ": this "
                    + "computer " + state + " for its hardware address.)", new Diagnosis(meaning, Fault.NETWORK, List.of(
                    "Check that " + target.host() + " is switched on and connected to the same network as " + dev
                            + " (cable, Wi-Fi, switch port).",
                    "Check the address: the device may have been given another one." + (commands.neighbours(dev) == null
                            ? "" : " \"" + commands.neighbours(dev) + "\" lists the hosts on that network that did answer."))));
        }
        String meaning = "The gateway " + route.gateway().host() + " on " + dev + " did not answer " + protocol
                + ": the router is off or unplugged, or this computer's network settings name the wrong gateway.";
        return new Finding("route", meaning + " (Its neighbour-table entry is " + n.state() + ".)", new Diagnosis(meaning,
                Fault.NETWORK, List.of("Check that the router " + route.gateway().host() + " is on and that " + dev
                + " is connected to its network.", "Compare the gateway in this computer's network settings with the "
                + "router's address.")));
    }

    private static Finding linkLocalWithoutZone(SockAddr.Inet6 target, Read<List<NetInterface>> interfaceList) {
        List<NetInterface> interfaces = interfaceList.orElse(List.of());
        List<String> candidates = interfaces.stream().filter(i -> !i.loopback() && i.addresses().stream()
                .anyMatch(a -> a.address() instanceof SockAddr.Inet6 v6 && isLinkLocal(v6))).map(NetInterface::name).toList();
        String host = target.host();
        String port = Integer.toString(target.port());
        String meaning = host + " is an IPv6 link-local address, which exists separately on every network interface: "
                + "connect() must be told which interface to use (the zone, as in [" + host + "%eth0]:" + port
                + "), and without one it fails with EINVAL.";
        List<String> steps = new ArrayList<>();
        if (!interfaceList.isKnown()) {
            steps.add("Add the zone, the name of the interface that shares a link with " + host + ": [" + host
                    + "%interface]:" + port + ".");
        } else if (candidates.isEmpty()) {
            steps.add("No interface of this computer has an IPv6 link-local address, so " + host + " cannot be reached "
                    + "from here: connect the interface that shares a link with it, then add its name as the zone.");
        } else {
            steps.add("Add the zone, the interface that shares a link with " + host + ": "
                    + String.join(" or ", candidates.stream().map(c -> "[" + host + "%" + c + "]:" + port).toList()) + ".");
        }
        String text = host + " is link-local and was given without a zone (%interface)" + (!interfaceList.isKnown()
                ? "; the interfaces could not be listed: " + ((Read.Unknown<List<NetInterface>>) interfaceList).reason() + "."
                : candidates.isEmpty()
                ? "; no interface here has an IPv6 link-local address."
                : "; the interfaces with an IPv6 link-local address, which it could mean: " + String.join(", ", candidates) + ".");
        return new Finding("route", text, new Diagnosis(meaning, Fault.THIS_COMPUTER, steps));
    }

    /** fe80::/10. */
    private static boolean isLinkLocal(SockAddr.Inet6 a) {
        return (a.high() >>> 54) == 0x3fa;
    }
}
