package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.SysException;

/**
 * The route this computer would use towards the target, as Test-NetConnection shows it: the
 * matching routing-table entry (/proc/net/route, ipv6_route), a missing default route, the
 * state of the interfaces, and the source address the kernel picks, learnt by connecting a UDP
 * socket, which sends nothing.
 */
final class RouteCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.address() == null
                || !s.is("ENETUNREACH", "EHOSTUNREACH", "TIMED_OUT", "ETIMEDOUT", "EACCES", "EPERM", "EADDRNOTAVAIL",
                        "ENETDOWN", "EHOSTDOWN", "NO_REPLY")) {
            return List.of();
        }
        SockAddr target = s.address();
        byte[] octets = LocalState.octets(target);
        List<Finding> out = new ArrayList<>();
        boolean v6 = target.family() == Family.INET6;
        List<NetInterface> interfaces = LocalState.interfaces(s.sockets());
        boolean loopbackTarget = target instanceof SockAddr.Inet4 v4 ? v4.isLoopback() : ((SockAddr.Inet6) target).isLoopback();
        for (NetInterface i : interfaces) {
            if (i.loopback() && !i.up()) {
                out.add(new Finding("route", "The loopback interface " + i.name() + " is down: even connections to this "
                        + "computer itself (127.0.0.1, ::1) cannot be made until it is brought up (ip link set "
                        + i.name() + " up)."));
            }
        }
        if (loopbackTarget) {
            return out;
        }
        Optional<LocalState.Route> route = LocalState.routeFor(octets);
        boolean hasDefault = LocalState.routes(v6).stream().anyMatch(r -> r.isDefault() && !r.isReject()
                && (r.flags() & LocalState.Route.RTF_UP) != 0);
        if (route.isEmpty()) {
            out.add(new Finding("route", "No route in this computer's " + (v6 ? "IPv6" : "IPv4") + " routing table covers "
                    + target.host() + (hasDefault ? "." : ", and there is no default route: this computer only reaches "
                    + "the networks it is directly attached to.")));
        } else {
            LocalState.Route r = route.get();
            if (r.isReject()) {
                out.add(new Finding("route", "The route for " + r.destinationText() + " is a reject route (type "
                        + "unreachable or prohibit): this computer refuses to send to " + target.host() + " at all."));
            } else if (r.hasGateway()) {
                out.add(new Finding("route", "This computer sends to " + target.host() + " via the gateway "
                        + r.gatewayText() + " on " + r.iface() + " (route " + r.destinationText() + ")."));
            } else {
                out.add(new Finding("route", target.host() + " is on a network attached to " + r.iface() + " (route "
                        + r.destinationText() + "), so it is reached directly, without a gateway."));
            }
            if (!hasDefault && !r.isDefault()) {
                out.add(new Finding("route", "There is no default route: addresses outside the attached networks cannot "
                        + "be reached."));
            }
            interfaces.stream().filter(i -> i.name().equals(r.iface()) && !i.up()).findFirst().ifPresent(i -> out.add(
                    new Finding("route", "The interface " + i.name() + " is down.")));
        }
        sourceAddress(s, target).ifPresent(out::add);
        List<String> up = new ArrayList<>();
        for (NetInterface i : interfaces) {
            if (!i.loopback()) {
                up.add(i.name() + " " + (i.up() ? "up" : "down") + (i.addresses().isEmpty() ? "" : " (" + LocalState.addressesText(i) + ")"));
            }
        }
        out.add(new Finding("route", up.isEmpty() ? "This computer has no network interface besides loopback."
                : "Interfaces: " + String.join("; ", up) + "."));
        return out;
    }

    /** Connecting a UDP socket makes the kernel choose a route and source address; nothing is sent. */
    private static Optional<Finding> sourceAddress(Situation s, SockAddr target) {
        if (s.sockets() == null) {
            return Optional.empty();
        }
        try (NativeSocket probe = s.sockets().open(target.family(), SocketType.DGRAM)) {
            probe.connect(target);
            SockAddr local = probe.localAddress();
            return local == null ? Optional.empty() : Optional.of(new Finding("route",
                    "This computer would send from " + local.host() + " (found by connecting a UDP socket, which sends nothing)."));
        } catch (SysException e) {
            return Optional.of(new Finding("route", "Asking the kernel for a route to " + target.host() + " fails the same "
                    + "way: " + e.error() + "."));
        }
    }
}
