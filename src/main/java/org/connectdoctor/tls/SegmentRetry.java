package org.connectdoctor.tls;

import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;

/**
 * The test for an MTU black hole: after the first handshake had got no answer, or only part of one,
 * by half its limit, one more handshake over a new connection that advertised a small MSS (so the
 * server sends small segments), within the same deadline.
 *
 * @param smallSegment the MSS the second connection advertised ({@link #IPV4} or {@link #IPV6}); 0 when not tried
 * @param firstPath    the path MTU and MSS this computer's kernel held for the first connection, or why unknown
 * @param firstBytes   the bytes the server had sent on the first connection when the second began
 * @param outcome      how the second handshake ended; null when there was no second handshake
 * @param secondBytes  the bytes the server sent on the second connection
 * @param notTried     why there was no second handshake, in words; null when there was one
 */
public record SegmentRetry(int smallSegment, Read<PathMtu> firstPath, long firstBytes, TlsVerdict outcome,
                           long secondBytes, String notTried) {

    /** The MSS advertised over IPv4: 536, the default MSS every IPv4 host must accept (RFC 9293 §3.7.1). */
    public static final int IPV4 = 536;
    /** Over IPv6: 1220, the minimum IPv6 MTU 1280 less the IPv6 and TCP headers (RFC 8200 §5). */
    public static final int IPV6 = 1220;

    static SegmentRetry notTried(Read<PathMtu> firstPath, long firstBytes, String why) {
        return new SegmentRetry(0, firstPath, firstBytes, null, 0, why);
    }

    /** True when the second, small-segment handshake got the server's whole first flight. */
    public boolean smallSegmentsWorked() {
        return outcome != null && outcome.handshakeCompleted();
    }

    /** The MSS the first connection sent with, as its kernel reported it; 0 when unknown. */
    public int firstSegment() {
        return firstPath instanceof Read.Known<PathMtu> k ? k.value().maxSegment() : 0;
    }

    /** The path MTU this computer's kernel held for the first connection; 0 when unknown. */
    public int firstPathMtu() {
        return firstPath instanceof Read.Known<PathMtu> k ? k.value().mtu() : 0;
    }

    /** The finding in words. */
    public String words() {
        String path = firstPath instanceof Read.Known<PathMtu> k ? " (this computer's side: " + k.value().display() + ")"
                : firstPath instanceof Read.Unknown<PathMtu> u ? " (its path MTU is not known: " + u.reason() + ")" : "";
        if (notTried != null) {
            return "This computer could not test whether large packets are lost on the way: " + notTried + path + ".";
        }
        String first = "The first connection received " + firstBytes + " bytes" + path + ". ";
        if (outcome == null) {
            return first + "A second connection advertising MSS " + smallSegment + " could not be made in time.";
        }
        if (smallSegmentsWorked()) {
            return first + "A second connection that advertised MSS " + smallSegment + " received " + secondBytes
                    + " bytes and completed the handshake (" + outcome.words() + ").";
        }
        return first + "A second connection that advertised MSS " + smallSegment + " (small packets) ended the same way ("
                + outcome.words() + ", " + secondBytes + " bytes): small packets did not help.";
    }
}
