package org.connectdoctor.explain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.NativeSockets;

/**
 * Reads this computer's network state from /proc and the interface list, as the calling thread
 * sees it: /proc/thread-self/net follows the thread's network namespace, so a check run on a
 * thread inside a namespace reads that namespace. Only reads; never changes anything.
 */
final class LocalState {

    private LocalState() {
    }

    /** Where the calling thread reads /proc/net from instead, for tests of an unreadable /proc. */
    private static final ThreadLocal<Path> PROC_NET = new ThreadLocal<>();

    /**
     * What a reader got: the value it read, or why it could not read its source. An empty list
     * that is {@link Known} means "read, and there is none"; {@link Unknown} means "cannot tell".
     */
    sealed interface Read<T> permits Read.Known, Read.Unknown {
        record Known<T>(T value) implements Read<T> {
        }

        /** @param reason what could not be read and why: "/proc/net/tcp does not exist" */
        record Unknown<T>(String reason) implements Read<T> {
        }

        /** The value when known, else {@code fallback}. */
        default T orElse(T fallback) {
            return this instanceof Known<T> k ? k.value() : fallback;
        }
    }

    /** /proc/thread-self/net when it exists (Linux 3.17+), else /proc/self/net. */
    static Path procNet() {
        Path override = PROC_NET.get();
        if (override != null) {
            return override;
        }
        Path p = Path.of("/proc/thread-self/net");
        return Files.isDirectory(p) ? p : Path.of("/proc/self/net");
    }

    /**
     * Runs {@code task} on this thread with /proc/net read from {@code dir}: a test points the
     * readers at a missing or empty directory to see what the checks say when /proc is masked.
     */
    static <T> T withProcNet(Path dir, Supplier<T> task) {
        Path before = PROC_NET.get();
        PROC_NET.set(dir);
        try {
            return task.get();
        } finally {
            PROC_NET.set(before);
        }
    }

    /** A line of /proc/net/tcp, tcp6, udp or udp6. */
    record InetSocket(String table, SockAddr local, SockAddr remote, int state, long txQueue, long rxQueue, int uid,
                      long inode) {
        static final int TCP_ESTABLISHED = 0x01;
        static final int TCP_TIME_WAIT = 0x06;
        static final int TCP_CLOSE = 0x07;
        static final int TCP_LISTEN = 0x0A;

        boolean isTcp() {
            return table.startsWith("tcp");
        }

        /** Listening (TCP) or bound and unconnected (UDP). */
        boolean isListening() {
            return isTcp() ? state == TCP_LISTEN : state == TCP_CLOSE;
        }

        String stateName() {
            return switch (state) {
                case 0x01 -> "ESTABLISHED";
                case 0x02 -> "SYN_SENT";
                case 0x03 -> "SYN_RECV";
                case 0x04 -> "FIN_WAIT1";
                case 0x05 -> "FIN_WAIT2";
                case 0x06 -> "TIME_WAIT";
                case 0x07 -> isTcp() ? "CLOSE" : "unconnected";
                case 0x08 -> "CLOSE_WAIT";
                case 0x09 -> "LAST_ACK";
                case 0x0A -> "LISTEN";
                case 0x0B -> "CLOSING";
                default -> "state " + state;
            };
        }
    }

