package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.sys.FirstReady;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.QueuedError;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.ReceivedDatagram;
import org.connectdoctor.sys.SocketOption;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;

/**
 * {@link NativeSockets} on Windows through Winsock 2. A connect runs as the Winsock reference
 * describes it for a non-blocking socket: ioctlsocket(FIONBIO), connect fails with
 * WSAEWOULDBLOCK, select() with the socket in the write set (connected) and the except set (failed),
 * then getsockopt(SO_ERROR). select() rather than WSAPoll: WSAPoll missed connect failures on
 * Windows builds before 2004. A {@link Waker} is a connected loopback TCP pair whose read end sits
 * in the read set of every wait, so cancel ends the wait at once.
 *
 * <p>Windows facts that differ from Linux, kept here: AF_INET6 is 23; error numbers are Winsock's
 * (10061, not 111), read with {@link Native#getLastError()} straight after the call; Unix-domain
 * sockets exist for streams only (Windows 10 1803 and later), without abstract names or autobind;
 * {@link SocketOption#REUSEADDR} sets SO_EXCLUSIVEADDRUSE, because Windows' SO_REUSEADDR would let a
 * probe bind a port another program is using, where Linux refuses with EADDRINUSE.
 */
public final class WinsockSockets implements NativeSockets {

    /** A wait without a limit; any other value is an absolute {@link System#nanoTime()} deadline. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final int WSAEOPNOTSUPP = 10045;
    private static final int WSAESOCKTNOSUPPORT = 10044;
    private static final int WSAEINVAL = 10022;
    private static final int WSAEMSGSIZE = 10040;

    private final NumberTable<Errno> errnoTable = NumberTable.errno(Os.WINDOWS);
    private final NumberTable<GaiError> gaiTable = NumberTable.gai(Os.WINDOWS);
    /** FormatMessageW's texts, asked once per number: they do not change while the program runs. */
    private final Map<Integer, String> texts = new ConcurrentHashMap<>();

    private WinsockSockets() {
    }

    /** WSAStartup runs once per process, the first time the backend is asked for. */
    private static final class Holder {
        static final WinsockSockets INSTANCE = start();

        private static WinsockSockets start() {
            int rc = Winsock.WSAStartup((short) 0x0202, new byte[WinLayout.SIZEOF_WSADATA]);
            if (rc != 0) {
                throw new UnsupportedOperationException("Winsock 2.2 did not start (WSAStartup returned " + rc
                        + "); Connect Doctor needs ws2_32.dll version 2.2");
            }
            return new WinsockSockets();
        }
    }

    /** The process's Winsock backend, started with WSAStartup on first use. */
    public static WinsockSockets instance() {
        return Holder.INSTANCE;
    }

    @Override
    public Os os() {
        return Os.WINDOWS;
    }

    @Override
    public SysError error(int number) {
        return new SysError(errnoTable.symbol(number), number, text(number));
    }

    /**
     * The system's text in English, followed by the user's own language's text when that differs,
     * and the Winsock name (WSAECONNREFUSED) that Microsoft's documentation lists the code under.
     */
    String text(int number) {
        return texts.computeIfAbsent(number, n -> {
            String english = formatMessage(n, WinSystem.LANG_ENGLISH_US);
            String user = formatMessage(n, WinSystem.LANG_USER_DEFAULT);
            String text = english != null ? english : user;
            if (text == null) {
                text = "Windows has no text for error " + n;
            } else if (english != null && user != null && !user.equals(english)) {
                text = english + " (" + user + ")";
            }
            String name = winsockName(n);
            return name == null ? text : text + " [" + name + "]";
        });
    }

    /** WSAECONNREFUSED for 10061: the table's errno name with Winsock's prefix; null when unnamed. */
    private String winsockName(int number) {
        Errno e = errnoTable.symbol(number);
        return e == Errno.UNKNOWN ? null : "WSA" + e.name();
    }

    private static String formatMessage(int number, int language) {
        char[] buffer = new char[1024];
        int n = WinSystem.Kernel32.FormatMessageW(WinSystem.FORMAT_MESSAGE_FROM_SYSTEM
                | WinSystem.FORMAT_MESSAGE_IGNORE_INSERTS, null, number, language, buffer, buffer.length, null);
        if (n <= 0) {
            return null;
        }
        String s = new String(buffer, 0, Math.min(n, buffer.length)).strip();
        return s.isEmpty() ? null : s;
    }

