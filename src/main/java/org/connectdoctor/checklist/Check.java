package org.connectdoctor.checklist;

import java.util.List;
import java.util.Objects;
import org.connectdoctor.probe.ProbeRequest;

/**
 * One line of a checklist, validated: a name unique in its profile, the probe to run (target,
 * socket type, timeout, source, payload, broadcast), its tags and what it is expected to find.
 *
 * @param name    unique within the profile; the target as written when the profile names none
 * @param request the probe, built and validated like the command line's
 * @param tags    lower-case words for {@code --tag}, in the order written
 * @param expect  what must happen for the check to pass
 */
public record Check(String name, ProbeRequest request, List<String> tags, Expectation expect) {
    public Check {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expect, "expect");
        tags = List.copyOf(tags);
    }
}
