package org.connectdoctor.history;

import java.util.Objects;

/**
 * One fact about a run's context as it was when the run ended: a value, "none" (a route without
 * gateway), or unknown with the reason. Unknown is never compared as if it were a value: a diff
 * says it could not compare instead of naming a change.
 *
 * @param value   what was read; null with {@code unknown} null means "read, and there is none"
 * @param unknown why it could not be read, or null when it was
 */
public record Fact<T>(T value, String unknown) {

    public Fact {
        if (value != null && unknown != null) {
            throw new IllegalArgumentException("a fact is known or unknown, not both");
        }
    }

    public static <T> Fact<T> known(T value) {
        return new Fact<>(value, null);
    }

    public static <T> Fact<T> none() {
        return new Fact<>(null, null);
    }

    public static <T> Fact<T> unknown(String reason) {
        return new Fact<>(null, Objects.requireNonNull(reason, "reason"));
    }

    public boolean isKnown() {
        return unknown == null;
    }
}
