package org.connectdoctor.ui;

import java.util.Locale;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.probe.Resolution;

/**
 * One line of the attempts table: a finished attempt, the attempt (or lookup) in progress, a
 * name lookup that failed and so has no attempt at all, or the run of an earlier session as the
 * history saved it.
 */
public sealed interface AttemptRow permits AttemptRow.Done, AttemptRow.Running, AttemptRow.LookupFailed, AttemptRow.Saved {

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

        /**
         * The result cell's words, in short lines that wrap in a narrow column without cutting a
         * word: "2 s left of 5 s", "connecting, address 2 of 4", "attempt 3 of 100". The address
         * is in its own column; the status line says the whole phase in one sentence.
         */
        public String cellWords(long nowNanos) {
            // short enough for the Result column at its minimum width; the status line says it in full
            String phase = address == null ? "name lookup"
                    : type == SocketType.DGRAM ? "waiting for a reply" : "connecting";
            String position = of > 1 ? ", address " + index + " of " + of : "";
            String attempt = attemptWords();
            return countdown(nowNanos) + "\n" + phase + position + (attempt.isEmpty() ? "" : "\n" + attempt);
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
         * The countdown: "4 s left of 5 s", in whole seconds rounded to the nearest, so that it
         * changes once a second and adds up with the status line's clock (3.0 s gone, 2 s left
         * of 5 s); in the last second, tenths: "0.4 s left of 5 s".
         */
        public String countdown(long nowNanos) {
            double left = secondsLeft(nowNanos);
            String of = seconds(limitNanos);
            return left >= 1
                    ? String.format(Locale.ROOT, "%d s left of %s", Math.round(left), of)
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
            return "not resolved: " + resolution.error().nativeSymbol();
        }
    }

    /**
     * A run of an earlier session: the history keeps its verdict, the address it rests on, the
     * error and the call that reported it, and its time; not every attempt.
     */
    record Saved(org.connectdoctor.history.RunRecord record) implements AttemptRow {
        public String numberText(boolean repeated) {
            return "\u2013";
        }

        public String addressText() {
            return record.address() != null ? record.address() : record.target();
        }

        public String familyText() {
            String a = addressText();
            return record.address() == null ? "" : a.startsWith("[") ? Family.INET6.label()
                    : a.startsWith("/") || a.startsWith("unix:") ? Family.UNIX.label() : Family.INET.label();
        }

        public String localText() {
            return "";
        }

        public String phaseText() {
            return record.failedCall() == null ? "" : record.failedCall();
        }

        /** The result column's words: the error's symbol, else the verdict in a word or two. */
        public String resultText() {
            return record.errno() != null ? org.connectdoctor.net.NumberTable.nativeSymbol(record.errno(),
                    record.errnoNumber()) : words(record.outcome());
        }
    }

    /** An outcome in a word or two, as the result column shows it when there is no error symbol. */
    static String words(org.connectdoctor.probe.Outcome o) {
        return switch (o) {
            case CONNECTED -> "connected";
            case ANSWERED -> "answered";
            case NO_REPLY -> "no reply";
            case TIMED_OUT -> "timed out";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
            case RESOLUTION_FAILED -> "not resolved";
            case LOOKUP_TIMED_OUT -> "lookup timed out";
        };
    }
}
