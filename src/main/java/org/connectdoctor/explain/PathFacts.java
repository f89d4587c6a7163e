package org.connectdoctor.explain;

/**
 * The path on this computer of the attempt explained: whether it went through a VPN, and where
 * the address tried came from. Either is null where it does not apply (a Unix socket, an address
 * of this computer, no attempt).
 */
public record PathFacts(VpnPath vpn, AddressSource addressSource) {

    public static final PathFacts NONE = new PathFacts(null, null);
}
