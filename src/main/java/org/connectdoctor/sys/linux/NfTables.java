package org.connectdoctor.sys.linux;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The nf_tables netlink messages Connect Doctor sends and reads (NETLINK_NETFILTER, subsystem
 * NFNL_SUBSYS_NFTABLES), built and parsed in plain Java as {@code nft list ruleset} asks for
 * them: dumps of the tables, chains and rules, each rule with its expressions and its comment.
 * The netlink header is in host byte order, as for rtnetlink; nf_tables' own attributes are in
 * network byte order (NLA_BE32, NLA_BE64). Constants are those of linux/netfilter/nfnetlink.h,
 * linux/netfilter/nf_tables.h and linux/netfilter.h; the comment's layout is libnftnl's udata.
 */
final class NfTables {

    static final int NETLINK_NETFILTER = 12;
    static final int NFNL_SUBSYS_NFTABLES = 10;
    static final int NFT_MSG_NEWTABLE = 0;
    static final int NFT_MSG_GETTABLE = 1;
    static final int NFT_MSG_NEWCHAIN = 3;
    static final int NFT_MSG_GETCHAIN = 4;
    static final int NFT_MSG_NEWRULE = 6;
    static final int NFT_MSG_GETRULE = 7;
    static final int NFT_MSG_NEWSET = 9;
    static final int NFT_MSG_GETSET = 10;
    static final int NFT_MSG_NEWSETELEM = 12;
    static final int NFT_MSG_GETSETELEM = 13;
    /** NFT_SET_INTERVAL: the elements are ranges, each a start and an end marked NFT_SET_ELEM_INTERVAL_END. */
    static final int NFT_SET_INTERVAL = 0x4;
    static final int NFT_SET_MAP = 0x8;
    static final int NFT_SET_CONCAT = 0x80;
    /** sizeof(struct nfgenmsg): __u8 nfgen_family, __u8 version, __be16 res_id. */
    static final int NFGENMSG_LEN = 4;

    // NFPROTO_* of linux/netfilter.h
    static final int NFPROTO_INET = 1;
    static final int NFPROTO_IPV4 = 2;
    static final int NFPROTO_ARP = 3;
    static final int NFPROTO_NETDEV = 5;
    static final int NFPROTO_BRIDGE = 7;
    static final int NFPROTO_IPV6 = 10;

    // NF_INET_* hooks
    static final int HOOK_PREROUTING = 0;
    static final int HOOK_INPUT = 1;
    static final int HOOK_FORWARD = 2;
    static final int HOOK_OUTPUT = 3;
    static final int HOOK_POSTROUTING = 4;

    // verdicts: NF_* and NFT_*
    static final int NF_DROP = 0;
    static final int NF_ACCEPT = 1;
    static final int NF_STOLEN = 2;
    static final int NF_QUEUE = 3;
    static final int NFT_CONTINUE = -1;
    static final int NFT_BREAK = -2;
    static final int NFT_JUMP = -3;
    static final int NFT_GOTO = -4;
    static final int NFT_RETURN = -5;

