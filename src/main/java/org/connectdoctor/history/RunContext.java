package org.connectdoctor.history;

import java.util.List;

/**
 * Where a run went from, read when it ended: the diff compares these between a success and a
 * failure.
 *
 * @param sourceAddress   the local address the connection used (getsockname), or the one the route
 *                        would pick; none for a Unix socket
 * @param sourceInterface the outgoing interface (the route's device)
 * @param gateway         the route's next hop; none when the destination is on the link
 * @param route           the route the kernel chose, as {@code ip route} writes it ("default via
 *                        10.1.2.1 dev eth0"), or how it refused ("blackhole 10.9.0.0/24")
 * @param resolvers       the name servers asked, in order
 * @param vpnInterfaces   the tunnel and VPN interfaces that were up ("wg0"); empty: none
 * @param interfaceKind   the kind of the route's interface, as {@code InterfaceKind.id()} ("wireguard",
 *                        "ethernet"); none when the route used no interface
 * @param addressSource   where the address tried came from, as {@code AddressSource.Kind.id()}
 *                        ("hosts_file", "dns", "search_suffix", "literal")
 * @param addressFrom     the same in words: "/etc/hosts line 3", "DNS (10.0.0.53)"
 * @param proxy           the proxy that applications using the system's setting go through to the
 *                        target ("proxy.corp:8080"), "direct", or "the PAC file URL" where one decides;
 *                        none for a Unix socket
 * @param tlsIssuer       the issuer at the top of the chain the server sent ("DigiCert Global Root G2",
 *                        "Zscaler Root CA"), as its common name; none when the run checked no TLS or
 *                        the handshake brought no certificate
 * @param ipv6            this computer's IPv6 state as the environment line says it ("a global address
 *                        and a route (via eth0)", "link-local addresses only (fe80::…)")
 * @param firewall        this computer's firewall as the environment line says it
 */
public record RunContext(Fact<String> sourceAddress, Fact<String> sourceInterface, Fact<String> gateway,
                         Fact<String> route, Fact<List<String>> resolvers, Fact<List<String>> vpnInterfaces,
                         Fact<String> interfaceKind, Fact<String> addressSource, Fact<String> addressFrom,
                         Fact<String> proxy, Fact<String> tlsIssuer, Fact<String> ipv6, Fact<String> firewall) {

    /** Why a fact of a run written before this version recorded it is unknown. */
    public static final String NOT_RECORDED = "not recorded (the run was written by an earlier version)";

    /** Why the proxy of a run is unknown when its report did not look it up (a checklist's check); never compared. */
    public static final String PROXY_NOT_LOOKED_UP = org.connectdoctor.explain.EnvironmentReader.PROXY_NOT_LOOKED_UP;

    public RunContext {
        if (resolvers.value() != null) {
            resolvers = Fact.known(List.copyOf(resolvers.value()));
        }
        if (vpnInterfaces.value() != null) {
            vpnInterfaces = Fact.known(List.copyOf(vpnInterfaces.value()));
        }
    }

    /** A context without the TLS issuer, IPv6 and firewall, which are then not recorded. */
    public RunContext(Fact<String> sourceAddress, Fact<String> sourceInterface, Fact<String> gateway,
                      Fact<String> route, Fact<List<String>> resolvers, Fact<List<String>> vpnInterfaces,
                      Fact<String> interfaceKind, Fact<String> addressSource, Fact<String> addressFrom,
                      Fact<String> proxy) {
        this(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind, addressSource,
                addressFrom, proxy, Fact.unknown(NOT_RECORDED), Fact.unknown(NOT_RECORDED), Fact.unknown(NOT_RECORDED));
    }

    /** A context without the proxy, which is then not recorded. */
    public RunContext(Fact<String> sourceAddress, Fact<String> sourceInterface, Fact<String> gateway,
                      Fact<String> route, Fact<List<String>> resolvers, Fact<List<String>> vpnInterfaces,
                      Fact<String> interfaceKind, Fact<String> addressSource, Fact<String> addressFrom) {
        this(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind, addressSource,
                addressFrom, Fact.unknown(NOT_RECORDED));
    }

    /** A context of the facts before the path facts (VPN, address source), which are then not recorded. */
    public RunContext(Fact<String> sourceAddress, Fact<String> sourceInterface, Fact<String> gateway,
                      Fact<String> route, Fact<List<String>> resolvers) {
        this(sourceAddress, sourceInterface, gateway, route, resolvers, Fact.unknown(NOT_RECORDED),
                Fact.unknown(NOT_RECORDED), Fact.unknown(NOT_RECORDED), Fact.unknown(NOT_RECORDED));
    }

    /** A context nobody could read, with one reason for every fact. */
    public static RunContext unknown(String reason) {
        return new RunContext(Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason),
                Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason),
                Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason), Fact.unknown(reason),
                Fact.unknown(reason));
    }

    /** This context with the path facts replaced. */
    public RunContext withPath(Fact<List<String>> vpnInterfaces, Fact<String> interfaceKind, Fact<String> addressSource,
                               Fact<String> addressFrom) {
        return new RunContext(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind,
                addressSource, addressFrom, proxy, tlsIssuer, ipv6, firewall);
    }

    /** This context with the proxy replaced. */
    public RunContext withProxy(Fact<String> p) {
        return new RunContext(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind,
                addressSource, addressFrom, p, tlsIssuer, ipv6, firewall);
    }

    /** This context with the TLS issuer replaced. */
    public RunContext withTlsIssuer(Fact<String> issuer) {
        return new RunContext(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind,
                addressSource, addressFrom, proxy, issuer, ipv6, firewall);
    }

    /** This context with the IPv6 state and the firewall replaced. */
    public RunContext withHost(Fact<String> v6, Fact<String> fw) {
        return new RunContext(sourceAddress, sourceInterface, gateway, route, resolvers, vpnInterfaces, interfaceKind,
                addressSource, addressFrom, proxy, tlsIssuer, v6, fw);
    }
}
