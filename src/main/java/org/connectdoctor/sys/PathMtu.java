package org.connectdoctor.sys;

/**
 * What the kernel knows of a connected socket's path, read after the connect.
 *
 * @param mtu        the path MTU in bytes: the largest IP packet the kernel will send to the peer,
 *                   the outgoing route's MTU unless an ICMP "fragmentation needed" / "packet too big"
 *                   lowered it
 * @param option     the option it was read with: "IP_MTU" or "IPV6_MTU"
 * @param maxSegment TCP_MAXSEG, the largest TCP payload this end sends in one segment (the path MTU
 *                   less the IP and TCP headers and options, at most what the peer advertised); 0 when
 *                   it was not read (a datagram socket, or a system that does not report it)
 */
public record PathMtu(int mtu, String option, int maxSegment) {

    /** "path MTU 1500 (IP_MTU), MSS 1448". */
    public String display() {
        return "path MTU " + mtu + " (" + option + ")" + (maxSegment > 0 ? ", MSS " + maxSegment : "");
    }
}
