package org.connectdoctor.probe.proxy;

/** How the proxy answered CONNECT. Each value has its own explanation; none is read from exception text. */
public enum TunnelVerdict {
    /** 2xx: the proxy opened the tunnel to the target. */
    ESTABLISHED("the proxy opened the tunnel"),
    /** 403: the proxy's policy refuses this target. */
    FORBIDDEN("the proxy refused this target"),
    /** 407: the proxy wants the user to authenticate first. */
    AUTH_REQUIRED("the proxy asks for authentication"),
    /** 502: the proxy could not connect to the target. */
    BAD_GATEWAY("the proxy could not reach the target"),
    /** 504: the proxy's own connection to the target timed out. */
    GATEWAY_TIMEOUT("the proxy's connection to the target timed out"),
    /** Another status. */
    OTHER_STATUS("the proxy answered with another status"),
    /** The answer is no HTTP response. */
    NOT_HTTP("the proxy's answer is not HTTP"),
    /** The proxy closed the connection without (a complete) answer. */
    CLOSED("the proxy closed the connection without answering"),
    /** The proxy reset the connection. */
    RESET("the proxy reset the connection"),
    /** No complete answer within the limit. */
    NO_ANSWER("no answer from the proxy within the limit"),
    /** The user cancelled. */
    CANCELLED("cancelled");

    private final String words;

    TunnelVerdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public boolean isSuccess() {
        return this == ESTABLISHED;
    }

    /** The verdict for an HTTP status to CONNECT. */
    public static TunnelVerdict ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return ESTABLISHED;
        }
        return switch (status) {
            case 403 -> FORBIDDEN;
            case 407 -> AUTH_REQUIRED;
            case 502 -> BAD_GATEWAY;
            case 504 -> GATEWAY_TIMEOUT;
            default -> OTHER_STATUS;
        };
    }
}
