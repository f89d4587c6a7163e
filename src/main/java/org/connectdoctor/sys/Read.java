package org.connectdoctor.sys;

import java.util.function.Function;

/**
 * What a reader of this computer's state got: the value it read, or why it could not read its
 * source. A {@link Known} empty list means "read, and there is none"; {@link Unknown} means
 * "cannot tell" (permission, a masked kernel table, another OS, not written yet) and must never be
 * shown as "nothing there".
 */
public sealed interface Read<T> permits Read.Known, Read.Unknown {

    record Known<T>(T value) implements Read<T> {
    }

    /** @param reason what could not be read and why, in words: "the TCP socket table does not exist" */
    record Unknown<T>(String reason) implements Read<T> {
    }

    static <T> Read<T> known(T value) {
        return new Known<>(value);
    }

    static <T> Read<T> unknown(String reason) {
        return new Unknown<>(reason);
    }

    /** The value when known, else {@code fallback}. */
    default T orElse(T fallback) {
        return this instanceof Known<T> k ? k.value() : fallback;
    }

    default boolean isKnown() {
        return this instanceof Known;
    }

    default <R> Read<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Known<T> k) {
            return new Known<>(f.apply(k.value()));
        }
        return new Unknown<>(((Unknown<T>) this).reason());
    }
}
