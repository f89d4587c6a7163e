package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;

/**
 * The rtnetlink messages Connect Doctor sends and reads, built and parsed in plain Java: the
 * requests as bytes for send(2), the kernel's answers from the bytes recv(2) gave. Netlink
 * headers and attributes are in host byte order; addresses inside attributes in network order.
 * The constants are those of linux/netlink.h, linux/rtnetlink.h and linux/neighbour.h.
 */
final class RtNetlink {

    // linux/socket.h and linux/netlink.h
    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;
    /** SOCK_RAW of bits/socket_type.h; netlink takes SOCK_RAW or SOCK_DGRAM alike. */
    static final int SOCK_RAW = 3;
    /** sizeof(struct nlmsghdr): __u32 nlmsg_len, __u16 nlmsg_type, __u16 nlmsg_flags, __u32 nlmsg_seq, __u32 nlmsg_pid. */
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    /** NLM_F_ROOT | NLM_F_MATCH. */
    static final int NLM_F_DUMP = 0x300;

    // linux/rtnetlink.h
    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    /** sizeof(struct ifinfomsg): __u8 family, pad, __u16 type (ARPHRD_*), __s32 index, __u32 flags, __u32 change. */
    static final int IFINFOMSG_LEN = 16;
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    /** linux/if_link.h: IFLA_MTU 4, the link's MTU (u32). */
    static final int IFLA_MTU = 4;
    static final int IFLA_LINKINFO = 18;
    /** Inside IFLA_LINKINFO (linux/if_link.h). */
    static final int IFLA_INFO_KIND = 1;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_GETNEIGH = 30;
    /** sizeof(struct rtmsg): family, dst_len, src_len, tos, table, protocol, scope, type (__u8 each), __u32 flags. */
    static final int RTMSG_LEN = 12;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_TABLE = 15;
    /** RTM_F_LOOKUP_TABLE: report the table the FIB lookup used (rtm_flags of a get request). */
    static final int RTM_F_LOOKUP_TABLE = 0x1000;

    // linux/neighbour.h
    /** sizeof(struct ndmsg): __u8 family, pad1, __u16 pad2, __s32 ifindex, __u16 state, __u8 flags, __u8 type. */
    static final int NDMSG_LEN = 12;
    static final int NDA_DST = 1;
    static final int NUD_INCOMPLETE = 0x01;
    static final int NUD_REACHABLE = 0x02;
    static final int NUD_STALE = 0x04;
    static final int NUD_DELAY = 0x08;
    static final int NUD_PROBE = 0x10;
    static final int NUD_FAILED = 0x20;
    static final int NUD_NOARP = 0x40;
    static final int NUD_PERMANENT = 0x80;

    private RtNetlink() {
    }

    /** One netlink message: its header fields and its payload (the bytes after the header). */
    record Message(int type, int flags, int seq, byte[] payload) {
    }

    /** A route as the kernel described it, the interface still a number. */
    record RawRoute(Family family, RouteType type, int table, byte[] destination, int prefixLength, byte[] gateway,
                    int oif, byte[] preferredSource, long priority) {
    }

    /**
     * A link as the kernel described it (linux/if_link.h).
     *
     * @param hardwareType ifi_type, an ARPHRD_* number (linux/if_arp.h)
     * @param flags        ifi_flags (IFF_UP is 0x1)
     * @param kind         IFLA_INFO_KIND inside IFLA_LINKINFO ("wireguard", "tun", "veth"), or null when
     *                     the driver has no rtnetlink link type (most physical devices)
     * @param address      IFLA_ADDRESS, the hardware address, or null
     * @param mtu          IFLA_MTU, or 0 when the message has none
     */
    record RawLink(int index, String name, int hardwareType, int flags, String kind, byte[] address, int mtu) {
        RawLink(int index, String name, int hardwareType, int flags, String kind, byte[] address) {
            this(index, name, hardwareType, flags, kind, address, 0);
        }
    }

    /** A neighbour entry as the kernel described it. */
    record RawNeighbour(Family family, byte[] address, int ifindex, int state) {
    }

