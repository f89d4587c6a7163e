package org.connectdoctor.sys;

import java.util.List;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;

/**
 * The operating system's socket API, in Java terms. One implementation per operating system
 * keeps that system's numbers and structure layouts; nothing of JNA appears here.
 */
public interface NativeSockets {

    /**
     * The implementation for the running system.
     *
     * @throws UnsupportedOperationException with a readable message where none exists yet
     */
    static NativeSockets system() {
        return Platform.current().requireSockets();
    }

    Os os();

    /** This system's errno numbering. */
    default NumberTable<Errno> errnoTable() {
        return NumberTable.errno(os());
    }

    /** The error for an errno number, with the C library's text. */
    SysError error(int number);

    /** The error for a symbol as this system numbers it; null when it has no such errno. */
    default SysError error(Errno errno) {
        var n = errnoTable().number(errno);
        return n.isPresent() ? error(n.getAsInt()) : null;
    }

    /**
     * socket(2), non-blocking and close-on-exec. The protocol follows the type: TCP for stream,
     * UDP for datagram, SCTP for an IP seqpacket socket, the default for Unix.
     */
    NativeSocket open(Family family, SocketType type) throws SysException;

    /**
     * Waits until the non-blocking connect of one of {@code sockets} has finished (connected or
     * failed: its SO_ERROR tells which), the waker is woken, or {@code deadlineNanos} on the
     * {@link System#nanoTime()} clock passes: poll(2) (select() on Windows) on all of them and the
     * waker at once. As {@link NativeSocket#awaitUntil}, a deadline already passed still polls once
     * with timeout 0, and the waker wins over a socket ready at the same moment. A racing probe
     * (RFC 8305) waits this way on its attempts in flight.
     *
     * @param sockets sockets of this implementation, each with a connect in progress; at most 63
     */
    FirstReady awaitAnyConnect(List<NativeSocket> sockets, Waker waker, long deadlineNanos) throws SysException;

    /** A fresh wake-up descriptor pair. */
    Waker waker() throws SysException;

    /**
     * getaddrinfo(3) for {@code host} and {@code service} (a port number or a service name),
     * restricted to {@code family} (null: any), for the given socket type.
     *
     * @param numericHost pass AI_NUMERICHOST: the host is an address literal, never looked up
     */
    Lookup resolve(String host, String service, Family family, SocketType type, boolean numericHost);

    /**
     * The name servers getaddrinfo(3) asks, in order (on Linux the nameserver lines of
     * /etc/resolv.conf). Empty Optional: the list could not be read (missing, unreadable, another
     * system), which is not the same as an empty list (a file that names no server, where glibc
     * falls back to the local host).
     */
    default java.util.Optional<List<String>> resolvers() {
        return java.util.Optional.empty();
    }

    /**
     * An identity of the calling thread's network namespace (on Linux the namespace's link
     * name, such as "net:[4026531840]"); empty when it cannot be told. Two
     * threads with the same identity see the same addresses, routes and resolver answers.
     */
    default java.util.Optional<String> networkNamespace() {
        return java.util.Optional.empty();
    }

    /**
     * The network interfaces with their addresses, as the calling thread's network namespace has
     * them (getifaddrs(3)); empty when the system will not say.
     */
    List<NetInterface> interfaces();

    /** A listening socket bound to {@code local}: a peer for tests and benchmarks. */
    default NativeSocket listen(SockAddr local, SocketType type, int backlog) throws SysException {
        NativeSocket s = open(local.family(), type);
        try {
            if (local.family() != Family.UNIX) {
                s.setOption(SocketOption.REUSEADDR, true);
            }
            s.bind(local);
            if (type != SocketType.DGRAM) {
                s.listen(backlog);
            }
            return s;
        } catch (SysException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
