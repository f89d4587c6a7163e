package org.connectdoctor.sys.linux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.connectdoctor.sys.linux.NfTables.Expr;

/**
 * A rule's expressions written back the way {@code nft list ruleset} shows them, as far as the
 * common matches go: "ip daddr 10.20.0.5 tcp dport 443 drop". The protocol tests nft adds by
 * itself ("meta nfproto ipv4" before "ip daddr", "meta l4proto tcp" before "tcp dport") are left
 * out where a later match implies them, as nft does; what this class does not know is written in
 * nft's raw form ("@nh,64,32") or by its expression name, never dropped.
 */
final class NftRender {

    private NftRender() {
    }

    /** What a register holds, for naming the match that compares it. */
    private record Source(String field, Kind kind, int prefixBits) {
    }

    private enum Kind { ADDRESS, PORT, PROTO, NFPROTO, NAME, CTSTATE, NUMBER, BYTES }

    private record Term(String text, String dependency, String needs) {
    }

    /** The rule as nft writes it, without its comment and handle; anonymous sets as "{ … }". */
    static String rule(int family, List<Expr> expressions) {
        return rule(family, expressions, name -> null);
    }

    /** The rule as nft writes it, anonymous sets with their elements where {@code sets} has them. */
    static String rule(int family, List<Expr> expressions, java.util.function.Function<String, NfTables.Set> sets) {
        Map<Integer, Source> regs = new HashMap<>();
        List<Term> terms = new ArrayList<>();
        String nfproto = family == NfTables.NFPROTO_IPV4 ? "ip" : family == NfTables.NFPROTO_IPV6 ? "ip6" : null;
        String l4 = null;
        for (Expr e : expressions) {
            if (e instanceof NfTables.Payload p) {
                regs.put(p.dreg(), payload(p, nfproto, l4));
            } else if (e instanceof NfTables.Meta m) {
                regs.put(m.dreg(), meta(m.key()));
            } else if (e instanceof NfTables.Ct c) {
                regs.put(c.dreg(), new Source("ct " + ctKey(c.key()), c.key() == 0 ? Kind.CTSTATE : Kind.NUMBER, -1));
            } else if (e instanceof NfTables.Bitwise b) {
                Source s = regs.get(b.sreg());
                int bits = prefixBits(b.mask(), b.xor());
                Source out = null;
                if (s != null && s.kind() == Kind.ADDRESS && bits >= 0) {
                    out = new Source(s.field(), Kind.ADDRESS, bits);
                } else if (s != null && s.kind() == Kind.CTSTATE) {
                    out = new Source(s.field(), Kind.CTSTATE, mask32(b.mask())); // the state bits tested
                } else if (s != null) {
                    out = new Source(s.field() + " & " + hex(b.mask()), Kind.BYTES, -1);
                }
                regs.put(b.dreg(), out);
            } else if (e instanceof NfTables.Cmp c) {
                Source s = regs.get(c.sreg());
                String field = s == null ? "reg " + c.sreg() : s.field();
                if (s != null && s.kind() == Kind.CTSTATE && c.op() == 1 && isZero(c.data()) && s.prefixBits() > 0) {
                    terms.add(new Term(field + " " + ctStates(s.prefixBits()), null, null));
                    continue;
                }
                String value = value(s, c.data());
                String dependency = null;
                if (s != null && c.op() == 0 && s.kind() == Kind.NFPROTO) {
                    nfproto = value.equals("ipv4") ? "ip" : value.equals("ipv6") ? "ip6" : nfproto;
                    dependency = "nh";
                } else if (s != null && c.op() == 0 && s.kind() == Kind.PROTO) {
                    l4 = value;
                    dependency = "th";
                }
                terms.add(new Term(field + " " + op(c.op()) + value, dependency, needs(s)));
            } else if (e instanceof NfTables.Range r) {
                Source s = regs.get(r.sreg());
                terms.add(new Term((s == null ? "reg " + r.sreg() : s.field()) + " " + (r.op() == 1 ? "!= " : "")
                        + value(s, r.from()) + "-" + value(s, r.to()), null, needs(s)));
            } else if (e instanceof NfTables.Lookup l) {
                Source s = regs.get(l.sreg());
                String set = l.set().startsWith("__") ? elements(s, sets.apply(l.set())) : "@" + l.set();
                terms.add(new Term((s == null ? "reg " + l.sreg() : s.field()) + " " + (l.inverted() ? "!= " : "")
                        + (l.dreg() == 0 ? "vmap " : l.dreg() > 0 ? "map " : "") + set, null, needs(s)));
            } else if (e instanceof NfTables.Immediate i) {
                if (i.verdict() != null) {
                    terms.add(new Term(verdict(i.verdict()), null, null));
                } else {
                    regs.put(i.dreg(), new Source(hex(i.data()), Kind.BYTES, -1));
                }
            } else if (e instanceof NfTables.Reject r) {
                terms.add(new Term(reject(r, nfproto, family), null, null));
            } else if (e instanceof NfTables.Counter) {
                terms.add(new Term("counter", null, null));
            } else if (e instanceof NfTables.Log l) {
                terms.add(new Term(l.prefix() == null ? "log" : "log prefix \"" + l.prefix() + "\"", null, null));
            } else if (e instanceof NfTables.Other o) {
                terms.add(new Term(o.name(), null, null));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            Term t = terms.get(i);
            if (t.dependency() != null && implied(terms, i)) {
                continue;
            }
            String range = i + 1 < terms.size() ? range(t.text(), terms.get(i + 1).text()) : null;
            if (range != null) {
                out.add(range); // nft writes "tcp dport 8000-8100" as two comparisons
                i++;
                continue;
            }
            out.add(t.text());
        }
        return String.join(" ", out);
    }

    /** An anonymous set's elements as nft writes them ("{ 25, 465 }"), or "{ … }" when they were not read. */
    private static String elements(Source s, NfTables.Set set) {
        if (set == null || !set.complete() || set.elements().size() > 32 || (set.header().flags() & NfTables.NFT_SET_CONCAT) != 0
                || (set.header().flags() & NfTables.NFT_SET_MAP) != 0) {
            return "{ … }";
        }
        List<String> out = new ArrayList<>();
        List<NfTables.Element> sorted = new ArrayList<>(set.elements());
        sorted.sort((a, b) -> NfTables.Set.compare(a.key(), b.key()));
        if (!set.isInterval()) {
            for (NfTables.Element e : sorted) {
                out.add(e.rangeEnd() == null ? value(s, e.key()) : value(s, e.key()) + "-" + value(s, e.rangeEnd()));
            }
        } else {
            for (int i = 0; i < sorted.size(); i++) {
                NfTables.Element e = sorted.get(i);
                if (e.intervalEnd()) {
                    continue;
                }
                NfTables.Element next = i + 1 < sorted.size() ? sorted.get(i + 1) : null;
                if (next != null && next.intervalEnd()) {
                    byte[] last = minusOne(next.key());
                    out.add(NfTables.Set.compare(last, e.key()) == 0 ? value(s, e.key())
                            : value(s, e.key()) + "-" + value(s, last));
                } else {
                    out.add(value(s, e.key()) + "-");
                }
            }
        }
        return "{ " + String.join(", ", out) + " }";
    }

    private static byte[] minusOne(byte[] b) {
        byte[] r = b.clone();
        for (int i = r.length - 1; i >= 0; i--) {
            if (r[i] != 0) {
                r[i]--;
                break;
            }
            r[i] = (byte) 0xff;
        }
        return r;
    }

    /** "F a-b" for the pair "F >= a", "F <= b"; else null. */
    private static String range(String low, String high) {
        int a = low.indexOf(" >= ");
        int b = high.indexOf(" <= ");
        if (a < 0 || b < 0 || !low.substring(0, a).equals(high.substring(0, b))) {
            return null;
        }
        return low.substring(0, a) + " " + low.substring(a + 4) + "-" + high.substring(b + 4);
    }

    /** Whether a later term reads the header the dependency at {@code i} tests for. */
    private static boolean implied(List<Term> terms, int i) {
        String dep = terms.get(i).dependency();
        for (int j = i + 1; j < terms.size(); j++) {
            if (dep.equals(terms.get(j).needs())) {
                return true;
            }
        }
        return false;
    }

    private static String needs(Source s) {
        if (s == null) {
            return null;
        }
        if (s.field().startsWith("ip ") || s.field().startsWith("ip6 ")) {
            return "nh";
        }
        if (s.field().startsWith("tcp ") || s.field().startsWith("udp ") || s.field().startsWith("sctp ")
                || s.field().startsWith("udplite ") || s.field().startsWith("dccp ")) {
            return "th";
        }
        return null;
    }

    private static Source payload(NfTables.Payload p, String nfproto, String l4) {
        int o = p.offset();
        int n = p.len();
        if (p.base() == NfTables.Payload.NETWORK_HEADER && "ip".equals(nfproto)) {
            if (o == 9 && n == 1) {
                return new Source("ip protocol", Kind.PROTO, -1);
            }
            if ((o == 12 || o == 16) && n == 4) {
                return new Source(o == 12 ? "ip saddr" : "ip daddr", Kind.ADDRESS, -1);
            }
        }
        if (p.base() == NfTables.Payload.NETWORK_HEADER && "ip6".equals(nfproto)) {
            if (o == 6 && n == 1) {
                return new Source("ip6 nexthdr", Kind.PROTO, -1);
            }
            if ((o == 8 || o == 24) && n == 16) {
                return new Source(o == 8 ? "ip6 saddr" : "ip6 daddr", Kind.ADDRESS, -1);
            }
        }
        if (p.base() == NfTables.Payload.TRANSPORT_HEADER && (o == 0 || o == 2) && n == 2) {
            String proto = l4 != null && l4.matches("tcp|udp|sctp|udplite|dccp") ? l4 : "th";
            return new Source(proto + (o == 0 ? " sport" : " dport"), Kind.PORT, -1);
        }
        String base = switch (p.base()) {
            case NfTables.Payload.LL_HEADER -> "@ll";
            case NfTables.Payload.NETWORK_HEADER -> "@nh";
            case NfTables.Payload.TRANSPORT_HEADER -> "@th";
            default -> "@ih";
        };
        return new Source(base + "," + o * 8 + "," + n * 8, Kind.BYTES, -1);
    }

    private static Source meta(int key) {
        return switch (key) {
            case 15 -> new Source("meta nfproto", Kind.NFPROTO, -1);
            case 16 -> new Source("meta l4proto", Kind.PROTO, -1);
            case 6 -> new Source("iifname", Kind.NAME, -1);
            case 7 -> new Source("oifname", Kind.NAME, -1);
            case 4 -> new Source("iif", Kind.NUMBER, -1);
            case 5 -> new Source("oif", Kind.NUMBER, -1);
            case 3 -> new Source("meta mark", Kind.NUMBER, -1);
            case 10 -> new Source("meta skuid", Kind.NUMBER, -1);
            case 11 -> new Source("meta skgid", Kind.NUMBER, -1);
            case 1 -> new Source("meta protocol", Kind.BYTES, -1);
            default -> new Source("meta key " + key, Kind.NUMBER, -1);
        };
    }

    private static String ctKey(int key) {
        return switch (key) {
            case 0 -> "state";
            case 1 -> "direction";
            case 2 -> "status";
            case 3 -> "mark";
            default -> "key " + key;
        };
    }

    /** ct state bits: 1 invalid, 2 established, 4 related, 8 new, 64 untracked (nf_conntrack_common.h). */
    private static String ctStates(int bits) {
        List<String> names = new ArrayList<>();
        String[][] all = {{"1", "invalid"}, {"2", "established"}, {"4", "related"}, {"8", "new"}, {"64", "untracked"}};
        for (String[] s : all) {
            if ((bits & Integer.parseInt(s[0])) != 0) {
                names.add(s[1]);
            }
        }
        return String.join(",", names);
    }

    private static String value(Source s, byte[] data) {
        if (s == null) {
            return hex(data);
        }
        switch (s.kind()) {
            case ADDRESS -> {
                if (data.length != 4 && data.length != 16) {
                    return hex(data);
                }
                try {
                    String a = InetAddress.getByAddress(data).getHostAddress();
                    if (data.length == 16) {
                        a = java.net.Inet6Address.getByAddress(null, data, -1).getHostAddress();
                        a = compress(a);
                    }
                    return s.prefixBits() >= 0 && s.prefixBits() < data.length * 8 ? a + "/" + s.prefixBits() : a;
                } catch (UnknownHostException e) {
                    return hex(data);
                }
            }
            case PORT -> {
                return data.length == 2 ? Integer.toString(ByteBuffer.wrap(data).getShort() & 0xffff) : hex(data);
            }
            case PROTO -> {
                return data.length == 1 ? proto(data[0] & 0xff) : hex(data);
            }
            case NFPROTO -> {
                int v = data.length == 0 ? -1 : data[0] & 0xff;
                return v == NfTables.NFPROTO_IPV4 ? "ipv4" : v == NfTables.NFPROTO_IPV6 ? "ipv6" : Integer.toString(v);
            }
            case NAME -> {
                int end = 0;
                while (end < data.length && data[end] != 0) {
                    end++;
                }
                return "\"" + new String(data, 0, end, StandardCharsets.UTF_8) + "\"";
            }
            case NUMBER -> {
                return data.length == 4 ? String.format("0x%08x", ByteBuffer.wrap(data).order(ByteOrder.nativeOrder()).getInt())
                        : hex(data);
            }
            default -> {
                return hex(data);
            }
        }
    }

    /** The shortest form of an IPv6 address, as nft prints it ("fd77::5"). */
    private static String compress(String full) {
        String s = full.replaceAll("(^|:)0+(\\p{XDigit})", "$1$2");
        String best = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(^|:)(0(:0)+)(:|$)").matcher(s);
        while (m.find()) {
            if (best == null || m.group(2).length() > best.length()) {
                best = m.group(2);
            }
        }
        if (best == null) {
            return s;
        }
        int i = s.indexOf(best);
        String head = s.substring(0, i).replaceAll(":$", "");
        String tail = s.substring(i + best.length()).replaceAll("^:", "");
        return head + "::" + tail;
    }

    static String proto(int p) {
        return switch (p) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            case 136 -> "udplite";
            case 33 -> "dccp";
            default -> Integer.toString(p);
        };
    }