    /** RTM_GETROUTE for one destination (as {@code ip route get}), on interface {@code oif} when not 0. */
    static byte[] routeRequest(int seq, Family family, byte[] destination, int oif) {
        ByteBuffer b = message(RTM_GETROUTE, NLM_F_REQUEST, seq, RTMSG_LEN + attrLen(destination.length) + (oif != 0 ? attrLen(4) : 0));
        b.put((byte) afNumber(family)).put((byte) (destination.length * 8)).put((byte) 0).put((byte) 0);
        b.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putInt(RTM_F_LOOKUP_TABLE);
        attr(b, RTA_DST, destination);
        if (oif != 0) {
            attr(b, RTA_OIF, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(oif).array());
        }
        return b.array();
    }

    /** RTM_GETROUTE with NLM_F_DUMP: every route of every table of the family. */
    static byte[] routeDump(int seq, Family family) {
        ByteBuffer b = message(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, seq, RTMSG_LEN);
        b.put((byte) afNumber(family));
        return b.array();
    }

    /** RTM_GETLINK with NLM_F_DUMP: every link of the namespace. */
    static byte[] linkDump(int seq) {
        ByteBuffer b = message(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, seq, IFINFOMSG_LEN);
        b.put((byte) 0); // AF_UNSPEC
        return b.array();
    }

