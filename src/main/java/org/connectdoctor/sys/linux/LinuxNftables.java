package org.connectdoctor.sys.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Transport;

/**
 * This computer's nftables ruleset over netlink (NETLINK_NETFILTER), as {@code nft list ruleset}
 * reads it, run through for one attempt: the outgoing packet through the output and postrouting
 * hooks, the destination's answer through prerouting and input. The socket is opened by the
 * calling thread, so the ruleset is that of the thread's network namespace. The kernel lets only
 * a process with CAP_NET_ADMIN dump the ruleset; without it the answer is Unknown, never "no rule".
 */
final class LinuxNftables {

    static final String SOURCE = "the nftables ruleset (read over netlink, as \"nft list ruleset\" shows it)";
    private static final String PRODUCT = "nftables";
    private static final Path NF_TABLES_MODULE = Path.of("/sys/module/nf_tables");
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EINVAL = 22;
    private static final int EPROTONOSUPPORT = 93;
    private static final int EOPNOTSUPP = 95;
    private static final AtomicInteger SEQUENCE = new AtomicInteger(1);

    private LinuxNftables() {
    }

    /**
     * What nftables does with {@code transport} to {@code destination} and with its answer;
     * {@code route} is the route the attempt takes (its source address and device), when known.
     */
    static Read<LocalFirewall> firewall(Transport transport, SockAddr destination, RouteLookup route) {
        if (!(destination instanceof SockAddr.Inet4) && !(destination instanceof SockAddr.Inet6)) {
            return Read.unknown("firewall rules apply to IP addresses, not " + destination.display());
        }
        List<NfTables.Chain> chains = new ArrayList<>();
        List<NfTables.Rule> rules = new ArrayList<>();
        List<NfTables.Set> sets = new ArrayList<>();
        List<String> notes = new ArrayList<>(legacyTables());
        try (LinuxNetlink.Channel c = new LinuxNetlink.Channel(NfTables.NETLINK_NETFILTER, "NETLINK_NETFILTER")) {
            for (RtNetlink.Message m : dump(c, NfTables.NFT_MSG_GETCHAIN)) {
                if (NfTables.msg(m) == NfTables.NFT_MSG_NEWCHAIN) {
                    chains.add(NfTables.chain(m));
                }
            }
            for (RtNetlink.Message m : dump(c, NfTables.NFT_MSG_GETRULE)) {
                if (NfTables.msg(m) == NfTables.NFT_MSG_NEWRULE) {
                    rules.add(NfTables.rule(m));
                }
            }
            for (RtNetlink.Message m : dump(c, NfTables.NFT_MSG_GETSET)) {
                if (NfTables.msg(m) == NfTables.NFT_MSG_NEWSET) {
                    sets.add(elements(c, NfTables.set(m)));
                }
            }
        } catch (SysException e) {
            return unread(e, notes);
        } catch (IllegalArgumentException e) {
            return Read.unknown("the kernel's nftables answer was not understood (" + e.getMessage()
                    + "); \"sudo nft list ruleset\" shows the rules");
        }
        return Read.known(evaluate(transport, destination, route, chains, rules, sets, notes));
    }

    /** The set with its elements; incomplete (its lookups unknown) when they cannot be read. */
    private static NfTables.Set elements(LinuxNetlink.Channel c, NfTables.SetHeader h) {
        int seq = SEQUENCE.getAndIncrement();
        try {
            List<NfTables.Element> out = new ArrayList<>();
            for (RtNetlink.Message m : c.exchange(NfTables.elementDump(seq, h.family(), h.table(), h.name()), seq, true)) {
                if (NfTables.msg(m) == NfTables.NFT_MSG_NEWSETELEM) {
                    out.addAll(NfTables.elements(m));
                }
            }
            return new NfTables.Set(h, out, true);
        } catch (SysException | IllegalArgumentException e) {
            return new NfTables.Set(h, List.of(), false);
        }
    }

