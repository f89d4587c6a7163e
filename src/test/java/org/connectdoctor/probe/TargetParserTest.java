package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The target syntax as a table: what is accepted, and the exact words for what is not. */
class TargetParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("localhost:5432", new Target.Inet("localhost", "5432", Target.HostKind.NAME)),
                Arguments.of("  DB.Example.org:443  ", new Target.Inet("db.example.org", "443", Target.HostKind.NAME)),
                Arguments.of("example.org:https", new Target.Inet("example.org", "https", Target.HostKind.NAME)),
                Arguments.of("example.org.:80", new Target.Inet("example.org.", "80", Target.HostKind.NAME)),
                Arguments.of("my_host-1:22", new Target.Inet("my_host-1", "22", Target.HostKind.NAME)),
                Arguments.of("127.0.0.1:1", new Target.Inet("127.0.0.1", "1", Target.HostKind.IPV4)),
                Arguments.of("10.0.0.255:65535", new Target.Inet("10.0.0.255", "65535", Target.HostKind.IPV4)),
                Arguments.of("[::1]:22", new Target.Inet("::1", "22", Target.HostKind.IPV6)),
                Arguments.of("[2001:DB8::1]:443", new Target.Inet("2001:db8::1", "443", Target.HostKind.IPV6)),
                Arguments.of("[fe80::1%lo]:8080", new Target.Inet("fe80::1%lo", "8080", Target.HostKind.IPV6)),
                Arguments.of("[::]:9", new Target.Inet("::", "9", Target.HostKind.IPV6)),
                Arguments.of("[::1.2.3.4]:9", new Target.Inet("::1.2.3.4", "9", Target.HostKind.IPV6)),
                Arguments.of("[1:2:3:4:5:6:1.2.3.4]:9", new Target.Inet("1:2:3:4:5:6:1.2.3.4", "9", Target.HostKind.IPV6)),
                Arguments.of("[1::]:9", new Target.Inet("1::", "9", Target.HostKind.IPV6)),
                Arguments.of("[1:2:3:4:5:6:7::]:9", new Target.Inet("1:2:3:4:5:6:7::", "9", Target.HostKind.IPV6)),
                Arguments.of("[::ffff:127.0.0.1]:80", new Target.Inet("::ffff:127.0.0.1", "80", Target.HostKind.IPV6)),
                Arguments.of("[1:2:3:4:5:6:7:8]:80", new Target.Inet("1:2:3:4:5:6:7:8", "80", Target.HostKind.IPV6)),
                Arguments.of("host:00080", new Target.Inet("host", "80", Target.HostKind.NAME)),
                Arguments.of("/run/postgresql/.s.PGSQL.5432", new Target.Unix("/run/postgresql/.s.PGSQL.5432", false)),
                Arguments.of("unix:/tmp/my app.sock", new Target.Unix("/tmp/my app.sock", false)),
                Arguments.of("unix:relative/app.sock", new Target.Unix("relative/app.sock", false)),
                Arguments.of("UNIX:@dbus-abc", new Target.Unix("dbus-abc", true)),
                Arguments.of("unix:/" + "a".repeat(106), new Target.Unix("/" + "a".repeat(106), false)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void valid(String input, Target expected) throws InvalidInputException {
        assertEquals(expected, TargetParser.parse(input));
    }

    static Stream<Arguments> invalid() {
        String forms = "host:port (db.example.org:5432), [IPv6]:port ([2001:db8::1]:443) or a Unix socket path "
                + "(/run/app.sock, unix:@name)";
        return Stream.of(
                Arguments.of("", "The target is empty. Enter " + forms + "."),
                Arguments.of("   ", "The target is empty. Enter " + forms + "."),
                Arguments.of("host\t:80", "The target contains a control character (U+0009) at position 5. Remove it; "
                        + "a target is typed on one line without tabs or other invisible characters."),
                Arguments.of("host:80\u0000", "The target contains a control character (U+0000) at position 8. Remove it; "
                        + "a target is typed on one line without tabs or other invisible characters."),
                Arguments.of("localhost", "\"localhost\" has no port. Add one after a colon, e.g. localhost:443, "
                        + "or a service name, e.g. localhost:https."),
                Arguments.of("localhost:", "The port is missing after \"localhost:\". Enter a number from 1 to 65535 "
                        + "or a service name such as https."),
                Arguments.of(":80", "The host is missing before \":80\". Enter a name or an address, e.g. localhost:80."),
                Arguments.of("host:0", "Port 0 cannot be connected to. Enter a port from 1 to 65535."),
                Arguments.of("host:65536", "Port 65536 is out of range. Ports go from 1 to 65535."),
                Arguments.of("host:99999999999", "Port 99999999999 is out of range. Ports go from 1 to 65535."),
                Arguments.of("host:-1", "\"-1\" is neither a port number (1 to 65535) nor a service name (letters, "
                        + "digits and '-', starting with a letter, such as https)."),
                Arguments.of("127.0.0.1:https-", "\"https-\" is neither a port number (1 to 65535) nor a service name "
                        + "(letters, digits and '-', starting with a letter, such as https)."),
                Arguments.of("host:8o8o", "\"8o8o\" is neither a port number (1 to 65535) nor a service name (letters, "
                        + "digits and '-', starting with a letter, such as https)."),
                Arguments.of("2001:db8::1:443", "\"2001:db8::1:443\" looks like an IPv6 address. Put the address in "
                        + "brackets and the port after them, e.g. [2001:db8::1]:443."),
                Arguments.of("[::1", "\"[::1\" opens a bracket but does not close it. Write IPv6 addresses as "
                        + "[2001:db8::1]:443."),
                Arguments.of("[::1]", "\"[::1]\" has no port. Add one after the bracket: [::1]:443."),
                Arguments.of("[::1]80", "Expected ':' and a port after \"]\", found \"80\". Write [2001:db8::1]:443."),
                Arguments.of("[]:80", "The brackets in \"[]:80\" are empty. Put an IPv6 address inside them: "
                        + "[2001:db8::1]:443."),
                Arguments.of("[127.0.0.1]:80", "\"127.0.0.1\" is not an IPv6 address. Brackets are only for IPv6 "
                        + "addresses ([2001:db8::1]:443); write host names and IPv4 addresses without them."),
                Arguments.of("[1::2::3]:80", "\"1::2::3\" is not an IPv6 address: \"::\" may appear only once. Write "
                        + "IPv6 addresses as [2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[::ffff:a.b.c.d]:1", "\"::ffff:a.b.c.d\" is not an IPv6 address: its last part "
                        + "\"a.b.c.d\" is not an IPv4 address (each of its four parts is a number from 0 to 255). "
                        + "Write IPv6 addresses as [2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[::ffff:1.2.3.\u0663]:1", "\"::ffff:1.2.3.\u0663\" is not an IPv6 address: its last "
                        + "part \"1.2.3.\u0663\" is not an IPv4 address (each of its four parts is a number from 0 to "
                        + "255). Write IPv6 addresses as [2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[::ffff:1.2.3.256]:1", "\"::ffff:1.2.3.256\" is not an IPv6 address: its last part "
                        + "\"1.2.3.256\" is not an IPv4 address (256 is more than 255). Write IPv6 addresses as "
                        + "[2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[1.2.3.4::1]:1", "\"1.2.3.4::1\" is not an IPv6 address: an IPv4 part (1.2.3.4) may "
                        + "only come last, as in ::ffff:192.0.2.1. Write IPv6 addresses as [2001:db8::1]:443 or "
                        + "[::ffff:127.0.0.1]:443."),
                Arguments.of("[1:2:3:4:5:6:7]:1", "\"1:2:3:4:5:6:7\" is not an IPv6 address: it has 7 groups of 16 "
                        + "bits; an IPv6 address has 8 (or fewer with \"::\"). Write IPv6 addresses as "
                        + "[2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[1:2:3:4::5:6:7:8]:1", "\"1:2:3:4::5:6:7:8\" is not an IPv6 address: it has 8 groups "
                        + "of 16 bits; an IPv6 address has 8, and \"::\" stands for at least one. Write IPv6 addresses "
                        + "as [2001:db8::1]:443 or [::ffff:127.0.0.1]:443."),
                Arguments.of("[:1::2]:1", "\":1::2\" is not an IPv6 address: it has an empty group (a single ':' at "
                        + "the start or end, or ':::'). Write IPv6 addresses as [2001:db8::1]:443 or "
                        + "[::ffff:127.0.0.1]:443."),
                Arguments.of("[12345::1]:1", "\"12345::1\" is not an IPv6 address: the group \"12345\" is not one "
                        + "to four hex digits (0-9, a-f). Write IPv6 addresses as [2001:db8::1]:443 or "
                        + "[::ffff:127.0.0.1]:443."),
                Arguments.of("[fe80::1%4294967296]:80", "The zone 4294967296 in [fe80::1%4294967296] is not an "
                        + "interface index: indexes go from 1 to 4294967295. " + TargetParser.ZoneCheck.indexesHere()),
                Arguments.of("[fe80::1%0]:80", "The zone 0 in [fe80::1%0] is not an interface index: indexes go from 1 "
                        + "to 4294967295. " + TargetParser.ZoneCheck.indexesHere()),
                Arguments.of("[fe80::1%]:80", "The zone after '%' is empty. Name the interface of the link-local "
                        + "address, e.g. [fe80::1%eth0]:443."),
                Arguments.of("[fe80::1%a/b]:80", "The zone \"a/b\" after '%' is not an interface name (letters, "
                        + "digits, '.', '-' and '_', at most 15 characters) or index."),
                Arguments.of("host%eth0:80", "'%' is only allowed inside brackets, to name the interface of a "
                        + "link-local IPv6 address: [fe80::1%eth0]:443."),
                Arguments.of("my host:80", "The host contains a space at position 3. Host names and addresses have "
                        + "no spaces."),
                Arguments.of("exa*mple.org:80", "The host contains '*' at position 4; host names have only letters, "
                        + "digits, '-', '.' and '_'."),
                Arguments.of("exаmple.org:80", "The host contains \"а\" (U+0430), which is not plain ASCII. Type the "
                        + "name again in plain letters; an international domain name goes in its xn-- form."),
                Arguments.of("a..b:80", "The host name \"a..b\" has an empty part between dots."),
                Arguments.of("-a.b:80", "The host name part \"-a\" begins or ends with '-', which host names do not."),
                Arguments.of("256.1.1.1:80", "\"256.1.1.1\" is not a valid IPv4 address: 256 is more than 255."),
                Arguments.of("1.2.3:80", "\"1.2.3\" looks like an IPv4 address but has 3 parts; IPv4 addresses have "
                        + "four, e.g. 127.0.0.1."),
                Arguments.of("010.0.0.1:80", "\"010.0.0.1\" has a part with a leading zero (010), which some systems "
                        + "read as octal. Write it without the zero."),
                Arguments.of("unix:", "unix: needs a path after it, e.g. unix:/run/app.sock, or an abstract name, "
                        + "unix:@name."),
                Arguments.of("unix:@", "unix:@ needs a name after the @, e.g. unix:@app."),
                Arguments.of("@app", "\"@app\" looks like an abstract Unix socket name. Write it as unix:@app."),
                Arguments.of("run/app.sock", "\"run/app.sock\" looks like a relative path. Unix socket paths start "
                        + "with '/', or are written unix:run/app.sock."),
                Arguments.of("/run/app/", "\"/run/app/\" ends with '/', so it names a directory. Give the path of the "
                        + "socket file itself, e.g. /run/app/app.sock."),
                Arguments.of("/" + "a".repeat(107), "The Unix socket path is 108 bytes long; Linux allows "
                        + "at most 107. Use a shorter path (a symbolic link to the socket's directory works)."),
                Arguments.of("/tmp/é" + "a".repeat(101), "The Unix socket path is 108 bytes long; Linux "
                        + "allows at most 107. Use a shorter path (a symbolic link to the socket's directory "
                        + "works)."),
                Arguments.of("x".repeat(5000), "The target is 5000 characters long; targets are at most 4096."),
                Arguments.of("host:\u0668\u0660", "\"\u0668\u0660\" is neither a port number (1 to 65535) nor a "
                        + "service name (letters, digits and '-', starting with a letter, such as https)."),
                Arguments.of("\u0661\u0662\u0667.0.0.1:80", "The host contains \"\u0661\" (U+0661), which is not "
                        + "plain ASCII. Type the name again in plain letters; an international domain name goes in "
                        + "its xn-- form."),
                Arguments.of("a".repeat(64) + ".org:80", "The host name part \"aaaaaaaaaaaaaaaaaaaa…\" is 64 characters "
                        + "long; each part between dots has at most 63."));
    }

    /** A zone names an interface of this computer: a missing one is bad input, never a failed lookup. */
    @Test
    void zoneMustNameAnInterfaceHere() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "the interface list comes from getifaddrs");
        String names = NativeSockets.system().interfaces().stream().map(NetInterface::name)
                .distinct().collect(Collectors.joining(", "));
        assertTrue(names.startsWith("lo") || names.contains(", lo"), names);
        assertEquals("\"nonexistent\" is not a network interface here; interfaces: " + names
                + " (zone after '%' in [fe80::1%nonexistent]).",
                assertThrows(InvalidInputException.class, () -> TargetParser.parse("[fe80::1%nonexistent]:80"))
                        .getMessage());
    }

    /**
     * In a namespace of the test's own, with lo as its only interface, every zone is known: an
     * index that does not exist is named as such, with the indexes that do.
     */
    @Test
    @Timeout(30)
    void zoneIndexMustExist() throws Exception {
        String why = TestNamespace.unavailableReason();
        assumeTrue(why == null, why);
        try (TestNamespace ns = TestNamespace.create("cd-zone")) {
            ns.ip("link", "set", "lo", "up");
            String missing = ns.inside(() -> assertThrows(InvalidInputException.class,
                    () -> TargetParser.parse("[fe80::1%99999]:80")).getMessage());
            assertEquals("There is no interface with index 99999 here (zone after '%' in [fe80::1%99999]). "
                    + "Interfaces here: lo (1).", missing);
            String name = ns.inside(() -> assertThrows(InvalidInputException.class,
                    () -> TargetParser.parse("[fe80::1%eth0]:80")).getMessage());
            assertEquals("\"eth0\" is not a network interface here; interfaces: lo (zone after '%' in [fe80::1%eth0]).",
                    name);
            assertEquals(new Target.Inet("fe80::1%1", "80", Target.HostKind.IPV6),
                    ns.inside(() -> TargetParser.parse("[fe80::1%1]:80")));
            assertEquals("The zone 4294967296 in [fe80::1%4294967296] is not an interface index: indexes go from 1 "
                    + "to 4294967295. Interfaces here: lo (1).", ns.inside(() -> assertThrows(
                            InvalidInputException.class, () -> TargetParser.parse("[fe80::1%4294967296]:80"))
                            .getMessage()));
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource
    void invalid(String input, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TargetParser.parse(input));
        assertEquals(message, e.getMessage());
    }

    /** The Unix rules come from the system's capabilities: Windows has no abstract names, macOS a shorter path. */
    @Test
    void unixRulesFollowTheSystemsCapabilities() throws Exception {
        Capabilities windows = Capabilities.of(Os.WINDOWS);
        assertEquals("\"unix:@app\" is an abstract Unix socket name. Windows has no abstract Unix socket names "
                + "(unix:@name); give the path of a socket file, e.g. unix:/run/app.sock.",
                assertThrows(InvalidInputException.class, () -> TargetParser.parse("unix:@app", windows)).getMessage());
        assertEquals("\"@app\" looks like an abstract Unix socket name. Windows has no abstract Unix socket names "
                + "(unix:@name); give the path of a socket file, e.g. unix:/run/app.sock.",
                assertThrows(InvalidInputException.class, () -> TargetParser.parse("@app", windows)).getMessage());
        assertEquals("unix: needs a path after it, e.g. unix:/run/app.sock.",
                assertThrows(InvalidInputException.class, () -> TargetParser.parse("unix:", windows)).getMessage());
        assertFalse(assertThrows(InvalidInputException.class, () -> TargetParser.parse(" ", windows)).getMessage()
                .contains("unix:@"));
        assertEquals(new Target.Unix("/run/app.sock", false), TargetParser.parse("unix:/run/app.sock", windows));

        Capabilities mac = Capabilities.of(Os.MACOS);
        String path104 = "/" + "a".repeat(103);
        assertEquals("The Unix socket path is 104 bytes long; macOS allows at most " + mac.unixPathMax()
                + ". Use a shorter path (a symbolic link to the socket's directory works).",
                assertThrows(InvalidInputException.class, () -> TargetParser.parse(path104, mac)).getMessage());
        assertEquals(new Target.Unix(path104, false), TargetParser.parse(path104, Capabilities.of(Os.LINUX)));
        assertEquals(new Target.Unix("app", true), TargetParser.parse("unix:@app", Capabilities.of(Os.LINUX)));
    }
}
