package org.connectdoctor.sys.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.linux.NfTables.Chain;
import org.connectdoctor.sys.linux.NfTables.Expr;

/**
 * Runs one packet through an nf_tables ruleset as the kernel would, as far as its facts are known:
 * the base chains of a hook in priority order, each rule's expressions over a register file,
 * verdicts followed (accept, drop, reject, jump, goto, return, the chain's policy), sets looked up
 * in their elements. The attempt's first packet opens a connection (ct state new), its answer
 * belongs to it (ct state established). A fact this reader does not know (a TCP flag, the source
 * port, a mark, a set whose elements could not be read, an iptables-nft match) makes every
 * comparison that reads it unknown: the rule is then listed as partial, never taken as matching
 * or not matching. Plain Java: the ruleset comes from {@link NfTables}.
 */
final class NftEval {

    /** The kernel's limit on nested jumps (NFT_JUMP_STACK_SIZE). */
    private static final int MAX_DEPTH = 16;
    /** NFT_REG32_00: the first 4-byte register; registers 1 to 4 are the 16-byte ones. */
    private static final int REG32_00 = 8;
    private static final int REG_BYTES = 80;

    /**
     * One packet's known facts. Addresses are in network order; null, -1 or a null name is "not
     * known".
     *
     * @param nfproto NFPROTO_IPV4 or NFPROTO_IPV6
     * @param l4proto 6 TCP, 17 UDP
     */
    record Packet(int nfproto, int l4proto, byte[] saddr, byte[] daddr, int sport, int dport, String oifname,
                  String iifname) {
    }

    /** What the evaluation found: the rules that match, in order, and what could not be evaluated. */
    record Result(List<LocalFirewall.Rule> matching, List<String> notes) {
    }

    private final Map<String, Chain> chains = new LinkedHashMap<>();
    private final Map<String, List<NfTables.Rule>> rules = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> notEvaluated = new LinkedHashSet<>();

    private final Map<String, NfTables.Set> sets = new LinkedHashMap<>();

    /** A ruleset without its sets' elements: every lookup is unknown. */
    NftEval(List<Chain> chainList, List<NfTables.Rule> ruleList) {
        this(chainList, ruleList, List.of());
    }

    NftEval(List<Chain> chainList, List<NfTables.Rule> ruleList, List<NfTables.Set> setList) {
        for (NfTables.Set st : setList) {
            sets.put(key(st.header().family(), st.header().table(), st.header().name()), st);
        }
        for (Chain c : chainList) {
            chains.put(key(c.family(), c.table(), c.name()), c);
        }
        for (NfTables.Rule r : ruleList) {
            rules.computeIfAbsent(key(r.family(), r.table(), r.chain()), k -> new ArrayList<>()).add(r);
        }
    }

    private static String key(int family, String table, String chain) {
        return family + " " + table + " " + chain;
    }

    /**
     * The rules that match {@code packet} in the base chains of {@code hooks} (in that order) of
     * families ip, ip6 and inet; {@code reply} marks the packet as the destination's answer.
     */
    Result evaluate(Packet packet, List<Integer> hooks, boolean reply) {
        List<LocalFirewall.Rule> out = new ArrayList<>();
        for (int hook : hooks) {
            List<Chain> base = chains.values().stream()
                    .filter(c -> c.isBase() && c.hook() == hook && applies(c.family(), packet.nfproto()))
                    .sorted(Comparator.comparingInt(Chain::priority)).toList();
            for (Chain c : base) {
                Walk w = new Walk(packet, c, reply, out);
                if (w.base() == Stop.FINAL) {
                    return result(out);
                }
            }
        }
        return result(out);
    }

    /** The base chains of families this reader does not run packets through (netdev, bridge, arp). */
    List<String> otherFamilies() {
        return chains.values().stream().filter(c -> c.isBase() && !applies(c.family(), NfTables.NFPROTO_IPV4)
                && !applies(c.family(), NfTables.NFPROTO_IPV6)).map(c -> family(c.family()) + " " + c.table() + " "
                + c.name()).toList();
    }

    private Result result(List<LocalFirewall.Rule> out) {
        List<String> n = new ArrayList<>(notes);
        if (!notEvaluated.isEmpty()) {
            n.add(0, "the rules marked partial also test what this reader does not evaluate ("
                    + String.join(", ", notEvaluated) + "): they may not apply");
        }
        return new Result(out, n);
    }