    private static final int NFTA_TABLE_NAME = 1;
    private static final int NFTA_SET_TABLE = 1;
    private static final int NFTA_SET_NAME = 2;
    private static final int NFTA_SET_FLAGS = 3;
    private static final int NFTA_SET_KEY_LEN = 5;
    private static final int NFTA_SET_ELEM_LIST_TABLE = 1;
    private static final int NFTA_SET_ELEM_LIST_SET = 2;
    private static final int NFTA_SET_ELEM_LIST_ELEMENTS = 3;
    private static final int NFTA_SET_ELEM_KEY = 1;
    private static final int NFTA_SET_ELEM_FLAGS = 3;
    private static final int NFTA_SET_ELEM_KEY_END = 10;
    private static final int NFT_SET_ELEM_INTERVAL_END = 0x1;
    private static final int NFTA_CHAIN_TABLE = 1;
    private static final int NFTA_CHAIN_HANDLE = 2;
    private static final int NFTA_CHAIN_NAME = 3;
    private static final int NFTA_CHAIN_HOOK = 4;
    private static final int NFTA_CHAIN_POLICY = 5;
    private static final int NFTA_CHAIN_TYPE = 7;
    private static final int NFTA_HOOK_HOOKNUM = 1;
    private static final int NFTA_HOOK_PRIORITY = 2;
    private static final int NFTA_HOOK_DEV = 3;
    private static final int NFTA_RULE_TABLE = 1;
    private static final int NFTA_RULE_CHAIN = 2;
    private static final int NFTA_RULE_HANDLE = 3;
    private static final int NFTA_RULE_EXPRESSIONS = 4;
    private static final int NFTA_RULE_USERDATA = 7;
    private static final int NFTA_LIST_ELEM = 1;
    private static final int NFTA_EXPR_NAME = 1;
    private static final int NFTA_EXPR_DATA = 2;
    private static final int NFTA_DATA_VALUE = 1;
    private static final int NFTA_DATA_VERDICT = 2;
    private static final int NFTA_VERDICT_CODE = 1;
    private static final int NFTA_VERDICT_CHAIN = 2;
    /** NFTNL_UDATA_RULE_COMMENT: the comment's type in a rule's user data (libnftnl). */
    private static final int UDATA_RULE_COMMENT = 0;

    private NfTables() {
    }

    /** A table: its family (NFPROTO_*) and name. */
    record Table(int family, String name) {
    }

    /**
     * A chain. {@code hook} is null for a regular chain (one reached only by jump or goto).
     *
     * @param policy NF_ACCEPT or NF_DROP for a base chain; null for a regular one
     * @param type   "filter", "nat", "route" for a base chain; null for a regular one
     * @param device the device of a netdev chain, or null
     */
    record Chain(int family, String table, String name, long handle, Integer hook, int priority, Integer policy,
                 String type, String device) {
        boolean isBase() {
            return hook != null;
        }
    }

    /** A rule: where it is, its handle, its expressions in order, and its comment (or null). */
    record Rule(int family, String table, String chain, long handle, List<Expr> expressions, String comment) {
        Rule {
            expressions = List.copyOf(expressions);
        }
    }

    /** A set's header: where it is, its flags (NFT_SET_*), and its key's length in bytes. */
    record SetHeader(int family, String table, String name, int flags, int keyLength) {
    }

    /**
     * One element of a set: its key, and for an interval set whether it ends a range (the key one
     * past its last value). {@code rangeEnd} is the key's upper bound where the element carries one
     * (NFTA_SET_ELEM_KEY_END, the pipapo sets of concatenations with ranges), else null.
     */
    record Element(byte[] key, boolean intervalEnd, byte[] rangeEnd) {
    }

    /**
     * A set with the elements read, or with {@code complete} false where they could not all be
     * read or their layout is not one this reader matches (an unreadable dump).
     */
    record Set(SetHeader header, List<Element> elements, boolean complete) {
        Set {
            elements = List.copyOf(elements);
        }

        boolean isInterval() {
            return (header.flags() & NFT_SET_INTERVAL) != 0;
        }

        /** Whether {@code key} (the set's key length) is in the set; null when that cannot be told. */
        Boolean contains(byte[] key) {
            if (!complete) {
                return null;
            }
            if (!isInterval()) {
                for (Element e : elements) {
                    if (e.rangeEnd() != null ? compare(key, e.key()) >= 0 && compare(key, e.rangeEnd()) <= 0
                            : compare(key, e.key()) == 0) {
                        return true;
                    }
                }
                return false;
            }
            // rbtree intervals: the last boundary at or below the key decides: a start is inside, an end outside
            Element last = null;
            for (Element e : elements) {
                if (compare(e.key(), key) <= 0 && (last == null || compare(e.key(), last.key()) > 0
                        || compare(e.key(), last.key()) == 0 && !e.intervalEnd())) {
                    last = e;
                }
            }
            return last != null && !last.intervalEnd();
        }

