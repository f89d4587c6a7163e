package org.connectdoctor.ui;

import java.util.Locale;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Resolution;

/**
 * One line of the attempts table: a finished attempt, the attempt (or lookup) in progress, or a
 * name lookup that failed and so has no attempt at all.
 */
public sealed interface AttemptRow permits AttemptRow.Done, AttemptRow.Running, AttemptRow.LookupFailed {

    /** The "#" column: "3" for a single probe, "round.index" for a repeated one. */
    String numberText(boolean repeated);

    /** The "Address" column. */
    String addressText();

    /** The "Family" column. */
    String familyText();

    /** The "Local address" column. */
    String localText();

    /** The "Phase" column. */
    String phaseText();

    /** A finished attempt. */
    record Done(Attempt attempt) implements AttemptRow {
        public String numberText(boolean repeated) {
            return repeated ? attempt.round() + "." + attempt.index() : String.valueOf(attempt.index());
        }

        public String addressText() {
            return attempt.address().display();
        }

        public String familyText() {
            return attempt.address().family().label();
        }

        public String localText() {
            return attempt.local() == null ? "" : attempt.local().display();
        }

        public String phaseText() {
            return attempt.phase().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What runs now: the lookup of {@code host} (address null) or an attempt at {@code address}.
     *
     * @param host         the name being looked up, or the target's host
     * @param address      the address being tried, or null while the name is looked up
     * @param type         the socket type
     * @param round        1-based round of a repeated probe
     * @param rounds       how many rounds were asked for
     * @param index        1-based position of the address
     * @param of           how many addresses there are
     * @param startedNanos System.nanoTime() when this phase began
     * @param limitNanos   the time limit of this phase (the Timeout option)
     */
    record Running(String host, SockAddr address, SocketType type, int round, int rounds, int index, int of,
                   long startedNanos, long limitNanos) implements AttemptRow {

        /** The round is in the result cell's words ("attempt 3 of 100"), which follow the run. */
        public String numberText(boolean repeated) {
            return rounds > 1 ? "\u2026" : String.valueOf(index);
        }

        /** The same address of the same lookup: only the round and its clock differ. */
        boolean sameAddress(Running other) {
            return other != null && java.util.Objects.equals(address, other.address) && index == other.index
                    && of == other.of && type == other.type;
        }

        public String addressText() {
            return address == null ? host : address.display();
        }

        public String familyText() {
            return address == null ? "" : address.family().label();
        }

        public String localText() {
            return "";
        }

        public String phaseText() {
            return address == null ? "lookup" : "running";
        }

        /** The phase in words: "looking up db01", "connecting to 10.0.0.5:443, address 2 of 4". */
        public String phaseWords() {
            if (address == null) {
                return "looking up " + host;
            }
            String where = address.display();
            String position = of > 1 ? ", address " + index + " of " + of : "";
            if (type == SocketType.DGRAM) {
                return (address.family() == Family.UNIX ? "waiting for a reply from " + where
                        : "waiting for a UDP reply from " + where) + position;
            }
            return "connecting to " + where + position;
        }

        /** The status line's words: "Sending to …, waiting for reply" for datagrams, "Connecting to …". */
        public String statusWords() {
            if (address == null) {
                return "Looking up " + host + " \u2026";
            }
            String rounds = this.rounds > 1 ? ", attempt " + round + " of " + this.rounds : "";
            String position = of > 1 ? " (address " + index + " of " + of + rounds + ")"
                    : rounds.isEmpty() ? "" : " (" + rounds.substring(2) + ")";
            if (type == SocketType.DGRAM) {
                return "Sending to " + address.display() + ", waiting for reply" + position + " \u2026";
            }
            return "Connecting to " + address.display() + position + " \u2026";
        }

        /** Seconds left of the limit at {@code nowNanos}, never below zero. */
        public double secondsLeft(long nowNanos) {
            return Math.max(0, (limitNanos - (nowNanos - startedNanos)) / 1e9);
        }

        /**
         * The countdown: "4 s left of 5 s", in whole seconds (rounded up) so that it changes once a
         * second, not on every tick; below a second, "0.3 s left of 500 ms"-style tenths.
         */
        public String countdown(long nowNanos) {
            double left = secondsLeft(nowNanos);
            String of = seconds(limitNanos);
            return left >= 1 || limitNanos >= 1_000_000_000L
                    ? String.format(Locale.ROOT, "%d s left of %s", (long) Math.ceil(left), of)
                    : String.format(Locale.ROOT, "%.1f s left of %s", left, of);
        }

        /** "attempt 3 of 100" for a repeated probe, else empty. */
        public String attemptWords() {
            return rounds > 1 ? "attempt " + round + " of " + rounds : "";
        }

        private static String seconds(long nanos) {
            double s = nanos / 1e9;
            return s == Math.rint(s) ? String.format(Locale.ROOT, "%d s", (long) s)
                    : String.format(Locale.ROOT, "%.1f s", s);
        }
    }

    /** The name lookup failed or ran out of time: the probe's verdict, as its own row. */
    record LookupFailed(Resolution resolution, boolean timedOut) implements AttemptRow {
        public String numberText(boolean repeated) {
            return "\u2013";
        }

        public String addressText() {
            return resolution.host();
        }

        public String familyText() {
            return "";
        }

        public String localText() {
            return "";
        }

        public String phaseText() {
            return "lookup";
        }

        public String verdict() {
            if (timedOut || resolution.error() == null) {
                return "lookup timed out";
            }
            return "not resolved: " + resolution.error().symbol();
        }
    }
}
