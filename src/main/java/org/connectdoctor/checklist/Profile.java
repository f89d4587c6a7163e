package org.connectdoctor.checklist;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A named list of checks, as a help-desk person writes it and mails it to a colleague.
 *
 * @param name   what the list is for ("Accounting app")
 * @param checks in the order written, names unique
 */
public record Profile(String name, List<Check> checks) {
    public Profile {
        Objects.requireNonNull(name, "name");
        checks = List.copyOf(checks);
    }

    /**
     * The checks that {@code only} names and that carry one of {@code tags}; an empty collection
     * does not filter. Names and tags compare without regard to case.
     */
    public List<Check> select(Collection<String> only, Collection<String> tags) {
        List<String> names = only.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<String> wanted = tags.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        List<Check> out = new ArrayList<>();
        for (Check c : checks) {
            boolean named = names.isEmpty() || names.contains(c.name().toLowerCase(Locale.ROOT));
            boolean tagged = wanted.isEmpty() || c.tags().stream().anyMatch(wanted::contains);
            if (named && tagged) {
                out.add(c);
            }
        }
        return out;
    }

    /** The same profile with one more check at the end. */
    public Profile with(Check check) {
        List<Check> more = new ArrayList<>(checks);
        more.add(check);
        return new Profile(name, more);
    }
}
