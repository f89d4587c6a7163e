package org.connectdoctor.ui;

import java.util.Locale;
import org.connectdoctor.explain.Action;

/**
 * A one-click next step under the explanation. Either one of the explanation's own actions, or
 * one the window adds from the run itself: try the other loopback family where the service
 * listens, a longer timeout after a time-out, a look at a Unix socket's path.
 *
 * @param kind   what it does
 * @param label  the button's words ("Try [::1]:8765")
 * @param action the explanation's action, for {@link Kind#EXPLAINED}; else null
 * @param value  the new target for {@link Kind#TRY_TARGET}, the new timeout for
 *               {@link Kind#LONGER_TIMEOUT}, the path for {@link Kind#CHECK_PATH}, the proxy's URL for
 *               {@link Kind#THROUGH_PROXY}; else null
 */
public record FollowUp(Kind kind, String label, Action action, String value) {

    public enum Kind { EXPLAINED, TRY_TARGET, LONGER_TIMEOUT, CHECK_PATH, THROUGH_PROXY }

    static FollowUp of(Action a) {
        return new FollowUp(Kind.EXPLAINED, a.label(), a, null);
    }

    /** The node id of its button: action-retry-as-datagram, action-try-target, … */
    public String id() {
        String name = kind == Kind.EXPLAINED ? action.name() : kind.name();
        return "action-" + name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
