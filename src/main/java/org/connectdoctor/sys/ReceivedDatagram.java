package org.connectdoctor.sys;

import org.connectdoctor.net.SockAddr;

/**
 * One datagram recvfrom(2) took.
 *
 * @param length    the bytes copied into the caller's buffer
 * @param from      the sender's address, or null when the kernel gave none this product decodes
 * @param truncated the datagram was longer than the buffer (MSG_TRUNC): the rest is lost
 */
public record ReceivedDatagram(int length, SockAddr from, boolean truncated) {
}
