package org.connectdoctor.probe;

import java.util.List;
import org.connectdoctor.net.Family;

/**
 * How the addresses of one round raced (RFC 8305 Happy Eyeballs): every attempt that started, when
 * it started, and how it ended. Each attempt keeps its own connect(2) result; one that was still
 * connecting when another won is closed and reported CANCELLED with {@link Leg#lost()} set.
 *
 * @param legs               the attempts in the order they started (the order of {@link Leg#startedAfterNanos})
 * @param winner             the position in {@code legs} of the attempt that connected first; -1 when none did
 * @param attemptDelayNanos  the Connection Attempt Delay the race used
 */
public record Race(List<Leg> legs, int winner, long attemptDelayNanos) {

    public Race {
        legs = List.copyOf(legs);
        if (winner < -1 || winner >= legs.size()) {
            throw new IllegalArgumentException("winner " + winner + " of " + legs.size());
        }
    }

    /**
     * One racing attempt.
     *
     * @param attempt          its result, as an attempt in order would report it
     * @param startedAfterNanos when its socket(2) ran, counted from the start of the race
     * @param lost             it was still connecting when another attempt won, and was cancelled
     */
    public record Leg(Attempt attempt, long startedAfterNanos, boolean lost) {

        public Family family() {
            return attempt.address().family();
        }

        /** When its result came, counted from the start of the race. */
        public long endedAfterNanos() {
            return startedAfterNanos + attempt.elapsedNanos();
        }
    }

    /** The winning attempt, or null. */
    public Leg winning() {
        return winner < 0 ? null : legs.get(winner);
    }
}
