package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.IcmpError;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Transport;

/**
 * Whether this computer's own firewall blocked the attempt, and by which rule, as far as the
 * system lets Connect Doctor read it (issue #22 §3). It tells a block here from one on the way:
 * some results prove the block is local (Linux: EPERM from connect or send, which netfilter
 * returns for a packet it drops, or an ICMP "prohibited" sent by one of this computer's own
 * addresses; Windows: WSAEACCES at connect); a rejection or a time-out is blamed on a rule here
 * only when a rule that certainly matches was found. A success, or another failure, is never
 * called a block. A rule the reader could not evaluate fully is named as one that may apply, never
 * as the cause; rules that could not be read are said to be unread, never absent.
 */
final class FirewallCheck implements Check {

    private static final String CHECK = "firewall";

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.attempt() == null || s.address() == null
                || !(s.address() instanceof SockAddr.Inet4 || s.address() instanceof SockAddr.Inet6)) {
            return List.of();
        }
        Kind kind = kind(s);
        if (kind == null) {
            return List.of();
        }
        Os os = Commands.osOf(s.caps());
        Transport transport = s.attempt().type() == SocketType.DGRAM ? Transport.UDP : Transport.TCP;
        Read<LocalFirewall> read = s.host().firewall(transport, s.address(), null);
        String what = (transport == Transport.UDP ? "UDP" : "TCP") + " to " + s.address().host() + " port "
                + s.address().port();
        if (read instanceof Read.Unknown<LocalFirewall> u) {
            return unread(s, os, kind, what, u.reason());
        }
        LocalFirewall fw = ((Read.Known<LocalFirewall>) read).value();
        List<Finding> out = new ArrayList<>();
        if (os == Os.WINDOWS && !fw.profiles().isEmpty()) {
            out.add(new Finding(CHECK, profiles(fw)));
        }
        LocalFirewall.Rule certain = fits(fw.certainBlock(), kind);
        List<LocalFirewall.Rule> maybes = fw.matching().stream().filter(r -> r.partial() && r.action().blocks()).limit(3)
                .toList();
        LocalFirewall.Rule maybe = maybes.isEmpty() ? null : maybes.get(0);
        if (certain != null) {
            out.add(blocked(s, os, kind, what, fw, certain));
        } else if (kind.proven() && os == Os.WINDOWS) {
            out.add(provenWithoutRule(s, os, what, fw));
        } else if (kind.proven()) {
            out.add(new Finding(CHECK, localCause(s, os) + (maybe != null ? (maybes.size() == 1 ? " The rule that may have "
                    + "done it, which could not be evaluated fully: " : " The rules that may have done it, which could not "
                    + "be evaluated fully: ") + String.join("; ", maybes.stream().map(FirewallCheck::rule).toList()) + ". "
                    + notes(fw) : " No rule of this computer's " + fw.product()
                    + " ruleset (" + fw.source() + ") blocks " + what + "." + (fw.notes().isEmpty() ? "" : " " + notes(fw))
                    + " Another filter on this computer (iptables-legacy rules, a security module such as SELinux or "
                    + "AppArmor, a sandbox) refused it.")));
        } else if (maybe != null) {
            out.add(new Finding(CHECK, "A firewall rule on this computer may block " + what + ", but it could not be "
                    + "evaluated fully: " + rule(maybe) + ". " + notes(fw)));
        } else if (os == Os.LINUX && !commonRefusal(s) && fw.matching().stream().noneMatch(r -> r.action().blocks())) {
            out.add(new Finding(CHECK, "No rule of this computer's " + fw.product() + " ruleset drops or rejects " + what
                    + " or its answers (" + fw.source() + ")." + (fw.notes().isEmpty() ? "" : " " + notes(fw))));
        }
        return out;
    }

    /** How the attempt failed, as far as a filter on this computer can cause it; null when it cannot. */
    private enum Kind {
        /** The errno or the ICMP sender proves the block happened on this computer. */
        LOCAL,
        /** A refusal (ICMP, TCP reset): a REJECT rule here can cause it. */
        REJECTED,
        /** Silence: a DROP rule here, of the request or of its answers, can cause it. */
        SILENT;

        boolean proven() {
            return this == LOCAL;
        }
    }

    private static Kind kind(Situation s) {
        if (s.attempt().outcome().isSuccess()) {
            return null;
        }
        Os os = Commands.osOf(s.caps());
        boolean atConnect = "connect".equals(s.attempt().failedCall()) || "send".equals(s.attempt().failedCall());
        if (os == Os.LINUX && s.is("EPERM")) {
            return Kind.LOCAL;
        }
        if (os == Os.WINDOWS && s.is("EACCES") && "connect".equals(s.attempt().failedCall())) {
            return Kind.LOCAL;
        }
        if (os == Os.MACOS && s.is("EPERM", "EACCES") && atConnect) {
            return Kind.LOCAL;
        }
        IcmpError icmp = s.attempt().icmp();
        if (icmp != null && prohibited(icmp) && fromThisComputer(s, icmp)) {
            return Kind.LOCAL;
        }
        if (s.is("EHOSTUNREACH", "ENETUNREACH", "ECONNREFUSED", "EACCES")) {
            return Kind.REJECTED;
        }
        if (s.is("TIMED_OUT", "ETIMEDOUT", "NO_REPLY")) {
            return Kind.SILENT;
        }
        return null;
    }

    /**
     * Whether a rule on this computer certainly rejects the attempt's packets (then a refusal did
     * not come back from the network, whatever its errno says).
     */
    static boolean rejectedHere(Situation s) {
        if (s.attempt() == null || s.address() == null) {
            return false;
        }
        Transport t = s.attempt().type() == SocketType.DGRAM ? Transport.UDP : Transport.TCP;
        return s.host().firewall(t, s.address(), null) instanceof Read.Known<LocalFirewall> k
                && fits(k.value().certainBlock(), Kind.REJECTED) != null;
    }

    /** ICMP destination unreachable, administratively prohibited (codes 9, 10, 13; ICMPv6 code 1). */
    static boolean prohibited(IcmpError i) {
        return i.family() == Family.INET6 ? i.type() == 1 && i.code() == 1
                : i.type() == 3 && (i.code() == 9 || i.code() == 10 || i.code() == 13);
    }

    /** Whether the ICMP message's sender is one of this computer's own addresses. */
    static boolean fromThisComputer(Situation s, IcmpError i) {
        if (i.offender() == null || i.fromTarget()) {
            return false;
        }
        for (NetInterface n : s.host().interfaces().orElse(List.of())) {
            for (NetInterface.Address a : n.addresses()) {
                if (a.address().host().equals(i.offender().host())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rule when its action can cause this kind of failure; else null. */
    private static LocalFirewall.Rule fits(LocalFirewall.Rule r, Kind kind) {
        if (r == null) {
            return null;
        }
        return switch (kind) {
            case LOCAL -> r.reply() ? null : r; // the answers' rules drop later, in silence
            case REJECTED -> r.action() == LocalFirewall.Action.REJECT && !r.reply() ? r : null;
            case SILENT -> r.action() == LocalFirewall.Action.DROP ? r : null;
        };
    }

    private static Finding blocked(Situation s, Os os, Kind kind, String what, LocalFirewall fw, LocalFirewall.Rule r) {
        String text;
        String meaning;
        String place = r.where().replaceAll(" \\(.*\\)$", "");
        if (r.reply()) {
            String end = s.attempt().type() == SocketType.DGRAM ? "so no reply reached the program"
                    : "so the attempt timed out";
            text = "A firewall rule on this computer drops the answers from " + s.address().host() + " port "
                    + s.address().port() + ": " + rule(r) + ". The request went out, but the reply never reached the "
                    + "program, " + end + ".";
            meaning = "This computer's own firewall drops the answers to " + what + ": the request left, but the "
                    + "reply was dropped on arrival, " + end + ". The rule: `" + r.name() + "` in " + place + ".";
        } else {
            text = "Blocked by a firewall rule on this computer: " + rule(r) + ".";
            meaning = "This computer's own firewall blocks " + what + ": the "
                    + (s.attempt().type() == SocketType.DGRAM ? "datagram" : "connection request") + " never left this "
                    + "computer" + (kind == Kind.SILENT ? ", so no answer could come back" : "") + ". The rule: `"
                    + r.name() + "` in " + place + ".";
        }
        return new Finding(CHECK, text, new Diagnosis(meaning, Fault.THIS_COMPUTER, steps(os, r, what)));
    }

    private static List<String> steps(Os os, LocalFirewall.Rule r, String what) {
        List<String> steps = new ArrayList<>();
        steps.add("The rule may be there on purpose: ask whoever manages this computer (or its firewall settings) "
                + "whether " + what + " is meant to be blocked before changing anything.");
        if (os == Os.WINDOWS) {
            steps.add("To see the outbound block rules and their profiles, run in PowerShell: \""
                    + "Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Format-Table DisplayName,Profile\".");
            steps.addAll(windowsAudit());
            return steps;
        }
        if (r.show() != null) {
            steps.add("To see the rule with its handle (needs administrator rights): \"sudo " + r.show() + "\".");
        }
        if (r.remove() != null) {
            steps.add("If it should not be there, whoever manages this computer can delete just this rule (needs "
                    + "administrator rights): \"sudo " + r.remove() + "\". A firewall service that manages the rules "
                    + "(firewalld, ufw) may put it back: change it there instead.");
        }
        return steps;
    }

    private static List<String> windowsAudit() {
        return List.of("To have Windows name the exact filter that blocks it, as administrator in PowerShell turn on the "
                + "audit of blocked connections: \"auditpol /set /subcategory:\"Filtering Platform Connection\" "
                + "/failure:enable\", try again, then read the last blocks: \"Get-WinEvent -FilterHashtable "
                + "@{LogName='Security'; Id=5157} -MaxEvents 5 | Format-List\" (event 5157 names the filter). Turn the "
                + "audit off again afterwards with \"/failure:disable\".");
    }

    /** "table inet filter, chain output (hook output, priority 0): `… drop` (comment: "block db")". */
    private static String rule(LocalFirewall.Rule r) {
        return r.where() + ": `" + r.name() + "`" + (r.comment() == null ? "" : " (comment: \"" + r.comment() + "\")");
    }

    private static String notes(LocalFirewall fw) {
        if (fw.notes().isEmpty()) {
            return "";
        }
        String n = String.join("; ", fw.notes());
        return Character.toUpperCase(n.charAt(0)) + n.substring(1) + ".";
    }

    private static String profiles(LocalFirewall fw) {
        List<String> parts = new ArrayList<>();
        for (LocalFirewall.Profile p : fw.profiles()) {
            parts.add(p.name() + (p.active() ? " (in use)" : "") + ": " + (p.enabled() ? "on" : "off")
                    + ", outgoing connections " + (p.defaultOutbound().blocks() ? "blocked" : "allowed") + " unless a rule says otherwise");
        }
        return fw.product() + " (read from " + fw.source() + "): " + String.join("; ", parts) + ".";
    }

    /** Windows refused at connect (WSAEACCES), but no block rule that was read explains it. */
    private static Finding provenWithoutRule(Situation s, Os os, String what, LocalFirewall fw) {
        boolean defaultBlock = fw.profiles().stream().anyMatch(p -> p.active() && p.enabled() && p.defaultOutbound().blocks());
        String text = localCause(s, os) + (defaultBlock ? " The firewall profile in use blocks outgoing connections "
                + "by default, and no outbound allow rule read here lets this one through." : " No outbound block rule "
                + "read here matches it (" + fw.source() + "); another filter on this computer (security software, a "
                + "Windows Filtering Platform filter) may have blocked it.") + (fw.notes().isEmpty() ? "" : " " + notes(fw));
        return new Finding(CHECK, text, new Diagnosis("This computer refused " + what + " before it was sent: a "
                + "firewall or filter on this computer blocks it.", Fault.THIS_COMPUTER, windowsSteps(what)));
    }

    private static List<String> windowsSteps(String what) {
        List<String> steps = new ArrayList<>();
        steps.add("Ask whoever manages this computer whether " + what + " is meant to be blocked: a rule may be there "
                + "on purpose.");
        steps.add("In PowerShell: \"Get-NetFirewallProfile | Format-Table Name,Enabled,DefaultOutboundAction\" shows "
                + "each profile's default for outgoing connections, and \"Get-NetFirewallRule -Direction Outbound "
                + "-Action Block -Enabled True | Format-Table DisplayName,Profile\" the outbound block rules.");
        steps.addAll(windowsAudit());
        return steps;
    }

    /** Why the errno places the block on this computer, in the system's words. */
    private static String localCause(Situation s, Os os) {
        String call = s.attempt().failedCall() == null ? "the call" : s.attempt().failedCall() + "()";
        if (s.attempt().icmp() != null && prohibited(s.attempt().icmp()) && fromThisComputer(s, s.attempt().icmp())) {
            return "The block happened on this computer: the " + s.attempt().icmp().protocol() + " \"prohibited\" "
                    + "answer came from " + s.attempt().icmp().offender().host() + ", one of this computer's own addresses.";
        }
        if (os == Os.LINUX) {
            return "The block happened on this computer: " + s.attempt().error().nativeSymbol() + " from " + call
                    + " on Linux means the local packet filter (netfilter: nftables or iptables) or a security module "
                    + "refused the packet before it was sent.";
        }
        return "The block happened on this computer: " + s.attempt().error().nativeSymbol() + " from " + call
                + " means this computer refused the packet before it was sent.";
    }

    /** The rules could not be read: say so, and what would show them; never "no rule". */
    private static List<Finding> unread(Situation s, Os os, Kind kind, String what, String reason) {
        String how = switch (os == null ? Os.LINUX : os) {
            case LINUX -> "\"sudo nft list ruleset\" lists them";
            case WINDOWS -> "in PowerShell, \"Get-NetFirewallProfile | Format-Table Name,Enabled,DefaultOutboundAction\" "
                    + "and \"Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True | Format-Table "
                    + "DisplayName,Profile\" list them";
            case MACOS -> "\"/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate\" shows the application "
                    + "firewall and \"sudo pfctl -s rules\" the packet filter's rules";
        };
        if (kind.proven()) {
            String text = localCause(s, os) + " Which rule did it is not known: " + reason
                    + (mentions(reason, os) ? "." : ". " + capital(how) + ".");
            if (os == Os.WINDOWS) {
                return List.of(new Finding(CHECK, text, new Diagnosis("This computer refused " + what + " before it was "
                        + "sent: a firewall or filter on this computer blocks it.", Fault.THIS_COMPUTER, windowsSteps(what))));
            }
            return List.of(new Finding(CHECK, text));
        }
        if (commonRefusal(s)) {
            return List.of();
        }
        return List.of(new Finding(CHECK, "This computer's firewall rules could not be read (" + reason + "), so a rule "
                + "here that " + (kind == Kind.SILENT ? "drops " : "rejects ") + what + " is not ruled out"
                + (mentions(reason, os) ? "." : ": " + how + ".")));
    }

    /**
     * A refusal (ECONNREFUSED): almost always the target's own answer, which the catalogue explains;
     * this check speaks of it only when a rule here matches, not to say it could not look.
     */
    private static boolean commonRefusal(Situation s) {
        return s.is("ECONNREFUSED");
    }

    /** Whether the reader's reason already names the command that shows the rules. */
    private static boolean mentions(String reason, Os os) {
        return os == Os.LINUX && reason.contains("nft list ruleset");
    }

    private static String capital(String t) {
        return t.isEmpty() ? t : Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }
}
