package org.connectdoctor.probe;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;

/**
 * Parses what the user typed into a {@link Target}, or rejects it with a message that says what
 * is wrong and what is accepted. Nothing here reaches the network: the only question asked of the
 * system is the list of interfaces, to check the zone of a link-local address. Accepted:
 * {@code host:port}, {@code host:service}, {@code [IPv6]:port}, {@code [fe80::1%eth0]:port},
 * {@code unix:/path}, {@code unix:relative/path}, {@code /absolute/path}, {@code unix:@abstract}.
 * What the running OS allows for Unix sockets (the path limit, abstract names) comes from its
 * {@link Capabilities}, so a limit of another system is a clear message, not a native error.
 */
public final class TargetParser {

    /** The longest input looked at; anything longer is refused before it is examined. */
    public static final int MAX_INPUT = 4096;
    static final String FORMS = "host:port (db.example.org:5432), [IPv6]:port ([2001:db8::1]:443) "
            + "or a Unix socket path (/run/app.sock, unix:@name)";
    private static final String FORMS_WITHOUT_ABSTRACT = "host:port (db.example.org:5432), [IPv6]:port "
            + "([2001:db8::1]:443) or a Unix socket path (/run/app.sock)";

    private TargetParser() {
    }

    /** Parses {@code input} by the rules of the OS this JVM runs on. */
    public static Target parse(String input) throws InvalidInputException {
        return parse(input, Capabilities.current());
    }

