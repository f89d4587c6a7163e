package org.connectdoctor.probe;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;

/**
 * How each address family fared in a probe whose name resolved to both IPv6 and IPv4 addresses:
 * what a user needs to know about programs that try one family only, or one after the other.
 * Read from the attempts the report keeps (and its race, for a Happy Eyeballs probe).
 *
 * @param families IPv6 first, then IPv4
 * @param race     the race the results came from; null for addresses tried in order
 */
public record FamilyResults(List<FamilyResult> families, Race race) {

    public FamilyResults {
        families = List.copyOf(families);
    }

    /** How one family's addresses ended. */
    public enum Verdict {
        /** An address of the family connected. */
        CONNECTED,
        /** Every attempt of the family timed out: nothing came back. */
        TIMED_OUT,
        /** The kernel or a router said the address cannot be reached (ENETUNREACH, EHOSTUNREACH, …). */
        UNREACHABLE,
        /** The host answered with a refusal (ECONNREFUSED). */
        REFUSED,
        /** Another failure: the attempt's error says which. */
        FAILED,
        /** Still connecting when an address of the other family connected: cancelled (Happy Eyeballs). */
        LOST_RACE,
        /** The user cancelled the probe while the family's attempt ran. */
        CANCELLED,
        /** No attempt: an address of the other family connected first. */
        NOT_TRIED
    }

    /**
     * @param family    IPv6 or IPv4
     * @param addresses how many addresses of the family the name resolved to
     * @param tried     how many of them were attempted
     * @param verdict   how the family fared
     * @param attempt   the attempt the verdict rests on (the connected one, else the first tried); null when none
     */
    public record FamilyResult(Family family, int addresses, int tried, Verdict verdict, Attempt attempt) {
    }

    /** The results, or null unless the name resolved to addresses of both families. */
    public static FamilyResults of(ProbeReport report) {
        Resolution r = report.resolution();
        if (r == null || r.addresses().isEmpty()) {
            return null;
        }
        int v6 = count(r.addresses(), Family.INET6);
        int v4 = count(r.addresses(), Family.INET);
        if (v6 == 0 || v4 == 0) {
            return null;
        }
        List<FamilyResult> out = new ArrayList<>(2);
        out.add(result(report, Family.INET6, v6));
        out.add(result(report, Family.INET, v4));
        return new FamilyResults(out, report.race());
    }

    /** The result for {@code family}. */
    public FamilyResult get(Family family) {
        for (FamilyResult f : families) {
            if (f.family() == family) {
                return f;
            }
        }
        throw new IllegalArgumentException("no result for " + family);
    }

    /**
     * True when one family connected and the other did not get through on its own account
     * (timed out, unreachable, refused, failed): the case that hurts programs that do not race.
     */
    public boolean split() {
        Verdict a = families.get(0).verdict();
        Verdict b = families.get(1).verdict();
        return (a == Verdict.CONNECTED && isFailure(b)) || (b == Verdict.CONNECTED && isFailure(a));
    }

    static boolean isFailure(Verdict v) {
        return v == Verdict.TIMED_OUT || v == Verdict.UNREACHABLE || v == Verdict.REFUSED || v == Verdict.FAILED;
    }

    private static int count(List<SockAddr> addresses, Family f) {
        int n = 0;
        for (SockAddr a : addresses) {
            if (a.family() == f) {
                n++;
            }
        }
        return n;
    }

    private static FamilyResult result(ProbeReport report, Family family, int addresses) {
        Race race = report.race();
        List<Attempt> attempts = new ArrayList<>();
        List<Boolean> lost = new ArrayList<>();
        if (race != null) {
            for (Race.Leg leg : race.legs()) {
                if (leg.family() == family) {
                    attempts.add(leg.attempt());
                    lost.add(leg.lost());
                }
            }
        } else {
            int lastRound = report.attempts().isEmpty() ? 0 : report.attempts().get(report.attempts().size() - 1).round();
            for (Attempt a : report.attempts()) {
                // repeated probes: the last round kept says how the family fares now
                if (a.round() == lastRound && a.address().family() == family) {
                    attempts.add(a);
                    lost.add(false);
                }
            }
        }
        if (attempts.isEmpty()) {
            return new FamilyResult(family, addresses, 0, Verdict.NOT_TRIED, null);
        }
        for (Attempt a : attempts) {
            if (a.outcome().isSuccess()) {
                return new FamilyResult(family, addresses, attempts.size(), Verdict.CONNECTED, a);
            }
        }
        Attempt first = attempts.get(0);
        Verdict v;
        if (lost.contains(true)) {
            v = Verdict.LOST_RACE;
            first = attempts.get(lost.indexOf(true));
        } else {
            v = switch (first.outcome()) {
                case TIMED_OUT, NO_REPLY -> Verdict.TIMED_OUT;
                case CANCELLED -> Verdict.CANCELLED;
                default -> verdictOf(first);
            };
        }
        return new FamilyResult(family, addresses, attempts.size(), v, first);
    }

    private static Verdict verdictOf(Attempt a) {
        if (a.error() == null) {
            return Verdict.FAILED;
        }
        Errno e = a.error().errno();
        if (e == Errno.ECONNREFUSED) {
            return Verdict.REFUSED;
        }
        if (e == Errno.ENETUNREACH || e == Errno.EHOSTUNREACH || e == Errno.EADDRNOTAVAIL || e == Errno.ETIMEDOUT) {
            return e == Errno.ETIMEDOUT ? Verdict.TIMED_OUT : Verdict.UNREACHABLE;
        }
        return Verdict.FAILED;
    }
}
