package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;

/**
 * The routing and neighbour tables from the Linux kernel over rtnetlink (rtnetlink(7)), as
 * {@code ip route get}, {@code ip route show table all} and {@code ip neigh} ask for them. The
 * netlink socket is opened by the calling thread, so it belongs to that thread's network
 * namespace: a thread that entered a namespace reads that namespace's tables.
 *
 * <p>Only send(2), recv(2), poll(2) and if_indextoname(3) cross into C; {@link RtNetlink} builds
 * and parses the messages.
 */
public final class LinuxNetlink implements HostRoutes {

    public static final LinuxNetlink INSTANCE = new LinuxNetlink();

    /** IF_NAMESIZE of net/if.h, terminating NUL included. */
    private static final int IF_NAMESIZE = 16;
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int LIMIT_MILLIS = 2000;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    // the errnos RTM_GETROUTE answers for a destination it will not route (net/ipv4/route.c, net/ipv6/route.c)
    private static final int EACCES = 13;
    private static final int EINVAL = 22;
    private static final int ENETUNREACH = 101;
    private static final int EHOSTUNREACH = 113;

    private final AtomicInteger sequence = new AtomicInteger(1);

    static {
        Native.register(LinuxNetlink.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private LinuxNetlink() {
    }

    /**
     * if_indextoname(3): writes the name of the interface with index {@code ifindex} into
     * {@code name} (IF_NAMESIZE bytes) and returns it, or returns NULL with errno ENXIO when the
     * calling thread's network namespace has no such interface.
     */
    private static native Pointer if_indextoname(int ifindex, byte[] name);

    @Override
    public RouteLookup route(SockAddr destination) {
        Family family = destination.family();
        if (family != Family.INET && family != Family.INET6) {
            return new RouteLookup.Unknown("routes exist for IP addresses only, not " + destination.display());
        }
        int oif = destination instanceof SockAddr.Inet6 v6 ? v6.scopeId() : 0;
        try (Channel c = new Channel()) {
            int seq = sequence.getAndIncrement();
            List<RtNetlink.Message> reply = c.exchange(RtNetlink.routeRequest(seq, family, Route.octets(destination), oif),
                    seq, false);
            RtNetlink.Message m = reply.get(0);
            Names names = new Names();
            if (m.type() == RtNetlink.RTM_NEWROUTE) {
                RtNetlink.RawRoute raw = RtNetlink.route(m);
                if (raw == null) {
                    return new RouteLookup.Unknown("the kernel answered the route request for another address family");
                }
                Route r = RtNetlink.toRoute(raw, names::name);
                // Older kernels answer IPv6 reject routes (and the lack of any route) with a route of that type.
                return r.type().rejects() ? fromTables(c, destination, null, names)
                        : new RouteLookup.Routed(r, entry(c, destination, r, names));
            }
            int errno = RtNetlink.error(m);
            if (errno == ENETUNREACH || errno == EHOSTUNREACH || errno == EACCES || errno == EINVAL) {
                return fromTables(c, destination, LinuxSockets.INSTANCE.error(errno).symbol(), names);
            }
            return new RouteLookup.Unknown("the kernel answered the route request with "
                    + LinuxSockets.INSTANCE.error(errno));
        } catch (SysException e) {
            return new RouteLookup.Unknown("rtnetlink could not be asked: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new RouteLookup.Unknown("the kernel's rtnetlink answer was not understood: " + e.getMessage());
        }
    }

    /** The most specific table entry the kernel's answer {@code r} can have come from, or null. */
    private Route entry(Channel c, SockAddr destination, Route r, Names names) {
        try {
            return routes(c, destination.family(), names).stream()
                    .filter(e -> e.covers(destination) && e.type() == r.type() && Objects.equals(e.device(), r.device())
                            && Objects.equals(e.gateway(), r.gateway()) && (r.table() == 0 || e.table() == r.table()
                            || r.table() == Route.TABLE_MAIN && e.table() == Route.TABLE_LOCAL))
                    .max(Comparator.comparingInt(Route::prefixLength)).orElse(null);
        } catch (SysException | IllegalArgumentException e) {
            return null; // the answer stands without its table entry
        }
    }

    /** The most specific entry of any table that covers the destination, reject routes first on a tie. */
    private RouteLookup fromTables(Channel c, SockAddr destination, String kernelAnswer, Names names) throws SysException {
        List<Route> all = routes(c, destination.family(), names);
        Optional<Route> covering = all.stream().filter(r -> r.covers(destination))
                .filter(r -> r.type() != RouteType.LOCAL && r.type() != RouteType.BROADCAST && r.type() != RouteType.MULTICAST)
                .max(Comparator.comparingInt(Route::prefixLength).thenComparing(r -> r.type().rejects()));
        if (covering.isEmpty()) {
            return new RouteLookup.NoRoute(kernelAnswer, all.stream().filter(Route::isDefault).toList());
        }
        if (!covering.get().type().rejects()) {
            return new RouteLookup.Unknown("the kernel refused the route to " + destination.host() + " with "
                    + (kernelAnswer == null ? "a reject route" : kernelAnswer) + ", yet the most specific entry covering it is "
                    + covering.get().display() + ": a policy rule (ip rule) may refuse it");
        }
        return new RouteLookup.Rejected(covering.get(), kernelAnswer);
    }

    /** Every route of every table of the family (as {@code ip route show table all}). */
    List<Route> routes(Family family) throws SysException {
        try (Channel c = new Channel()) {
            return routes(c, family, new Names());
        }
    }

    private List<Route> routes(Channel c, Family family, Names names) throws SysException {
        int seq = sequence.getAndIncrement();
        List<Route> out = new ArrayList<>();
        for (RtNetlink.Message m : c.exchange(RtNetlink.routeDump(seq, family), seq, true)) {
            if (m.type() == RtNetlink.RTM_NEWROUTE) {
                RtNetlink.RawRoute raw = RtNetlink.route(m);
                if (raw != null && raw.family() == family) {
                    out.add(RtNetlink.toRoute(raw, names::name));
                }
            }
        }
        return out;
    }

    @Override
    public NeighbourLookup neighbour(SockAddr address, String device) {
        Family family = address.family();
        if (family != Family.INET && family != Family.INET6) {
            return new NeighbourLookup.Unknown("neighbours have IP addresses only, not " + address.display());
        }
        byte[] wanted = Route.octets(address);
        try (Channel c = new Channel()) {
            int seq = sequence.getAndIncrement();
            Names names = new Names();
            for (RtNetlink.Message m : c.exchange(RtNetlink.neighbourDump(seq, family), seq, true)) {
                if (m.type() != RtNetlink.RTM_NEWNEIGH) {
                    continue;
                }
                RtNetlink.RawNeighbour n = RtNetlink.neighbour(m);
                if (n == null || n.family() != family || !Arrays.equals(n.address(), wanted)) {
                    continue;
                }
                String name = names.name(n.ifindex());
                if (device == null || device.equals(name)) {
                    return new NeighbourLookup.Found(new Neighbour(RtNetlink.address(family, n.address()), name,
                            RtNetlink.state(n.state())));
                }
            }
            return new NeighbourLookup.Absent();
        } catch (SysException e) {
            return new NeighbourLookup.Unknown("rtnetlink could not be asked: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return new NeighbourLookup.Unknown("the kernel's rtnetlink answer was not understood: " + e.getMessage());
        }
    }

    /** Every link of the calling thread's namespace with its kind (as {@code ip -d link} lists them). */
    public Read<List<NetworkLink>> links() {
        try (Channel c = new Channel()) {
            int seq = sequence.getAndIncrement();
            List<NetworkLink> out = new ArrayList<>();
            for (RtNetlink.Message m : c.exchange(RtNetlink.linkDump(seq), seq, true)) {
                if (m.type() == RtNetlink.RTM_NEWLINK) {
                    RtNetlink.RawLink raw = RtNetlink.link(m);
                    if (raw != null) {
                        out.add(LinuxLinks.link(raw, LinuxLinks::sysfs));
                    }
                }
            }
            // every namespace has its loopback: none at all means the dump was not understood
            return out.isEmpty() ? Read.unknown("rtnetlink listed no link") : Read.known(out);
        } catch (SysException e) {
            return Read.unknown("rtnetlink could not be asked for the links: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return Read.unknown("the kernel's rtnetlink link answer was not understood: " + e.getMessage());
        }
    }

    /** Interface names by index, looked up once per request. */
    private static final class Names {
        private final Map<Integer, String> known = new HashMap<>();

        String name(int index) {
            return known.computeIfAbsent(index, i -> {
                byte[] buf = new byte[IF_NAMESIZE];
                if (if_indextoname(i, buf) == null) {
                    return "interface #" + Integer.toUnsignedString(i);
                }
                int end = 0;
                while (end < buf.length && buf[end] != 0) {
                    end++;
                }
                return new String(buf, 0, end, StandardCharsets.UTF_8);
            });
        }
    }

    /**
     * One netlink socket (NETLINK_ROUTE unless told otherwise), owned and closed by this object;
     * opened by the calling thread, so in that thread's network namespace.
     */
    static final class Channel implements AutoCloseable {
        private final int fd;

        Channel() throws SysException {
            this(RtNetlink.NETLINK_ROUTE, "NETLINK_ROUTE");
        }

        /** A socket of netlink family {@code protocol} (NETLINK_NETFILTER is 12), named {@code name} in errors. */
        Channel(int protocol, String name) throws SysException {
            fd = LinuxLibC.socket(RtNetlink.AF_NETLINK, RtNetlink.SOCK_RAW | LinuxLibC.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw failure("socket(AF_NETLINK, " + name + ")", Native.getLastError());
            }
        }

        /**
         * Sends {@code request} to the kernel and collects the answer to sequence {@code seq}: for
         * a request, its one reply (a message or NLMSG_ERROR); for a dump, every message up to
         * NLMSG_DONE. A dump that ends in an error throws. Bounded by {@value #LIMIT_MILLIS} ms.
         */
        List<RtNetlink.Message> exchange(byte[] request, int seq, boolean dump) throws SysException {
            if (LinuxLibC.send(fd, request, request.length, LinuxLibC.MSG_NOSIGNAL) < 0) {
                throw failure("send", Native.getLastError());
            }
            long deadline = System.nanoTime() + LIMIT_MILLIS * 1_000_000L;
            byte[] buf = new byte[RECEIVE_BUFFER];
            List<RtNetlink.Message> out = new ArrayList<>();
            try (Memory pollfd = new Memory(8)) {
                while (true) {
                    int left = (int) Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
                    if (left == 0) {
                        throw new SysException("recv (the kernel gave no answer within " + LIMIT_MILLIS + " ms)",
                                LinuxSockets.INSTANCE.error(EAGAIN));
                    }
                    pollfd.setInt(0, fd);
                    pollfd.setShort(4, LinuxLibC.POLLIN);
                    pollfd.setShort(6, (short) 0);
                    int ready = LinuxLibC.poll(pollfd, 1, left);
                    if (ready < 0) {
                        int errno = Native.getLastError();
                        if (errno == EINTR) {
                            continue;
                        }
                        throw failure("poll", errno);
                    }
                    if (ready == 0) {
                        continue;
                    }
                    long n = LinuxLibC.recv(fd, buf, buf.length, LinuxLibC.MSG_DONTWAIT);
                    if (n < 0) {
                        int errno = Native.getLastError();
                        if (errno == EAGAIN || errno == EINTR) {
                            continue;
                        }
                        throw failure("recv", errno);
                    }
                    for (RtNetlink.Message m : RtNetlink.messages(buf, (int) n)) {
                        if (m.seq() != seq || m.type() == RtNetlink.NLMSG_NOOP) {
                            continue;
                        }
                        if (!dump) {
                            return List.of(m);
                        }
                        if (m.type() == RtNetlink.NLMSG_DONE) {
                            return out;
                        }
                        if (m.type() == RtNetlink.NLMSG_ERROR) {
                            int errno = RtNetlink.error(m);
                            if (errno == 0) {
                                return out;
                            }
                            throw failure("the table dump", errno);
                        }
                        out.add(m);
                    }
                }
            }
        }

        private static SysException failure(String call, int errno) {
            var error = LinuxSockets.INSTANCE.error(errno);
            return new SysException(call, error);
        }

        @Override
        public void close() {
            LinuxLibC.close(fd);
        }
    }
}
