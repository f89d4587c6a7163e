package org.connectdoctor.probe;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Durations as the command line and the window take them: 1500ms, 2s, 0.5s, 1m. */
public final class Durations {
    private Durations() {
    }

    /**
     * Parses {@code text} for the option {@code what} (used in messages) and checks it lies in
     * [{@code min}, {@code max}].
     */
    public static Duration parse(String text, String what, Duration min, Duration max) throws InvalidInputException {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new InvalidInputException("The " + what + " is empty. Write a number with a unit: 1500ms, 2s, 0.5s or 1m.");
        }
        TargetParser.checkControlCharacters(s, what);
        int unitAt = 0;
        while (unitAt < s.length() && ((s.charAt(unitAt) >= '0' && s.charAt(unitAt) <= '9') || s.charAt(unitAt) == '.')) {
            unitAt++;
        }
        String number = s.substring(0, unitAt);
        String unit = s.substring(unitAt).strip();
        if (number.isEmpty() || number.chars().filter(c -> c == '.').count() > 1 || number.equals(".")
                || number.length() > 12) {
            throw new InvalidInputException(TargetParser.quote(text) + " is not a " + what
                    + ". Write a number with a unit: 1500ms, 2s, 0.5s or 1m.");
        }
        long nanosPerUnit;
        switch (unit) {
            case "ms": nanosPerUnit = 1_000_000L; break;
            case "s": case "sec": nanosPerUnit = 1_000_000_000L; break;
            case "m": case "min": nanosPerUnit = 60_000_000_000L; break;
            case "us": case "µs": nanosPerUnit = 1_000L; break;
            case "":
                throw new InvalidInputException(TargetParser.quote(text) + " has no unit. Write " + number + "s, " + number
                        + "ms or another number with a unit (ms, s, m).");
            default:
                throw new InvalidInputException(TargetParser.quote(unit) + " is not a unit of time. Use ms, s or m, e.g. 1500ms, 2s, 1m.");
        }
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit));
        Duration d = Duration.ofNanos(nanos.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidInputException("A " + what + " of " + TargetParser.quote(text.strip()).replace("\"", "") + " is outside the accepted range, "
                    + format(min) + " to " + format(max) + ".");
        }
        return d;
    }

    /** Short human form: 250ms, 5s, 1.5s, 2m. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 && !d.isZero()) {
            return d.toNanos() / 1000 + "us";
        }
        if (ms < 1000 || ms % 1000 != 0 && ms < 10_000) {
            return ms < 1000 ? ms + "ms" : BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