    /**
     * The sockets of the given tables ("tcp", "tcp6", "udp", "udp6"). A missing IPv6 table on a
     * kernel without IPv6 is none; any other table that cannot be read makes the whole answer
     * unknown, since a partial list would read as "nothing there".
     */
    static Read<List<InetSocket>> inetSockets(String... tables) {
        List<InetSocket> out = new ArrayList<>();
        for (String table : tables) {
            Path file = procNet().resolve(table);
            Read<List<String>> read = readLines(file);
            if (read instanceof Read.Unknown<List<String>> u) {
                if (table.endsWith("6") && !Files.exists(procNet().resolve("if_inet6"))
                        && Files.isReadable(procNet().resolve(table.substring(0, table.length() - 1)))) {
                    continue; // no IPv6 in this kernel: no IPv6 sockets
                }
                return new Read.Unknown<>(u.reason());
            }
            List<String> lines = read.orElse(List.of());
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).strip().split("\\s+");
                if (f.length < 10) {
                    continue;
                }
                try {
                    SockAddr local = hexAddress(f[1]);
                    SockAddr remote = hexAddress(f[2]);
                    int state = Integer.parseInt(f[3], 16);
                    String[] queues = f[4].split(":");
                    long tx = Long.parseLong(queues[0], 16);
                    long rx = Long.parseLong(queues[1], 16);
                    int uid = Integer.parseInt(f[7]);
                    long inode = Long.parseLong(f[9]);
                    out.add(new InetSocket(table, local, remote, state, tx, rx, uid, inode));
                } catch (RuntimeException malformed) {
                    // a line this reader does not understand is left out, not fatal
                }
            }
        }
        return new Read.Known<>(out);
    }

    /** "0100007F:1538" (IPv4, host byte order) or 32 hex digits (IPv6, four host-order words). */
    static SockAddr hexAddress(String field) {
        int colon = field.indexOf(':');
        String addr = field.substring(0, colon);
        int port = Integer.parseInt(field.substring(colon + 1), 16);
        if (addr.length() == 8) {
            return new SockAddr.Inet4(Integer.reverseBytes((int) Long.parseLong(addr, 16)), port);
        }
        byte[] octets = new byte[16];
        for (int w = 0; w < 4; w++) {
            int word = Integer.reverseBytes((int) Long.parseLong(addr.substring(w * 8, w * 8 + 8), 16));
            octets[w * 4] = (byte) (word >>> 24);
            octets[w * 4 + 1] = (byte) (word >>> 16);
            octets[w * 4 + 2] = (byte) (word >>> 8);
            octets[w * 4 + 3] = (byte) word;
        }
        SockAddr.Inet6 v6 = SockAddr.Inet6.of(octets, port, 0, 0);
        // A dual-stack socket bound to ::ffff:a.b.c.d is, for every purpose here, bound to a.b.c.d.
        return v6.isV4Mapped() ? new SockAddr.Inet4((int) v6.low(), port) : v6;
    }

    /** A line of /proc/net/unix. */
    record UnixSocket(long flags, SocketType type, int state, long inode, String path) {
        static final long SO_ACCEPTCON = 0x10000;

        boolean isListening() {
            return (flags & SO_ACCEPTCON) != 0;
        }

        boolean isAbstract() {
            return path.startsWith("@");
        }
    }

    /** The Unix sockets of /proc/net/unix, bound or not. */
    static Read<List<UnixSocket>> unixSockets() {
        List<UnixSocket> out = new ArrayList<>();
        Read<List<String>> read = readLines(procNet().resolve("unix"));
        if (read instanceof Read.Unknown<List<String>> u) {
            return new Read.Unknown<>(u.reason());
        }
        List<String> lines = read.orElse(List.of());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+", 8);
            if (f.length < 7) {
                continue;
            }
            try {
                long flags = Long.parseLong(f[3], 16);
                SocketType type = switch (Integer.parseInt(f[4], 16)) {
                    case 1 -> SocketType.STREAM;
                    case 2 -> SocketType.DGRAM;
                    case 5 -> SocketType.SEQPACKET;
                    default -> null;
                };
                int state = Integer.parseInt(f[5], 16);
                long inode = Long.parseLong(f[6]);
                String path = f.length > 7 ? f[7] : "";
                if (type != null) {
                    out.add(new UnixSocket(flags, type, state, inode, path));
                }
            } catch (RuntimeException malformed) {
                // skipped
            }
        }
        return new Read.Known<>(out);
    }

    /**
     * The interfaces as the calling thread's namespace has them: from the kernel through
     * getifaddrs(3) when the native layer is there (namespace-exact), else from Java's list.
     */
    static List<NetInterface> interfaces(NativeSockets sockets) {
        if (sockets != null) {
            return sockets.interfaces();
        }
        List<NetInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                List<NetInterface.Address> addresses = new ArrayList<>();
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    SockAddr address = sockAddr(a.getAddress());
                    SockAddr broadcast = a.getBroadcast() == null ? null : sockAddr(a.getBroadcast());
                    addresses.add(new NetInterface.Address(address, a.getNetworkPrefixLength(), broadcast));
                }
                out.add(new NetInterface(ni.getName(), ni.isUp(), ni.isUp(), ni.isLoopback(), addresses));
            }
        } catch (SocketException | RuntimeException e) {
            // no interface list: the checks say less, never fail
        }
        return out;
    }

    private static SockAddr sockAddr(InetAddress a) {
        byte[] o = a.getAddress();
        return o.length == 4 ? SockAddr.Inet4.of(o, 0) : SockAddr.Inet6.of(o, 0, 0, 0);
    }

    /** "10.77.0.1/24, fe80::1/64". */
    static String addressesText(NetInterface i) {
        return String.join(", ", i.addresses().stream().map(NetInterface.Address::display).toList());
    }

    /** True when {@code address} belongs to this computer: loopback, wildcard, or an interface's address. */
    static boolean isLocal(SockAddr address, NativeSockets sockets) {
        if (address instanceof SockAddr.Inet4 v4 && (v4.isLoopback() || v4.isAny())) {
            return true;
        }
        if (address instanceof SockAddr.Inet6 v6 && (v6.isLoopback() || v6.high() == 0 && v6.low() == 0)) {
            return true;
        }
        for (NetInterface i : interfaces(sockets)) {
            for (NetInterface.Address a : i.addresses()) {
                if (a.address().host().equals(address.host())) {
                    return true;
                }
            }
        }
        return false;
    }

    static byte[] octets(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return v4.octets();
        }
        if (a instanceof SockAddr.Inet6 v6) {
            return v6.octets();
        }
        return null;
    }

    /** The first line of a small file, trimmed; empty when unreadable. */
    static Optional<String> firstLine(Path p) {
        List<String> lines = lines(p);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).strip());
    }

    /** The file's lines; empty when unreadable (for sources where "unreadable" and "empty" read alike). */
    static List<String> lines(Path p) {
        return readLines(p).orElse(List.of());
    }

    /** The file's lines, or why it cannot be read: "/proc/net/tcp does not exist". */
    static Read<List<String>> readLines(Path p) {
        try {
            return new Read.Known<>(Files.readAllLines(p, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return new Read.Unknown<>(p + " does not exist");
        } catch (AccessDeniedException e) {
            return new Read.Unknown<>(p + " is not readable (permission denied)");
        } catch (IOException | RuntimeException e) {
            return new Read.Unknown<>(p + " is not readable (" + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /**
     * The processes that hold the socket with {@code inode}, as "1234 (java)"; only processes this
     * user may inspect are seen (root sees all). Bounded: stops after the first match.
     */
    static Optional<String> processHolding(long inode) {
        String link = "socket:[" + inode + "]";
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                try (var fds = Files.newDirectoryStream(proc.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (link.equals(Files.readSymbolicLink(fd).toString())) {
                                String comm = firstLine(proc.resolve("comm")).orElse("?");
                                return Optional.of(proc.getFileName() + " (" + comm + ")");
                            }
                        } catch (IOException | RuntimeException gone) {
                            // the descriptor closed meanwhile
                        }
                    }
                } catch (IOException | RuntimeException notOurs) {
                    // another user's process, or it exited
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