    private static boolean applies(int family, int nfproto) {
        return family == NfTables.NFPROTO_INET || family == nfproto;
    }

    static String family(int f) {
        return switch (f) {
            case NfTables.NFPROTO_INET -> "inet";
            case NfTables.NFPROTO_IPV4 -> "ip";
            case NfTables.NFPROTO_IPV6 -> "ip6";
            case NfTables.NFPROTO_ARP -> "arp";
            case NfTables.NFPROTO_NETDEV -> "netdev";
            case NfTables.NFPROTO_BRIDGE -> "bridge";
            default -> "family " + f;
        };
    }

    static String hook(int h) {
        return switch (h) {
            case NfTables.HOOK_PREROUTING -> "prerouting";
            case NfTables.HOOK_INPUT -> "input";
            case NfTables.HOOK_FORWARD -> "forward";
            case NfTables.HOOK_OUTPUT -> "output";
            case NfTables.HOOK_POSTROUTING -> "postrouting";
            default -> "hook " + h;
        };
    }

    private enum Stop {
        /** The chain ran to its end (or returned). */
        END,
        /** The packet was accepted by this base chain: the next base chain sees it. */
        ACCEPTED,
        /** The packet is dropped, rejected or handed away: no later chain sees it. */
        FINAL
    }

    /** One base chain's walk, with the jumps it makes. */
    private final class Walk {
        private final Packet packet;
        private final Chain base;
        private final boolean reply;
        private final List<LocalFirewall.Rule> out;
        /** Set once the walk got here only past a rule that may or may not have matched. */
        private boolean uncertain;

        Walk(Packet packet, Chain base, boolean reply, List<LocalFirewall.Rule> out) {
            this.packet = packet;
            this.base = base;
            this.reply = reply;
            this.out = out;
        }

        Stop base() {
            Stop s = chain(base, 0);
            if (s != Stop.END) {
                return s;
            }
            if (base.policy() != null && base.policy() == NfTables.NF_DROP) {
                out.add(new LocalFirewall.Rule(where(base, base), "policy drop", null, LocalFirewall.Action.DROP,
                        uncertain, reply, "nft list chain " + family(base.family()) + " " + base.table() + " "
                        + base.name(), null));
                return uncertain ? Stop.END : Stop.FINAL;
            }
            return Stop.END;
        }

        private Stop chain(Chain c, int depth) {
            if (depth > MAX_DEPTH) {
                notes.add("the jumps from chain " + base.name() + " nest deeper than " + MAX_DEPTH + ": not followed");
                uncertain = true;
                return Stop.END;
            }
            for (NfTables.Rule r : rules.getOrDefault(key(c.family(), c.table(), c.name()), List.of())) {
                Match m = match(r);
                if (m.result == Tri.NO || m.verdict == null) {
                    continue;
                }
                boolean maybe = m.result == Tri.MAYBE;
                NfTables.Verdict v = m.verdict;
                int code = v.code();
                if (m.reject) {
                    add(c, r, LocalFirewall.Action.REJECT, maybe);
                } else if (code == NfTables.NF_ACCEPT) {
                    add(c, r, LocalFirewall.Action.ALLOW, maybe);
                } else if (code == NfTables.NF_DROP) {
                    add(c, r, LocalFirewall.Action.DROP, maybe);
                } else if (code == NfTables.NFT_JUMP || code == NfTables.NFT_GOTO) {
                    Chain target = chains.get(key(c.family(), c.table(), v.chain()));
                    if (target == null) {
                        notes.add("chain " + c.name() + " jumps to chain " + v.chain() + ", which the dump did not list");
                        uncertain = true;
                        continue;
                    }
                    // a jump that may not happen: the target's rules may not apply, and neither may what follows
                    // it decide alone (uncertain stays set, so no rule from here on ends the walk)
                    uncertain |= maybe;
                    Stop s = chain(target, depth + 1);
                    if (s != Stop.END) {
                        return s;
                    }
                    if (code == NfTables.NFT_GOTO && !maybe) {
                        return Stop.END;
                    }
                    continue;
                } else if (code == NfTables.NFT_RETURN) {
                    if (!maybe) {
                        return Stop.END;
                    }
                    uncertain = true;
                    continue;
                } else if (code == NfTables.NFT_CONTINUE || code == NfTables.NFT_BREAK) {
                    continue;
                } else {
                    add(c, r, LocalFirewall.Action.OTHER, maybe);
                }
                if (maybe) {
                    uncertain = true; // what follows applies only when this rule did not match
                    continue;
                }
                if (uncertain) {
                    // certain here, but reached only past a rule that may have decided first
                    continue;
                }
                return code == NfTables.NF_ACCEPT && !m.reject ? Stop.ACCEPTED : Stop.FINAL;
            }
            return Stop.END;
        }