        /** memcmp over the shorter length, as nf_tables compares keys. */
        static int compare(byte[] a, byte[] b) {
            int n = Math.min(a.length, b.length);
            for (int i = 0; i < n; i++) {
                int c = Integer.compare(a[i] & 0xff, b[i] & 0xff);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /** A verdict: its code (NF_ACCEPT, NF_DROP, NFT_JUMP, …) and, for jump and goto, the chain. */
    record Verdict(int code, String chain) {
    }

    /** One expression of a rule, as nf_tables.h names its attributes. */
    sealed interface Expr {
    }

    /** payload: load {@code len} bytes at {@code offset} of header {@code base} into {@code dreg}. */
    record Payload(int base, int offset, int len, int dreg) implements Expr {
        static final int LL_HEADER = 0;
        static final int NETWORK_HEADER = 1;
        static final int TRANSPORT_HEADER = 2;
    }

    /** meta: load {@code key} (NFT_META_*) into {@code dreg}. */
    record Meta(int key, int dreg) implements Expr {
    }

    /** ct: load {@code key} (NFT_CT_*) into {@code dreg}. */
    record Ct(int key, int dreg) implements Expr {
    }

    /** cmp: compare {@code sreg} with {@code data} by {@code op} (NFT_CMP_EQ 0, NEQ 1, LT 2, LTE 3, GT 4, GTE 5). */
    record Cmp(int sreg, int op, byte[] data) implements Expr {
    }

    /** bitwise (boolean form): {@code dreg = (sreg & mask) ^ xor} over {@code len} bytes; other ops are {@link Other}. */
    record Bitwise(int sreg, int dreg, int len, byte[] mask, byte[] xor) implements Expr {
    }

    /** range: {@code sreg} between {@code from} and {@code to} (op 0), or outside them (op 1). */
    record Range(int sreg, int op, byte[] from, byte[] to) implements Expr {
    }

    /** immediate: {@code dreg} 0 takes {@code verdict}; another register takes {@code data}. */
    record Immediate(int dreg, byte[] data, Verdict verdict) implements Expr {
    }

    /** lookup: {@code sreg} in the set {@code set} (or not in it, when inverted); {@code dreg} -1 without a map. */
    record Lookup(String set, int sreg, int dreg, boolean inverted) implements Expr {
    }

    /** reject: type NFT_REJECT_ICMP_UNREACH 0, NFT_REJECT_TCP_RST 1, NFT_REJECT_ICMPX_UNREACH 2, and its code. */
    record Reject(int type, int code) implements Expr {
    }

    /** counter: counts, matches always. */
    record Counter() implements Expr {
    }

    /** log: logs, matches always; {@code prefix} or null. */
    record Log(String prefix) implements Expr {
    }

    /** Any other expression, by name ("limit", "match", "target", "fib"): not evaluated here. */
    record Other(String name) implements Expr {
    }

    /** A dump request for {@code msg} (NFT_MSG_GETTABLE, GETCHAIN, GETRULE) of every family. */
    static byte[] dump(int seq, int msg) {
        int len = RtNetlink.NLMSG_HDRLEN + NFGENMSG_LEN;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) (NFNL_SUBSYS_NFTABLES << 8 | msg))
                .putShort((short) (RtNetlink.NLM_F_REQUEST | RtNetlink.NLM_F_DUMP)).putInt(seq).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 0); // NFPROTO_UNSPEC, NFNETLINK_V0, res_id 0
        return b.array();
    }

