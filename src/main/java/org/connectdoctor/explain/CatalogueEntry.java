package org.connectdoctor.explain;

import java.util.List;
import java.util.Set;
import org.connectdoctor.man.ManRef;

/**
 * One entry of the error catalogue.
 *
 * @param key        ECONNREFUSED, EAI_NONAME, TIMED_OUT, …
 * @param qualifiers the context it is for (ip, unix, dgram, call:bind, …); empty for any
 * @param fault      who is usually at fault
 * @param pages      the pages to quote, in order of preference
 * @param match      words that pick the right entry where a page lists the key several times
 * @param quote      the errno whose man entry to quote when the key itself is not an errno
 * @param meaning    one line in plain words, with placeholders
 * @param steps      what to do, in order, with placeholders
 */
public record CatalogueEntry(String key, Set<String> qualifiers, Fault fault, List<ManRef> pages, String match,
                             String quote, String meaning, List<String> steps) {
    public CatalogueEntry {
        qualifiers = Set.copyOf(qualifiers);
        pages = List.copyOf(pages);
        steps = List.copyOf(steps);
    }
}
