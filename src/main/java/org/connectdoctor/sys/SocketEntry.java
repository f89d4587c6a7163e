package org.connectdoctor.sys;

import org.connectdoctor.net.SockAddr;

/**
 * One TCP or UDP socket of the host's table (Linux: a line of the kernel's TCP/UDP tables; Windows: a row of
 * GetExtendedTcpTable / GetExtendedUdpTable; macOS: a pcblist entry).
 *
 * @param transport    TCP or UDP
 * @param local        the local address and port (a v4-mapped IPv6 address is given as IPv4)
 * @param remote       the peer, or the wildcard with port 0 when not connected
 * @param state        its state; UDP sockets are {@link SocketState#BOUND} or ESTABLISHED (connected)
 * @param sendQueue    bytes queued to send, or -1 when the OS does not say
 * @param receiveQueue bytes queued to read; for a listener, the accept queue length; -1 when unknown
 * @param backlog      for a listener, its accept-queue limit, or -1 when the OS does not say
 * @param key          the backend's own identity of the socket, for {@link HostState#owner}
 *                     (Linux: the inode; Windows: the owning PID)
 */
public record SocketEntry(Transport transport, SockAddr local, SockAddr remote, SocketState state,
                          long sendQueue, long receiveQueue, long backlog, long key) {

    /** Listening (TCP) or bound and unconnected (UDP). */
    public boolean isListening() {
        return state == SocketState.LISTEN || state == SocketState.BOUND;
    }
}
