package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Route;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.RouteType;
import org.connectdoctor.sys.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The nf_tables parser, renderer and evaluator on bytes recorded from a real kernel (Linux 6.18,
 * nftables 1.0.6): the NFT_MSG_GETTABLE, GETCHAIN, GETRULE and GETSET dumps, and the
 * GETSETELEM dumps of each set, of a test namespace whose ruleset {@code nft -a list ruleset}
 * printed as nft-ruleset.txt beside them (table inet filter with chains output and audit, the
 * sets blocked and nets (an interval set) and two anonymous sets; table ip edge with chain in).
 * Recorded with a netlink socket inside that namespace (the same requests as
 * {@link NfTables#dump} and {@link NfTables#elementDump}); no packet was sent.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NfTablesTest {

    private static List<RtNetlink.Message> messages(String name) throws IOException {
        try (InputStream in = NfTablesTest.class.getResourceAsStream(name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
            byte[] b = HexFormat.of().parseHex(hex);
            return RtNetlink.messages(b, b.length);
        }
    }

    private static List<NfTables.Chain> chains() throws IOException {
        List<NfTables.Chain> out = new ArrayList<>();
        for (RtNetlink.Message m : messages("nft-chains.hex")) {
            if (NfTables.msg(m) == NfTables.NFT_MSG_NEWCHAIN) {
                out.add(NfTables.chain(m));
            }
        }
        return out;
    }

    private static List<NfTables.Rule> rules() throws IOException {
        List<NfTables.Rule> out = new ArrayList<>();
        for (RtNetlink.Message m : messages("nft-rules.hex")) {
            if (NfTables.msg(m) == NfTables.NFT_MSG_NEWRULE) {
                out.add(NfTables.rule(m));
            }
        }
        return out;
    }

    private static List<NfTables.Set> sets() throws IOException {
        List<NfTables.Set> out = new ArrayList<>();
        for (RtNetlink.Message m : messages("nft-sets.hex")) {
            if (NfTables.msg(m) == NfTables.NFT_MSG_NEWSET) {
                NfTables.SetHeader h = NfTables.set(m);
                List<NfTables.Element> elements = new ArrayList<>();
                for (RtNetlink.Message e : messages("nft-elements-" + h.name().replace("__", "") + ".hex")) {
                    if (NfTables.msg(e) == NfTables.NFT_MSG_NEWSETELEM) {
                        elements.addAll(NfTables.elements(e));
                    }
                }
                out.add(new NfTables.Set(h, elements, true));
            }
        }
        return out;
    }

    private static SockAddr v4(int last, int port) {
        return SockAddr.Inet4.of(new byte[] {10, 77, 0, (byte) last}, port);
    }

    /** The route of the recorded namespace: 10.77.0.0/24 on v0, source 10.77.0.1. */
    private static RouteLookup onV0(SockAddr to) {
        Route r = new Route(org.connectdoctor.net.Family.INET, RouteType.UNICAST, 254, to, 32, null, "v0", v4(1, 0), -1);
        return new RouteLookup.Routed(r, null);
    }

    /** The ruleset without its sets' elements: every lookup unknown. */
    private static LocalFirewall evaluate(Transport t, SockAddr to) throws IOException {
        return LinuxNftables.evaluate(t, to, onV0(to), chains(), rules(), List.of(), List.of());
    }

    private static LocalFirewall withSets(Transport t, SockAddr to) throws IOException {
        return LinuxNftables.evaluate(t, to, onV0(to), chains(), rules(), sets(), List.of());
    }

    @Test
    void tablesAreNamedWithTheirFamily() throws IOException {
        List<NfTables.Table> tables = new ArrayList<>();
        for (RtNetlink.Message m : messages("nft-tables.hex")) {
            if (NfTables.msg(m) == NfTables.NFT_MSG_NEWTABLE) {
                tables.add(NfTables.table(m));
            }
        }
        assertEquals(List.of(new NfTables.Table(NfTables.NFPROTO_INET, "filter"), new NfTables.Table(NfTables.NFPROTO_IPV4, "edge")),
                tables);
    }

    @Test
    void baseChainsCarryHookPriorityAndPolicy() throws IOException {
        List<NfTables.Chain> c = chains();
        NfTables.Chain output = c.stream().filter(x -> x.name().equals("output")).findFirst().orElseThrow();
        assertEquals(NfTables.HOOK_OUTPUT, output.hook());
        assertEquals(0, output.priority());
        assertEquals(NfTables.NF_ACCEPT, output.policy());
        assertEquals("filter", output.type());
        assertEquals(1, output.handle());
        NfTables.Chain in = c.stream().filter(x -> x.name().equals("in")).findFirst().orElseThrow();
        assertEquals(NfTables.NFPROTO_IPV4, in.family());
        assertEquals(NfTables.HOOK_INPUT, in.hook());
        assertEquals(-10, in.priority());
        NfTables.Chain audit = c.stream().filter(x -> x.name().equals("audit")).findFirst().orElseThrow();
        assertFalse(audit.isBase());
        assertNull(audit.policy());
    }

    @Test
    void rulesAreWrittenAsNftListsThem() throws IOException {
        List<String> shown = rules().stream().map(r -> NftRender.rule(r.family(), r.expressions())).toList();
        assertEquals(List.of(
                "ct state established,related accept",
                "ip daddr 10.77.0.5 tcp dport 443 drop",
                "ip daddr 10.77.0.6 tcp dport 443 reject with icmp admin-prohibited",
                "ip daddr 10.77.0.7 tcp dport 443 reject with icmpx admin-prohibited",
                "ip daddr 10.77.0.0/28 tcp dport 8000-8100 counter reject with tcp reset",
                "ip daddr @blocked drop",
                "tcp dport { … } drop",
                "oifname \"v0\" ip6 daddr fd77::5 udp dport 53 drop",
                "ip daddr 10.77.0.40 jump audit",
                "ip daddr @nets tcp dport != { … } reject with icmp port-unreachable",
                "log prefix \"audit \" return",
                "ip saddr 10.77.0.9 tcp sport 443 drop"), shown);
    }

    @Test
    void theCommentComesFromTheRulesUserData() throws IOException {
        NfTables.Rule r = rules().stream().filter(x -> x.handle() == 5).findFirst().orElseThrow();
        assertEquals("block db", r.comment());
        assertEquals("output", r.chain());
        assertNull(rules().get(0).comment());
        assertEquals("no replies", rules().get(rules().size() - 1).comment());
    }

    @Test
    void aDropRuleForTheAddressAndPortBlocksWithItsComment() throws IOException {
        LocalFirewall f = evaluate(Transport.TCP, v4(5, 443));
        LocalFirewall.Rule r = f.certainBlock();
        assertEquals(r, f.firstBlocking());
        assertEquals("ip daddr 10.77.0.5 tcp dport 443 drop", r.name());
        assertEquals("block db", r.comment());
        assertEquals(LocalFirewall.Action.DROP, r.action());
        assertFalse(r.partial(), f.toString());
        assertFalse(r.reply());
        assertEquals("table inet filter, chain output (hook output, priority 0)", r.where());
        assertEquals("nft delete rule inet filter output handle 5", r.remove());
        assertEquals("nft -a list chain inet filter output", r.show());
        assertEquals(1, f.matching().size(), "the established,related rule does not match a new connection: " + f);
    }

    @Test
    void rejectsAreTold() throws IOException {
        LocalFirewall.Rule r = evaluate(Transport.TCP, v4(6, 443)).certainBlock();
        assertEquals(LocalFirewall.Action.REJECT, r.action());
        assertEquals("ip daddr 10.77.0.6 tcp dport 443 reject with icmp admin-prohibited", r.name());
        assertEquals(LocalFirewall.Action.REJECT, evaluate(Transport.TCP, v4(3, 8050)).certainBlock().action());
    }

    @Test
    void anotherPortOrProtocolDoesNotMatch() throws IOException {
        assertTrue(evaluate(Transport.TCP, v4(5, 444)).matching().stream().noneMatch(r -> r.action().blocks() && !r.partial()));
        assertTrue(evaluate(Transport.UDP, v4(5, 443)).matching().stream().noneMatch(r -> r.action().blocks() && !r.partial()));
        assertTrue(evaluate(Transport.TCP, v4(3, 8200)).matching().stream().noneMatch(r -> r.action().blocks() && !r.partial()),
                "8200 is outside 8000-8100");
    }

    @Test
    void aSetLookupMakesTheRulePartialAndSaysSo() throws IOException {
        LocalFirewall f = evaluate(Transport.TCP, v4(30, 80));
        LocalFirewall.Rule r = f.matching().stream().filter(x -> x.name().contains("@blocked")).findFirst().orElseThrow();
        assertTrue(r.partial());
        assertTrue(f.notes().stream().anyMatch(n -> n.contains("set @blocked") && n.contains("may not apply")), f.notes().toString());
    }

    @Test
    void aDropOfTheAnswersIsAReplyRule() throws IOException {
        LocalFirewall unread = evaluate(Transport.TCP, v4(9, 443));
        assertNull(unread.certainBlock(), "with the sets unread, the request itself may have been dropped: " + unread);
        LocalFirewall f = withSets(Transport.TCP, v4(9, 443));
        LocalFirewall.Rule r = f.certainBlock();
        assertEquals("ip saddr 10.77.0.9 tcp sport 443 drop", r.name());
        assertTrue(r.reply());
        assertEquals("no replies", r.comment());
        assertEquals("table ip edge, chain in (hook input, priority -10)", r.where());
    }

    @Test
    void aJumpIsFollowedAndItsReturnComesBack() throws IOException {
        LocalFirewall f = evaluate(Transport.TCP, v4(40, 25));
        // the audit chain only logs and returns; the sets (@blocked, { 25, 465 }) are not read
        assertEquals(List.of("ip daddr @blocked drop", "tcp dport { … } drop",
                        "ip daddr @nets tcp dport != { … } reject with icmp port-unreachable"),
                f.matching().stream().map(LocalFirewall.Rule::name).toList());
        assertTrue(f.matching().stream().allMatch(LocalFirewall.Rule::partial), f.toString());
    }

    @Test
    void userDataWithoutAComment() {
        assertNull(NfTables.comment(new byte[] {1, 2, 'a', 'b'}));
        assertEquals("x", NfTables.comment(new byte[] {1, 1, 'z', 0, 2, 'x', 0}));
        assertNull(NfTables.comment(new byte[] {0, 9, 'a'}));
    }

    @Test
    void aTruncatedAttributeIsRefused() {
        byte[] payload = {2, 0, 0, 0, 40, 0, 1, 0, 'x'};
        RtNetlink.Message m = new RtNetlink.Message(NfTables.NFNL_SUBSYS_NFTABLES << 8 | NfTables.NFT_MSG_NEWCHAIN, 0, 1, payload);
        assertThrows(IllegalArgumentException.class, () -> NfTables.chain(m));
    }

    @Test
    void setsAreReadWithTheirElements() throws IOException {
        List<NfTables.Set> sets = sets();
        assertEquals(List.of("blocked", "__set0", "nets", "__set1"), sets.stream().map(x -> x.header().name()).toList());
        NfTables.Set nets = sets.get(2);
        assertTrue(nets.isInterval());
        assertEquals(4, nets.header().keyLength());
        assertEquals(Boolean.TRUE, nets.contains(new byte[] {10, 77, 1, 9}));
        assertEquals(Boolean.TRUE, nets.contains(new byte[] {10, 77, 2, 5}));
        assertEquals(Boolean.FALSE, nets.contains(new byte[] {10, 77, 2, 6}));
        assertEquals(Boolean.FALSE, nets.contains(new byte[] {10, 77, 0, 30}));
        assertEquals(Boolean.TRUE, sets.get(0).contains(new byte[] {10, 77, 0, 30}));
        assertEquals(Boolean.FALSE, sets.get(0).contains(new byte[] {10, 77, 0, 31}));
    }

    @Test
    void anonymousSetsAreWrittenWithTheirElements() throws IOException {
        List<NfTables.Set> sets = sets();
        List<String> shown = rules().stream().map(r -> NftRender.rule(r.family(), r.expressions(),
                n -> sets.stream().filter(x -> x.header().name().equals(n)).findFirst().orElse(null))).toList();
        assertTrue(shown.contains("tcp dport { 25, 465 } drop"), shown.toString());
        assertTrue(shown.contains("ip daddr @nets tcp dport != { 22, 8000-8080 } reject with icmp port-unreachable"),
                shown.toString());
    }

    @Test
    void withTheSetsReadTheLookupsAreDecided() throws IOException {
        LocalFirewall in = withSets(Transport.TCP, v4(30, 80));
        assertEquals("ip daddr @blocked drop", in.certainBlock().name());
        assertTrue(in.notes().isEmpty(), in.notes().toString());
        LocalFirewall out = withSets(Transport.TCP, v4(31, 80));
        assertNull(out.firstBlocking(), out.toString());
        assertEquals("tcp dport { 25, 465 } drop", withSets(Transport.TCP, v4(40, 465)).certainBlock().name());
        // the answers of 10.77.0.9 port 443 are dropped, and nothing may have stopped the request before
        LocalFirewall reply = withSets(Transport.TCP, v4(9, 443));
        assertTrue(reply.certainBlock().reply(), reply.toString());
    }

    @Test
    void anIntervalSetWithAnInvertedAnonymousSet() throws IOException {
        SockAddr inNets = SockAddr.Inet4.of(new byte[] {10, 77, 1, 9}, 443);
        LocalFirewall f = withSets(Transport.TCP, inNets);
        assertEquals(LocalFirewall.Action.REJECT, f.certainBlock().action(), f.toString());
        assertNull(withSets(Transport.TCP, SockAddr.Inet4.of(new byte[] {10, 77, 1, 9}, 8080)).firstBlocking());
        assertNull(withSets(Transport.TCP, SockAddr.Inet4.of(new byte[] {10, 77, 1, 9}, 22)).firstBlocking());
        assertNull(withSets(Transport.TCP, SockAddr.Inet4.of(new byte[] {10, 77, 3, 9}, 443)).firstBlocking());
    }

    @Test
    void anElementDumpRequestNamesTableAndSet() {
        byte[] b = NfTables.elementDump(7, NfTables.NFPROTO_INET, "filter", "nets");
        assertEquals("2c000000" + "0d0a" + "0103" + "07000000" + "00000000" + "01000000" + "0b000100" + "66696c74657200"
                + "00" + "09000200" + "6e65747300" + "000000", HexFormat.of().formatHex(b));
    }

    @Test
    void nfTablesIsAbsentOnlyWhenTheKernelSaysSo() {
        assertTrue(LinuxNftables.notLoaded(93, true), "EPROTONOSUPPORT: no nfnetlink at all");
        assertTrue(LinuxNftables.notLoaded(22, false));
        assertFalse(LinuxNftables.notLoaded(22, true), "nf_tables is there: EINVAL is another fault");
        assertFalse(LinuxNftables.notLoaded(1, false), "EPERM is a refusal, not an absence");
    }
}