    private static String op(int op) {
        return switch (op) {
            case 1 -> "!= ";
            case 2 -> "< ";
            case 3 -> "<= ";
            case 4 -> "> ";
            case 5 -> ">= ";
            default -> "";
        };
    }

    static String verdict(NfTables.Verdict v) {
        return switch (v.code()) {
            case NfTables.NF_ACCEPT -> "accept";
            case NfTables.NF_DROP -> "drop";
            case NfTables.NF_QUEUE -> "queue";
            case NfTables.NFT_CONTINUE -> "continue";
            case NfTables.NFT_RETURN -> "return";
            case NfTables.NFT_JUMP -> "jump " + v.chain();
            case NfTables.NFT_GOTO -> "goto " + v.chain();
            default -> (v.code() & 0xffff) == NfTables.NF_QUEUE ? "queue" : "verdict " + v.code();
        };
    }

    /** As nft writes it: the plain "reject" only for the family's own default (icmpx in inet, icmp in ip). */
    private static String reject(NfTables.Reject r, String nfproto, int family) {
        boolean inet = family == NfTables.NFPROTO_INET;
        return switch (r.type()) {
            case 1 -> "reject with tcp reset";
            case 2 -> r.code() == 1 ? "reject" : "reject with icmpx " + switch (r.code()) {
                case 0 -> "no-route";
                case 2 -> "host-unreachable";
                case 3 -> "admin-prohibited";
                default -> Integer.toString(r.code());
            };
            default -> "ip6".equals(nfproto) ? r.code() == 4 && !inet ? "reject" : "reject with icmpv6 " + icmp6(r.code())
                    : r.code() == 3 && !inet ? "reject" : "reject with icmp " + icmp4(r.code());
        };
    }

