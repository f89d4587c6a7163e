package org.connectdoctor.sys.windows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.windows.FirewallRule.Profile;

/**
 * Windows Defender Firewall's state for one outgoing attempt, from the policy Windows keeps in the
 * registry (readable without administrator rights where the key's permissions allow it):
 * <ul>
 * <li>the profiles: HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\
 *     {DomainProfile, StandardProfile (the Private profile), PublicProfile}, values EnableFirewall and
 *     DefaultOutboundAction (0 allow, 1 block), each overridden by Group Policy under
 *     HKLM\SOFTWARE\Policies\Microsoft\WindowsFirewall\{DomainProfile, PrivateProfile, PublicProfile};
 *     where neither PrivateProfile nor PublicProfile exists there, its StandardProfile applies to both
 *     ([MS-GPFAS] 2.2.3). Not set anywhere: the documented defaults, firewall on (the
 *     Networking-MPSSVC-Svc unattend settings *_EnableFirewall: "true … is the default value") and
 *     outbound allowed (INetFwPolicy2::get_DefaultOutboundAction: "Allow by default").</li>
 * <li>the rules: the values of ...\FirewallPolicy\FirewallRules (local policy) and of
 *     ...\Policies\Microsoft\WindowsFirewall\FirewallRules (Group Policy), rule strings parsed by
 *     {@link FirewallRule}. Group Policy's AllowLocalPolicyMerge = 0 in a profile makes the local
 *     rules void there ([MS-GPFAS] 2.2.3.13).</li>
 * </ul>
 * Listed are the outbound Block rules that are enabled and match the attempt's protocol, remote port
 * and address (and program, when one is named), then outbound Allow rules that match where a profile
 * blocks outgoing connections by default: a Block rule wins over an Allow rule, so blocks come first.
 * A rule this reader cannot decide fully is listed as partial with the reason in the notes.
 *
 * <p>For a loopback destination no rule is listed: Microsoft documents that rules made with these
 * tools "have no effect on loopback communication" (KB 2771908; only Windows Service Hardening rules,
 * which this reader does not read, do). The reading lists that exemption as the one allow that
 * matches, so that a profile whose default blocks outgoing connections is not taken for the cause,
 * and a note says why no rule is listed.
 *
 * <p>An outbound block on Windows sends nothing: connect fails at once with WSAEACCES (10013). That
 * is {@link LocalFirewall.Action#REJECT}'s "fails at once", not DROP's time-out, for rules and
 * profile defaults alike. Rules that exist only at run time (the dynamic store) are not in the
 * registry; {@code Get-NetFirewallRule -PolicyStore ActiveStore} shows those too.
 */
final class WindowsFirewall {

    static final String PRODUCT = "Windows Defender Firewall";
    static final String LOCAL = "SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy";
    static final String POLICY = "SOFTWARE\\Policies\\Microsoft\\WindowsFirewall";
    static final String RULES = "FirewallRules";
    /** The PowerShell command that lists what this reader looks for, as Windows itself evaluates it. */
    static final String INSPECT = "Get-NetFirewallRule -Direction Outbound -Action Block -Enabled True";
    static final String INSPECT_PROFILES = "Get-NetFirewallProfile";

    private WindowsFirewall() {
    }

    /** What the reader needs of HKEY_LOCAL_MACHINE, so that the logic is tested without Windows. */
    interface Registry {
        /**
         * The values of {@code key} under HKLM: names to a String (REG_SZ, REG_EXPAND_SZ) or an
         * Integer (REG_DWORD); Known(empty) when the key does not exist; Unknown when it cannot be
         * read (access denied), with the reason.
         */
        Read<Optional<Map<String, Object>>> values(String key);
    }

    /**
     * @param program the program's path, or null when none is named (then rules for a program are
     *                listed as partial: they block that program only)
     * @param env     the environment that expands %ProgramFiles% and the like in rule paths
     */
    record Attempt(Transport transport, SockAddr destination, String program, Map<String, String> env) {
        Attempt {
            Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            m.putAll(env);
            env = m;
        }
    }

    /** @param local the local policy store (Group Policy's otherwise) */
    private record Store(String key, String words, boolean local) {
    }

