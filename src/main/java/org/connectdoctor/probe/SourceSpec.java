package org.connectdoctor.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;

/**
 * A local address and/or port to bind before connecting (--source).
 *
 * @param address an IPv4 or IPv6 literal, or null for "any address"
 * @param family  the family of {@code address}, or null when there is none
 * @param port    1 to 65535, or 0 for "any port"
 */
public record SourceSpec(String address, Family family, int port) {

    static final String FORMS = "ADDR, ADDR:PORT, [IPv6]:PORT or :PORT, e.g. 127.0.0.2, 10.0.0.5:40000, [::1]:40000, :40000";

    /** Parses ADDR, ADDR:PORT, [IPv6], [IPv6]:PORT, bare IPv6, or :PORT. */
    public static SourceSpec parse(String text) throws InvalidInputException {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new InvalidInputException("The source is empty. Write " + FORMS + ".");
        }
        if (s.length() > 100) {
            throw new InvalidInputException("The source is " + s.length() + " characters long; it is an address "
                    + "and/or a port: " + FORMS + ".");
        }
        TargetParser.checkControlCharacters(s, "source");
        String address;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException("The source \"" + s + "\" opens a bracket but does not close it. Write " + FORMS + ".");
            }
            address = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (rest.charAt(0) != ':') {
                    throw new InvalidInputException("Expected ':' and a port after \"]\" in the source, found \"" + rest + "\".");
                }
                port = rest.substring(1);
            }
        } else if (s.chars().filter(c -> c == ':').count() > 1) {
            address = s;
        } else {
            int colon = s.indexOf(':');
            address = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        int p = 0;
        if (port != null) {
            if (port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9') || port.length() > 5
                    || Integer.parseInt(port) > 65535) {
                throw new InvalidInputException("The source port \"" + port + "\" is not a number from 1 to 65535 "
                        + "(leave it out to let the system choose).");
            }
            p = Integer.parseInt(port);
        }
        if (address.isEmpty()) {
            if (p == 0) {
                throw new InvalidInputException("The source gives neither an address nor a port. Write " + FORMS + ".");
            }
            return new SourceSpec(null, null, p);
        }
        if (address.indexOf('%') >= 0) {
            throw new InvalidInputException("The source \"" + address + "\" names a zone; --source takes a plain "
                    + "address without '%' (the zone of a link-local target goes on the target).");
        }
        String bare = address;
        if (bare.indexOf(':') >= 0) {
            String problem = TargetParser.ipv6Problem(bare);
            if (problem == null) {
                return new SourceSpec(address.toLowerCase(Locale.ROOT), Family.INET6, p);
            }
            throw new InvalidInputException("The source \"" + address + "\" is not an IPv6 address: " + problem
                    + ". Write " + FORMS + ".");
        }
        if (bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            try {
                Target t = TargetParser.parse(bare + ":1");
                if (t instanceof Target.Inet in && in.kind() == Target.HostKind.IPV4) {
                    return new SourceSpec(bare, Family.INET, p);
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException("The source address: " + e.getMessage());
            }
        }
        throw new InvalidInputException("The source \"" + address + "\" is not an IPv4 or IPv6 address. "
                + "--source takes an address of this computer, not a name: " + FORMS + ".");
    }

    /**
     * The address to bind, in the given family when the spec has no address of its own
     * (the wildcard address with the port).
     */
    public SockAddr toSockAddr(Family attemptFamily) {
        if (address == null) {
            return attemptFamily == Family.INET ? new SockAddr.Inet4(0, port) : new SockAddr.Inet6(0, 0, port, 0, 0);
        }
        try {
            // A validated literal: InetAddress parses it without any lookup.
            byte[] octets = InetAddress.getByName(address).getAddress();
            if (family == Family.INET6 && octets.length == 4) {
                // "::ffff:a.b.c.d" comes back as IPv4; keep the family the user wrote.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(octets, 0, mapped, 12, 4);
                octets = mapped;
            }
            return octets.length == 4 ? SockAddr.Inet4.of(octets, port) : SockAddr.Inet6.of(octets, port, 0, 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated source literal did not parse: " + address, e);
        }
    }

    /** As the user would write it. */
    public String display() {
        if (address == null) {
            return ":" + port;
        }
        String a = family == Family.INET6 ? "[" + address + "]" : address;
        return port == 0 ? a : a + ":" + port;
    }
}