    private static String icmp4(int code) {
        return switch (code) {
            case 0 -> "net-unreachable";
            case 1 -> "host-unreachable";
            case 2 -> "prot-unreachable";
            case 3 -> "port-unreachable";
            case 9 -> "net-prohibited";
            case 10 -> "host-prohibited";
            case 13 -> "admin-prohibited";
            default -> Integer.toString(code);
        };
    }

    private static String icmp6(int code) {
        return switch (code) {
            case 0 -> "no-route";
            case 1 -> "admin-prohibited";
            case 3 -> "addr-unreachable";
            case 4 -> "port-unreachable";
            case 5 -> "policy-fail";
            case 6 -> "reject-route";
            default -> Integer.toString(code);
        };
    }

    /** The prefix length of a mask of leading ones with a zero xor, or -1. */
    private static int prefixBits(byte[] mask, byte[] xor) {
        if (!isZero(xor)) {
            return -1;
        }
        int bits = 0;
        boolean ended = false;
        for (byte b : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean one = (b >> i & 1) != 0;
                if (one && ended) {
                    return -1;
                }
                if (one) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    private static int mask32(byte[] mask) {
        return mask.length == 4 ? ByteBuffer.wrap(mask).order(ByteOrder.nativeOrder()).getInt() : 0;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (byte x : b) {
            s.append(String.format("%02x", x & 0xff));
        }
        return s.toString();
    }
}