    private static final List<Store> STORES = List.of(
            new Store(POLICY + "\\" + RULES, "Group Policy", false),
            new Store(LOCAL + "\\" + RULES, "local policy", true));

    /** One profile's effective settings. */
    private record Setting(boolean enabled, boolean blocksOut, boolean localRulesApply) {
    }

    /**
     * The reading for {@code attempt}.
     *
     * @param active the profiles of the networks this computer is on now, or Unknown
     */
    static Read<LocalFirewall> read(Registry registry, Attempt attempt, Read<Set<Profile>> active) {
        if (attempt.destination() instanceof SockAddr.Unix) {
            return Read.unknown(PRODUCT + " filters IP traffic; a Unix-domain socket has no address or port it tests");
        }
        Read<Optional<Map<String, Object>>> root = registry.values(LOCAL);
        if (root instanceof Read.Unknown<Optional<Map<String, Object>>> u) {
            return unreadable(u.reason());
        }
        if (root.orElse(Optional.empty()).isEmpty()) {
            return Read.unknown(PRODUCT + "'s policy is not in the registry (HKLM\\" + LOCAL + " does not exist), so "
                    + "this computer's firewall rules could not be read; " + INSPECT + " shows them");
        }
        List<String> notes = new ArrayList<>();
        Map<Profile, Setting> settings = new EnumMap<>(Profile.class);
        Read<String> profileProblem = profiles(registry, settings, notes);
        if (profileProblem instanceof Read.Unknown<String> u) {
            return unreadable(u.reason());
        }
        Set<Profile> activeNow = active instanceof Read.Known<Set<Profile>> k ? k.value() : null;
        if (activeNow == null) {
            notes.add("Which profile is active was not read (" + ((Read.Unknown<Set<Profile>>) active).reason()
                    + "); Get-NetConnectionProfile shows each network's category");
        }
        List<LocalFirewall.Profile> profiles = new ArrayList<>();
        for (Profile p : Profile.values()) {
            Setting s = settings.get(p);
            profiles.add(new LocalFirewall.Profile(p.word, s.enabled(), activeNow != null && activeNow.contains(p),
                    s.blocksOut() ? LocalFirewall.Action.REJECT : LocalFirewall.Action.ALLOW));
        }
        List<LocalFirewall.Rule> blocks = new ArrayList<>();
        List<LocalFirewall.Rule> allows = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        int[] programAllows = {0};
        boolean loopback = loopback(attempt.destination());
        if (loopback) {
            // Windows permits loopback traffic before any of these rules or a profile's default: shown as the
            // allow that decides, so that a default-block profile is not taken for the cause
            allows.add(LOOPBACK_EXEMPTION);
            notes.add(attempt.destination().host() + " is a loopback address: rules made with " + PRODUCT + " (wf.msc, "
                    + "netsh, PowerShell, Group Policy) have no effect on loopback traffic (Microsoft KB 2771908), so no "
                    + "rule is listed; only the service-hardening rules of Windows services apply there");
        }
        for (Store store : STORES) {
            Read<Optional<Map<String, Object>>> values = registry.values(store.key());
            if (values instanceof Read.Unknown<Optional<Map<String, Object>>> u) {
                return unreadable(u.reason());
            }
            Map<String, Object> rules = values.orElse(Optional.empty()).orElse(Map.of());
            counts.add(store.words() + ": " + (rules.isEmpty() ? "no rules" : rules.size() == 1 ? "1 rule"
                    : rules.size() + " rules") + " in HKLM\\" + store.key());
            for (Map.Entry<String, Object> e : loopback ? Map.<String, Object>of().entrySet()
                    : new TreeMap<>(rules).entrySet()) {
                consider(store, e.getKey(), e.getValue(), attempt, settings, activeNow, blocks, allows, programAllows,
                        notes);
            }
        }
        if (programAllows[0] > 0) {
            notes.add(programAllows[0] + (programAllows[0] == 1 ? " outbound allow rule for one program or service also "
                    + "matches; it lets" : " outbound allow rules for particular programs or services also match; they let")
                    + " only that program through, so they are not listed (no program was named); "
                    + "Get-NetFirewallRule -Direction Outbound -Action Allow -Enabled True lists them");
        }
        List<LocalFirewall.Rule> matching = new ArrayList<>(blocks);
        matching.addAll(allows);
        return Read.known(new LocalFirewall(PRODUCT, "the registry (" + String.join("; ", counts) + ")", profiles,
                matching, notes));
    }