        private void add(Chain c, NfTables.Rule r, LocalFirewall.Action action, boolean maybe) {
            String fam = family(c.family());
            String comment = r.comment() == null || r.comment().isEmpty() ? null : r.comment();
            out.add(new LocalFirewall.Rule(where(c, base), NftRender.rule(c.family(), r.expressions(),
                    name -> sets.get(key(r.family(), r.table(), name))), comment, action,
                    maybe || uncertain, reply, "nft -a list chain " + fam + " " + c.table() + " " + c.name(),
                    "nft delete rule " + fam + " " + c.table() + " " + c.name() + " handle " + r.handle()));
        }

        private Match match(NfTables.Rule r) {
            Registers regs = new Registers();
            Tri result = Tri.YES;
            NfTables.Verdict verdict = null;
            boolean reject = false;
            for (Expr e : r.expressions()) {
                Tri t = Tri.YES;
                if (e instanceof NfTables.Payload p) {
                    regs.load(p.dreg(), header(p), p.len());
                } else if (e instanceof NfTables.Meta m) {
                    regs.load(m.dreg(), meta(m.key()), m.key() == 7 || m.key() == 6 ? 16 : m.key() == 1 ? 2
                            : m.key() == 15 || m.key() == 16 ? 1 : 4);
                    if (meta(m.key()) == null) {
                        notEvaluated.add(m.key() == 4 || m.key() == 5 ? "interface indexes (iif, oif)"
                                : m.key() == 3 ? "meta mark" : "meta key " + m.key());
                    }
                } else if (e instanceof NfTables.Ct c) {
                    byte[] v = ct(c.key());
                    regs.load(c.dreg(), v, 4);
                    if (v == null) {
                        notEvaluated.add("ct " + (c.key() == 3 ? "mark" : c.key() == 2 ? "status" : "key " + c.key()));
                    }
                } else if (e instanceof NfTables.Cmp c) {
                    t = regs.compare(c.sreg(), c.op(), c.data());
                } else if (e instanceof NfTables.Bitwise b) {
                    regs.bitwise(b);
                } else if (e instanceof NfTables.Range g) {
                    Tri low = regs.compare(g.sreg(), 5, g.from());
                    Tri high = regs.compare(g.sreg(), 3, g.to());
                    Tri in = low.and(high);
                    t = g.op() == 1 ? in.not() : in;
                } else if (e instanceof NfTables.Lookup l) {
                    NfTables.Set set = sets.get(key(r.family(), r.table(), l.set()));
                    Tri in = set == null ? Tri.MAYBE : regs.member(l.sreg(), set);
                    if (in == Tri.MAYBE) {
                        notEvaluated.add(l.set().startsWith("__") ? "anonymous sets" : "set @" + l.set());
                    }
                    t = l.inverted() ? in.not() : in;
                    if (l.dreg() == 0) {
                        // a verdict map: the element's verdict is not read
                        verdict = new NfTables.Verdict(Integer.MIN_VALUE, null);
                        t = t == Tri.YES ? Tri.MAYBE : t;
                        if (t == Tri.MAYBE) {
                            notEvaluated.add("verdict maps");
                        }
                    } else if (l.dreg() > 0) {
                        regs.load(l.dreg(), null, 16);
                    }
                } else if (e instanceof NfTables.Immediate i) {
                    if (i.verdict() != null) {
                        verdict = i.verdict();
                    } else {
                        regs.set(i.dreg(), i.data());
                    }
                } else if (e instanceof NfTables.Reject) {
                    reject = true;
                    verdict = new NfTables.Verdict(NfTables.NF_DROP, null);
                } else if (e instanceof NfTables.Counter || e instanceof NfTables.Log) {
                    continue;
                } else if (e instanceof NfTables.Other o) {
                    if (o.name().equals("notrack") || o.name().equals("objref") || o.name().equals("ct set")
                            || o.name().equals("meta set")) {
                        continue; // side effects only
                    }
                    notEvaluated.add(o.name().equals("match") || o.name().equals("target")
                            ? "iptables-nft matches and targets (xt " + o.name() + ")" : o.name());
                    t = Tri.MAYBE;
                    regs.forget();
                    if (o.name().equals("target") || o.name().equals("queue")) {
                        verdict = new NfTables.Verdict(Integer.MIN_VALUE, null);
                    }
                }
                if (t == Tri.NO) {
                    return new Match(Tri.NO, null, false);
                }
                result = result.and(t);
            }
            return new Match(result, verdict, reject);
        }