    /** The link in an RTM_NEWLINK message; null without IFLA_IFNAME. */
    static RawLink link(Message m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload()).order(ByteOrder.nativeOrder());
        if (b.remaining() < IFINFOMSG_LEN) {
            throw new IllegalArgumentException("RTM_NEWLINK shorter than struct ifinfomsg");
        }
        b.get(); // ifi_family
        b.get(); // pad
        int type = b.getShort() & 0xffff;
        int index = b.getInt();
        int flags = b.getInt();
        b.getInt(); // ifi_change
        String name = null;
        String kind = null;
        byte[] address = null;
        int mtu = 0;
        while (b.remaining() >= 4) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            int attr = b.getShort() & 0x3fff;
            if (len < 4 || start + len > b.limit()) {
                throw new IllegalArgumentException("link attribute of length " + len + " does not fit its message");
            }
            byte[] value = new byte[len - 4];
            b.get(value);
            switch (attr) {
                case IFLA_IFNAME -> name = cString(value);
                case IFLA_ADDRESS -> address = value;
                case IFLA_MTU -> mtu = value.length >= 4
                        ? ByteBuffer.wrap(value).order(ByteOrder.nativeOrder()).getInt() : 0;
                case IFLA_LINKINFO -> kind = nestedString(value, IFLA_INFO_KIND);
                default -> { }
            }
            b.position(Math.min(b.limit(), start + align(len)));
        }
        return name == null ? null : new RawLink(index, name, type, flags, kind, address, mtu);
    }

    /** The string attribute {@code type} among the attributes nested in {@code value}, or null. */
    private static String nestedString(byte[] value, int type) {
        ByteBuffer n = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
        while (n.remaining() >= 4) {
            int start = n.position();
            int len = n.getShort() & 0xffff;
            int attr = n.getShort() & 0x3fff;
            if (len < 4 || start + len > n.limit()) {
                throw new IllegalArgumentException("nested link attribute of length " + len + " does not fit");
            }
            byte[] v = new byte[len - 4];
            n.get(v);
            if (attr == type) {
                return cString(v);
            }
            n.position(Math.min(n.limit(), start + align(len)));
        }
        return null;
    }

    /** A NUL-terminated (or unterminated) string attribute. */
    private static String cString(byte[] v) {
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        return new String(v, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** RTM_GETNEIGH with NLM_F_DUMP: the neighbour table of the family. */
    static byte[] neighbourDump(int seq, Family family) {
        ByteBuffer b = message(RTM_GETNEIGH, NLM_F_REQUEST | NLM_F_DUMP, seq, NDMSG_LEN);
        b.put((byte) afNumber(family));
        return b.array();
    }

    /**
     * The messages in what one recv(2) returned.
     *
     * @throws IllegalArgumentException when a header's length runs past the data
     */
    static List<Message> messages(byte[] data, int length) {
        ByteBuffer b = ByteBuffer.wrap(data, 0, length).order(ByteOrder.nativeOrder());
        List<Message> out = new ArrayList<>();
        while (b.remaining() >= NLMSG_HDRLEN) {
            int start = b.position();
            int len = b.getInt();
            int type = b.getShort() & 0xffff;
            int flags = b.getShort() & 0xffff;
            int seq = b.getInt();
            b.getInt(); // nlmsg_pid
            if (len < NLMSG_HDRLEN || start + len > length) {
                throw new IllegalArgumentException("netlink message of length " + len + " at offset " + start
                        + " does not fit the " + length + " bytes received");
            }
            byte[] payload = new byte[len - NLMSG_HDRLEN];
            b.get(payload);
            out.add(new Message(type, flags, seq, payload));
            b.position(Math.min(length, start + align(len)));
        }
        return out;
    }

    /** The error of an NLMSG_ERROR message: 0 for an acknowledgement, else a positive errno. */
    static int error(Message m) {
        if (m.payload().length < 4) {
            throw new IllegalArgumentException("NLMSG_ERROR without its error field");
        }
        return -ByteBuffer.wrap(m.payload()).order(ByteOrder.nativeOrder()).getInt();
    }

    /** The route in an RTM_NEWROUTE message; null for a family other than IPv4 and IPv6. */
    static RawRoute route(Message m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload()).order(ByteOrder.nativeOrder());
        if (b.remaining() < RTMSG_LEN) {
            throw new IllegalArgumentException("RTM_NEWROUTE shorter than struct rtmsg");
        }
        Family family = family(b.get() & 0xff);
        int dstLen = b.get() & 0xff;
        b.get(); // rtm_src_len
        b.get(); // rtm_tos
        int table = b.get() & 0xff;
        b.get(); // rtm_protocol
        b.get(); // rtm_scope
        RouteType type = routeType(b.get() & 0xff);
        b.getInt(); // rtm_flags
        if (family == null) {
            return null;
        }
        byte[] dst = null;
        byte[] gateway = null;
        byte[] prefsrc = null;
        int oif = 0;
        long priority = -1;
        while (b.remaining() >= 4) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            int attr = b.getShort() & 0x3fff; // without NLA_F_NESTED and NLA_F_NET_BYTEORDER
            if (len < 4 || start + len > b.limit()) {
                throw new IllegalArgumentException("route attribute of length " + len + " does not fit its message");
            }
            byte[] value = new byte[len - 4];
            b.get(value);
            ByteBuffer v = ByteBuffer.wrap(value).order(ByteOrder.nativeOrder());
            switch (attr) {
                case RTA_DST -> dst = value;
                case RTA_GATEWAY -> gateway = value;
                case RTA_PREFSRC -> prefsrc = value;
                case RTA_OIF -> oif = value.length >= 4 ? v.getInt() : 0;
                case RTA_PRIORITY -> priority = value.length >= 4 ? v.getInt() & 0xffffffffL : -1;
                case RTA_TABLE -> table = value.length >= 4 ? v.getInt() : table;
                default -> { }
            }
            b.position(Math.min(b.limit(), start + align(len)));
        }
        int size = family == Family.INET ? 4 : 16;
        if (dst == null) {
            dst = new byte[size];
        }
        return new RawRoute(family, type, table, dst, dstLen, gateway, oif, prefsrc, priority);
    }

    /** The neighbour in an RTM_NEWNEIGH message; null for a family other than IPv4 and IPv6 or without NDA_DST. */
    static RawNeighbour neighbour(Message m) {
        ByteBuffer b = ByteBuffer.wrap(m.payload()).order(ByteOrder.nativeOrder());
        if (b.remaining() < NDMSG_LEN) {
            throw new IllegalArgumentException("RTM_NEWNEIGH shorter than struct ndmsg");
        }
        Family family = family(b.get() & 0xff);
        b.get();
        b.getShort();
        int ifindex = b.getInt();
        int state = b.getShort() & 0xffff;
        b.get(); // ndm_flags
        b.get(); // ndm_type
        byte[] dst = null;
        while (b.remaining() >= 4) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            int attr = b.getShort() & 0x3fff;
            if (len < 4 || start + len > b.limit()) {
                throw new IllegalArgumentException("neighbour attribute of length " + len + " does not fit its message");
            }
            byte[] value = new byte[len - 4];
            b.get(value);
            if (attr == NDA_DST) {
                dst = value;
            }
            b.position(Math.min(b.limit(), start + align(len)));
        }
        return family == null || dst == null ? null : new RawNeighbour(family, dst, ifindex, state);
    }

    /** The route in Java terms, the interface named by {@code names} (index to name, null when unknown). */
    static Route toRoute(RawRoute r, IntFunction<String> names) {
        return new Route(r.family(), r.type(), r.table(), address(r.family(), r.destination()), r.prefixLength(),
                r.gateway() == null ? null : address(r.family(), r.gateway()), r.oif() == 0 ? null : names.apply(r.oif()),
                r.preferredSource() == null ? null : address(r.family(), r.preferredSource()), r.priority());
    }

    static Neighbour.State state(int nud) {
        if ((nud & NUD_FAILED) != 0) {
            return Neighbour.State.FAILED;
        }
        if ((nud & NUD_INCOMPLETE) != 0) {
            return Neighbour.State.INCOMPLETE;
        }
        if ((nud & NUD_REACHABLE) != 0) {
            return Neighbour.State.REACHABLE;
        }
        if ((nud & NUD_STALE) != 0) {
            return Neighbour.State.STALE;
        }
        if ((nud & NUD_DELAY) != 0) {
            return Neighbour.State.DELAY;
        }
        if ((nud & NUD_PROBE) != 0) {
            return Neighbour.State.PROBE;
        }
        if ((nud & NUD_PERMANENT) != 0) {
            return Neighbour.State.PERMANENT;
        }
        if ((nud & NUD_NOARP) != 0) {
            return Neighbour.State.NOARP;
        }
        return Neighbour.State.NONE;
    }

    static SockAddr address(Family family, byte[] octets) {
        return family == Family.INET ? SockAddr.Inet4.of(octets, 0) : SockAddr.Inet6.of(octets, 0, 0, 0);
    }

    static int afNumber(Family family) {
        return switch (family) {
            case INET -> LinuxLibC.AF_INET;
            case INET6 -> LinuxLibC.AF_INET6;
            default -> throw new IllegalArgumentException("routes exist for IPv4 and IPv6 only, not " + family);
        };
    }

    private static Family family(int af) {
        return af == LinuxLibC.AF_INET ? Family.INET : af == LinuxLibC.AF_INET6 ? Family.INET6 : null;
    }

    private static ByteBuffer message(int type, int flags, int seq, int payloadLength) {
        int len = NLMSG_HDRLEN + payloadLength;
        ByteBuffer b = ByteBuffer.allocate(align(len)).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
        return b;
    }

    private static int attrLen(int valueLength) {
        return align(4 + valueLength);
    }

    private static void attr(ByteBuffer b, int type, byte[] value) {
        int start = b.position();
        b.putShort((short) (4 + value.length)).putShort((short) type).put(value);
        b.position(start + attrLen(value.length));
    }

    /** NLMSG_ALIGN and RTA_ALIGN: 4 bytes. */
    static int align(int len) {
        return (len + 3) & ~3;
    }

    /** Linux's RTN_* numbers (linux/rtnetlink.h) as the OS-neutral route type. */
    static RouteType routeType(int rtn) {
        return switch (rtn) {
            case 1 -> RouteType.UNICAST;
            case 2 -> RouteType.LOCAL;
            case 3 -> RouteType.BROADCAST;
            case 4 -> RouteType.ANYCAST;
            case 5 -> RouteType.MULTICAST;
            case 6 -> RouteType.BLACKHOLE;
            case 7 -> RouteType.UNREACHABLE;
            case 8 -> RouteType.PROHIBIT;
            case 9 -> RouteType.THROW;
            case 10 -> RouteType.NAT;
            case 11 -> RouteType.XRESOLVE;
            default -> RouteType.UNSPEC;
        };
    }
}
