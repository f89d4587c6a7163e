package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

/** {@link NativeSockets} on Linux through glibc. */
public final class LinuxSockets implements NativeSockets {

    public static final LinuxSockets INSTANCE = new LinuxSockets();

    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EINPROGRESS = 115;

    private final NumberTable<Errno> errnoTable = NumberTable.errno(Os.LINUX);
    private final NumberTable<GaiError> gaiTable = NumberTable.gai(Os.LINUX);

    private LinuxSockets() {
    }

    @Override
    public Os os() {
        return Os.LINUX;
    }

    /** strerror's texts, asked once per number: they do not change while the program runs. */
    private final Map<Integer, SysError> errors = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The error with glibc's English text (strerror_l in the C locale) and, beside it, strerror's
     * text in the process locale, which the Java launcher set from LANG/LC_ALL/LC_MESSAGES.
     */
    @Override
    public SysError error(int number) {
        SysError known = errors.get(number); // the common case, without a capturing lambda per call
        if (known != null) {
            return known;
        }
        return errors.computeIfAbsent(number, n -> {
            String local = LinuxLibC.strerror(n);
            Pointer c = CLocale.OBJECT;
            String english = c == null ? local : LinuxLibC.strerror_l(n, c);
            return new SysError(errnoTable.symbol(n), n, english, local);
        });
    }

    /** A getaddrinfo failure with glibc's English text and gai_strerror's localised one beside it. */
    private ResolveError resolveError(GaiError code, int rc, SysError system) {
        return new ResolveError(code, rc, GlibcGaiText.english(code), system, LinuxLibC.gai_strerror(rc));
    }

    /** glibc's built-in C locale object, made once; null only if newlocale failed (out of memory). */
    private static final class CLocale {
        static final Pointer OBJECT = LinuxLibC.newlocale(LinuxLibC.LC_ALL_MASK, "C", null);
    }

    private SysException lastError(String call) {
        return new SysException(call, error(Native.getLastError()));
    }

    static int domain(Family family) {
        return switch (family) {
            case INET -> LinuxLibC.AF_INET;
            case INET6 -> LinuxLibC.AF_INET6;
            case UNIX -> LinuxLibC.AF_UNIX;
        };
    }

    static int type(SocketType type) {
        return switch (type) {
            case STREAM -> LinuxLibC.SOCK_STREAM;
            case DGRAM -> LinuxLibC.SOCK_DGRAM;
            case SEQPACKET -> LinuxLibC.SOCK_SEQPACKET;
        };
    }

    static int protocol(Family family, SocketType type) {
        if (family == Family.UNIX) {
            return 0;
        }
        return switch (type) {
            case STREAM -> LinuxLibC.IPPROTO_TCP;
            case DGRAM -> LinuxLibC.IPPROTO_UDP;
            case SEQPACKET -> LinuxLibC.IPPROTO_SCTP;
        };
    }

    @Override
    public NativeSocket open(Family family, SocketType type) throws SysException {
        int fd = LinuxLibC.socket(domain(family),
                type(type) | LinuxLibC.SOCK_NONBLOCK | LinuxLibC.SOCK_CLOEXEC, protocol(family, type));
        if (fd < 0) {
            throw lastError("socket");
        }
        return new Socket(fd);
    }

    @Override
    public Waker waker() throws SysException {
        int[] fds = new int[2];
        if (LinuxLibC.pipe2(fds, LinuxLibC.O_NONBLOCK | LinuxLibC.O_CLOEXEC) != 0) {
            throw lastError("pipe2");
        }
        return new PipeWaker(fds[0], fds[1]);
    }

