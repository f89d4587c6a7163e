package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** A pasted URL is the most common thing people paste: its host and port are taken, and the note says so. */
class UrlTargetTest {

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("http://db01:5432/", new Target.Inet("db01", "5432", Target.HostKind.NAME),
                        "Using db01:5432 from the URL."),
                Arguments.of("https://Portal.Corp.Example/login?next=/", new Target.Inet("portal.corp.example", "443",
                        Target.HostKind.NAME), "Using Portal.Corp.Example:443 from the URL (https's usual port)."),
                Arguments.of("postgres://app:secret@10.0.0.5/orders", new Target.Inet("10.0.0.5", "5432",
                        Target.HostKind.IPV4), "Using 10.0.0.5:5432 from the URL (postgres's usual port)."),
                Arguments.of("jdbc:postgresql://db01:6432/x", new Target.Inet("db01", "6432", Target.HostKind.NAME),
                        "Using db01:6432 from the URL."),
                Arguments.of("http://[2001:db8::1]:8080/a", new Target.Inet("2001:db8::1", "8080", Target.HostKind.IPV6),
                        "Using [2001:db8::1]:8080 from the URL."),
                Arguments.of("wss://[::1]/socket#x", new Target.Inet("::1", "443", Target.HostKind.IPV6),
                        "Using [::1]:443 from the URL (wss's usual port)."));
    }

    @ParameterizedTest
    @MethodSource("urls")
    void aUrlGivesItsHostAndPortAndSaysSo(String url, Target expected, String note) throws Exception {
        assertEquals(expected, TargetParser.parse(url));
        assertEquals(note, TargetParser.fromUrl(url).note());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("http:///path", "\"http:///path\" is a URL with no host. Enter the server's name or address "
                        + "and port, e.g. db01:5432."),
                Arguments.of("foo://db01/x", "\"foo://db01/x\" is a URL with no port, and foo:// has no port this program "
                        + "knows. Enter the host and port, e.g. db01:PORT."),
                Arguments.of("db:01:x", "\"db:01:x\" has more than one ':'. Enter host:port (db01:5432), [IPv6]:port "
                        + "([2001:db8::1]:443) or a URL (https://db01/)."),
                Arguments.of("@#$%!", "\"@#$%!\" is not a target. Enter " + TargetParser.FORMS + "."));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void whatIsNotATargetIsSaidExactly(String input, String message) {
        assertEquals(message, assertThrows(InvalidInputException.class, () -> TargetParser.parse(input)).getMessage());
    }

    @Test
    void plainTargetsAreNoUrls() throws Exception {
        assertNull(TargetParser.fromUrl("db01:5432"));
        assertNull(TargetParser.fromUrl("[::1]:22"));
        assertNull(TargetParser.fromUrl("/run/app.sock"));
    }
}
