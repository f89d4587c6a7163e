package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Direct JNA mappings of the GNU C library's socket calls, for 64-bit Linux (LP64: size_t and
 * ssize_t are {@code long}, socklen_t and nfds_t as declared below).
 *
 * <p>Direct mapping ({@link Native#register}) costs one JNI transition per call, which matters
 * because the benchmark compares the probe path with a C loop. Socket addresses are laid out by
 * {@link LinuxSockaddr}. The probe's own calls (connect, poll, getsockopt, setsockopt SO_LINGER,
 * getsockname) take only primitives: pointers as {@code long} addresses into the calling thread's
 * {@link LinuxScratch} block, which JNA passes through without converting or copying anything.
 * Elsewhere a {@code byte[]} or {@code int[]} is used: JNA copies a primitive array in and out
 * in one step each, where a {@code Structure} would be written and read field by field.
 *
 * <p>Unless stated otherwise a call returns -1 on failure and sets errno, which JNA saves for
 * the calling thread right after the call; read it with {@link Native#getLastError()} before
 * making another native call on the same thread. No method throws {@code LastErrorException}:
 * EINPROGRESS is the normal result of every non-blocking connect and must stay cheap.
 *
 * <p>The texts below are condensed from the Linux man-pages project (section 2 and 3).
 */
final class LinuxLibC {

    static final int AF_UNSPEC = 0;
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_SCTP = 132;

    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_TYPE = 3;
    static final int SO_ERROR = 4;
    static final int SO_BROADCAST = 6;
    static final int SO_LINGER = 13;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_RDONLY = 0;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    static final short POLLIN = 0x001;
    static final short POLLOUT = 0x004;
    static final short POLLERR = 0x008;
    static final short POLLHUP = 0x010;
    static final short POLLNVAL = 0x020;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    /** bits/socket.h: MSG_ERRQUEUE = 0x2000, "Fetch message from error queue". */
    static final int MSG_ERRQUEUE = 0x2000;
    /** bits/socket.h: MSG_CTRUNC = 0x08, the control buffer was too small. */
    static final int MSG_CTRUNC = 0x08;

    /** bits/in.h: SOL_IP 0, the level of IPv4 options and of the IP_RECVERR control message. */
    static final int SOL_IP = 0;
    /** bits/in.h: SOL_IPV6 41 (= IPPROTO_IPV6). */
    static final int SOL_IPV6 = 41;
    /** bits/in.h and linux/in.h: IP_RECVERR 11, both the option and the cmsg_type of its message. */
    static final int IP_RECVERR = 11;
    /** bits/in.h and linux/in6.h: IPV6_RECVERR 25, both the option and the cmsg_type. */
    static final int IPV6_RECVERR = 25;
    /** bits/in.h: IP_MTU 14 (getsockopt only, connected sockets): the path MTU the kernel holds for the peer. */
    static final int IP_MTU = 14;
    /** linux/in6.h: IPV6_MTU 24: read on a connected socket, the path MTU to the peer. */
    static final int IPV6_MTU = 24;
    /** netinet/tcp.h: TCP_MAXSEG 2, level IPPROTO_TCP: the MSS; set before connect, the MSS advertised in the SYN. */
    static final int TCP_MAXSEG = 2;
    /** linux/errqueue.h: SO_EE_ORIGIN_LOCAL 1, an error the local stack made (EMSGSIZE from path MTU). */
    static final int SO_EE_ORIGIN_LOCAL = 1;
    /** linux/errqueue.h: SO_EE_ORIGIN_ICMP 2, an ICMP error message. */
    static final int SO_EE_ORIGIN_ICMP = 2;
    /** linux/errqueue.h: SO_EE_ORIGIN_ICMP6 3, an ICMPv6 error message. */
    static final int SO_EE_ORIGIN_ICMP6 = 3;

    /** locale.h / bits/locale.h: LC_ALL_MASK, every category bit (1 << __LC_x) except __LC_ALL (6). */
    static final int LC_ALL_MASK = 0x1FBF;

    static final int AI_CANONNAME = 0x0002;
    static final int AI_NUMERICHOST = 0x0004;
    static final int AI_NUMERICSERV = 0x0400;

    static final int CLONE_NEWNET = 0x40000000;

    static final int IFF_UP = 0x1;
    static final int IFF_BROADCAST = 0x2;
    static final int IFF_LOOPBACK = 0x8;
    static final int IFF_RUNNING = 0x40;

    static {
        Native.register(LinuxLibC.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxLibC() {
    }

    /**
     * socket(2): creates an endpoint for communication and returns a file descriptor, the lowest
     * one not open. {@code type} may be or-ed with SOCK_NONBLOCK and SOCK_CLOEXEC. Fails with
     * EACCES (no permission for this type or protocol), EAFNOSUPPORT (family not available),
     * EINVAL (unknown protocol or flags), EMFILE/ENFILE (descriptor limits), ENOBUFS/ENOMEM,
     * EPROTONOSUPPORT (the protocol, e.g. SCTP without its kernel module, is not supported in
     * this domain).
     */
    static native int socket(int domain, int type, int protocol);

    /**
     * connect(2): connects the socket to the address. A stream or seqpacket socket starts a
     * connection; a datagram socket only records its default peer. A non-blocking socket that
     * cannot connect at once fails with EINPROGRESS; completion is then awaited with poll(2)
     * for writability and read with getsockopt(SO_ERROR). Errors include EACCES, EPERM,
     * EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EALREADY, EBADF, ECONNREFUSED, EFAULT,
     * EINPROGRESS, EINTR, EISCONN, ENETUNREACH, ENOTSOCK, EPROTOTYPE and ETIMEDOUT.
     */
    static native int connect(int fd, byte[] address, int length);

    /**
     * connect(2) with the address at a native {@code address} (a {@link LinuxScratch} block):
     * only primitives cross, so JNA converts and copies nothing, where a {@code byte[]} is copied
     * into malloc'ed memory and back on each call.
     */
    static native int connect(int fd, long address, int length);

    /**
     * bind(2): assigns a local address to the socket. Fails with EACCES (protected address, or
     * search permission denied on a Unix path), EADDRINUSE (address in use; for Unix, the file
     * exists; for an IP port, all ephemeral ports in use when port 0 was given), EADDRNOTAVAIL
     * (no such local interface address), EBADF, EINVAL (already bound, or bad length), ENOTSOCK.
     */
    static native int bind(int fd, byte[] address, int length);

    /** bind(2) with a length only: a Unix socket bound with just sa_family gets an autobind name. */
    static native int bind(int fd, short[] familyOnly, int length);

    /**
     * listen(2): marks a stream or seqpacket socket as accepting connections; {@code backlog}
     * bounds the queue of completed connections not yet accepted. Fails with EADDRINUSE,
     * EBADF, ENOTSOCK, EOPNOTSUPP.
     */
    static native int listen(int fd, int backlog);

    /** accept4(2): takes one connection from a listening socket's queue; flags as for socket. */
    static native int accept4(int fd, Pointer address, Pointer length, int flags);

    /**
     * close(2): closes the descriptor. An error (EBADF, EINTR, EIO) still leaves it closed on
     * Linux, so close is never retried.
     */
    static native int close(int fd);

    /**
     * fcntl(2) with an int argument (F_GETFL, F_SETFL). fcntl is variadic; passing one int to a
     * non-variadic declaration is ABI-compatible on Linux x86_64 and aarch64 only (not on
     * Apple's arm64), which is why this stays in the Linux bindings. Fails with EBADF.
     */
    static native int fcntl(int fd, int command, int argument);

    /**
     * poll(2): waits until one of the descriptors in the {@code struct pollfd} array (int fd,
     * short events, short revents: 8 bytes each) is ready, at most {@code timeoutMillis} (-1
     * waits forever). Returns the number of ready entries, 0 on timeout. Fails with EFAULT,
     * EINTR (a signal arrived first), EINVAL, ENOMEM.
     */
    static native int poll(Pointer fds, long nfds, int timeoutMillis);

    /**
     * poll(2) on a {@code struct pollfd} array at a native address: nothing copied (see connect).
     * (Measured for the probe's path, callgrind, src/bench/callgrind.sh: with a Java int[] a
     * closed-port probe took 19,300 user-mode instructions, with direct ByteBuffers 24,600; the
     * addresses of a per-thread block are cheaper than both.)
     */
    static native int poll(long fds, long nfds, int timeoutMillis);

    /** setsockopt(2): sets an option; errors as for getsockopt. */
    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    /**
     * getsockopt(2): reads an option, with the value and its in-out length at native addresses.
     * For SO_ERROR it reads and clears the socket's pending error: the result of a non-blocking
     * connect. Fails with EBADF, EFAULT, EINVAL, ENOPROTOOPT, ENOTSOCK.
     */
    static native int getsockopt(int fd, int level, int name, long value, long length);

    /**
     * getsockopt(2) into Java arrays: an int option (IP_MTU, TCP_MAXSEG) and its in-out length. Fails
     * as above; IP_MTU on a socket that is not connected fails with ENOTCONN.
     */
    static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

    /** setsockopt(2) with the value at a native address. */
    static native int setsockopt(int fd, int level, int name, long value, int length);

    /**
     * getsockname(2): the address the socket is bound to; {@code length} is in-out and may come
     * back larger than the buffer (the address was truncated). Fails with EBADF, EFAULT,
     * EINVAL, ENOBUFS, ENOTSOCK. Address and length at native addresses.
     */
    static native int getsockname(int fd, long address, long length);

    /**
     * send(2): sends a message on a connected socket; returns the bytes sent. A datagram socket
     * whose peer answered an earlier message with ICMP port unreachable fails with
     * ECONNREFUSED. Also EAGAIN, EBADF, ECONNRESET, EDESTADDRREQ, EINTR, EMSGSIZE, ENOBUFS,
     * ENOTCONN, ENOTSOCK, EPIPE (use MSG_NOSIGNAL to avoid SIGPIPE).
     */
    static native long send(int fd, byte[] buffer, long length, int flags);

    /**
     * recv(2): receives a message; returns its length, 0 at an orderly shutdown of a stream.
     * Errors: EAGAIN (nothing yet, non-blocking), EBADF, ECONNREFUSED (the peer refused,
     * reported through ICMP for UDP), ECONNRESET, EINTR, ENOTCONN, ENOTSOCK.
     */
    static native long recv(int fd, byte[] buffer, long length, int flags);

    /**
     * pipe2(2): a pipe as two descriptors (read end, write end), flags O_NONBLOCK, O_CLOEXEC.
     * Fails with EMFILE, ENFILE.
     */
    static native int pipe2(int[] fds, int flags);

    /** write(2): returns the bytes written. Fails with EAGAIN (full, non-blocking), EBADF, EPIPE. */
    static native long write(int fd, byte[] buffer, long length);

    /** read(2): returns the bytes read, 0 at end of file. Fails with EAGAIN, EBADF, EINTR. */
    static native long read(int fd, byte[] buffer, long length);

    /** open(2) for a path and flags (no mode: never creates). Fails with ENOENT, EACCES, … */
    static native int open(String path, int flags);

    /**
     * setns(2): moves the calling thread into the namespace that {@code fd} refers to (a file
     * under /proc/PID/ns or /run/netns). Needs CAP_SYS_ADMIN. Fails with EBADF, EINVAL, EPERM.
     */
    static native int setns(int fd, int nstype);

    /**
     * getaddrinfo(3): resolves a host and service to a linked list of addrinfo structures,
     * which must be released with freeaddrinfo. Returns 0 or an EAI_* code (never through
     * errno, except EAI_SYSTEM which sets errno too); the code's text is gai_strerror's.
     */
    static native int getaddrinfo(String node, String service, LinuxAddrInfo hints, PointerByReference result);

    /** freeaddrinfo(3): releases a list getaddrinfo returned. */
    static native void freeaddrinfo(Pointer list);

    /**
     * getifaddrs(3): the interfaces and their addresses, asked of the kernel over netlink by the
     * calling thread (so in its network namespace). The list must be released with freeifaddrs.
     * Fails with -1 and errno (ENOMEM, or a socket error).
     */
    static native int getifaddrs(PointerByReference result);

    /** freeifaddrs(3). */
    static native void freeifaddrs(Pointer list);

    /** gai_strerror(3): the text of a getaddrinfo return code. */
    static native String gai_strerror(int code);

    /**
     * strerror(3): the text of an errno value in the language of the process's LC_MESSAGES. The
     * Java launcher calls {@code setlocale(LC_ALL, "")}, so under LANG=de_DE.UTF-8 this is German.
     */
    static native String strerror(int errno);

    /**
     * newlocale(3): a locale object for {@code locale} ("C" gives glibc's built-in C locale,
     * which needs no locale files) in the categories of {@code categoryMask}; {@code base} is
     * null for a fresh object. Returns null and sets errno (EINVAL, ENOENT, ENOMEM) on failure.
     * The object lives until freelocale(3); this program keeps its one C locale for its lifetime.
     */
    static native Pointer newlocale(int categoryMask, String locale, Pointer base);

    /**
     * strerror_l(3): the text of an errno value in the given locale, independent of the process
     * locale: with the C locale it is glibc's English text ("Connection refused").
     */
    static native String strerror_l(int errno, Pointer locale);

    /**
     * sendto(2): sends a datagram to {@code address} on an unconnected socket; returns the bytes
     * sent. Errors as send(2), plus EACCES (a broadcast address without SO_BROADCAST, or a
     * prohibit route), EAFNOSUPPORT, EDESTADDRREQ, EHOSTUNREACH/ENETUNREACH (no route), EINVAL.
     * A datagram socket with IP_RECVERR may also report here the pending error of an earlier
     * ICMP message.
     */
    static native long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength);

    /**
     * recvfrom(2): receives one datagram and the address it came from; {@code addressLength} is
     * in-out (the buffer size in, the address's size out). Returns the datagram's length. Errors
     * as recv(2); with IP_RECVERR set a pending ICMP error (ECONNREFUSED, EHOSTUNREACH, …) is
     * returned once, also on an unconnected socket.
     */
    static native long recvfrom(int fd, byte[] buffer, long length, int flags, byte[] address, int[] addressLength);

    /**
     * recvmsg(2) on a {@code struct msghdr} in native memory (layout: {@link LinuxMsgHdr}).
     * With MSG_ERRQUEUE it takes one entry from the socket's error queue (filled when IP_RECVERR
     * or IPV6_RECVERR is on): the original datagram's payload in the iovec, its destination in
     * msg_name, and an IP_RECVERR/IPV6_RECVERR control message holding a {@code struct
     * sock_extended_err} followed by the offender's address. Returns the payload bytes copied;
     * fails with EAGAIN when the queue is empty (never blocks with MSG_ERRQUEUE).
     */
    static native long recvmsg(int fd, Pointer message, int flags);
}
