package org.connectdoctor.explain;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.net.Os;

/**
 * One entry of the error catalogue.
 *
 * @param key        a portable cause (refused, timed-out: {@link org.connectdoctor.net.Cause#id}),
 *                   EAI_NONAME, TIMED_OUT, …
 * @param qualifiers the context it is for (ip, unix, dgram, call:bind, windows, errno:ECONNRESET, …);
 *                   empty for any
 * @param fault      who is usually at fault
 * @param pages      the pages to quote, in order of preference
 * @param match      words that pick the right entry where a page lists the key several times
 * @param quote      the errno whose man entry to quote when it is not the one reported
 * @param meaning    one line in plain words, with placeholders
 * @param meanings   the line that replaces {@code meaning} on one system, where that system differs
 * @param steps      what to do, in order, with placeholders, each for the systems it names
 */
public record CatalogueEntry(String key, Set<String> qualifiers, Fault fault, List<ManRef> pages, String match,
                             String quote, String meaning, Map<Os, String> meanings, List<Step> steps) {
    public CatalogueEntry {
        qualifiers = Set.copyOf(qualifiers);
        pages = List.copyOf(pages);
        meanings = Map.copyOf(meanings);
        steps = List.copyOf(steps);
    }

    /** The plain meaning as shown on {@code os}. */
    public String meaning(Os os) {
        return meanings.getOrDefault(os, meaning);
    }

    /** The steps shown on {@code os}, in order. */
    public List<String> steps(Os os) {
        return steps.stream().filter(s -> s.appliesTo(os)).map(Step::text).toList();
    }

    /**
     * One remediation step.
     *
     * @param systems the systems it is shown on: every one for a step that names no tool of one system
     * @param text    the step, with placeholders
     */
    public record Step(Set<Os> systems, String text) {
        public Step {
            systems = systems.isEmpty() ? Set.copyOf(EnumSet.allOf(Os.class)) : Set.copyOf(systems);
        }

        public boolean appliesTo(Os os) {
            return systems.contains(os);
        }
    }
}
