package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.FamilyResults;
import org.connectdoctor.probe.FamilyResults.FamilyResult;
import org.connectdoctor.probe.FamilyResults.Verdict;
import org.connectdoctor.probe.Race;
import org.connectdoctor.probe.Target;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.RouteLookup;

/**
 * Both address families, the way applications meet them (issue 22 §1): when a name has IPv6 and
 * IPv4 addresses and one family connects while the other times out or is unreachable, that is the
 * finding, with what it does to programs that do not race the two. Where the broken family is
 * IPv6 and this computer's own state explains it (no IPv6 route, only link-local IPv6 addresses),
 * that is named as the reason; where the state cannot be read, the finding says so and guesses
 * nothing.
 */
final class DualStackCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        FamilyResults f = s.families();
        if (f == null || !s.hasProbe() || !(s.request().target() instanceof Target.Inet in)) {
            return List.of();
        }
        String host = in.host();
        List<Finding> out = new ArrayList<>();
        if (f.race() != null) {
            raceFinding(f.race(), host).ifPresent(out::add);
        }
        if (!f.split()) {
            return out;
        }
        FamilyResult v6 = f.get(Family.INET6);
        FamilyResult v4 = f.get(Family.INET);
        FamilyResult works = v6.verdict() == Verdict.CONNECTED ? v6 : v4;
        FamilyResult broken = works == v6 ? v4 : v6;
        out.addAll(split(s, host, works, broken));
        return out;
    }

    /** A race's outcome in words, when one family won while the other was still connecting. */
    private static java.util.Optional<Finding> raceFinding(Race race, String host) {
        Race.Leg w = race.winning();
        if (w == null) {
            return java.util.Optional.empty();
        }
        for (Race.Leg leg : race.legs()) {
            if (leg.lost() && leg.family() != w.family()) {
                return java.util.Optional.of(new Finding("dual-stack", "Racing both address families (Happy Eyeballs), "
                        + w.family().label() + " won: " + w.attempt().address().host() + " connected "
                        + millis(w.endedAfterNanos()) + " after the race began, while the " + leg.family().label()
                        + " attempt to " + leg.attempt().address().host() + " (started " + millis(leg.startedAfterNanos())
                        + " in) had still not connected and was cancelled after " + millis(leg.attempt().elapsedNanos())
                        + ". Whether " + leg.family().label() + " to " + host + " works at all, a probe with "
                        + (leg.family() == Family.INET6 ? "-6" : "-4") + " tells."));
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Finding> split(Situation s, String host, FamilyResult works, FamilyResult broken) {
        Attempt bad = broken.attempt();
        Attempt good = works.attempt();
        String how = broken.verdict() == Verdict.TIMED_OUT ? "times out" : broken.verdict() == Verdict.UNREACHABLE
                ? "is unreachable" : broken.verdict() == Verdict.REFUSED ? "is refused" : "fails";
        String badFamily = broken.family().label();
        String goodFamily = works.family().label();
        String detail = bad.error() != null ? bad.error().toString() : "no answer and no error within "
                + millis(bad.elapsedNanos());
        String text = badFamily + " to " + host + " " + how + " while " + goodFamily + " connects: "
                + bad.address().host() + " port " + bad.address().port() + " gave " + detail + "; "
                + good.address().host() + " port " + good.address().port() + " connected in " + millis(good.elapsedNanos())
                + ".";
        String consequence;
        if (broken.family() == Family.INET6) {
            consequence = broken.verdict() == Verdict.TIMED_OUT
                    ? "Programs that do not race both address families try IPv6 first, wait for the IPv6 timeout "
                    + "(often 20 s or more) before they try IPv4, or fail if they give up first or use IPv6 only; "
                    + "programs that race them (Happy Eyeballs: browsers, curl) connect over IPv4 at once."
                    : "Programs that try IPv6 only fail; programs that fall back to IPv4 connect, since the error "
                    + "comes back at once.";
        } else {
            consequence = broken.verdict() == Verdict.TIMED_OUT
                    ? "Programs that use IPv4 only (or are told to, such as with -4) wait for the timeout and fail; "
                    + "programs that try IPv6 first connect."
                    : "Programs that use IPv4 only (or are told to, such as with -4) fail; programs that try IPv6 "
                    + "first connect.";
        }
        List<Finding> out = new ArrayList<>();
        String reason = null;
        Fault fault = Fault.NETWORK;
        if (broken.family() == Family.INET6) {
            LocalReason local = localReason(s, bad.address());
            if (local.finding != null) {
                out.add(local.finding);
            }
            reason = local.reason;
            if (reason != null) {
                fault = Fault.THIS_COMPUTER;
            }
        }
        Commands c = s.commands();
        List<String> steps = new ArrayList<>();
        if (reason != null) {
            steps.add("Give this computer working " + badFamily + " (an " + badFamily + " address with a default route"
                    + (c.addresses() == null ? "" : "; " + c.addresses() + " shows what it has") + "), or make the "
                    + "application use " + goodFamily + " for " + host + ".");
        } else {
            String trace = c.traceroute(bad.address().host());
            steps.add("Find where " + badFamily + " to " + bad.address().host() + " is lost: a firewall on the way or "
                    + "on the server that filters " + badFamily + ", or a router without " + badFamily + " routing"
                    + (trace == null ? "" : " (" + trace + " shows how far it gets)") + ".");
        }
        steps.add("Compare both families directly: connect-doctor probe -6 " + host + ":" + bad.address().port()
                + " and connect-doctor probe -4 " + host + ":" + good.address().port() + ".");
        if (broken.family() == Family.INET6) {
            steps.add("Until it is fixed, make the failing application use IPv4 for " + host + " (many have an option "
                    + "to prefer IPv4), or have the name's owner remove its IPv6 (AAAA) record if IPv6 is not served.");
        } else {
            steps.add("Until it is fixed, use IPv6 for " + host + " in the applications that offer the choice, or "
                    + "have the name's owner remove its IPv4 (A) record if IPv4 is not served.");
        }
        String meaning = host + " can be reached over " + goodFamily + " but " + badFamily + " connections to it "
                + (how.equals("is refused") ? "are refused" : how.equals("is unreachable") ? "are unreachable"
                : how.equals("times out") ? "time out" : "fail")
                + (reason != null ? ", because " + reason : "") + ". " + consequence;
        out.add(0, new Finding("dual-stack", text + " " + consequence, new Diagnosis(meaning, fault, steps)));
        return out;
    }

    private record LocalReason(String reason, Finding finding) {
    }

    /**
     * This computer's own reason for IPv6 failing, from its routing table and interfaces: no route
     * to the address, or only link-local IPv6 addresses. A reading that failed says so, and gives no reason.
     */
    private static LocalReason localReason(Situation s, SockAddr target) {
        Read<List<NetInterface>> interfaces = s.host().interfaces();
        Finding unread = null;
        if (interfaces instanceof Read.Known<List<NetInterface>> k) {
            boolean global = false;
            boolean linkLocal = false;
            for (NetInterface i : k.value()) {
                if (i.loopback() || !i.up()) {
                    continue;
                }
                for (NetInterface.Address a : i.addresses()) {
                    if (a.address() instanceof SockAddr.Inet6 v6) {
                        if (isLinkLocal(v6)) {
                            linkLocal = true;
                        } else {
                            global = true;
                        }
                    }
                }
            }
            if (!global && linkLocal) {
                String r = "this computer has only link-local IPv6 addresses (fe80::…), which reach the local "
                        + "network segment only";
                return new LocalReason(r, new Finding("dual-stack", "This computer has only link-local IPv6 "
                        + "addresses (fe80::…): no IPv6 address that reaches beyond the local network segment."));
            }
        } else if (interfaces instanceof Read.Unknown<List<NetInterface>> u) {
            unread = new Finding("dual-stack", "Whether this computer has an IPv6 address could not be read: "
                    + u.reason() + ".");
        }
        RouteLookup route = s.host().route(target);
        if (route instanceof RouteLookup.NoRoute) {
            String r = "this computer has no IPv6 route to " + target.host();
            String show = s.commands().routeGet(target.host());
            return new LocalReason(r, new Finding("dual-stack", "This computer has no IPv6 route to " + target.host()
                    + " (no default IPv6 route)" + (show == null ? "." : ": " + show + " says so.")));
        }
        if (route instanceof RouteLookup.Unknown u) {
            return new LocalReason(null, new Finding("dual-stack", "Whether this computer has an IPv6 route to "
                    + target.host() + " could not be read: " + u.reason() + "."));
        }
        return new LocalReason(null, unread);
    }

    /** fe80::/10. */
    private static boolean isLinkLocal(SockAddr.Inet6 a) {
        return (a.high() >>> 54) == 0x3fa;
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
