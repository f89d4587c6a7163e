package org.connectdoctor.explain;

/** A follow-up the user can take with one click (or one flag) when an explanation suggests it. */
public enum Action {
    /** Probe again with SO_BROADCAST set (--broadcast). */
    RETRY_WITH_BROADCAST("Retry with broadcast", "--broadcast"),
    /** Probe again with IPv4 addresses only (-4). */
    RETRY_IPV4_ONLY("Retry IPv4 only", "-4"),
    /** Probe again with IPv6 addresses only (-6). */
    RETRY_IPV6_ONLY("Retry IPv6 only", "-6"),
    /** Probe again with a datagram socket (--type dgram). */
    RETRY_AS_DATAGRAM("Retry as datagram", "--type dgram"),
    /** Probe again with a stream socket (--type stream). */
    RETRY_AS_STREAM("Retry as stream", "--type stream"),
    /** Probe again with a seqpacket socket (--type seqpacket). */
    RETRY_AS_SEQPACKET("Retry as seqpacket", "--type seqpacket"),
    /** Probe again without the source port (let the system choose). */
    RETRY_WITHOUT_SOURCE_PORT("Retry without the source port", "--source ADDR"),
    /**
     * Fetch the system's own connectivity-check address once (--connectivity-check), to see whether
     * the network answers it or a captive portal does. Not a retry: it sends one HTTP GET.
     */
    CHECK_CONNECTIVITY("Check for a sign-in page", "--connectivity-check");

    private final String label;
    private final String cliHint;

    Action(String label, String cliHint) {
        this.label = label;
        this.cliHint = cliHint;
    }

    public String label() {
        return label;
    }

    /** The command-line option that does the same. */
    public String cliHint() {
        return cliHint;
    }
}