    /** NFT_MSG_GETSETELEM for the elements of set {@code set} of {@code family} table {@code table}. */
    static byte[] elementDump(int seq, int family, String table, String set) {
        byte[] t = (table + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] n = (set + "\0").getBytes(StandardCharsets.UTF_8);
        int len = RtNetlink.NLMSG_HDRLEN + NFGENMSG_LEN + RtNetlink.align(4 + t.length) + RtNetlink.align(4 + n.length);
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putInt(len).putShort((short) (NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETSETELEM))
                .putShort((short) (RtNetlink.NLM_F_REQUEST | RtNetlink.NLM_F_DUMP)).putInt(seq).putInt(0);
        b.put((byte) family).put((byte) 0).putShort((short) 0);
        for (Object[] a : new Object[][] {{NFTA_SET_ELEM_LIST_TABLE, t}, {NFTA_SET_ELEM_LIST_SET, n}}) {
            byte[] v = (byte[]) a[1];
            int start = b.position();
            b.putShort((short) (4 + v.length)).putShort((short) (int) (Integer) a[0]).put(v);
            b.position(start + RtNetlink.align(4 + v.length));
        }
        return b.array();
    }

    static SetHeader set(RtNetlink.Message m) {
        int family = family(m);
        String table = null;
        String name = null;
        int flags = 0;
        int keyLength = 0;
        for (Attr a : attrs(m.payload(), NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_SET_TABLE -> table = a.string();
                case NFTA_SET_NAME -> name = a.string();
                case NFTA_SET_FLAGS -> flags = a.be32();
                case NFTA_SET_KEY_LEN -> keyLength = a.be32();
                default -> { }
            }
        }
        if (table == null || name == null) {
            throw new IllegalArgumentException("NFT_MSG_NEWSET without its table or name");
        }
        return new SetHeader(family, table, name, flags, keyLength);
    }

    /** The elements in one NFT_MSG_NEWSETELEM message. */
    static List<Element> elements(RtNetlink.Message m) {
        List<Element> out = new ArrayList<>();
        for (Attr a : attrs(m.payload(), NFGENMSG_LEN)) {
            if (a.type() != NFTA_SET_ELEM_LIST_ELEMENTS) {
                continue;
            }
            for (Attr e : attrs(a.value(), 0)) {
                if (e.type() != NFTA_LIST_ELEM) {
                    continue;
                }
                byte[] key = null;
                byte[] end = null;
                int flags = 0;
                for (Attr f : attrs(e.value(), 0)) {
                    switch (f.type()) {
                        case NFTA_SET_ELEM_KEY -> key = value(f);
                        case NFTA_SET_ELEM_KEY_END -> end = value(f);
                        case NFTA_SET_ELEM_FLAGS -> flags = f.be32();
                        default -> { }
                    }
                }
                if (key != null) {
                    out.add(new Element(key, (flags & NFT_SET_ELEM_INTERVAL_END) != 0, end));
                }
            }
        }
        return out;
    }

    /** The nf_tables message number of a netlink message type, or -1 for another subsystem's. */
    static int msg(RtNetlink.Message m) {
        return (m.type() >> 8) == NFNL_SUBSYS_NFTABLES ? m.type() & 0xff : -1;
    }