    /** Parses {@code input} by the rules of the system {@code caps} describes. */
    public static Target parse(String input, Capabilities caps) throws InvalidInputException {
        if (input == null || input.isBlank()) {
            throw new InvalidInputException("The target is empty. Enter "
                    + (caps.abstractUnixNames() ? FORMS : FORMS_WITHOUT_ABSTRACT) + ".");
        }
        if (input.length() > MAX_INPUT) {
            throw new InvalidInputException("The target is " + input.length() + " characters long; "
                    + "targets are at most " + MAX_INPUT + ".");
        }
        checkControlCharacters(input, "target");
        String s = input.strip();
        if (s.regionMatches(true, 0, "unix:", 0, 5)) {
            return parseUnix(s.substring(5), true, caps);
        }
        if (s.startsWith("/")) {
            return parseUnix(s, false, caps);
        }
        FromUrl url = fromUrl(s);
        if (url != null) {
            return parse(url.target(), caps);
        }
        if (s.startsWith("@")) {
            if (s.length() > 1 && s.substring(1).chars().allMatch(c -> c < 128
                    && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '/'))) {
                throw new InvalidInputException(quote(s) + " looks like an abstract Unix socket name. "
                        + (caps.abstractUnixNames() ? "Write it as unix:" + s + "."
                        : noAbstractNames(caps)));
            }
            throw new InvalidInputException(quote(s) + " is not a target. Enter "
                    + (caps.abstractUnixNames() ? FORMS : FORMS_WITHOUT_ABSTRACT) + ".");
        }
        if (s.startsWith("[")) {
            return parseBracketed(s);
        }
        return parseHostPort(s);
    }

    /** The ports of the schemes people paste most, for a URL that names no port (RFC 3986 §3.2.3: the scheme's default). */
    private static final Map<String, Integer> SCHEME_PORTS = Map.ofEntries(Map.entry("http", 80), Map.entry("https", 443),
            Map.entry("ws", 80), Map.entry("wss", 443), Map.entry("ftp", 21), Map.entry("ftps", 990), Map.entry("ssh", 22),
            Map.entry("sftp", 22), Map.entry("telnet", 23), Map.entry("smtp", 25), Map.entry("smtps", 465),
            Map.entry("imap", 143), Map.entry("imaps", 993), Map.entry("pop3", 110), Map.entry("pop3s", 995),
            Map.entry("ldap", 389), Map.entry("ldaps", 636), Map.entry("postgres", 5432), Map.entry("postgresql", 5432),
            Map.entry("mysql", 3306), Map.entry("mariadb", 3306), Map.entry("sqlserver", 1433),
            Map.entry("redis", 6379), Map.entry("rediss", 6379), Map.entry("mongodb", 27017), Map.entry("amqp", 5672),
            Map.entry("amqps", 5671), Map.entry("mqtt", 1883), Map.entry("mqtts", 8883), Map.entry("rdp", 3389),
            Map.entry("vnc", 5900), Map.entry("sip", 5060), Map.entry("nntp", 119), Map.entry("git", 9418));

    /**
     * The target a pasted URL names, and the note that says so ("Using db01:5432 from the URL
     * http://db01:5432/."): the host and port of its authority, the scheme's usual port when it names
     * none. Null when {@code input} is no URL ({@code scheme://} at its start).
     */
    public record FromUrl(String target, String note) {
    }

    /**
     * {@code input} as a URL's target, or null when it is not written as a URL.
     *
     * @throws InvalidInputException for a URL with no host, or with no port and a scheme whose port is not known here
     */
    public static FromUrl fromUrl(String input) throws InvalidInputException {
        String s = input.strip();
        int sep = s.indexOf("://");
        if (sep <= 0 || !s.substring(0, sep).matches("(?i:jdbc:)?[A-Za-z][A-Za-z0-9+.-]*")) {
            return null;
        }
        String scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
        if (scheme.startsWith("jdbc:")) {
            scheme = scheme.substring(5);
        }
        String rest = s.substring(sep + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1); // a user name and password are never a part of the target
        }
        if (authority.isEmpty()) {
            throw new InvalidInputException(quote(s) + " is a URL with no host. Enter the server's name or address and "
                    + "port, e.g. db01:5432.");
        }
        boolean hasPort = authority.startsWith("[") ? authority.indexOf("]:") > 0 : authority.indexOf(':') >= 0;
        String target = authority;
        if (!hasPort) {
            Integer port = SCHEME_PORTS.get(scheme);
            if (port == null) {
                throw new InvalidInputException(quote(s) + " is a URL with no port, and " + scheme + ":// has no port this "
                        + "program knows. Enter the host and port, e.g. " + (authority.length() <= 80 ? authority : "db01")
                        + ":PORT.");
            }
            target = authority + ":" + port;
        }
        return new FromUrl(target, "Using " + target + " from the URL"
                + (hasPort ? "" : " (" + scheme + "'s usual port)") + ".");
    }

    /** Rejects C0 and C1 control characters, DEL and the Unicode line/paragraph separators. */
    static void checkControlCharacters(String s, String what) throws InvalidInputException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw new InvalidInputException("The " + what + " contains a control character ("
                        + codePoint(c) + ") at position " + (i + 1) + ". Remove it; a " + what
                        + " is typed on one line without tabs or other invisible characters.");
            }
        }
    }

    /** "Windows has no abstract Unix socket names (unix:@name); give the path of a socket file." */
    private static String noAbstractNames(Capabilities caps) {
        return caps.osName() + " has no abstract Unix socket names (unix:@name); give the path of a socket file, "
                + "e.g. unix:/run/app.sock.";
    }

    private static Target parseUnix(String path, boolean prefixed, Capabilities caps) throws InvalidInputException {
        if (path.isEmpty()) {
            throw new InvalidInputException("unix: needs a path after it, e.g. unix:/run/app.sock"
                    + (caps.abstractUnixNames() ? ", or an abstract name, unix:@name." : "."));
        }
        boolean abstractName = prefixed && path.startsWith("@");
        if (abstractName && !caps.abstractUnixNames()) {
            throw new InvalidInputException(quote("unix:" + path) + " is an abstract Unix socket name. "
                    + noAbstractNames(caps));
        }
        String name = abstractName ? path.substring(1) : path;
        if (abstractName && name.isEmpty()) {
            throw new InvalidInputException("unix:@ needs a name after the @, e.g. unix:@app.");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        int limit = caps.unixPathMax(); // an abstract name also loses one byte: its leading NUL
        if (bytes > limit) {
            throw new InvalidInputException("The Unix socket " + (abstractName ? "name" : "path") + " is "
                    + bytes + " bytes long; " + caps.osName() + " allows at most " + limit
                    + ". Use a shorter path (a symbolic link to the socket's directory works).");
        }
        if (!abstractName && name.endsWith("/")) {
            throw new InvalidInputException(quote(name) + " ends with '/', so it names a directory. "
                    + "Give the path of the socket file itself, e.g. /run/app/app.sock.");
        }
        return new Target.Unix(name, abstractName);
    }

    private static Target parseBracketed(String s) throws InvalidInputException {
        int close = s.indexOf(']');
        if (close < 0) {
            throw new InvalidInputException(quote(s) + " opens a bracket but does not close it. "
                    + "Write IPv6 addresses as [2001:db8::1]:443.");
        }
        String inside = s.substring(1, close);
        String rest = s.substring(close + 1);
        String address = inside;
        String zone = null;
        int pct = inside.indexOf('%');
        if (pct >= 0) {
            address = inside.substring(0, pct);
            zone = inside.substring(pct + 1);
        }
        if (address.isEmpty()) {
            throw new InvalidInputException("The brackets in " + quote(s) + " are empty. "
                    + "Put an IPv6 address inside them: [2001:db8::1]:443.");
        }
        String problem = ipv6Problem(address);
        if (problem != null && address.indexOf(':') < 0) {
            throw new InvalidInputException(quote(inside) + " is not an IPv6 address. Brackets are only for "
                    + "IPv6 addresses ([2001:db8::1]:443); write host names and IPv4 addresses without them.");
        }
        if (problem != null) {
            throw new InvalidInputException(quote(address) + " is not an IPv6 address: " + problem
                    + ". Write IPv6 addresses as [2001:db8::1]:443 or [::ffff:127.0.0.1]:443.");
        }
        if (zone != null) {
            checkZone(zone, s.substring(0, close + 1));
        }
        if (rest.isEmpty()) {
            throw new InvalidInputException(quote(s) + " has no port. Add one after the bracket: "
                    + s + ":443.");
        }
        if (rest.charAt(0) != ':') {
            throw new InvalidInputException("Expected ':' and a port after \"]\", found " + quote(rest)
                    + ". Write [2001:db8::1]:443.");
        }
        String service = checkService(rest.substring(1), s.substring(0, close + 2));
        return new Target.Inet(address.toLowerCase(Locale.ROOT) + (zone == null ? "" : "%" + zone), service,
                Target.HostKind.IPV6);
    }

    private static void checkZone(String zone, String bracketed) throws InvalidInputException {
        if (zone.isEmpty()) {
            throw new InvalidInputException("The zone after '%' is empty. Name the interface of the "
                    + "link-local address, e.g. [fe80::1%eth0]:443.");
        }
        if (zone.length() > 15 || !zone.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_'))) {
            throw new InvalidInputException("The zone " + quote(zone) + " after '%' is not an interface name "
                    + "(letters, digits, '.', '-' and '_', at most 15 characters) or index.");
        }
        if (zone.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long index = Long.parseLong(zone); // at most 15 digits: fits a long
            if (index == 0 || index > 0xFFFF_FFFFL) {
                throw new InvalidInputException("The zone " + zone + " in " + bracketed + " is not an interface "
                        + "index: indexes go from 1 to 4294967295. " + ZoneCheck.indexesHere());
            }
            String known = ZoneCheck.indexProblem(index);
            if (known != null) {
                throw new InvalidInputException("There is no interface with index " + zone + " here (zone after '%' "
                        + "in " + bracketed + "). " + known);
            }
            return;
        }
        String known = ZoneCheck.nameProblem(zone);
        if (known != null) {
            throw new InvalidInputException(quote(zone) + " is not a network interface here; " + known
                    + " (zone after '%' in " + bracketed + ").");
        }
    }

    private static Target parseHostPort(String s) throws InvalidInputException {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            if (s.contains("/")) {
                throw new InvalidInputException(quote(s) + " looks like a relative path. Unix socket paths "
                        + "start with '/', or are written unix:" + s + ".");
            }
            String e = s.length() <= 80 ? s : "db.example.org";
            throw new InvalidInputException(quote(s) + " has no port. Add one after a colon, e.g. " + e
                    + ":443, or a service name, e.g. " + e + ":https.");
        }
        String host = s.substring(0, colon);
        if (host.indexOf(':') >= 0) {
            if (s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                throw new InvalidInputException(quote(s) + " looks like an IPv6 address. Put the address in "
                        + "brackets and the port after them, e.g. [2001:db8::1]:443.");
            }
            throw new InvalidInputException(quote(s) + " has more than one ':'. Enter host:port (db01:5432), "
                    + "[IPv6]:port ([2001:db8::1]:443) or a URL (https://db01/).");
        }
        if (host.isEmpty()) {
            throw new InvalidInputException("The host is missing before " + quote(s) + ". Enter a name or an "
                    + "address, e.g. localhost" + (s.length() <= 80 ? s : ":443") + ".");
        }
        String service = checkService(s.substring(colon + 1), host + ":");
        return new Target.Inet(host.toLowerCase(Locale.ROOT), service, checkHost(host));
    }

    private static Target.HostKind checkHost(String host) throws InvalidInputException {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 127) {
                throw new InvalidInputException("The host contains \"" + new String(Character.toChars(host.codePointAt(i)))
                        + "\" (" + codePoint(host.codePointAt(i)) + "), which is not plain ASCII. Type the name "
                        + "again in plain letters; an international domain name goes in its xn-- form.");
            }
            if (c == '%') {
                throw new InvalidInputException("'%' is only allowed inside brackets, to name the interface of a "
                        + "link-local IPv6 address: [fe80::1%eth0]:443.");
            }
            if (c == ' ') {
                throw new InvalidInputException("The host contains a space at position " + (i + 1)
                        + ". Host names and addresses have no spaces.");
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_')) {
                throw new InvalidInputException("The host contains '" + c + "' at position " + (i + 1)
                        + "; host names have only letters, digits, '-', '.' and '_'.");
            }
        }
        if (host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            checkIpv4(host);
            return Target.HostKind.IPV4;
        }
        if (host.length() > 253) {
            throw new InvalidInputException("The host name is " + host.length()
                    + " characters long; DNS names have at most 253.");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidInputException("The host name " + quote(host) + " has an empty part between dots.");
            }
            if (label.length() > 63) {
                throw new InvalidInputException("The host name part \"" + label.substring(0, 20) + "…\" is "
                        + label.length() + " characters long; each part between dots has at most 63.");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                throw new InvalidInputException("The host name part " + quote(label)
                        + " begins or ends with '-', which host names do not.");
            }
        }
        return Target.HostKind.NAME;
    }

    private static void checkIpv4(String host) throws InvalidInputException {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidInputException(quote(host) + " looks like an IPv4 address but has " + parts.length
                    + " part" + (parts.length == 1 ? "" : "s") + "; IPv4 addresses have four, e.g. 127.0.0.1.");
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidInputException(quote(host) + " is not a valid IPv4 address: each of its four "
                        + "parts is a number from 0 to 255.");
            }
            int v = Integer.parseInt(part);
            if (v > 255) {
                throw new InvalidInputException(quote(host) + " is not a valid IPv4 address: " + v
                        + " is more than 255.");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new InvalidInputException(quote(host) + " has a part with a leading zero (" + part
                        + "), which some systems read as octal. Write it without the zero.");
            }
        }
    }

    /** Validates the port or service text after the colon; {@code before} is for messages. */
    static String checkService(String service, String before) throws InvalidInputException {
        if (service.isEmpty()) {
            throw new InvalidInputException("The port is missing after " + quote(before) + ". Enter a number from "
                    + "1 to 65535 or a service name such as https.");
        }
        if (service.chars().allMatch(c -> c >= '0' && c <= '9')) {
            if (service.length() > 5) {
                throw new InvalidInputException("Port " + (service.length() <= 20 ? service : service.substring(0, 20) + "\u2026")
                        + " is out of range. Ports go from 1 to 65535.");
            }
            int port = Integer.parseInt(service);
            if (port == 0) {
                throw new InvalidInputException("Port 0 cannot be connected to. Enter a port from 1 to 65535.");
            }
            if (port > 65535) {
                throw new InvalidInputException("Port " + port + " is out of range. Ports go from 1 to 65535.");
            }
            return Integer.toString(port);
        }
        // RFC 6335 section 5.1: letters, digits and '-', a letter first, no '-' at the end or twice in a row.
        boolean serviceName = service.length() <= 32 && service.charAt(0) < 128 && Character.isLetter(service.charAt(0))
                && service.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'))
                && !service.endsWith("-") && !service.contains("--");
        if (!serviceName) {
            throw new InvalidInputException(quote(service) + " is neither a port number (1 to 65535) nor a "
                    + "service name (letters, digits and '-', starting with a letter, such as https).");
        }
        return service.toLowerCase(Locale.ROOT);
    }

    /** True for a textual IPv6 address (RFC 4291 section 2.2), without brackets or zone. */
    static boolean isIpv6(String a) {
        return ipv6Problem(a) == null;
    }

    /**
     * What is wrong with {@code a} as a textual IPv6 address (RFC 4291 section 2.2: eight groups
     * of one to four hex digits, one "::" for a run of zero groups, the last 32 bits optionally
     * as an IPv4 address), or null when it is one. ASCII only: {@code Integer.parseInt} would
     * accept other scripts' digits, getaddrinfo does not.
     */
    static String ipv6Problem(String a) {
        if (a.length() < 2) {
            return "it is too short";
        }
        if (a.length() > 45) {
            return "it is " + a.length() + " characters long; the longest IPv6 address is 45";
        }
        int doubleColon = a.indexOf("::");
        if (doubleColon >= 0 && a.indexOf("::", doubleColon + 1) >= 0) {
            return "\"::\" may appear only once";
        }
        String head = doubleColon >= 0 ? a.substring(0, doubleColon) : a;
        String tail = doubleColon >= 0 ? a.substring(doubleColon + 2) : "";
        int groups = 0;
        String[][] sides = {head.isEmpty() ? new String[0] : head.split(":", -1),
                tail.isEmpty() ? new String[0] : tail.split(":", -1)};
        for (int side = 0; side < 2; side++) {
            String[] parts = sides[side];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                boolean last = (side == 1 || doubleColon < 0) && i == parts.length - 1;
                if (p.indexOf('.') >= 0) {
                    if (!last) {
                        return "an IPv4 part (" + p + ") may only come last, as in ::ffff:192.0.2.1";
                    }
                    String v4 = ipv4Problem(p);
                    if (v4 != null) {
                        return "its last part " + shorten(p) + " is not an IPv4 address (" + v4 + ")";
                    }
                    groups += 2;
                    continue;
                }
                if (p.isEmpty()) {
                    return "it has an empty group (a single ':' at the start or end, or ':::')";
                }
                if (p.length() > 4 || !p.chars().allMatch(TargetParser::isHex)) {
                    return "the group " + shorten(p) + " is not one to four hex digits (0-9, a-f)";
                }
                groups++;
            }
        }
        if (doubleColon >= 0 ? groups > 7 : groups != 8) {
            return "it has " + groups + " groups of 16 bits; an IPv6 address has 8"
                    + (doubleColon >= 0 ? ", and \"::\" stands for at least one" : " (or fewer with \"::\")");
        }
        return null;
    }

    /** What is wrong with {@code s} as a dotted-quad IPv4 address, or null when it is one. */
    private static String ipv4Problem(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return "it has " + parts.length + " part" + (parts.length == 1 ? "" : "s") + ", not four";
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return "each of its four parts is a number from 0 to 255";
            }
            if (Integer.parseInt(part) > 255) {
                return part + " is more than 255";
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                return "the part " + part + " has a leading zero";
            }
        }
        return null;
    }

    private static String shorten(String s) {
        return "\"" + (s.length() <= 20 ? s : s.substring(0, 20) + "\u2026") + "\"";
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The user's text in quotes for a message, shortened when long: a message must stay readable. */
    static String quote(String s) {
        return "\"" + (s.length() <= 80 ? s : s.substring(0, 60) + "\u2026 (" + s.length() + " characters)") + "\"";
    }

    static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /**
     * The interfaces a zone may name, asked of the system at each check (interfaces come and go).
     * Names come from the host state (getifaddrs(3) on Linux), which lists every interface; indexes
     * from {@link NetworkInterface}, which may miss an interface without addresses. When neither
     * answers, or an index cannot be told apart from one Java did not list, the zone is let through:
     * an interface list that could not be read is no proof that an interface is missing.
     */
    static final class ZoneCheck {
        private ZoneCheck() {
        }

        /** Null when {@code name} is an interface here or the system will not say; else the list. */
        static String nameProblem(String name) {
            Set<String> names = names();
            if (names.isEmpty() || names.contains(name)) {
                return null;
            }
            return "interfaces: " + String.join(", ", names);
        }

        /** Null when interface {@code index} exists or that cannot be known; else the list. */
        static String indexProblem(long index) {
            Map<String, Integer> indexes = indexes();
            if (indexes.isEmpty() || indexes.containsValue((int) index) && index <= Integer.MAX_VALUE) {
                return null;
            }
            if (!indexes.keySet().containsAll(names())) {
                return null; // an interface without an index known to Java might have this one
            }
            return indexesHere();
        }

        /** "Interfaces here: lo (1), eth0 (2)." or nothing when the system will not say. */
        static String indexesHere() {
            Map<String, Integer> indexes = indexes();
            if (indexes.isEmpty()) {
                return "";
            }
            StringJoiner j = new StringJoiner(", ", "Interfaces here: ", ".");
            indexes.forEach((n, i) -> j.add(n + " (" + i + ")"));
            return j.toString();
        }

        private static Set<String> names() {
            Set<String> out = nativeNames();
            return out.isEmpty() ? indexes().keySet() : out;
        }

        private static Set<String> nativeNames() {
            Set<String> out = new LinkedHashSet<>();
            try {
                for (NetInterface i : HostState.current().interfaces().orElse(List.of())) {
                    out.add(i.name());
                }
            } catch (RuntimeException | LinkageError e) {
                // no native library: what Java lists is all there is
            }
            return out;
        }

        /**
         * Name to index, by index, of the interfaces Java lists, restricted to those the native
         * layer lists when it answers: on Linux Java reads part of its list in a way that shows
         * the process's namespace, not the calling thread's.
         */
        private static Map<String, Integer> indexes() {
            Set<String> nativeNames = nativeNames();
            Map<String, Integer> out = new TreeMap<>();
            try {
                Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
                while (all != null && all.hasMoreElements()) {
                    NetworkInterface ni = all.nextElement();
                    if (ni.getIndex() > 0 && (nativeNames.isEmpty() || nativeNames.contains(ni.getName()))) {
                        out.put(ni.getName(), ni.getIndex());
                    }
                }
            } catch (SocketException | RuntimeException e) {
                return Map.of();
            }
            Map<String, Integer> byIndex = new LinkedHashMap<>();
            out.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .forEach(e -> byIndex.put(e.getKey(), e.getValue()));
            return byIndex;
        }
    }
}