    /** The allow that decides for a loopback destination (see the class comment). */
    static final LocalFirewall.Rule LOOPBACK_EXEMPTION = new LocalFirewall.Rule(PRODUCT + ", loopback traffic",
            "Loopback traffic is exempt from " + PRODUCT + " rules", "Microsoft KB 2771908",
            LocalFirewall.Action.ALLOW, false);

    private static Read<LocalFirewall> unreadable(String reason) {
        return Read.unknown(reason + "; " + INSPECT + " shows the outbound block rules, " + INSPECT_PROFILES
                + " the profiles");
    }

    private static final Map<Profile, String> LOCAL_PROFILE_KEYS = Map.of(Profile.DOMAIN, "DomainProfile",
            Profile.PRIVATE, "StandardProfile", Profile.PUBLIC, "PublicProfile");

    /** Fills {@code settings}; Unknown when a profile key cannot be read. */
    private static Read<String> profiles(Registry registry, Map<Profile, Setting> settings, List<String> notes) {
        Map<String, Map<String, Object>> policy = new TreeMap<>();
        for (String k : List.of("DomainProfile", "PrivateProfile", "PublicProfile", "StandardProfile")) {
            Read<Optional<Map<String, Object>>> r = registry.values(POLICY + "\\" + k);
            if (r instanceof Read.Unknown<Optional<Map<String, Object>>> u) {
                return Read.unknown(u.reason());
            }
            r.orElse(Optional.empty()).ifPresent(m -> policy.put(k, m));
        }
        boolean split = policy.containsKey("PrivateProfile") || policy.containsKey("PublicProfile");
        List<String> defaulted = new ArrayList<>();
        List<String> byPolicy = new ArrayList<>();
        for (Profile p : Profile.values()) {
            Read<Optional<Map<String, Object>>> r = registry.values(LOCAL + "\\" + LOCAL_PROFILE_KEYS.get(p));
            if (r instanceof Read.Unknown<Optional<Map<String, Object>>> u) {
                return Read.unknown(u.reason());
            }
            Map<String, Object> local = r.orElse(Optional.empty()).orElse(Map.of());
            String gpKey = p == Profile.DOMAIN ? "DomainProfile" : split ? p.word + "Profile" : "StandardProfile";
            Map<String, Object> gp = policy.getOrDefault(gpKey, Map.of());
            Integer enabled = dword(gp, "EnableFirewall");
            Integer outbound = dword(gp, "DefaultOutboundAction");
            Integer merge = dword(gp, "AllowLocalPolicyMerge");
            if (enabled != null) {
                byPolicy.add(p.word + " EnableFirewall = " + enabled);
            } else {
                enabled = dword(local, "EnableFirewall");
            }
            if (outbound != null) {
                byPolicy.add(p.word + " DefaultOutboundAction = " + outbound);
            } else {
                outbound = dword(local, "DefaultOutboundAction");
            }
            if (enabled == null) {
                defaulted.add(p.word + " EnableFirewall (on)");
            }
            if (outbound == null) {
                defaulted.add(p.word + " DefaultOutboundAction (allow)");
            }
            boolean localApplies = merge == null || merge != 0;
            if (!localApplies) {
                notes.add("Group Policy sets AllowLocalPolicyMerge = 0 for the " + p.word
                        + " profile: the local rules do not apply there");
            }
            settings.put(p, new Setting(enabled == null || enabled != 0, outbound != null && outbound == 1, localApplies));
        }
        if (!byPolicy.isEmpty()) {
            notes.add("Group Policy sets " + String.join(", ", byPolicy) + " (HKLM\\" + POLICY + "); a local change "
                    + "to these has no effect");
        }
        if (!defaulted.isEmpty()) {
            notes.add("Not set in the registry, so Windows' defaults apply: " + String.join(", ", defaulted));
        }
        return Read.known("");
    }

    private static Integer dword(Map<String, Object> values, String name) {
        return values.get(name) instanceof Integer i ? i : null;
    }

