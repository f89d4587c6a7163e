package org.connectdoctor.sys;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;

/**
 * One open, non-blocking, close-on-exec socket: the sole owner of its file descriptor. Use it in
 * try-with-resources; {@link #close()} is idempotent and the descriptor is released on every
 * path. Not thread-safe: one thread drives a socket, and other threads interrupt that thread
 * through a {@link Waker}, never by closing the socket under it (the number could be reused).
 */
public interface NativeSocket extends AutoCloseable {

    /** The file descriptor number, for diagnostics; -1 once closed. */
    int fd();

    void setOption(SocketOption option, boolean on) throws SysException;

    /** SO_LINGER with a zero time: close sends a reset and leaves no TIME_WAIT behind. */
    void setLingerZero() throws SysException;

    /**
     * After a connect: the path MTU the kernel holds for the peer (getsockopt IP_MTU for
     * {@code family} INET, IPV6_MTU for INET6) and, when {@code tcp}, the segment size TCP_MAXSEG.
     * Unknown, with the reason, where the system offers no such option (macOS has no IP_MTU) or the
     * call failed.
     */
    default Read<PathMtu> pathMtu(Family family, boolean tcp) {
        return Read.unknown("this system's sockets do not report a path MTU");
    }

    /**
     * setsockopt TCP_MAXSEG before connect(2): the connection advertises {@code bytes} as its MSS in
     * the SYN, so the peer sends segments of at most that size. Does nothing and returns false where
     * the system has no such setting ({@link #maxSegmentUnsupported()} says why).
     */
    default boolean advertiseMaxSegment(int bytes) throws SysException {
        return false;
    }

    /** Why {@link #advertiseMaxSegment} cannot work here, in words; null where it works. */
    default String maxSegmentUnsupported() {
        return "this system's sockets cannot set the MSS a connection advertises (TCP_MAXSEG)";
    }

    /** bind(2). */
    void bind(SockAddr local) throws SysException;

    /** Binds a Unix socket to a fresh name the kernel picks (Linux autobind), so it can receive replies. */
    void autobind() throws SysException;

    /**
     * connect(2) on the non-blocking socket.
     *
     * @return true when connected at once, false when the connection is in progress
     *         (EINPROGRESS): then {@link #awaitUntil} WRITE and {@link #takeError()}
     */
    boolean connect(SockAddr remote) throws SysException;

    /**
     * poll(2) on this socket and the waker together until {@code deadlineNanos}, an instant on the
     * {@link System#nanoTime()} clock. There is no "no limit": a deadline already passed polls once
     * with timeout 0, so a socket that is ready still reports READY, else TIMED_OUT. Restarts after
     * EINTR with the time that is left; never returns TIMED_OUT before the deadline.
     */
    Readiness awaitUntil(Interest interest, Waker waker, long deadlineNanos) throws SysException;

    /** getsockopt(SO_ERROR): the pending error, cleared by reading; null when there is none. */
    SysError takeError() throws SysException;

    /** getsockname(2): the local address, or null when the kernel reports none of ours. */
    SockAddr localAddress() throws SysException;

    /** send(2) without SIGPIPE; returns the bytes sent. */
    int send(byte[] data) throws SysException;

    /** recv(2), non-blocking; returns the bytes received into {@code buffer}. */
    int receive(byte[] buffer) throws SysException;

    /** listen(2): for test and benchmark peers. */
    void listen(int backlog) throws SysException;

    /** accept4(2), non-blocking and close-on-exec: for test and benchmark peers. */
    NativeSocket accept() throws SysException;

    /**
     * setsockopt IP_RECVERR (for {@code family} INET) or IPV6_RECVERR (INET6): from now on ICMP
     * errors for this socket's datagrams are queued with their type, code and sender (read them
     * with {@link #takeQueuedError()}), and every one of them is reported, also those a connected
     * UDP socket would otherwise ignore (host unreachable, administratively prohibited) and those
     * an unconnected socket never sees. A queued error makes poll(2) report POLLERR, so
     * {@link #await} READ returns READY for it.
     */
    void receiveErrors(Family family) throws SysException;

    /** sendto(2) without SIGPIPE, non-blocking: one datagram to {@code to}; returns the bytes sent. */
    int sendTo(byte[] data, SockAddr to) throws SysException;

    /** recvfrom(2), non-blocking: one datagram into {@code buffer}, with its sender. */
    ReceivedDatagram receiveFrom(byte[] buffer) throws SysException;

    /**
     * recvmsg(2) with MSG_ERRQUEUE: takes the oldest entry of the error queue, or null when the
     * queue is empty. Taking it also clears the socket's pending error (SO_ERROR) for it, so the
     * same failure is not reported a second time by the next receive.
     */
    QueuedError takeQueuedError() throws SysException;

    /** close(2). Never throws: the descriptor is gone either way. */
    @Override
    void close();
}