    static Table table(RtNetlink.Message m) {
        int family = family(m);
        String name = null;
        for (Attr a : attrs(m.payload(), NFGENMSG_LEN)) {
            if (a.type() == NFTA_TABLE_NAME) {
                name = a.string();
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("NFT_MSG_NEWTABLE without its name");
        }
        return new Table(family, name);
    }

    static Chain chain(RtNetlink.Message m) {
        int family = family(m);
        String table = null;
        String name = null;
        String type = null;
        String device = null;
        long handle = 0;
        Integer hook = null;
        int priority = 0;
        Integer policy = null;
        for (Attr a : attrs(m.payload(), NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_CHAIN_TABLE -> table = a.string();
                case NFTA_CHAIN_NAME -> name = a.string();
                case NFTA_CHAIN_HANDLE -> handle = a.be64();
                case NFTA_CHAIN_POLICY -> policy = a.be32();
                case NFTA_CHAIN_TYPE -> type = a.string();
                case NFTA_CHAIN_HOOK -> {
                    for (Attr h : attrs(a.value(), 0)) {
                        switch (h.type()) {
                            case NFTA_HOOK_HOOKNUM -> hook = h.be32();
                            case NFTA_HOOK_PRIORITY -> priority = h.be32();
                            case NFTA_HOOK_DEV -> device = h.string();
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
        }
        if (table == null || name == null) {
            throw new IllegalArgumentException("NFT_MSG_NEWCHAIN without its table or name");
        }
        return new Chain(family, table, name, handle, hook, priority, hook == null ? null : policy == null ? NF_ACCEPT : policy,
                hook == null ? null : type, device);
    }

    static Rule rule(RtNetlink.Message m) {
        int family = family(m);
        String table = null;
        String chain = null;
        long handle = 0;
        String comment = null;
        List<Expr> expressions = new ArrayList<>();
        for (Attr a : attrs(m.payload(), NFGENMSG_LEN)) {
            switch (a.type()) {
                case NFTA_RULE_TABLE -> table = a.string();
                case NFTA_RULE_CHAIN -> chain = a.string();
                case NFTA_RULE_HANDLE -> handle = a.be64();
                case NFTA_RULE_USERDATA -> comment = comment(a.value());
                case NFTA_RULE_EXPRESSIONS -> {
                    for (Attr e : attrs(a.value(), 0)) {
                        if (e.type() == NFTA_LIST_ELEM) {
                            expressions.add(expression(e.value()));
                        }
                    }
                }
                default -> { }
            }
        }
        if (table == null || chain == null) {
            throw new IllegalArgumentException("NFT_MSG_NEWRULE without its table or chain");
        }
        return new Rule(family, table, chain, handle, expressions, comment);
    }

    /** The comment in a rule's user data (TLVs of a __u8 type and a __u8 length), or null. */
    static String comment(byte[] udata) {
        int i = 0;
        while (i + 2 <= udata.length) {
            int type = udata[i] & 0xff;
            int len = udata[i + 1] & 0xff;
            if (i + 2 + len > udata.length) {
                return null;
            }
            if (type == UDATA_RULE_COMMENT) {
                return cString(udata, i + 2, len);
            }
            i += 2 + len;
        }
        return null;
    }

    private static Expr expression(byte[] elem) {
        String name = null;
        byte[] data = new byte[0];
        for (Attr a : attrs(elem, 0)) {
            if (a.type() == NFTA_EXPR_NAME) {
                name = a.string();
            } else if (a.type() == NFTA_EXPR_DATA) {
                data = a.value();
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("an expression without its name");
        }
        List<Attr> d = attrs(data, 0);
        return switch (name) {
            case "payload" -> find(d, 5) != null ? new Other("payload set") // NFTA_PAYLOAD_SREG: it writes the packet
                    : new Payload(be32(d, 2, 0), be32(d, 3, 0), be32(d, 4, 0), be32(d, 1, 0));
            case "meta" -> find(d, 1) == null ? new Other("meta set") : new Meta(be32(d, 2, -1), be32(d, 1, 0));
            case "ct" -> find(d, 1) == null ? new Other("ct set") : new Ct(be32(d, 2, -1), be32(d, 1, 0));
            case "cmp" -> new Cmp(be32(d, 1, 0), be32(d, 2, 0), value(find(d, 3)));
            case "bitwise" -> be32(d, 6, 0) != 0 ? new Other("bitwise shift")
                    : new Bitwise(be32(d, 1, 0), be32(d, 2, 0), be32(d, 3, 0), value(find(d, 4)), value(find(d, 5)));
            case "range" -> new Range(be32(d, 1, 0), be32(d, 2, 0), value(find(d, 3)), value(find(d, 4)));
            case "immediate" -> {
                int dreg = be32(d, 1, 0);
                Attr nd = find(d, 2);
                yield dreg == 0 ? new Immediate(0, new byte[0], verdict(nd)) : new Immediate(dreg, value(nd), null);
            }
            case "lookup" -> {
                Attr set = find(d, 1);
                yield new Lookup(set == null ? "?" : set.string(), be32(d, 2, 0), find(d, 3) == null ? -1 : be32(d, 3, 0),
                        (be32(d, 5, 0) & 1) != 0);
            }
            case "reject" -> {
                Attr code = find(d, 2);
                yield new Reject(be32(d, 1, 0), code == null || code.value().length < 1 ? 0 : code.value()[0] & 0xff);
            }
            case "counter" -> new Counter();
            case "log" -> {
                Attr prefix = find(d, 2); // NFTA_LOG_PREFIX
                yield new Log(prefix == null ? null : prefix.string());
            }
            default -> new Other(name);
        };
    }

    /** The NFTA_DATA_VALUE inside an nft_data attribute; empty when absent. */
    static byte[] value(Attr data) {
        if (data == null) {
            return new byte[0];
        }
        Attr v = find(attrs(data.value(), 0), NFTA_DATA_VALUE);
        return v == null ? new byte[0] : v.value();
    }

    private static Verdict verdict(Attr data) {
        Attr v = data == null ? null : find(attrs(data.value(), 0), NFTA_DATA_VERDICT);
        if (v == null) {
            throw new IllegalArgumentException("an immediate verdict without its verdict");
        }
        int code = NFT_CONTINUE;
        String chain = null;
        for (Attr a : attrs(v.value(), 0)) {
            if (a.type() == NFTA_VERDICT_CODE) {
                code = a.be32();
            } else if (a.type() == NFTA_VERDICT_CHAIN) {
                chain = a.string();
            }
        }
        return new Verdict(code, chain);
    }

    private static int family(RtNetlink.Message m) {
        if (m.payload().length < NFGENMSG_LEN) {
            throw new IllegalArgumentException("nf_tables message shorter than struct nfgenmsg");
        }
        return m.payload()[0] & 0xff;
    }

    /** One netlink attribute: its type (without NLA_F_NESTED and NLA_F_NET_BYTEORDER) and value. */
    record Attr(int type, byte[] value) {
        String string() {
            return cString(value, 0, value.length);
        }

        int be32() {
            if (value.length < 4) {
                throw new IllegalArgumentException("attribute " + type + " shorter than 4 bytes");
            }
            return ByteBuffer.wrap(value).order(ByteOrder.BIG_ENDIAN).getInt();
        }

        long be64() {
            if (value.length < 8) {
                throw new IllegalArgumentException("attribute " + type + " shorter than 8 bytes");
            }
            return ByteBuffer.wrap(value).order(ByteOrder.BIG_ENDIAN).getLong();
        }
    }

    private static Attr find(List<Attr> attrs, int type) {
        for (Attr a : attrs) {
            if (a.type() == type) {
                return a;
            }
        }
        return null;
    }

    private static int be32(List<Attr> attrs, int type, int fallback) {
        Attr a = find(attrs, type);
        return a == null ? fallback : a.be32();
    }

    /** The attributes from {@code offset} of {@code data}, in order. */
    static List<Attr> attrs(byte[] data, int offset) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        b.position(Math.min(offset, data.length));
        List<Attr> out = new ArrayList<>();
        while (b.remaining() >= 4) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            int type = b.getShort() & 0x3fff;
            if (len < 4 || start + len > b.limit()) {
                throw new IllegalArgumentException("nf_tables attribute of length " + len + " does not fit its message");
            }
            byte[] value = new byte[len - 4];
            b.get(value);
            out.add(new Attr(type, value));
            b.position(Math.min(b.limit(), start + RtNetlink.align(len)));
        }
        return out;
    }

    private static String cString(byte[] v, int from, int len) {
        int end = from;
        while (end < from + len && v[end] != 0) {
            end++;
        }
        return new String(v, from, end - from, StandardCharsets.UTF_8);
    }
}
