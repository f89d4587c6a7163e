package org.connectdoctor.sys.windows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Windows Defender Firewall rule as the registry keeps it: a REG_SZ value whose name is the
 * rule's ID and whose data is a rule string such as
 * {@code v2.30|Action=Block|Active=TRUE|Dir=Out|Protocol=6|RPort=443|RA4=10.0.0.0/255.0.0.0|Name=Block DB|}.
 *
 * <p>The grammar is Microsoft's [MS-GPFAS] "Group Policy: Firewall and Advanced Security Data
 * Structure", section 2.2.2.19 "Firewall Rule and the Firewall Rule Grammar Rule" (with the token
 * grammars of 2.2.2.1 to 2.2.2.13), which the local store under
 * HKLM\SYSTEM\CurrentControlSet\Services\SharedAccess\Parameters\FirewallPolicy\FirewallRules uses
 * too. What it says that this class relies on: a token absent means "any" for Profile (all
 * profiles), Protocol (any protocol, 256) and the addresses and ports; Active absent means FALSE;
 * a token that may repeat (Profile, RPort, RA4, RA6, LPort…) adds to one list. Pure Java, so that
 * it is tested on any system.
 *
 * @param id            the registry value's name: the rule's ID (Get-NetFirewallRule -Name takes it)
 * @param action        Allow, Block, or ByPass (allow when IPsec-authenticated)
 * @param outbound      Dir=Out
 * @param active        Active=TRUE: the rule is enabled
 * @param profiles      the profiles named by Profile=; empty means all three
 * @param protocol      the IP protocol number, or -1 for any
 * @param remotePorts   RPort / RPort2_10 ranges; empty with no keywords means any port
 * @param portKeywords  RPort keywords (IPTLSOut, IPHTTPSOut, CortanaOut): ports this reader cannot name
 * @param remote        RA4 / RA6 addresses, ranges and subnets as ranges; empty with no keywords means any
 * @param addressKeywords RA4 / RA6 / RA42 / RA62 keywords (LocalSubnet, DNS, Internet…)
 * @param app           App=, the program's path as written (it may hold %variables%), or null
 * @param service       Svc=, the Windows service's short name or "*", or null
 * @param name          Name=, null when absent; "@FirewallAPI.dll,-28502" is a reference to a text resource
 * @param description   Desc=, or null
 * @param unevaluated   the tokens that add a condition this reader does not evaluate (LPort, LA4, IF…)
 * @param problems      values that do not follow the grammar; each makes its condition undecided
 */
