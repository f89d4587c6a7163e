package org.connectdoctor.probe.proxy;

import java.util.List;
import java.util.Objects;
import org.connectdoctor.tls.TlsCheck;

/**
 * What the proxy answered to {@code CONNECT host:port}, over the probe's own connection to it.
 *
 * @param verdict       the verdict
 * @param proxy         the proxy that was asked
 * @param host          the target's host as sent in CONNECT
 * @param port          the target's port
 * @param status        the HTTP status, or -1 when none came
 * @param reason        the status line's reason phrase, sanitised, or null
 * @param authSchemes   the schemes of Proxy-Authenticate (407): "Basic realm=\"corp\"", "Negotiate"
 * @param proxyText     the answer's body as text, sanitised and bounded (a proxy's block page), or null
 * @param server        the Server or Via header, sanitised, or null
 * @param detail        what the socket said when the proxy closed or reset, or null
 * @param bytesReceived how many bytes of answer were read
 * @param limitNanos    the exchange's own limit
 * @param elapsedNanos  how long it took
 * @param tls           the TLS check over the tunnel, when --tls was asked and the tunnel opened; else null
 */
public record TunnelCheck(TunnelVerdict verdict, ProxyAddress proxy, String host, int port, int status, String reason,
                          List<String> authSchemes, String proxyText, String server, String detail,
                          long bytesReceived, long limitNanos, long elapsedNanos, TlsCheck tls) {

    /** The most of the proxy's text a report keeps. */
    public static final int MAX_TEXT = 300;

    public TunnelCheck {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(proxy, "proxy");
        authSchemes = List.copyOf(authSchemes);
    }

    /** host:port as CONNECT names it. */
    public String target() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    public TunnelCheck withTls(TlsCheck t) {
        return new TunnelCheck(verdict, proxy, host, port, status, reason, authSchemes, proxyText, server, detail,
                bytesReceived, limitNanos, elapsedNanos, t);
    }
}
