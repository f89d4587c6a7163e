package org.connectdoctor.sys;

import java.util.List;
import java.util.Objects;

/**
 * What this computer's own packet filter says about one outgoing attempt: whether it is on, what
 * it does by default, and the rules that match the attempt's protocol, address and port (or
 * program), as the system let this program read them. Read by {@link HostState#firewall}.
 *
 * @param product  the filter's name as its users know it: "nftables", "Windows Defender Firewall"
 * @param source   where it was read, in words a user can check: "the nftables ruleset (netlink)",
 *                 "the registry: HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\…\\FirewallRules"
 * @param profiles the filter's profiles and their state (Windows: Domain, Private, Public); empty
 *                 where the filter has none (nftables)
 * @param matching the rules that match the attempt, in the order the filter applies them; a rule
 *                 that could not be evaluated fully is listed with {@link Rule#partial} set
 * @param notes    what could not be read or evaluated, in words ("3 rules use expressions this
 *                 reader does not evaluate"); never a guess
 */
public record LocalFirewall(String product, String source, List<Profile> profiles, List<Rule> matching,
                            List<String> notes) {

    public LocalFirewall {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(source, "source");
        profiles = List.copyOf(profiles);
        matching = List.copyOf(matching);
        notes = List.copyOf(notes);
    }

    /** What a rule (or a profile's default) does with a packet it matches. */
    public enum Action {
        /** Let through. */
        ALLOW,
        /** Dropped silently: the attempt times out. */
        DROP,
        /** Refused with an answer (ICMP or a TCP reset): the attempt fails at once. */
        REJECT,
        /** Anything else (a jump, a log, a queue to a program): not a decision by itself. */
        OTHER;

        /** Whether the packet does not get through. */
        public boolean blocks() {
            return this == DROP || this == REJECT;
        }
    }

    /**
     * @param name                  "Domain", "Private", "Public"
     * @param enabled               the filter is on in this profile
     * @param active                this profile applies to a network this computer is on now
     * @param defaultOutbound       what happens to an outgoing packet no rule matches
     */
    public record Profile(String name, boolean enabled, boolean active, Action defaultOutbound) {
    }

    /**
     * @param where   where the rule sits: "table inet filter, chain output (hook output, priority 0)",
     *                "Windows Defender Firewall, outbound rules (local policy)"
     * @param name    the rule as its filter shows it: "ip daddr 10.20.0.5 tcp dport 443 drop", or the
     *                rule's display name on Windows
     * @param comment the rule's comment or description; null when it has none
     * @param action  what it does
     * @param partial the rule matched on everything this reader evaluates, but also tests something
     *                it does not (a set lookup, a mark), or is reached only past such a rule: it may
     *                not apply
     * @param reply   the rule applies to the answers coming back from the destination (an input
     *                chain), not to the outgoing packets: dropping them makes the attempt time out
     * @param show    the command that lists this rule with what identifies it ("nft -a list chain
     *                inet filter output"), or null
     * @param remove  the command that deletes exactly this rule ("nft delete rule inet filter output
     *                handle 5"), or null where there is no such command (a chain's policy)
     */
    public record Rule(String where, String name, String comment, Action action, boolean partial, boolean reply,
                       String show, String remove) {
        public Rule {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(action, "action");
        }

        /** A rule for the outgoing packets, without commands of its own. */
        public Rule(String where, String name, String comment, Action action, boolean partial) {
            this(where, name, comment, action, partial, false, null, null);
        }
    }

    /** The first rule that blocks the attempt, or null when none does. */
    public Rule firstBlocking() {
        for (Rule r : matching) {
            if (r.action().blocks()) {
                return r;
            }
            if (r.action() == Action.ALLOW && !r.partial()) {
                return null;
            }
        }
        return null;
    }

    /**
     * The first rule that certainly blocks the attempt: not partial, and with no certain ALLOW
     * before it; null when none does. A partial rule before it does not hide it (the reader marks
     * a rule reached only past an undecided one as partial itself).
     */
    public Rule certainBlock() {
        for (Rule r : matching) {
            if (r.partial()) {
                continue;
            }
            if (r.action().blocks()) {
                return r;
            }
            if (r.action() == Action.ALLOW) {
                return null;
            }
        }
        return null;
    }
}