    private SysException lastError(String call) {
        return new SysException(call, error(Native.getLastError()));
    }

    private SysException unsupported(String call, int number, String why) {
        return new SysException(call, new SysError(errnoTable.symbol(number), number, why));
    }

    static int af(Family family) {
        return switch (family) {
            case INET -> WinLayout.AF_INET;
            case INET6 -> WinLayout.AF_INET6;
            case UNIX -> WinLayout.AF_UNIX;
        };
    }

    @Override
    public NativeSocket open(Family family, SocketType type) throws SysException {
        int sockType;
        int protocol;
        if (family == Family.UNIX) {
            if (type != SocketType.STREAM) {
                throw unsupported("socket", WSAESOCKTNOSUPPORT, "Windows has Unix-domain stream sockets only "
                        + "(Windows 10 1803 and later): no " + type.constant() + " ones");
            }
            sockType = Winsock.SOCK_STREAM;
            protocol = 0;
        } else {
            sockType = switch (type) {
                case STREAM -> Winsock.SOCK_STREAM;
                case DGRAM -> Winsock.SOCK_DGRAM;
                case SEQPACKET -> Winsock.SOCK_SEQPACKET;
            };
            protocol = switch (type) {
                case STREAM -> Winsock.IPPROTO_TCP;
                case DGRAM -> Winsock.IPPROTO_UDP;
                case SEQPACKET -> Winsock.IPPROTO_SCTP;
            };
        }
        return new Socket(rawSocket(af(family), sockType, protocol));
    }

    /** A non-blocking, non-inheritable socket. */
    private long rawSocket(int af, int type, int protocol) throws SysException {
        long s = Winsock.WSASocketW(af, type, protocol, null, 0,
                Winsock.WSA_FLAG_OVERLAPPED | Winsock.WSA_FLAG_NO_HANDLE_INHERIT);
        if (s == Winsock.INVALID_SOCKET) {
            throw lastError("socket");
        }
        try {
            nonBlocking(s);
        } catch (SysException e) {
            Winsock.closesocket(s);
            throw e;
        }
        return s;
    }

    private void nonBlocking(long s) throws SysException {
        if (Winsock.ioctlsocket(s, Winsock.FIONBIO, new int[] {1}) != 0) {
            throw lastError("ioctlsocket");
        }
    }

