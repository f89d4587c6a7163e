package org.connectdoctor.probe;

import org.connectdoctor.net.Family;

/** The address family the user asked for. */
public enum FamilyChoice {
    /** Whatever the target resolves to; Unix for a path. */
    AUTO(null),
    IPV4(Family.INET),
    IPV6(Family.INET6),
    UNIX(Family.UNIX);

    private final Family family;

    FamilyChoice(Family family) {
        this.family = family;
    }

    /** The family this choice fixes, or null for AUTO. */
    public Family family() {
        return family;
    }
}