        /** The packet's bytes at the payload's header and offset, or null where a byte is not known. */
        private byte[] header(NfTables.Payload p) {
            byte[] h;
            boolean[] known;
            if (p.base() == NfTables.Payload.NETWORK_HEADER) {
                boolean v4 = packet.nfproto() == NfTables.NFPROTO_IPV4;
                int addr = v4 ? 4 : 16;
                h = new byte[v4 ? 20 : 40];
                known = new boolean[h.length];
                int proto = v4 ? 9 : 6;
                h[proto] = (byte) packet.l4proto();
                known[proto] = true;
                put(h, known, v4 ? 12 : 8, packet.saddr(), addr);
                put(h, known, v4 ? 16 : 24, packet.daddr(), addr);
            } else if (p.base() == NfTables.Payload.TRANSPORT_HEADER) {
                h = new byte[4];
                known = new boolean[4];
                if (packet.sport() >= 0) {
                    h[0] = (byte) (packet.sport() >> 8);
                    h[1] = (byte) packet.sport();
                    known[0] = known[1] = true;
                }
                if (packet.dport() >= 0) {
                    h[2] = (byte) (packet.dport() >> 8);
                    h[3] = (byte) packet.dport();
                    known[2] = known[3] = true;
                }
            } else {
                notEvaluated.add("link-layer header");
                return null;
            }
            if (p.offset() < 0 || p.offset() + p.len() > h.length) {
                notEvaluated.add("header fields other than addresses, protocol and ports");
                return null;
            }
            for (int i = p.offset(); i < p.offset() + p.len(); i++) {
                if (!known[i]) {
                    notEvaluated.add(p.base() == NfTables.Payload.TRANSPORT_HEADER ? "the source port"
                            : "the source address");
                    return null;
                }
            }
            return Arrays.copyOfRange(h, p.offset(), p.offset() + p.len());
        }

        private static void put(byte[] h, boolean[] known, int at, byte[] value, int len) {
            if (value != null && value.length == len) {
                System.arraycopy(value, 0, h, at, len);
                Arrays.fill(known, at, at + len, true);
            }
        }

        /** A meta key's value in the register's layout, or null when not known. */
        private byte[] meta(int key) {
            switch (key) {
                case 15: // NFT_META_NFPROTO
                    return new byte[] {(byte) packet.nfproto()};
                case 16: // NFT_META_L4PROTO
                    return new byte[] {(byte) packet.l4proto()};
                case 1: // NFT_META_PROTOCOL: the ethertype, network order
                    return packet.nfproto() == NfTables.NFPROTO_IPV4 ? new byte[] {0x08, 0x00} : new byte[] {(byte) 0x86, (byte) 0xdd};
                case 7: // NFT_META_OIFNAME
                    return reply ? null : name(packet.oifname());
                case 6: // NFT_META_IIFNAME
                    return reply ? name(packet.iifname()) : null;
                default:
                    return null;
            }
        }

        /**
         * A conntrack key's value: the attempt's first packet opens a new connection (ct state new,
         * direction original); the destination's answer belongs to it (established, reply).
         * Null for the other keys (mark, status, helper, …).
         */
        private byte[] ct(int key) {
            if (key == 0) { // NFT_CT_STATE: NF_CT_STATE_BIT(IP_CT_NEW) 8, NF_CT_STATE_BIT(IP_CT_ESTABLISHED) 2
                return java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(reply ? 2 : 8).array();
            }
            if (key == 1) { // NFT_CT_DIRECTION: IP_CT_DIR_ORIGINAL 0, IP_CT_DIR_REPLY 1
                return new byte[] {(byte) (reply ? 1 : 0)};
            }
            return null;
        }