    /**
     * A connected pair on 127.0.0.1: {@code [reader, writer]}. Windows has no pipe that select()
     * can wait on, and no socketpair(); a loopback pair is the classic stand-in.
     */
    private long[] loopbackPair() throws SysException {
        long listener = rawSocket(WinLayout.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
        long writer = Winsock.INVALID_SOCKET;
        try {
            byte[] any = WinLayout.encodeSockaddr(new SockAddr.Inet4(0x7f000001, 0));
            if (Winsock.setsockopt(listener, Winsock.SOL_SOCKET, Winsock.SO_EXCLUSIVEADDRUSE, intBytes(1), 4) != 0
                    || Winsock.bind(listener, any, any.length) != 0 || Winsock.listen(listener, 1) != 0) {
                throw lastError("bind");
            }
            byte[] bound = new byte[WinLayout.SIZEOF_SOCKADDR_STORAGE];
            int[] length = {bound.length};
            if (Winsock.getsockname(listener, bound, length) != 0) {
                throw lastError("getsockname");
            }
            writer = rawSocket(WinLayout.AF_INET, Winsock.SOCK_STREAM, Winsock.IPPROTO_TCP);
            if (Winsock.connect(writer, bound, length[0]) != 0 && Native.getLastError() != Winsock.WSAEWOULDBLOCK) {
                throw lastError("connect");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            long reader;
            while ((reader = Winsock.accept(listener, null, null)) == Winsock.INVALID_SOCKET) {
                int err = Native.getLastError();
                if (err != Winsock.WSAEWOULDBLOCK || System.nanoTime() - deadline > 0) {
                    throw new SysException("accept", error(err));
                }
                select(new long[] {listener}, null, null, System.nanoTime() + 100_000_000L);
            }
            try {
                nonBlocking(reader);
            } catch (SysException e) {
                Winsock.closesocket(reader);
                throw e;
            }
            long[] pair = {reader, writer};
            writer = Winsock.INVALID_SOCKET;
            return pair;
        } finally {
            Winsock.closesocket(listener);
            if (writer != Winsock.INVALID_SOCKET) {
                Winsock.closesocket(writer);
            }
        }
    }

    @Override
    public Waker waker() throws SysException {
        long[] pair = loopbackPair();
        return new PairWaker(pair[0], pair[1]);
    }

    @Override
    public Lookup resolve(String host, String service, Family family, SocketType type, boolean numericHost) {
        int flags = numericHost ? Winsock.AI_NUMERICHOST : Winsock.AI_CANONNAME;
        if (service != null && !service.isEmpty() && service.chars().allMatch(c -> c >= '0' && c <= '9')) {
            flags |= Winsock.AI_NUMERICSERV;
        }
        int socktype = type == SocketType.DGRAM ? Winsock.SOCK_DGRAM : Winsock.SOCK_STREAM;
        int af = family == null || family == Family.UNIX ? WinLayout.AF_UNSPEC : af(family);
        byte[] hints = WinLayout.encodeHints(flags, af, socktype, 0);
        PointerByReference result = new PointerByReference();
        long start = System.nanoTime();
        int rc = Winsock.GetAddrInfoW(host == null ? null : new WString(host),
                service == null ? null : new WString(service), hints, result);
        if (rc != 0) {
            long elapsed = System.nanoTime() - start;
            return new Lookup(List.of(), null, new ResolveError(gaiTable.symbol(rc), rc, text(rc), null), elapsed);
        }
        List<SockAddr> addresses = new ArrayList<>();
        String canonical = null;
        Pointer head = result.getValue();
        try {
            for (Pointer p = head; p != null; ) {
                WinLayout.AddrInfoW ai = WinLayout.AddrInfoW.decode(p.getByteArray(0, WinLayout.SIZEOF_ADDRINFOW));
                if (canonical == null && ai.canonname() != 0) {
                    canonical = new Pointer(ai.canonname()).getWideString(0);
                }
                if (ai.addr() != 0 && ai.addrlen() > 0) {
                    int len = (int) Math.min(ai.addrlen(), WinLayout.SIZEOF_SOCKADDR_STORAGE);
                    SockAddr a = WinLayout.decodeSockaddr(new Pointer(ai.addr()).getByteArray(0, len), len);
                    if (a != null && !addresses.contains(a)) {
                        addresses.add(a);
                    }
                }
                p = ai.next() == 0 ? null : new Pointer(ai.next());
            }
        } finally {
            if (head != null) {
                Winsock.FreeAddrInfoW(head);
            }
        }
        return new Lookup(addresses, canonical, null, System.nanoTime() - start);
    }

    /**
     * GetAdaptersAddresses: each adapter's friendly name, its unicast addresses with their prefix
     * lengths, up (operational status up) and loopback (the software loopback type). Windows has no
     * separate administrative flag here, so {@code up} and {@code running} are the same fact, and it
     * reports no IPv4 broadcast address (null). Empty when the call fails: the system did not say
     * ({@link WindowsHostState#interfaces()} keeps the reason).
     */
    @Override
    public List<NetInterface> interfaces() {
        return Adapters.read().map(list -> list.stream().map(Adapters.Adapter::asInterface).toList()).orElse(List.of());
    }

    /**
     * select() on read, write and except sets until a socket is ready or {@code deadline} passes.
     * A deadline already passed still gets one select with a zero timeout; {@link #NO_DEADLINE} waits
     * without a limit. A timeout that select reports early (its clock is coarser) waits again.
     *
     * @return the sets as select left them, {@code [read, write, except]}; null on timeout
     */
    private byte[][] select(long[] read, long[] write, long[] except, long deadline) throws SysException {
        while (true) {
            byte[] r = read == null ? null : WinLayout.encodeFdSet(read);
            byte[] w = write == null ? null : WinLayout.encodeFdSet(write);
            byte[] x = except == null ? null : WinLayout.encodeFdSet(except);
            long left = deadline == NO_DEADLINE ? 0 : deadline - System.nanoTime();
            byte[] timeout = deadline == NO_DEADLINE ? null : WinLayout.encodeTimeval(left);
            int rc = Winsock.select(0, r, w, x, timeout);
            if (rc > 0) {
                return new byte[][] {r, w, x};
            }
            if (rc < 0) {
                int err = Native.getLastError();
                if (err == Winsock.WSAEINTR) {
                    continue;
                }
                throw new SysException("select", error(err));
            }
            if (deadline != NO_DEADLINE && deadline - System.nanoTime() <= 0) {
                return null;
            }
        }
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    /**
     * select() with the waker's read end in the read set and every socket in the write set
     * (connected) and the except set (the connect failed), as {@link Socket#awaitUntil} does for one.
     */
    @Override
    public FirstReady awaitAnyConnect(List<NativeSocket> sockets, Waker waker, long deadline) throws SysException {
        long wake = ((PairWaker) waker).reader();
        long[] handles = new long[sockets.size()];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = ((Socket) sockets.get(i)).live("select");
        }
        byte[][] sets = select(new long[] {wake}, handles, handles, deadline);
        if (sets == null) {
            return FirstReady.TIMED_OUT;
        }
        if (WinLayout.fdIsSet(sets[0], wake)) {
            return FirstReady.WOKEN;
        }
        for (int i = 0; i < handles.length; i++) {
            if (WinLayout.fdIsSet(sets[1], handles[i]) || WinLayout.fdIsSet(sets[2], handles[i])) {
                return new FirstReady(Readiness.READY, i);
            }
        }
        return FirstReady.TIMED_OUT;
    }

    final class Socket implements NativeSocket {
        private final AtomicLong handle;

        Socket(long handle) {
            this.handle = new AtomicLong(handle);
        }

        /** The SOCKET value: a kernel handle, small enough for an int in practice; -1 once closed. */
        @Override
        public int fd() {
            long h = handle.get();
            return h == Winsock.INVALID_SOCKET ? -1 : (int) h;
        }

        long handle() {
            return handle.get();
        }

        private long live(String call) throws SysException {
            long h = handle.get();
            if (h == Winsock.INVALID_SOCKET) {
                throw new SysException(call, error(errnoTable.number(Errno.ENOTSOCK).orElse(10038)));
            }
            return h;
        }

        /**
         * REUSEADDR sets SO_EXCLUSIVEADDRUSE: on Windows that gives Linux's answer to a bind on a port in
         * use (WSAEADDRINUSE), where Windows' own SO_REUSEADDR would share or even take the port.
         */
        @Override
        public void setOption(SocketOption option, boolean on) throws SysException {
            int name = switch (option) {
                case REUSEADDR -> Winsock.SO_EXCLUSIVEADDRUSE;
                case BROADCAST -> Winsock.SO_BROADCAST;
            };
            if (Winsock.setsockopt(live("setsockopt"), Winsock.SOL_SOCKET, name, intBytes(on ? 1 : 0), 4) != 0) {
                throw lastError("setsockopt");
            }
        }

        @Override
        public void setLingerZero() throws SysException {
            byte[] linger = WinLayout.encodeLingerZero();
            if (Winsock.setsockopt(live("setsockopt"), Winsock.SOL_SOCKET, Winsock.SO_LINGER, linger, linger.length) != 0) {
                throw lastError("setsockopt");
            }
        }

        private byte[] encode(String call, SockAddr address) throws SysException {
            try {
                return WinLayout.encodeSockaddr(address);
            } catch (IllegalArgumentException e) {
                throw unsupported(call, WSAEINVAL, e.getMessage());
            }
        }

        @Override
        public void bind(SockAddr local) throws SysException {
            byte[] c = encode("bind", local);
            if (Winsock.bind(live("bind"), c, c.length) != 0) {
                throw lastError("bind");
            }
        }

        @Override
        public void autobind() throws SysException {
            throw unsupported("bind", WSAEOPNOTSUPP, "Windows Unix sockets have no autobind: they are "
                    + "stream sockets only, and a client needs no name of its own");
        }

        @Override
        public boolean connect(SockAddr remote) throws SysException {
            byte[] c = encode("connect", remote);
            if (Winsock.connect(live("connect"), c, c.length) == 0) {
                return true;
            }
            int err = Native.getLastError();
            if (err == Winsock.WSAEWOULDBLOCK || err == Winsock.WSAEINPROGRESS) {
                return false;
            }
            throw new SysException("connect", error(err));
        }

        /**
         * Waits for {@code interest} or the waker until the absolute {@code deadline} ({@link #NO_DEADLINE}:
         * none). WRITE waits on the write set (connected) and the except set (the connect failed); READ on
         * the read set and the except set. The waker's read end is in the read set of both.
         */
        @Override
        public Readiness awaitUntil(Interest interest, Waker waker, long deadline) throws SysException {
            long s = live("select");
            long wake = ((PairWaker) waker).reader();
            byte[][] sets = interest == Interest.WRITE
                    ? select(new long[] {wake}, new long[] {s}, new long[] {s}, deadline)
                    : select(new long[] {s, wake}, null, new long[] {s}, deadline);
            if (sets == null) {
                return Readiness.TIMED_OUT;
            }
            if (WinLayout.fdIsSet(sets[0], wake)) {
                return Readiness.WOKEN;
            }
            return Readiness.READY;
        }

        /**
         * getsockopt IP_MTU / IPV6_MTU (Windows 10 1703 and later) and TCP_MAXSEG. Older Windows, and
         * Wine, fail with WSAENOPROTOOPT or WSAEINVAL: then Unknown with that error.
         */
        @Override
        public Read<PathMtu> pathMtu(Family family, boolean tcp) {
            boolean v6 = family == Family.INET6;
            String option = v6 ? "IPV6_MTU" : "IP_MTU";
            long h = handle.get();
            if (h == Winsock.INVALID_SOCKET) {
                return Read.unknown("the socket was closed before its path MTU was read");
            }
            int[] value = new int[1];
            int[] length = {4};
            if (Winsock.getsockopt(h, v6 ? Winsock.IPPROTO_IPV6 : Winsock.IPPROTO_IP, v6 ? Winsock.IPV6_MTU
                    : Winsock.IP_MTU, value, length) != 0) {
                SysError e = error(Native.getLastError());
                return Read.unknown("getsockopt " + option + " failed: " + e.nativeSymbol() + " (" + e.number()
                        + "); Windows reports a socket's path MTU from Windows 10 version 1703 on");
            }
            int mtu = value[0];
            int mss = 0;
            if (tcp) {
                value[0] = 0;
                length[0] = 4;
                if (Winsock.getsockopt(h, Winsock.IPPROTO_TCP, Winsock.TCP_MAXSEG, value, length) == 0) {
                    mss = value[0];
                }
            }
            return Read.known(new PathMtu(mtu, option, mss));
        }

        @Override
        public String maxSegmentUnsupported() {
            return "Windows has no setting for the MSS a connection advertises (TCP_MAXSEG can only be read there)";
        }

        /**
         * getsockopt(SO_ERROR). Microsoft documents that reading it resets it; under Wine it stays set
         * (a deviation the Windows suite names).
         */
        @Override
        public SysError takeError() throws SysException {
            int[] value = new int[1];
            int[] length = {4};
            if (Winsock.getsockopt(live("getsockopt"), Winsock.SOL_SOCKET, Winsock.SO_ERROR, value, length) != 0) {
                throw lastError("getsockopt");
            }
            return value[0] == 0 ? null : error(value[0]);
        }

        @Override
        public SockAddr localAddress() throws SysException {
            byte[] c = new byte[WinLayout.SIZEOF_SOCKADDR_STORAGE];
            int[] length = {c.length};
            if (Winsock.getsockname(live("getsockname"), c, length) != 0) {
                throw lastError("getsockname");
            }
            return WinLayout.decodeSockaddr(c, Math.min(length[0], c.length));
        }

        @Override
        public int send(byte[] data) throws SysException {
            int n = Winsock.send(live("send"), data, data.length, 0);
            if (n < 0) {
                throw lastError("send");
            }
            return n;
        }

        @Override
        public int receive(byte[] buffer) throws SysException {
            int n = Winsock.recv(live("recv"), buffer, buffer.length, 0);
            if (n < 0) {
                throw lastError("recv");
            }
            return n;
        }

        /**
         * Windows keeps no per-socket queue of ICMP errors that a program could read (there is
         * no IP_RECVERR): a port unreachable reaches the socket as WSAECONNRESET on the next
         * receive, and that is all Winsock tells. Nothing to switch on.
         */
        @Override
        public void receiveErrors(Family family) {
        }

        @Override
        public int sendTo(byte[] data, SockAddr to) throws SysException {
            byte[] c = WinLayout.encodeSockaddr(to);
            int n = Winsock.sendto(live("sendto"), data, data.length, 0, c, c.length);
            if (n < 0) {
                throw lastError("sendto");
            }
            return n;
        }

        @Override
        public ReceivedDatagram receiveFrom(byte[] buffer) throws SysException {
            byte[] from = new byte[WinLayout.SIZEOF_SOCKADDR_STORAGE];
            int[] length = {from.length};
            int n = Winsock.recvfrom(live("recvfrom"), buffer, buffer.length, 0, from, length);
            if (n < 0) {
                if (Native.getLastError() == WSAEMSGSIZE) {
                    return new ReceivedDatagram(buffer.length, WinLayout.decodeSockaddr(from,
                            Math.min(length[0], from.length)), true);
                }
                throw lastError("recvfrom");
            }
            return new ReceivedDatagram(n, WinLayout.decodeSockaddr(from, Math.min(length[0], from.length)), false);
        }

        /** Always null: see {@link #receiveErrors}. */
        @Override
        public QueuedError takeQueuedError() {
            return null;
        }

        @Override
        public void listen(int backlog) throws SysException {
            if (Winsock.listen(live("listen"), backlog) != 0) {
                throw lastError("listen");
            }
        }

        @Override
        public NativeSocket accept() throws SysException {
            long c = Winsock.accept(live("accept"), null, null);
            if (c == Winsock.INVALID_SOCKET) {
                throw lastError("accept");
            }
            try {
                nonBlocking(c);
            } catch (SysException e) {
                Winsock.closesocket(c);
                throw e;
            }
            return new Socket(c);
        }

        @Override
        public void close() {
            long h = handle.getAndSet(Winsock.INVALID_SOCKET);
            if (h != Winsock.INVALID_SOCKET) {
                Winsock.closesocket(h);
            }
        }

        @Override
        public String toString() {
            return "socket " + handle.get();
        }
    }

    /** The waker: one byte sent on {@code writer} makes {@code reader} readable. */
    final class PairWaker implements Waker {
        private final long reader;
        private final long writer;
        private boolean closed;
        private volatile boolean woken;

        PairWaker(long reader, long writer) {
            this.reader = reader;
            this.writer = writer;
        }

        long reader() {
            return reader;
        }

        @Override
        public synchronized void wake() {
            woken = true;
            if (!closed) {
                // WSAEWOULDBLOCK means the pair already holds bytes: the waiter wakes all the same.
                Winsock.send(writer, new byte[] {1}, 1, 0);
            }
        }

        @Override
        public boolean isWoken() {
            return woken;
        }

        @Override
        public synchronized void clear() {
            woken = false;
            if (!closed) {
                byte[] sink = new byte[64];
                while (Winsock.recv(reader, sink, sink.length, 0) > 0) {
                    // drain
                }
            }
        }

        /** Waits for the waker alone until the absolute {@code deadline}: a sleep that cancel ends. */
        @Override
        public Readiness sleepUntil(long deadline) throws SysException {
            synchronized (this) {
                if (closed) {
                    throw new SysException("select", error(errnoTable.number(Errno.ENOTSOCK).orElse(10038)));
                }
            }
            return select(new long[] {reader}, null, null, deadline) == null ? Readiness.TIMED_OUT : Readiness.WOKEN;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                Winsock.closesocket(reader);
                Winsock.closesocket(writer);
            }
        }
    }
}
