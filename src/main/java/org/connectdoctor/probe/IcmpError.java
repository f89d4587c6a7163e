package org.connectdoctor.probe;

import java.util.Objects;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;

/**
 * An ICMP or ICMPv6 error message that came back for a probe's datagram, as the kernel's error
 * queue reports it (IP_RECVERR): who sent it and what it says. Names follow RFC 792 / RFC 1812
 * (ICMP) and RFC 4443 (ICMPv6).
 *
 * @param family   INET for ICMP, INET6 for ICMPv6
 * @param type     the ICMP type (3 destination unreachable, 11 time exceeded; ICMPv6 1, 2, 3, 4)
 * @param code     the ICMP code (for type 3: 1 host unreachable, 3 port unreachable, 13 prohibited …)
 * @param info     for "fragmentation needed" (3/4) and "packet too big" (ICMPv6 2): the next-hop
 *                 MTU; otherwise 0
 * @param offender the host or router that sent the message; null when the kernel did not say
 * @param target   the address the probe's datagram was sent to
 * @param error    the errno the kernel made of it (ECONNREFUSED for port unreachable, EHOSTUNREACH
 *                 for host unreachable and prohibited, …)
 */
public record IcmpError(Family family, int type, int code, int info, SockAddr offender, SockAddr target,
                        SysError error) {

    public IcmpError {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(error, "error");
    }

    /** "ICMP" or "ICMPv6". */
    public String protocol() {
        return family == Family.INET6 ? "ICMPv6" : "ICMP";
    }

    /** The offender is the target host itself (for example port unreachable), not a router on the way. */
    public boolean fromTarget() {
        return offender != null && offender.host().equals(target.host());
    }

    /** What the message says: "host unreachable", "communication administratively prohibited", … */
    public String meaning() {
        String m = family == Family.INET6 ? icmp6(type, code) : icmp4(type, code);
        return m != null ? m : "message of an unnamed type";
    }

    /**
     * One line for reports: "ICMP host unreachable (type 3, code 1) from router 10.1.0.1", or
     * "… from 10.91.2.2, the target itself" when the target host answered.
     */
    public String describe() {
        StringBuilder b = new StringBuilder(protocol()).append(' ').append(meaning())
                .append(" (type ").append(type).append(", code ").append(code).append(')');
        if (info != 0 && isTooBig()) {
            b.append(", next-hop MTU ").append(info);
        }
        if (offender == null) {
            b.append(", sender not reported");
        } else if (fromTarget()) {
            b.append(" from ").append(offender.host()).append(", the target itself");
        } else {
            b.append(" from router ").append(offender.host());
        }
        return b.toString();
    }

    private boolean isTooBig() {
        return family == Family.INET6 ? type == 2 : type == 3 && code == 4;
    }

    private static String icmp4(int type, int code) {
        return switch (type) {
            case 3 -> switch (code) {
                case 0 -> "network unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case 4 -> "fragmentation needed";
                case 5 -> "source route failed";
                case 6 -> "destination network unknown";
                case 7 -> "destination host unknown";
                case 8 -> "source host isolated";
                case 9 -> "network administratively prohibited";
                case 10 -> "host administratively prohibited";
                case 11 -> "network unreachable for type of service";
                case 12 -> "host unreachable for type of service";
                case 13 -> "communication administratively prohibited";
                case 14 -> "host precedence violation";
                case 15 -> "precedence cutoff in effect";
                default -> "destination unreachable";
            };
            case 4 -> "source quench";
            case 5 -> "redirect";
            case 11 -> code == 1 ? "fragment reassembly time exceeded" : "time to live exceeded in transit";
            case 12 -> "parameter problem";
            default -> null;
        };
    }

    private static String icmp6(int type, int code) {
        return switch (type) {
            case 1 -> switch (code) {
                case 0 -> "no route to destination";
                case 1 -> "communication administratively prohibited";
                case 2 -> "beyond scope of source address";
                case 3 -> "address unreachable";
                case 4 -> "port unreachable";
                case 5 -> "source address failed ingress/egress policy";
                case 6 -> "reject route to destination";
                case 7 -> "error in source routing header";
                default -> "destination unreachable";
            };
            case 2 -> "packet too big";
            case 3 -> code == 1 ? "fragment reassembly time exceeded" : "hop limit exceeded in transit";
            case 4 -> "parameter problem";
            default -> null;
        };
    }
}