        private static byte[] name(String n) {
            if (n == null) {
                return null;
            }
            byte[] b = new byte[16];
            byte[] s = n.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(s, 0, b, 0, Math.min(15, s.length));
            return b;
        }
    }

    /** "table inet filter, chain output (hook output, priority 0)", or the chain a jump reached from its base chain. */
    static String where(Chain c, Chain base) {
        String s = "table " + family(c.family()) + " " + c.table() + ", chain " + c.name();
        if (c == base) {
            return s + " (hook " + hook(base.hook()) + ", priority " + base.priority() + ")";
        }
        return s + " (reached from chain " + base.name() + ", hook " + hook(base.hook()) + ", priority "
                + base.priority() + ")";
    }

    private record Match(Tri result, NfTables.Verdict verdict, boolean reject) {
    }

    private enum Tri {
        YES, NO, MAYBE;

        Tri and(Tri o) {
            return this == NO || o == NO ? NO : this == MAYBE || o == MAYBE ? MAYBE : YES;
        }

        Tri not() {
            return this == YES ? NO : this == NO ? YES : MAYBE;
        }
    }

    /** nf_tables' register file: 4-byte words, each byte known or not. */
    private static final class Registers {
        private final byte[] data = new byte[REG_BYTES];
        private final boolean[] known = new boolean[REG_BYTES];

        /** The byte offset of register {@code reg} (nft_parse_register). */
        private static int offset(int reg) {
            int word = reg <= 4 ? reg * 4 : reg - REG32_00 + 4;
            return word * 4;
        }

        void load(int reg, byte[] value, int len) {
            int at = offset(reg);
            int padded = (len + 3) & ~3;
            for (int i = 0; i < padded && at + i < REG_BYTES; i++) {
                data[at + i] = value != null && i < value.length ? value[i] : 0;
                known[at + i] = value != null;
            }
        }

        void set(int reg, byte[] value) {
            load(reg, value, value.length);
        }

        void forget() {
            Arrays.fill(known, false);
        }

        void bitwise(NfTables.Bitwise b) {
            int from = offset(b.sreg());
            int to = offset(b.dreg());
            byte[] v = new byte[b.len()];
            boolean[] k = new boolean[b.len()];
            for (int i = 0; i < b.len() && from + i < REG_BYTES; i++) {
                byte mask = i < b.mask().length ? b.mask()[i] : 0;
                byte xor = i < b.xor().length ? b.xor()[i] : 0;
                v[i] = (byte) ((data[from + i] & mask) ^ xor);
                k[i] = known[from + i] || mask == 0;
            }
            for (int i = 0; i < b.len() && to + i < REG_BYTES; i++) {
                data[to + i] = v[i];
                known[to + i] = k[i];
            }
        }

        /** Whether the set holds the key in {@code reg} (the set's key length from there). */
        Tri member(int reg, NfTables.Set set) {
            int at = offset(reg);
            int len = set.header().keyLength();
            if (len <= 0 || at + len > REG_BYTES) {
                return Tri.MAYBE;
            }
            for (int i = 0; i < len; i++) {
                if (!known[at + i]) {
                    return Tri.MAYBE;
                }
            }
            Boolean in = set.contains(Arrays.copyOfRange(data, at, at + len));
            return in == null ? Tri.MAYBE : in ? Tri.YES : Tri.NO;
        }

        /** NFT_CMP_* over the bytes of {@code value}, as memcmp: unsigned, first byte most significant. */
        Tri compare(int reg, int op, byte[] value) {
            int at = offset(reg);
            int c = 0;
            for (int i = 0; i < value.length; i++) {
                if (at + i >= REG_BYTES || !known[at + i]) {
                    return Tri.MAYBE;
                }
                if (c == 0) {
                    c = Integer.compare(data[at + i] & 0xff, value[i] & 0xff);
                }
            }
            boolean r = switch (op) {
                case 0 -> c == 0;
                case 1 -> c != 0;
                case 2 -> c < 0;
                case 3 -> c <= 0;
                case 4 -> c > 0;
                case 5 -> c >= 0;
                default -> false;
            };
            return r ? Tri.YES : Tri.NO;
        }
    }
}
