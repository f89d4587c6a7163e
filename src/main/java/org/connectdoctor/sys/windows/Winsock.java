package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;

/**
 * Direct JNA mappings of Winsock 2 (ws2_32.dll), Win64. x64 has one calling convention, so the
 * direct mapping needs no stdcall options. SOCKET is UINT_PTR: a Java {@code long}; INVALID_SOCKET
 * is ~0 (-1). Addresses and the fixed structures travel as {@code byte[]} laid out by
 * {@link WinLayout}; JNA copies the arrays in and back out.
 *
 * <p>A failing call returns SOCKET_ERROR (-1) or INVALID_SOCKET and sets the thread's Winsock
 * error, which is the thread's GetLastError value. JNA saves it right after the call: read it with
 * {@link Native#getLastError()} before any other native call. Calling WSAGetLastError() through JNA
 * as a separate call returns 0, because JNA's own work between the calls resets it.
 *
 * <p>The texts below are condensed from Microsoft's Winsock reference (learn.microsoft.com, winsock2.h).
 */
final class Winsock {

    static final int SOCK_STREAM = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_SEQPACKET = 5;

    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_UDP = 17;
    static final int IPPROTO_SCTP = 132;

    /** ws2def.h: IPPROTO_IP 0, the level of the IPv4 options. */
    static final int IPPROTO_IP = 0;
    /** ws2def.h: IPPROTO_IPV6 41. */
    static final int IPPROTO_IPV6 = 41;
    /** ws2ipdef.h: IP_MTU 73, get only, Windows 10 1703 and later: the path MTU of a connected socket. */
    static final int IP_MTU = 73;
    /** ws2ipdef.h: IPV6_MTU 72, as IP_MTU for IPv6. */
    static final int IPV6_MTU = 72;
    /** ws2ipdef.h: TCP_MAXSEG 4, level IPPROTO_TCP: get only on Windows (10 and later), the MSS; it cannot be set. */
    static final int TCP_MAXSEG = 4;

    static final long INVALID_SOCKET = -1L;
    static final int SOCKET_ERROR = -1;

    static final int SOL_SOCKET = 0xffff;
    static final int SO_REUSEADDR = 0x0004;
    /** ~SO_REUSEADDR: nobody else may bind this address and port, not even with SO_REUSEADDR. */
    static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    static final int SO_BROADCAST = 0x0020;
    static final int SO_LINGER = 0x0080;
    static final int SO_ERROR = 0x1007;

    /** _IOW('f', 126, u_long): turn non-blocking mode on or off. */
    static final int FIONBIO = 0x8004667E;

    static final int WSA_FLAG_OVERLAPPED = 0x01;
    static final int WSA_FLAG_NO_HANDLE_INHERIT = 0x80;

    static final int AI_CANONNAME = 0x0002;
    static final int AI_NUMERICHOST = 0x0004;
    static final int AI_NUMERICSERV = 0x0008;

    static final int WSAEWOULDBLOCK = 10035;
    static final int WSAEINPROGRESS = 10036;
    static final int WSAEINTR = 10004;

    static {
        Native.register(Winsock.class, NativeLibrary.getInstance("ws2_32"));
    }

    private Winsock() {
    }

    /**
     * WSAStartup: loads Winsock for the process and negotiates version {@code version} (0x0202 for
     * 2.2) into the WSADATA buffer. Returns 0 or the error itself (WSASYSNOTREADY, WSAVERNOTSUPPORTED,
     * WSAEPROCLIM …); it does not set the thread's last error.
     */
    static native int WSAStartup(short version, byte[] wsaData);

    /**
     * WSASocketW: creates a socket; {@code WSA_FLAG_NO_HANDLE_INHERIT} keeps child processes from
     * inheriting it (Windows' close-on-exec). Fails with WSAEAFNOSUPPORT, WSAEMFILE, WSAENOBUFS,
     * WSAEPROTONOSUPPORT, WSAEPROTOTYPE, WSAESOCKTNOSUPPORT (the type is not supported in this family).
     */
    static native long WSASocketW(int af, int type, int protocol, Pointer protocolInfo, int group, int flags);

    /**
     * ioctlsocket: with FIONBIO and a non-zero argument, puts the socket into non-blocking mode.
     * Fails with WSAENOTSOCK, WSAEINVAL.
     */
    static native int ioctlsocket(long s, int command, int[] argument);