    @Override
    public Lookup resolve(String host, String service, Family family, SocketType type, boolean numericHost) {
        LinuxAddrInfo hints = new LinuxAddrInfo();
        hints.ai_family = family == null ? LinuxLibC.AF_UNSPEC : domain(family);
        // SCTP shares TCP's port numbers and glibc resolves service names for TCP and UDP only.
        hints.ai_socktype = type == SocketType.DGRAM ? LinuxLibC.SOCK_DGRAM : LinuxLibC.SOCK_STREAM;
        hints.ai_flags = numericHost ? LinuxLibC.AI_NUMERICHOST : LinuxLibC.AI_CANONNAME;
        if (service != null && !service.isEmpty() && service.chars().allMatch(c -> c >= '0' && c <= '9')) {
            hints.ai_flags |= LinuxLibC.AI_NUMERICSERV;
        }
        PointerByReference result = new PointerByReference();
        long start = System.nanoTime();
        int rc = LinuxLibC.getaddrinfo(host, service, hints, result);
        int savedErrno = Native.getLastError();
        long elapsed;
        if (rc != 0) {
            elapsed = System.nanoTime() - start;
            GaiError code = gaiTable.symbol(rc);
            SysError system = code == GaiError.EAI_SYSTEM ? error(savedErrno) : null;
            return new Lookup(List.of(), null, resolveError(code, rc, system), elapsed);
        }
        List<SockAddr> addresses = new ArrayList<>();
        String canonical = null;
        Pointer head = result.getValue();
        try {
            for (Pointer p = head; p != null; ) {
                LinuxAddrInfo ai = new LinuxAddrInfo(p);
                if (canonical == null && ai.ai_canonname != null) {
                    canonical = ai.ai_canonname.getString(0);
                }
                if (ai.ai_addr != null && ai.ai_addrlen > 0) {
                    int len = Math.min(ai.ai_addrlen, LinuxSockaddr.SIZEOF_STORAGE);
                    SockAddr a = LinuxSockaddr.decode(ai.ai_addr.getByteArray(0, len), len);
                    if (a != null && !addresses.contains(a)) {
                        addresses.add(a);
                    }
                }
                p = ai.ai_next;
            }
        } finally {
            LinuxLibC.freeaddrinfo(head);
        }
        elapsed = System.nanoTime() - start;
        return new Lookup(addresses, canonical, null, elapsed);
    }

    /** Where glibc's stub resolver reads its name servers; a field so that it is one fact. */
    static final java.nio.file.Path RESOLV_CONF = java.nio.file.Path.of("/etc/resolv.conf");