record FirewallRule(String id, Action action, boolean outbound, boolean active, Set<Profile> profiles, int protocol,
                    List<PortRange> remotePorts, List<String> portKeywords, List<AddressRange> remote,
                    List<String> addressKeywords, String app, String service, String name, String description,
                    List<String> unevaluated, List<String> problems) {

    FirewallRule {
        profiles = profiles.isEmpty() ? Set.of() : Set.copyOf(profiles);
        remotePorts = List.copyOf(remotePorts);
        portKeywords = List.copyOf(portKeywords);
        remote = List.copyOf(remote);
        addressKeywords = List.copyOf(addressKeywords);
        unevaluated = List.copyOf(unevaluated);
        problems = List.copyOf(problems);
    }

    /** ACTION-VAL ([MS-GPFAS] 2.2.2.5). */
    enum Action {
        ALLOW, BLOCK, BYPASS
    }

    /** PROFILE-VAL ([MS-GPFAS] 2.2.2.1), in the order Windows lists them. */
    enum Profile {
        DOMAIN("Domain"), PRIVATE("Private"), PUBLIC("Public");

        final String word;

        Profile(String word) {
            this.word = word;
        }
    }

    record PortRange(int low, int high) {
        boolean contains(int port) {
            return port >= low && port <= high;
        }
    }

    /** @param v6 an IPv6 range; low and high are the addresses as unsigned numbers */
    record AddressRange(boolean v6, BigInteger low, BigInteger high, String text) {
        boolean contains(boolean destinationV6, BigInteger address) {
            return v6 == destinationV6 && low.compareTo(address) <= 0 && address.compareTo(high) <= 0;
        }
    }

    /** The profiles the rule applies in: all three when it names none. */
    Set<Profile> appliesIn() {
        return profiles.isEmpty() ? EnumSet.allOf(Profile.class) : EnumSet.copyOf(profiles);
    }

    /** Whether the name is an indirect string ("@FirewallAPI.dll,-28502"), which Windows shows as a text from that file. */
    boolean nameIsResource() {
        return name != null && name.startsWith("@");
    }

    /** The tokens that only describe the rule or change how it is kept, not which packets it takes. */
    private static final Set<String> DESCRIPTIVE = Set.of("name", "desc", "embedctxt", "skipver", "edge", "defer",
            "lsm", "lom", "pcross", "authbypassout");
    /** Conditions this reader leaves undecided, with the words that say what they test. */
    private static final java.util.Map<String, String> CONDITIONS = java.util.Map.ofEntries(
            java.util.Map.entry("lport", "the local port"), java.util.Map.entry("lport2_10", "the local port"),
            java.util.Map.entry("lport2_20", "the local port"), java.util.Map.entry("la4", "the local address"),
            java.util.Map.entry("la6", "the local address"), java.util.Map.entry("if", "the network interface"),
            java.util.Map.entry("iftype", "the interface type"), java.util.Map.entry("security", "IPsec security"),
            java.util.Map.entry("security2", "IPsec security"), java.util.Map.entry("security2_9", "IPsec security"),
            java.util.Map.entry("rmauth", "the remote computer's IPsec identity"),
            java.util.Map.entry("ruauth", "the remote user's IPsec identity"),
            java.util.Map.entry("luauth", "the local user"), java.util.Map.entry("luauth2_24", "the local user"),
            java.util.Map.entry("luown", "the program's owner"), java.util.Map.entry("apppkgid", "the app package"),
            java.util.Map.entry("platform", "the Windows version"), java.util.Map.entry("platform2", "the Windows version"),
            java.util.Map.entry("icmp4", "the ICMP type"), java.util.Map.entry("icmp6", "the ICMP type"),
            java.util.Map.entry("ttk", "a trusted device keyword"), java.util.Map.entry("ttk2_22", "a trusted device keyword"),
            java.util.Map.entry("ttk2_27", "a trusted device keyword"), java.util.Map.entry("ttk2_28", "a trusted device keyword"),
            java.util.Map.entry("nnm", "the network's name"), java.util.Map.entry("securityrealmid", "a security realm"));

    /**
     * Parses one rule string. Throws {@link IllegalArgumentException} with the reason when it is
     * not a rule string at all or lacks what every rule has (Action, Dir); a value that breaks the
     * grammar elsewhere is kept in {@link #problems} and leaves its condition undecided.
     */
    static FirewallRule parse(String id, String data) {
        if (data == null) {
            throw new IllegalArgumentException("the value is not a string");
        }
        String[] fields = data.strip().split("\\|", -1);
        if (fields.length < 2 || !fields[0].matches("[vV]\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("it does not start with a version such as v2.30|");
        }
        Action action = null;
        Boolean outbound = null;
        boolean active = false;
        Set<Profile> profiles = EnumSet.noneOf(Profile.class);
        int protocol = -1;
        List<PortRange> ports = new ArrayList<>();
        List<String> portKeywords = new ArrayList<>();
        List<AddressRange> remote = new ArrayList<>();
        List<String> addressKeywords = new ArrayList<>();
        String app = null;
        String service = null;
        String name = null;
        String description = null;
        List<String> unevaluated = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i];
            if (f.isEmpty()) {
                continue; // the string ends with "|"
            }
            int eq = f.indexOf('=');
            if (eq <= 0) {
                problems.add("\"" + f + "\" is not a Token=value field");
                continue;
            }
            String token = f.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = f.substring(eq + 1);
            switch (token) {
                case "action" -> action = switch (value.toLowerCase(Locale.ROOT)) {
                    case "allow" -> Action.ALLOW;
                    case "block" -> Action.BLOCK;
                    case "bypass" -> Action.BYPASS;
                    default -> throw new IllegalArgumentException("Action=" + value + " is not Allow, Block or ByPass");
                };
                case "dir" -> outbound = switch (value.toLowerCase(Locale.ROOT)) {
                    case "out" -> true;
                    case "in" -> false;
                    default -> throw new IllegalArgumentException("Dir=" + value + " is not In or Out");
                };
                case "active" -> active = value.equalsIgnoreCase("TRUE");
                case "profile" -> {
                    Profile p = profile(value);
                    if (p == null) {
                        problems.add("Profile=" + value + " is not Domain, Private or Public");
                    } else {
                        profiles.add(p);
                    }
                }
                case "protocol" -> {
                    if (value.matches("\\d{1,3}") && Integer.parseInt(value) <= 255) {
                        protocol = Integer.parseInt(value);
                    } else {
                        problems.add("Protocol=" + value + " is not a protocol number");
                        protocol = -2;
                    }
                }
                case "rport", "rport2_10" -> ports(value, ports, portKeywords, problems, f);
                case "ra4", "ra6", "ra42", "ra62" -> addresses(value, remote, addressKeywords, problems, f);
                case "app" -> app = value;
                case "svc" -> service = value;
                case "name" -> name = value;
                case "desc" -> description = value;
                default -> {
                    if (!DESCRIPTIVE.contains(token)) {
                        String what = CONDITIONS.getOrDefault(token, "the field " + f.substring(0, eq));
                        if (!unevaluated.contains(what)) {
                            unevaluated.add(what);
                        }
                    }
                }
            }
        }
        if (action == null) {
            throw new IllegalArgumentException("it has no Action=");
        }
        if (outbound == null) {
            throw new IllegalArgumentException("it has no Dir=");
        }
        return new FirewallRule(id, action, outbound, active, profiles, protocol, ports, portKeywords, remote,
                addressKeywords, app, service, name, description, unevaluated, problems);
    }

    private static Profile profile(String value) {
        for (Profile p : Profile.values()) {
            if (p.word.equalsIgnoreCase(value)) {
                return p;
            }
        }
        return null;
    }

    /** PORT-VAL, PORT-RANGE-VAL or a port keyword; a comma list of them is read too. */
    private static void ports(String value, List<PortRange> ports, List<String> keywords, List<String> problems,
                              String field) {
        for (String item : value.split(",")) {
            String v = item.strip();
            if (v.equals("*") || v.equalsIgnoreCase("Any")) {
                ports.add(new PortRange(0, 65535));
            } else if (v.matches("\\d{1,5}") && Integer.parseInt(v) <= 65535) {
                ports.add(new PortRange(Integer.parseInt(v), Integer.parseInt(v)));
            } else if (v.matches("\\d{1,5}-\\d{1,5}")) {
                int dash = v.indexOf('-');
                int low = Integer.parseInt(v.substring(0, dash));
                int high = Integer.parseInt(v.substring(dash + 1));
                if (low > high || high > 65535) {
                    problems.add(field + ": " + v + " is not a port range");
                    keywords.add(v);
                } else {
                    ports.add(new PortRange(low, high));
                }
            } else if (v.matches("[A-Za-z][A-Za-z0-9-]*")) {
                keywords.add(v);
            } else {
                problems.add(field + ": " + v + " is not a port");
                keywords.add(v);
            }
        }
    }

    /** The address keywords of [MS-GPFAS] 2.2.2.13 (and the 4/6 suffixed forms PowerShell writes). */
    private static final Set<String> ADDRESS_KEYWORDS = Set.of("localsubnet", "dns", "dhcp", "wins", "defaultgateway",
            "intranet", "internet", "ply2renders", "rmtintranet", "captiveportal", "intranetremoteaccess",
            "playtodevice");

    /**
     * ADDRESSV4-RANGE-VAL, ADDRESSV4-SUBNET-VAL (prefix or mask), their IPv6 forms, or a keyword
     * ([MS-GPFAS] 2.2.2.9 to 2.2.2.13); a comma list of them is read too.
     */
    private static void addresses(String value, List<AddressRange> remote, List<String> keywords, List<String> problems,
                                  String field) {
        for (String item : value.split(",")) {
            String v = item.strip();
            if (v.equals("*") || v.equalsIgnoreCase("Any")) {
                remote.add(new AddressRange(false, BigInteger.ZERO, max(32), v));
                remote.add(new AddressRange(true, BigInteger.ZERO, max(128), v));
                continue;
            }
            String bare = v.toLowerCase(Locale.ROOT).replaceAll("[46]$", "");
            if (ADDRESS_KEYWORDS.contains(bare) || ADDRESS_KEYWORDS.contains(v.toLowerCase(Locale.ROOT))) {
                keywords.add(v);
                continue;
            }
            try {
                remote.add(range(v));
            } catch (IllegalArgumentException e) {
                problems.add(field + ": " + v + " is not an address, range or subnet (" + e.getMessage() + ")");
                keywords.add(v);
            }
        }
    }

    static AddressRange range(String v) {
        int slash = v.indexOf('/');
        if (slash > 0) {
            String base = v.substring(0, slash);
            String suffix = v.substring(slash + 1);
            boolean v6 = base.contains(":");
            int bits = v6 ? 128 : 32;
            BigInteger address = address(base, v6);
            int prefix;
            if (suffix.matches("\\d{1,3}")) {
                prefix = Integer.parseInt(suffix);
            } else if (!v6 && suffix.contains(".")) {
                prefix = prefixOfMask(address(suffix, false));
            } else {
                throw new IllegalArgumentException("the part after / is not a prefix length or mask");
            }
            if (prefix > bits) {
                throw new IllegalArgumentException("/" + prefix + " is longer than the address");
            }
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            BigInteger low = address.andNot(hostMask);
            return new AddressRange(v6, low, low.or(hostMask), v);
        }
        int dash = v.indexOf('-');
        if (dash > 0) {
            String a = v.substring(0, dash);
            String b = v.substring(dash + 1);
            boolean v6 = a.contains(":");
            if (v6 != b.contains(":")) {
                throw new IllegalArgumentException("its two ends are of different families");
            }
            BigInteger low = address(a, v6);
            BigInteger high = address(b, v6);
            if (low.compareTo(high) > 0) {
                throw new IllegalArgumentException("its first address is above its last");
            }
            return new AddressRange(v6, low, high, v);
        }
        boolean v6 = v.contains(":");
        BigInteger a = address(v, v6);
        return new AddressRange(v6, a, a, v);
    }

    private static BigInteger max(int bits) {
        return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    private static int prefixOfMask(BigInteger mask) {
        long m = mask.longValue();
        int prefix = Long.bitCount(m);
        long expected = prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        if (m != expected) {
            throw new IllegalArgumentException("the mask's one bits are not contiguous");
        }
        return prefix;
    }

    /** An address literal as an unsigned number; no name lookup ever. */
    static BigInteger address(String text, boolean v6) {
        return v6 ? new BigInteger(1, ipv6(text)) : BigInteger.valueOf(ipv4(text) & 0xFFFF_FFFFL);
    }

    static int ipv4(String text) {
        String[] p = text.split("\\.", -1);
        if (p.length != 4) {
            throw new IllegalArgumentException(text + " has not four parts");
        }
        int a = 0;
        for (String part : p) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                throw new IllegalArgumentException(part + " is not a number from 0 to 255");
            }
            a = (a << 8) | Integer.parseInt(part);
        }
        return a;
    }

    /** RFC 4291 section 2.2 text forms: eight groups, one "::", an IPv4 tail; a %zone is dropped. */
    static byte[] ipv6(String text) {
        String t = text.contains("%") ? text.substring(0, text.indexOf('%')) : text;
        if (!t.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException(text + " is not an IPv6 address");
        }
        byte[] tail = null;
        int lastColon = t.lastIndexOf(':');
        if (t.indexOf('.') > lastColon && lastColon >= 0) {
            int v4 = ipv4(t.substring(lastColon + 1));
            tail = new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
            t = t.substring(0, lastColon + 1) + "0:0"; // two groups stand in for the IPv4 part
        }
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException(text + " has more than one ::");
        }
        List<String> head = groups(gap >= 0 ? t.substring(0, gap) : t);
        List<String> rest = gap >= 0 ? groups(t.substring(gap + 2)) : List.of();
        int missing = 8 - head.size() - rest.size();
        if ((gap < 0 && missing != 0) || (gap >= 0 && missing < 1)) {
            throw new IllegalArgumentException(text + " has not eight groups");
        }
        List<String> all = new ArrayList<>(head);
        for (int i = 0; i < (gap >= 0 ? missing : 0); i++) {
            all.add("0");
        }
        all.addAll(rest);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            String g = all.get(i);
            if (g.isEmpty() || g.length() > 4 || g.contains(".")) {
                throw new IllegalArgumentException(text + " has a group that is not 1 to 4 hex digits");
            }
            int v = Integer.parseInt(g, 16);
            out[2 * i] = (byte) (v >>> 8);
            out[2 * i + 1] = (byte) v;
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }

    private static List<String> groups(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(":", -1));
    }
}