    /** setsockopt: sets a socket option from {@code length} bytes. Fails with WSAENOPROTOOPT, WSAEINVAL … */
    static native int setsockopt(long s, int level, int name, byte[] value, int length);

    /** getsockopt: reads an option into {@code value}; {@code length} is in and out. */
    static native int getsockopt(long s, int level, int name, int[] value, int[] length);

    /**
     * bind: assigns a local address. Fails with WSAEADDRINUSE (another socket owns it; with
     * SO_EXCLUSIVEADDRUSE also one in TIME_WAIT), WSAEADDRNOTAVAIL (not an address of this machine),
     * WSAEACCES (a socket already holds it exclusively), WSAEINVAL (already bound).
     */
    static native int bind(long s, byte[] address, int length);

    /**
     * connect: on a non-blocking socket fails with WSAEWOULDBLOCK (not WSAEINPROGRESS, which means a
     * blocking call is in progress): completion is then awaited with select() on the write set
     * (connected) and the except set (failed), and the failure read with getsockopt(SO_ERROR). Other
     * errors: WSAEADDRNOTAVAIL, WSAEAFNOSUPPORT, WSAECONNREFUSED, WSAEHOSTUNREACH, WSAENETUNREACH,
     * WSAETIMEDOUT, WSAEISCONN, WSAEALREADY, WSAEACCES (broadcast without SO_BROADCAST).
     */
    static native int connect(long s, byte[] address, int length);

    /**
     * select: waits until a socket of the read, write or except set is ready, at most the timeval
     * (null: forever). The first argument is ignored. Returns the number of ready sockets and leaves
     * in each set only the ready ones; 0 on timeout. Fails with WSAEINVAL when all three sets are
     * empty, WSAENOTSOCK, WSAEINTR.
     */
    static native int select(int ignored, byte[] read, byte[] write, byte[] except, byte[] timeout);

    /** getsockname: the local address; {@code length} is in and out. WSAEINVAL when not bound. */
    static native int getsockname(long s, byte[] address, int[] length);

    /** send: returns the bytes sent. A closed peer gives WSAECONNRESET; there is no SIGPIPE to mask. */
    static native int send(long s, byte[] data, int length, int flags);

    /**
     * recv: returns the bytes received, 0 at the end of a stream. On a UDP socket an ICMP port
     * unreachable for an earlier send arrives as WSAECONNRESET (10054) on the next recv.
     */
    static native int recv(long s, byte[] buffer, int length, int flags);

    /**
     * sendto: one datagram to {@code to} on an unconnected socket; binds the socket to a port of
     * its choosing first. WSAEACCES for a broadcast address without SO_BROADCAST.
     */
    static native int sendto(long s, byte[] data, int length, int flags, byte[] to, int toLength);

    /**
     * recvfrom: one datagram with its sender's address ({@code fromLength} in and out).
     * WSAEMSGSIZE when the datagram was longer than the buffer (the rest is lost); an ICMP port
     * unreachable for an earlier sendto arrives as WSAECONNRESET, as with recv.
     */
    static native int recvfrom(long s, byte[] buffer, int length, int flags, byte[] from, int[] fromLength);

    /** listen: WSAEADDRINUSE, WSAEINVAL (not bound), WSAEOPNOTSUPP (not a stream socket). */
    static native int listen(long s, int backlog);

    /** accept: a new socket with the listening socket's properties. WSAEWOULDBLOCK when none is queued. */
    static native long accept(long s, Pointer address, Pointer length);

    /** closesocket: releases the socket; WSAENOTSOCK for a value that is not one. */
    static native int closesocket(long s);

    /**
     * GetAddrInfoW: resolves {@code node} and {@code service} into a list of ADDRINFOW entries, freed
     * with FreeAddrInfoW. Returns 0 or the error itself: WSAHOST_NOT_FOUND 11001 (EAI_NONAME),
     * WSATRY_AGAIN 11002 (EAI_AGAIN), WSANO_RECOVERY 11003 (EAI_FAIL), WSAEAFNOSUPPORT (EAI_FAMILY),
     * WSATYPE_NOT_FOUND (EAI_SERVICE), WSAESOCKTNOSUPPORT (EAI_SOCKTYPE), WSAEINVAL (EAI_BADFLAGS).
     */
    static native int GetAddrInfoW(WString node, WString service, byte[] hints, PointerByReference result);

    static native void FreeAddrInfoW(Pointer list);
}
