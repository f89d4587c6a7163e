package org.connectdoctor.explain;

import java.util.List;

/**
 * What a finding establishes about the cause, when it explains the result better than the
 * catalogue's general entry for the errno: a blackhole route behind EINVAL, a full accept queue
 * behind a timeout. The explanation then takes its meaning, fault and steps from here, so the
 * headline, "usually at fault" and the steps follow the findings instead of contradicting them.
 *
 * @param meaning one line in plain words, as a catalogue meaning reads
 * @param fault   who is usually at fault, given this finding
 * @param steps   what to do, in order; empty keeps the catalogue's steps
 */
public record Diagnosis(String meaning, Fault fault, List<String> steps) {
    public Diagnosis {
        if (meaning == null || meaning.isBlank() || fault == null) {
            throw new IllegalArgumentException("a diagnosis needs a meaning and a fault");
        }
        steps = List.copyOf(steps);
    }
}