    @Override
    public java.util.Optional<List<String>> resolvers() {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(RESOLV_CONF, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(nameservers(lines));
    }

    @Override
    public java.util.Optional<String> networkNamespace() {
        try {
            return java.util.Optional.of(java.nio.file.Files.readSymbolicLink(
                    java.nio.file.Path.of("/proc/thread-self/ns/net")).toString());
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return java.util.Optional.empty();
        }
    }

    /** The addresses of resolv.conf(5) "nameserver" lines, in order; comments start with # or ;. */
    static List<String> nameservers(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 2 && words[0].equals("nameserver") && !words[1].startsWith("#")
                    && !words[1].startsWith(";")) {
                out.add(words[1]);
            }
        }
        return List.copyOf(out);
    }

    @Override
    public List<NetInterface> interfaces() {
        PointerByReference result = new PointerByReference();
        if (LinuxLibC.getifaddrs(result) != 0) {
            return List.of();
        }
        Map<String, Integer> flags = new LinkedHashMap<>();
        Map<String, List<NetInterface.Address>> addresses = new LinkedHashMap<>();
        Pointer head = result.getValue();
        try {
            for (Pointer p = head; p != null; ) {
                LinuxIfAddrs ifa = new LinuxIfAddrs(p);
                String name = ifa.ifa_name == null ? "?" : ifa.ifa_name.getString(0);
                flags.merge(name, ifa.ifa_flags, (a, b) -> a | b);
                addresses.computeIfAbsent(name, n -> new ArrayList<>());
                SockAddr address = sockaddrAt(ifa.ifa_addr);
                if (address != null && address.family() != Family.UNIX) {
                    SockAddr mask = sockaddrAt(ifa.ifa_netmask);
                    SockAddr broadcast = (ifa.ifa_flags & LinuxLibC.IFF_BROADCAST) != 0 ? sockaddrAt(ifa.ifa_ifu) : null;
                    addresses.get(name).add(new NetInterface.Address(address, prefixLength(mask), broadcast));
                }
                p = ifa.ifa_next;
            }
        } finally {
            LinuxLibC.freeifaddrs(head);
        }
        List<NetInterface> out = new ArrayList<>();
        flags.forEach((name, f) -> out.add(new NetInterface(name, (f & LinuxLibC.IFF_UP) != 0,
                (f & LinuxLibC.IFF_RUNNING) != 0, (f & LinuxLibC.IFF_LOOPBACK) != 0, addresses.get(name))));
        return out;
    }

    /** An IPv4 or IPv6 sockaddr in native memory, or null for other families. */
    private static SockAddr sockaddrAt(Pointer p) {
        if (p == null) {
            return null;
        }
        int family = p.getShort(0) & 0xffff;
        int length = family == LinuxLibC.AF_INET ? LinuxSockaddr.SIZEOF_IN
                : family == LinuxLibC.AF_INET6 ? LinuxSockaddr.SIZEOF_IN6 : 0;
        return length == 0 ? null : LinuxSockaddr.decode(p.getByteArray(0, length), length);
    }

    private static int prefixLength(SockAddr mask) {
        if (mask instanceof SockAddr.Inet4 m) {
            return Integer.bitCount(m.address());
        }
        if (mask instanceof SockAddr.Inet6 m) {
            return Long.bitCount(m.high()) + Long.bitCount(m.low());
        }
        return 0;
    }

    /**
     * poll(2) on up to two descriptors until {@code deadline} (System.nanoTime), restarting after
     * EINTR with the time left. The first poll always happens, with timeout 0 when the deadline has
     * passed, so a descriptor that is ready is reported as such however late the caller is.
     */
    private Readiness poll(LinuxScratch scratch, int fd, short events, int wakeFd, long deadline) throws SysException {
        // The struct pollfd entries sit in the thread's scratch block, rewritten only when they change.
        int n = scratch.pollfds(fd, events, wakeFd);
        long fds = scratch.address + LinuxScratch.POLLFDS;
        boolean first = true;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 && !first) {
                return Readiness.TIMED_OUT;
            }
            first = false;
            // Round up: poll must never return before the user's limit.
            int millis = left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
            int rc = LinuxLibC.poll(fds, n, millis);
            if (rc < 0) {
                int errno = Native.getLastError();
                if (errno == EINTR) {
                    continue;
                }
                throw new SysException("poll", error(errno));
            }
            if (rc == 0) {
                continue; // the loop head decides whether the limit has really passed
            }
            // rc counts the entries with revents set: one read tells which. The waker comes first,
            // so a cancel wins over a socket that became ready at the same moment.
            if (fd < 0 || scratch.revents(1) != 0) {
                return Readiness.WOKEN;
            }
            return Readiness.READY;
        }
    }

    /**
     * poll(2) on the waker (entry 0) and every socket for POLLOUT, which a finished connect
     * reports (with POLLERR when it failed). Restarts after EINTR with the time left; the first
     * poll always happens, with timeout 0 when the deadline has passed.
     */
    @Override
    public FirstReady awaitAnyConnect(List<NativeSocket> sockets, Waker waker, long deadlineNanos) throws SysException {
        int n = sockets.size() + 1;
        try (com.sun.jna.Memory fds = new com.sun.jna.Memory(8L * n)) {
            fds.setInt(0, ((PipeWaker) waker).readFd);
            fds.setShort(4, LinuxLibC.POLLIN);
            for (int i = 1; i < n; i++) {
                int fd = sockets.get(i - 1).fd();
                if (fd < 0) {
                    throw new SysException("poll", error(errnoTable.number(Errno.EBADF).orElse(9)));
                }
                fds.setInt(8L * i, fd);
                fds.setShort(8L * i + 4, LinuxLibC.POLLOUT);
            }
            boolean first = true;
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 && !first) {
                    return FirstReady.TIMED_OUT;
                }
                first = false;
                int millis = left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
                int rc = LinuxLibC.poll(fds, n, millis);
                if (rc < 0) {
                    int errno = Native.getLastError();
                    if (errno == EINTR) {
                        continue;
                    }
                    throw new SysException("poll", error(errno));
                }
                if (rc == 0) {
                    continue;
                }
                if (fds.getShort(6) != 0) {
                    return FirstReady.WOKEN;
                }
                for (int i = 1; i < n; i++) {
                    if (fds.getShort(8L * i + 6) != 0) {
                        return new FirstReady(Readiness.READY, i - 1);
                    }
                }
            }
        }
    }

    private final class Socket implements NativeSocket {
        private final AtomicInteger fd;
        /** The thread that opened the socket and its scratch block: one ThreadLocal lookup per socket, not per call. */
        private final Thread owner = Thread.currentThread();
        private final LinuxScratch ownerScratch = LinuxScratch.current();

        Socket(int fd) {
            this.fd = new AtomicInteger(fd);
        }

        /** The calling thread's scratch block: the opener's, kept, when the opener calls. */
        private LinuxScratch scratch() {
            return Thread.currentThread() == owner ? ownerScratch : LinuxScratch.current();
        }

        @Override
        public int fd() {
            return fd.get();
        }

        private int live(String call) throws SysException {
            int f = fd.get();
            if (f < 0) {
                throw new SysException(call, error(errnoTable.number(Errno.EBADF).orElse(9)));
            }
            return f;
        }

        @Override
        public void setOption(SocketOption option, boolean on) throws SysException {
            int name = switch (option) {
                case REUSEADDR -> LinuxLibC.SO_REUSEADDR;
                case BROADCAST -> LinuxLibC.SO_BROADCAST;
            };
            if (LinuxLibC.setsockopt(live("setsockopt"), LinuxLibC.SOL_SOCKET, name, new int[] {on ? 1 : 0}, 4) != 0) {
                throw lastError("setsockopt");
            }
        }

        @Override
        public Read<PathMtu> pathMtu(Family family, boolean tcp) {
            boolean v6 = family == Family.INET6;
            String option = v6 ? "IPV6_MTU" : "IP_MTU";
            int[] value = new int[1];
            int[] length = {4};
            int f = fd.get();
            if (f < 0) {
                return Read.unknown("the socket was closed before its path MTU was read");
            }
            if (LinuxLibC.getsockopt(f, v6 ? LinuxLibC.SOL_IPV6 : LinuxLibC.SOL_IP, v6 ? LinuxLibC.IPV6_MTU
                    : LinuxLibC.IP_MTU, value, length) != 0) {
                SysError e = error(Native.getLastError());
                return Read.unknown("getsockopt " + option + " failed: " + e.symbol() + " (" + e.message() + ")");
            }
            int mtu = value[0];
            int mss = 0;
            if (tcp) {
                value[0] = 0;
                length[0] = 4;
                if (LinuxLibC.getsockopt(f, LinuxLibC.IPPROTO_TCP, LinuxLibC.TCP_MAXSEG, value, length) == 0) {
                    mss = value[0];
                }
            }
            return Read.known(new PathMtu(mtu, option, mss));
        }

        @Override
        public boolean advertiseMaxSegment(int bytes) throws SysException {
            if (LinuxLibC.setsockopt(live("setsockopt"), LinuxLibC.IPPROTO_TCP, LinuxLibC.TCP_MAXSEG, new int[] {bytes},
                    4) != 0) {
                throw lastError("setsockopt");
            }
            return true;
        }

        @Override
        public String maxSegmentUnsupported() {
            return null;
        }

        @Override
        public void setLingerZero() throws SysException {
            // struct linger { int l_onoff; int l_linger; } = {1, 0}, kept in the thread's scratch block
            long linger = scratch().address + LinuxScratch.LINGER;
            if (LinuxLibC.setsockopt(live("setsockopt"), LinuxLibC.SOL_SOCKET, LinuxLibC.SO_LINGER, linger,
                    LinuxScratch.LINGER_SIZE) != 0) {
                throw lastError("setsockopt");
            }
        }

        @Override
        public void bind(SockAddr local) throws SysException {
            byte[] c = LinuxSockaddr.encode(local);
            if (LinuxLibC.bind(live("bind"), c, c.length) != 0) {
                throw lastError("bind");
            }
        }

        @Override
        public void autobind() throws SysException {
            if (LinuxLibC.bind(live("bind"), new short[] {(short) LinuxLibC.AF_UNIX}, 2) != 0) {
                throw lastError("bind");
            }
        }

        @Override
        public boolean connect(SockAddr remote) throws SysException {
            LinuxScratch scratch = scratch();
            int length = scratch.peer(remote);
            if (LinuxLibC.connect(live("connect"), scratch.address + LinuxScratch.PEER, length) == 0) {
                return true;
            }
            int errno = Native.getLastError();
            // connect(2): after EINTR the attempt goes on in the background, as after EINPROGRESS.
            if (errno == EINPROGRESS || errno == EINTR) {
                return false;
            }
            throw new SysException("connect", error(errno));
        }

        @Override
        public Readiness awaitUntil(Interest interest, Waker waker, long deadlineNanos) throws SysException {
            short events = interest == Interest.WRITE ? LinuxLibC.POLLOUT : LinuxLibC.POLLIN;
            return poll(scratch(), live("poll"), events, ((PipeWaker) waker).readFd, deadlineNanos);
        }

        @Override
        public SysError takeError() throws SysException {
            LinuxScratch scratch = scratch();
            if (LinuxLibC.getsockopt(live("getsockopt"), LinuxLibC.SOL_SOCKET, LinuxLibC.SO_ERROR,
                    scratch.address + LinuxScratch.SO_ERROR_VALUE, scratch.address + LinuxScratch.SO_ERROR_LENGTH) != 0) {
                throw lastError("getsockopt");
            }
            int value = scratch.soError();
            return value == 0 ? null : error(value);
        }

        @Override
        public SockAddr localAddress() throws SysException {
            LinuxScratch scratch = scratch();
            scratch.prepareLocal();
            if (LinuxLibC.getsockname(live("getsockname"), scratch.address + LinuxScratch.LOCAL,
                    scratch.address + LinuxScratch.LOCAL_LENGTH) != 0) {
                throw lastError("getsockname");
            }
            return scratch.local();
        }

        @Override
        public int send(byte[] data) throws SysException {
            long n = LinuxLibC.send(live("send"), data, data.length, LinuxLibC.MSG_NOSIGNAL | LinuxLibC.MSG_DONTWAIT);
            if (n < 0) {
                throw lastError("send");
            }
            return (int) n;
        }

        @Override
        public int receive(byte[] buffer) throws SysException {
            long n = LinuxLibC.recv(live("recv"), buffer, buffer.length, LinuxLibC.MSG_DONTWAIT);
            if (n < 0) {
                throw lastError("recv");
            }
            return (int) n;
        }

        @Override
        public void listen(int backlog) throws SysException {
            if (LinuxLibC.listen(live("listen"), backlog) != 0) {
                throw lastError("listen");
            }
        }

        @Override
        public NativeSocket accept() throws SysException {
            int c = LinuxLibC.accept4(live("accept4"), null, null, LinuxLibC.SOCK_NONBLOCK | LinuxLibC.SOCK_CLOEXEC);
            if (c < 0) {
                throw lastError("accept4");
            }
            return new Socket(c);
        }

        @Override
        public void close() {
            int f = fd.getAndSet(-1);
            if (f >= 0) {
                LinuxLibC.close(f);
            }
        }

        @Override
        public String toString() {
            return "socket fd " + fd.get();
        }

        @Override
        public void receiveErrors(Family family) throws SysException {
            int level = family == Family.INET6 ? LinuxLibC.SOL_IPV6 : LinuxLibC.SOL_IP;
            int name = family == Family.INET6 ? LinuxLibC.IPV6_RECVERR : LinuxLibC.IP_RECVERR;
            if (family == Family.UNIX) {
                throw new IllegalArgumentException("IP_RECVERR applies to IPv4 and IPv6 sockets only");
            }
            if (LinuxLibC.setsockopt(live("setsockopt"), level, name, new int[] {1}, 4) != 0) {
                throw lastError("setsockopt");
            }
        }

        @Override
        public int sendTo(byte[] data, SockAddr to) throws SysException {
            byte[] c = LinuxSockaddr.encode(to);
            long n = LinuxLibC.sendto(live("sendto"), data, data.length, LinuxLibC.MSG_NOSIGNAL | LinuxLibC.MSG_DONTWAIT,
                    c, c.length);
            if (n < 0) {
                throw lastError("sendto");
            }
            return (int) n;
        }

        @Override
        public ReceivedDatagram receiveFrom(byte[] buffer) throws SysException {
            byte[] from = new byte[LinuxSockaddr.SIZEOF_STORAGE];
            int[] length = {from.length};
            // MSG_TRUNC makes recvfrom return the datagram's real length, so truncation shows.
            long n = LinuxLibC.recvfrom(live("recvfrom"), buffer, buffer.length,
                    LinuxLibC.MSG_DONTWAIT | LinuxLibC.MSG_TRUNC, from, length);
            if (n < 0) {
                throw lastError("recvfrom");
            }
            SockAddr sender = LinuxSockaddr.decode(from, Math.min(length[0], from.length));
            return new ReceivedDatagram((int) Math.min(n, buffer.length), sender, n > buffer.length);
        }

        @Override
        public QueuedError takeQueuedError() throws SysException {
            int f = live("recvmsg");
            try (LinuxMsgHdr message = new LinuxMsgHdr()) {
                long n = LinuxLibC.recvmsg(f, message.prepare(), LinuxLibC.MSG_ERRQUEUE | LinuxLibC.MSG_DONTWAIT);
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == EAGAIN) {
                        return null;
                    }
                    throw new SysException("recvmsg", error(errno));
                }
                byte[] ee = message.controlData(LinuxLibC.SOL_IP, LinuxLibC.IP_RECVERR);
                if (ee == null) {
                    ee = message.controlData(LinuxLibC.SOL_IPV6, LinuxLibC.IPV6_RECVERR);
                }
                byte[] name = message.name();
                SockAddr destination = LinuxSockaddr.decode(name, name.length);
                if (ee == null || ee.length < LinuxMsgHdr.SIZEOF_EXTENDED_ERR) {
                    return null; // an entry without its description (MSG_CTRUNC): nothing to report
                }
                return extendedError(ee, destination);
            }
        }
    }

    /** A {@code struct sock_extended_err} and the offender address after it, from a control message. */
    QueuedError extendedError(byte[] ee, SockAddr destination) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(ee).order(java.nio.ByteOrder.nativeOrder());
        int errno = b.getInt(LinuxMsgHdr.EE_ERRNO);
        int origin = ee[LinuxMsgHdr.EE_ORIGIN] & 0xff;
        int type = ee[LinuxMsgHdr.EE_TYPE] & 0xff;
        int code = ee[LinuxMsgHdr.EE_CODE] & 0xff;
        int info = b.getInt(LinuxMsgHdr.EE_INFO);
        SockAddr offender = null;
        int offenderLength = ee.length - LinuxMsgHdr.EE_OFFENDER;
        if (offenderLength >= 2) {
            byte[] sa = java.util.Arrays.copyOfRange(ee, LinuxMsgHdr.EE_OFFENDER, ee.length);
            offender = LinuxSockaddr.decode(sa, sa.length); // AF_UNSPEC (no offender) decodes to null
        }
        QueuedError.Origin o = switch (origin) {
            case LinuxLibC.SO_EE_ORIGIN_LOCAL -> QueuedError.Origin.LOCAL;
            case LinuxLibC.SO_EE_ORIGIN_ICMP -> QueuedError.Origin.ICMP;
            case LinuxLibC.SO_EE_ORIGIN_ICMP6 -> QueuedError.Origin.ICMP6;
            default -> QueuedError.Origin.OTHER;
        };
        return new QueuedError(error(errno), o, type, code, info, offender, destination);
    }

    private final class PipeWaker implements Waker {
        private final int readFd;
        private final int writeFd;
        private boolean closed;
        private volatile boolean woken;

        PipeWaker(int readFd, int writeFd) {
            this.readFd = readFd;
            this.writeFd = writeFd;
        }

        @Override
        public synchronized void wake() {
            woken = true;
            if (!closed) {
                // EAGAIN means the pipe already holds bytes: the waiter will wake all the same.
                LinuxLibC.write(writeFd, new byte[] {1}, 1);
            }
        }

        @Override
        public boolean isWoken() {
            return woken;
        }

        @Override
        public synchronized void clear() {
            // wake() sets the flag before it writes, both under this lock: unwoken, the pipe is empty,
            // and a probe's release spares a read(2) that would only say EAGAIN.
            if (!woken) {
                return;
            }
            woken = false;
            if (!closed) {
                byte[] sink = new byte[64];
                while (LinuxLibC.read(readFd, sink, sink.length) > 0) {
                    // drain
                }
            }
        }

        @Override
        public Readiness sleepUntil(long deadlineNanos) throws SysException {
            synchronized (this) {
                if (closed) {
                    throw new SysException("poll", error(errnoTable.number(Errno.EBADF).orElse(9)));
                }
            }
            return poll(LinuxScratch.current(), -1, (short) 0, readFd, deadlineNanos);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                LinuxLibC.close(readFd);
                LinuxLibC.close(writeFd);
            }
        }
    }

    /** Exposed for the native-layer tests: fcntl(F_GETFL) on any descriptor. */
    int fileStatusFlags(int fd) throws SysException {
        int flags = LinuxLibC.fcntl(fd, LinuxLibC.F_GETFL, 0);
        if (flags < 0) {
            throw lastError("fcntl");
        }
        return flags;
    }

    /** Exposed for the native-layer tests: connect(2) on a raw descriptor, errors as thrown. */
    void rawConnect(int fd, SockAddr remote) throws SysException {
        byte[] c = LinuxSockaddr.encode(remote);
        if (LinuxLibC.connect(fd, c, c.length) != 0) {
            throw lastError("connect");
        }
    }

    /** Exposed for the native-layer tests: a plain pipe. */
    int[] rawPipe() throws SysException {
        int[] fds = new int[2];
        if (LinuxLibC.pipe2(fds, LinuxLibC.O_CLOEXEC) != 0) {
            throw lastError("pipe2");
        }
        return fds;
    }

    static void rawClose(int fd) {
        LinuxLibC.close(fd);
    }

    /** Moves the calling thread into the network namespace that {@code path} names. */
    void enterNetworkNamespace(String path) throws SysException {
        int fd = LinuxLibC.open(path, LinuxLibC.O_RDONLY | LinuxLibC.O_CLOEXEC);
        if (fd < 0) {
            throw lastError("open");
        }
        try {
            if (LinuxLibC.setns(fd, LinuxLibC.CLONE_NEWNET) != 0) {
                throw lastError("setns");
            }
        } finally {
            LinuxLibC.close(fd);
        }
    }
}
