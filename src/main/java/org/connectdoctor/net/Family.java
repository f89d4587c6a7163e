package org.connectdoctor.net;

/** Address families a probe can use (the domain argument of socket(2)). */
public enum Family {
    INET("IPv4"), INET6("IPv6"), UNIX("Unix");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    /** The name a help-desk reader knows: IPv4, IPv6, Unix. */
    public String label() {
        return label;
    }
}