    /** The ruleset's verdict for the attempt; pure, for tests from recorded dumps. */
    static LocalFirewall evaluate(Transport transport, SockAddr destination, RouteLookup route,
                                  List<NfTables.Chain> chains, List<NfTables.Rule> rules, List<NfTables.Set> sets,
                                  List<String> notesSoFar) {
        List<String> notes = new ArrayList<>(notesSoFar);
        boolean v4 = destination.family() == Family.INET;
        int nfproto = v4 ? NfTables.NFPROTO_IPV4 : NfTables.NFPROTO_IPV6;
        int l4 = transport == Transport.TCP ? 6 : 17;
        byte[] target = Route.octets(destination);
        byte[] source = null;
        String device = null;
        if (route instanceof RouteLookup.Routed r) {
            device = r.route().device();
            SockAddr src = r.route().preferredSource();
            source = src != null && src.family() == destination.family() ? Route.octets(src) : null;
        }
        int port = destination.port();
        NftEval eval = new NftEval(chains, rules, sets);
        NftEval.Result out = eval.evaluate(new NftEval.Packet(nfproto, l4, source, target, -1, port, device, null),
                List.of(NfTables.HOOK_OUTPUT, NfTables.HOOK_POSTROUTING), false);
        NftEval.Result back = new NftEval(chains, rules, sets).evaluate(new NftEval.Packet(nfproto, l4, target, source, port, -1,
                null, device), List.of(NfTables.HOOK_PREROUTING, NfTables.HOOK_INPUT), true);
        List<LocalFirewall.Rule> matching = new ArrayList<>(out.matching());
        // the answer comes only if the request got out: past a rule that may have dropped it, a rule on the answers may not apply
        boolean mayNotLeave = out.matching().stream().anyMatch(r -> r.partial() && r.action().blocks());
        for (LocalFirewall.Rule r : back.matching()) {
            matching.add(mayNotLeave && !r.partial() ? new LocalFirewall.Rule(r.where(), r.name(), r.comment(), r.action(),
                    true, r.reply(), r.show(), r.remove()) : r);
        }
        for (String n : out.notes()) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
        for (String n : back.notes()) {
            if (!notes.contains(n)) {
                notes.add(n);
            }
        }
        List<String> others = eval.otherFamilies();
        if (!others.isEmpty()) {
            notes.add("base chains of families this reader does not run packets through (" + String.join("; ", others)
                    + ") are not evaluated");
        }
        if (chains.isEmpty()) {
            notes.add("the nftables ruleset is empty");
        }
        return new LocalFirewall(PRODUCT, SOURCE, List.of(), matching, notes);
    }

    private static List<RtNetlink.Message> dump(LinuxNetlink.Channel c, int msg) throws SysException {
        int seq = SEQUENCE.getAndIncrement();
        return c.exchange(NfTables.dump(seq, msg), seq, true);
    }

    private static Read<LocalFirewall> unread(SysException e, List<String> notes) {
        int errno = e.error().number();
        if (errno == EPERM) {
            return Read.unknown("the nftables ruleset could not be read: the kernel lets only a process with "
                    + "CAP_NET_ADMIN dump it (EPERM); \"sudo nft list ruleset\" shows it");
        }
        if (notLoaded(errno, Files.exists(NF_TABLES_MODULE))) {
            List<String> n = new ArrayList<>(List.of("nf_tables is not loaded: no nftables rules apply"));
            n.addAll(notes);
            return Read.known(new LocalFirewall(PRODUCT, "the kernel's netfilter netlink interface ("
                    + e.getMessage() + ")", List.of(), List.of(), n));
        }
        return Read.unknown("the nftables ruleset could not be read (" + e.getMessage()
                + "); \"sudo nft list ruleset\" shows it");
    }

    /**
     * Whether {@code errno} from the netlink socket or the dump says nf_tables is absent: no
     * nfnetlink at all (EPROTONOSUPPORT from socket), or a subsystem nfnetlink does not know while
     * /sys/module/nf_tables does not exist (a kernel that has it built in or loaded lists it there).
     */
    static boolean notLoaded(int errno, boolean moduleListed) {
        return errno == EPROTONOSUPPORT || (errno == EINVAL || errno == EOPNOTSUPP || errno == ENOENT) && !moduleListed;
    }

    /** The iptables-legacy tables in use: their rules are not nftables' and are not read here. */
    private static List<String> legacyTables() {
        List<String> out = new ArrayList<>();
        for (String[] t : new String[][] {{"ip_tables_names", "iptables-legacy -S"}, {"ip6_tables_names", "ip6tables-legacy -S"}}) {
            List<String> names = LinuxHostState.readLines(LinuxHostState.procNet().resolve(t[0])).orElse(List.of()).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (!names.isEmpty()) {
                out.add("iptables-legacy tables are in use (" + t[0] + ": " + String.join(", ", names)
                        + "); their rules are not read here: \"" + t[1] + "\" (as root) lists them");
            }
        }
        return out;
    }
}