    private static void consider(Store store, String id, Object value, Attempt attempt, Map<Profile, Setting> settings,
                                 Set<Profile> activeNow, List<LocalFirewall.Rule> blocks,
                                 List<LocalFirewall.Rule> allows, int[] programAllows, List<String> notes) {
        FirewallRule rule;
        try {
            if (!(value instanceof String s)) {
                throw new IllegalArgumentException("the value is not a string (REG_SZ)");
            }
            rule = FirewallRule.parse(id, s);
        } catch (RuntimeException e) {
            notes.add("Rule ID " + id + " in the " + store.words() + " could not be read: " + e.getMessage());
            return;
        }
        if (!rule.active() || !rule.outbound()) {
            return;
        }
        Evaluation ev = evaluate(rule, attempt);
        if (ev.verdict() == Verdict.NO) {
            return;
        }
        List<String> undecided = new ArrayList<>(ev.undecided());
        Set<Profile> where = rule.appliesIn();
        where.removeIf(p -> !settings.get(p).enabled() || (store.local() && !settings.get(p).localRulesApply()));
        if (where.isEmpty()) {
            return; // the firewall is off (or the rule void) in every profile it names
        }
        if (activeNow != null) {
            where.retainAll(activeNow);
            if (where.isEmpty()) {
                return;
            }
        } else if (where.size() < Profile.values().length) {
            undecided.add("it applies in the " + words(where) + " profile" + (where.size() > 1 ? "s" : "")
                    + " only, and which profile is active was not read");
        }
        boolean block = rule.action() == FirewallRule.Action.BLOCK;
        if (!block && where.stream().noneMatch(p -> settings.get(p).blocksOut())) {
            return; // an allow rule decides nothing where outgoing connections are allowed anyway
        }
        if (!block && ev.programOnly() && attempt.program() == null) {
            programAllows[0]++; // it lets only its own program through: counted, not listed one by one
            return;
        }
        String shown = rule.name() != null ? rule.name() : id;
        LocalFirewall.Rule r = new LocalFirewall.Rule(PRODUCT + ", outbound rules (" + store.words() + "), rule ID " + id,
                shown, rule.description(), block ? LocalFirewall.Action.REJECT : LocalFirewall.Action.ALLOW,
                !undecided.isEmpty());
        (block ? blocks : allows).add(r);
        if (!undecided.isEmpty()) {
            notes.add("Rule \"" + shown + "\" may not apply to this attempt: " + String.join("; ", undecided));
        }
        if (rule.nameIsResource()) {
            notes.add("Rule ID " + id + ": its name " + rule.name() + " is a reference to a text in a Windows file, "
                    + "shown as stored; Get-NetFirewallRule -Name '" + id + "' shows the text");
        }
    }

    private static String words(Set<Profile> profiles) {
        List<String> w = profiles.stream().sorted().map(p -> p.word).toList();
        return w.size() == 1 ? w.get(0) : String.join(", ", w.subList(0, w.size() - 1)) + " and " + w.get(w.size() - 1);
    }

    enum Verdict {
        /** A condition excludes the attempt. */
        NO,
        /** Every condition holds. */
        YES,
        /** Nothing excludes it, but something was not decided. */
        PARTIAL
    }

    /**
     * @param undecided   what was not decided, in words that follow "it …"
     * @param programOnly one of them is that the rule is for a program or service the attempt does not name
     */
    record Evaluation(Verdict verdict, List<String> undecided, boolean programOnly) {
        Evaluation {
            undecided = List.copyOf(undecided);
        }
    }

    private static final Evaluation NO = new Evaluation(Verdict.NO, List.of(), false);

