package org.connectdoctor.sys;

import java.util.Objects;

/**
 * A firewall or antivirus product as the operating system's security centre registers it (Windows
 * Security Center): third-party firewalls filter connections on their own, beside or instead of
 * the system's. Read by {@link HostState#securityProducts()}.
 *
 * @param kind   what it protects against
 * @param name   the product's name as it registered it ("Windows Defender Firewall", a vendor's suite)
 * @param state  its state as the security centre reports it
 * @param source where it was read, in words a user can check
 */
public record SecurityProduct(Kind kind, String name, State state, String source) {

    public SecurityProduct {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
    }

    public enum Kind {
        FIREWALL, ANTIVIRUS
    }

    /** WSC_SECURITY_PRODUCT_STATE on Windows. */
    public enum State {
        /** Turned on. */
        ON,
        /** Turned off. */
        OFF,
        /** Paused for a while by the user. */
        SNOOZED,
        /** Its licence has run out. */
        EXPIRED
    }
}
