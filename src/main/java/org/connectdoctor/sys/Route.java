package org.connectdoctor.sys;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;

/**
 * One routing-table entry, or the route the kernel chose for a destination.
 *
 * @param family          INET or INET6
 * @param type            unicast, local, blackhole, …
 * @param table           the table's number (254 main, 255 local, 253 default on Linux)
 * @param destination     the network's address (port 0); null for the default route
 * @param prefixLength    the network's prefix length (0 for the default route)
 * @param gateway         the next hop, or null when the destination is reached directly
 * @param device          the outgoing interface's name, or null when the route has none
 * @param preferredSource the source address the route prefers, or null
 * @param priority        the metric, or -1 when the route has none
 */
public record Route(Family family, RouteType type, int table, SockAddr destination, int prefixLength,
                    SockAddr gateway, String device, SockAddr preferredSource, long priority) {

    public static final int TABLE_DEFAULT = 253;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;

    public boolean isDefault() {
        return prefixLength == 0;
    }

    /** 10.0.0.0/8, fd00::/8, or "default". */
    public String destinationText() {
        if (destination == null || prefixLength == 0) {
            return "default";
        }
        int full = family == Family.INET ? 32 : 128;
        return destination.host() + (prefixLength == full ? "" : "/" + prefixLength);
    }

    /** main, local, default, or the number, as {@code ip route} writes it. */
    public String tableName() {
        return switch (table) {
            case TABLE_MAIN -> "main";
            case TABLE_LOCAL -> "local";
            case TABLE_DEFAULT -> "default";
            default -> Integer.toUnsignedString(table);
        };
    }

    /** The route as one line of {@code ip route show table all}: "blackhole 10.82.0.0/24 table main". */
    public String display() {
        StringBuilder sb = new StringBuilder();
        if (type != RouteType.UNICAST) {
            sb.append(type.word()).append(' ');
        }
        sb.append(destinationText());
        if (gateway != null) {
            sb.append(" via ").append(gateway.host());
        }
        if (device != null && !type.rejects()) {
            sb.append(" dev ").append(device);
        }
        if (preferredSource != null) {
            sb.append(" src ").append(preferredSource.host());
        }
        if (table != TABLE_MAIN) {
            sb.append(" table ").append(tableName());
        }
        return sb.toString();
    }

    /** Whether this route's network contains {@code address} (same family). */
    public boolean covers(SockAddr address) {
        if (address.family() != family) {
            return false;
        }
        if (prefixLength == 0) {
            return true;
        }
        byte[] net = octets(destination);
        byte[] a = octets(address);
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (a[full] & mask);
    }

    public static byte[] octets(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return v4.octets();
        }
        if (a instanceof SockAddr.Inet6 v6) {
            return v6.octets();
        }
        throw new IllegalArgumentException("not an IP address: " + a);
    }
}