    /** The rule's conditions (protocol, remote port and address, program, service, the rest) against the attempt; not its profiles. */
    static Evaluation evaluate(FirewallRule rule, Attempt attempt) {
        List<String> undecided = new ArrayList<>();
        int proto = attempt.transport() == Transport.TCP ? 6 : 17;
        if (rule.protocol() == -2) {
            undecided.add("its protocol could not be read");
        } else if (rule.protocol() >= 0 && rule.protocol() != proto) {
            return NO;
        }
        int port = attempt.destination().port();
        if (!rule.remotePorts().isEmpty() || !rule.portKeywords().isEmpty()) {
            if (rule.remotePorts().stream().noneMatch(r -> r.contains(port))) {
                if (rule.portKeywords().isEmpty()) {
                    return NO;
                }
                undecided.add("it names the remote port" + (rule.portKeywords().size() > 1 ? "s " : " ")
                        + String.join(", ", rule.portKeywords()) + ", which are not evaluated here");
            }
        }
        if (!rule.remote().isEmpty() || !rule.addressKeywords().isEmpty()) {
            boolean v6 = attempt.destination() instanceof SockAddr.Inet6 && !mapped((SockAddr.Inet6) attempt.destination());
            BigInteger address = number(attempt.destination());
            if (rule.remote().stream().noneMatch(r -> r.contains(v6, address))) {
                if (rule.addressKeywords().isEmpty()) {
                    return NO;
                }
                undecided.add("it names the remote address" + (rule.addressKeywords().size() > 1 ? "es " : " ")
                        + String.join(", ", rule.addressKeywords()) + ", which depend on this computer's networks "
                        + "and are not evaluated here");
            }
        }
        boolean programOnly = false;
        String verb = rule.action() == FirewallRule.Action.BLOCK ? "blocks" : "lets through";
        if (rule.app() != null) {
            String app = rule.app();
            if (attempt.program() == null) {
                undecided.add("it " + verb + " only the program " + app);
                programOnly = true;
            } else {
                String expanded = expand(app, attempt.env());
                if (expanded.contains("%")) {
                    undecided.add("its program path " + app + " uses a variable that is not set here");
                } else if (normal(expanded).equals(normal(attempt.program()))) {
                    // the same program
                } else if (!attempt.program().contains("\\") && !attempt.program().contains("/")
                        && fileName(expanded).equals(normal(attempt.program()))) {
                    undecided.add("it names the program " + app + " by its path, and the program was named as "
                            + attempt.program() + " only");
                } else {
                    return NO;
                }
            }
        }
        if (rule.service() != null) {
            undecided.add(rule.service().equals("*") ? "it " + verb + " Windows services only"
                    : "it " + verb + " only the Windows service " + rule.service());
            programOnly = true;
        }
        for (String what : rule.unevaluated()) {
            undecided.add("it also tests " + what + ", which is not evaluated here");
        }
        for (String problem : rule.problems()) {
            undecided.add("part of it does not follow the rule grammar ([MS-GPFAS] 2.2.2.19): " + problem);
        }
        return new Evaluation(undecided.isEmpty() ? Verdict.YES : Verdict.PARTIAL, undecided, programOnly);
    }

    /** 127.0.0.0/8, ::1, and ::ffff:127.x.y.z. */
    static boolean loopback(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return v4.isLoopback();
        }
        SockAddr.Inet6 v6 = (SockAddr.Inet6) a;
        return (v6.high() == 0 && v6.low() == 1) || (mapped(v6) && ((v6.low() >>> 24) & 0xFF) == 127);
    }

    private static boolean mapped(SockAddr.Inet6 a) {
        return a.high() == 0 && (a.low() >>> 32) == 0xFFFFL;
    }

    /** The destination's address as an unsigned number; an IPv4-mapped IPv6 address as its IPv4 address. */
    private static BigInteger number(SockAddr a) {
        if (a instanceof SockAddr.Inet4 v4) {
            return BigInteger.valueOf(v4.address() & 0xFFFF_FFFFL);
        }
        SockAddr.Inet6 v6 = (SockAddr.Inet6) a;
        if (mapped(v6)) {
            return BigInteger.valueOf(v6.low() & 0xFFFF_FFFFL);
        }
        return new BigInteger(Long.toUnsignedString(v6.high())).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(v6.low())));
    }

    private static final Pattern VARIABLE = Pattern.compile("%([^%\\\\]+)%");

    /** %Name% replaced by its value from {@code env}; a variable not set there stays as written. */
    static String expand(String path, Map<String, String> env) {
        Matcher m = VARIABLE.matcher(path);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Windows compares paths without regard to case, with either slash. */
    private static String normal(String path) {
        String p = path.strip();
        if (p.length() > 1 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        return p.replace('/', '\\').replaceAll("\\\\+", "\\\\").toLowerCase(Locale.ROOT);
    }

    private static String fileName(String path) {
        String n = normal(path);
        return n.substring(n.lastIndexOf('\\') + 1);
    }
}
