package org.connectdoctor.explain;

import java.util.List;

/**
 * A look at this computer's state that turns a result into facts ("nothing listens on port
 * 5433 here; a service listens on ::1 port 5432"). A check reads local state only, never sends
 * anything, and decides for itself whether it has something to say.
 */
interface Check {
    /** The facts found; empty when the check does not apply or found nothing to say. */
    List<Finding> findings(Situation situation);

    /** One-click follow-ups the findings justify. */
    default List<Action> actions(Situation situation, List<Finding> findings) {
        return List.of();
    }
}
