package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, sources, payloads and the contradictions a whole request can hold. */
class RequestValidationTest {

    @ParameterizedTest
    @CsvSource({"1500ms, 1500", "2s, 2000", "0.5s, 500", "1m, 60000", "250us, 0", " 3 s , 3000"})
    void durationsTakeUnits(String text, long millis) throws InvalidInputException {
        assertEquals(millis, Durations.parse(text, "timeout", Duration.ZERO, Duration.ofHours(1)).toMillis());
    }

    @Test
    void durationMessagesSayWhatIsAccepted() {
        assertEquals("\"5\" has no unit. Write 5s, 5ms or another number with a unit (ms, s, m).",
                assertThrows(InvalidInputException.class, () -> Durations.parse("5", "timeout", Duration.ZERO,
                        Duration.ofHours(1))).getMessage());
        assertEquals("\"h\" is not a unit of time. Use ms, s or m, e.g. 1500ms, 2s, 1m.",
                assertThrows(InvalidInputException.class, () -> Durations.parse("2h", "timeout", Duration.ZERO,
                        Duration.ofHours(1))).getMessage());
        assertEquals("\"-1s\" is not a timeout. Write a number with a unit: 1500ms, 2s, 0.5s or 1m.",
                assertThrows(InvalidInputException.class, () -> Durations.parse("-1s", "timeout", Duration.ZERO,
                        Duration.ofHours(1))).getMessage());
        assertEquals("\"\u0663s\" is not a timeout. Write a number with a unit: 1500ms, 2s, 0.5s or 1m.",
                assertThrows(InvalidInputException.class, () -> Durations.parse("\u0663s", "timeout", Duration.ZERO,
                        Duration.ofHours(1))).getMessage());
        assertEquals("\"" + "1".repeat(60) + "\u2026 (100001 characters)\" is not a timeout. Write a number with a unit: "
                + "1500ms, 2s, 0.5s or 1m.", assertThrows(InvalidInputException.class, () -> Durations.parse(
                        "1".repeat(100_000) + "s", "timeout", Duration.ZERO, Duration.ofHours(1))).getMessage());
        assertEquals("A timeout of 11m is outside the accepted range, 1ms to 10m.",
                assertThrows(InvalidInputException.class, () -> Durations.parse("11m", "timeout",
                        ProbeRequest.MIN_TIMEOUT, ProbeRequest.MAX_TIMEOUT)).getMessage());
    }

    @Test
    void sourcesTakeAddressesAndPorts() throws InvalidInputException {
        assertEquals(new SourceSpec("127.0.0.2", Family.INET, 0), SourceSpec.parse("127.0.0.2"));
        assertEquals(new SourceSpec("10.0.0.5", Family.INET, 40000), SourceSpec.parse("10.0.0.5:40000"));
        assertEquals(new SourceSpec("::1", Family.INET6, 40000), SourceSpec.parse("[::1]:40000"));
        assertEquals(new SourceSpec("fe80::1", Family.INET6, 0), SourceSpec.parse("fe80::1"));
        assertEquals(new SourceSpec(null, null, 40000), SourceSpec.parse(":40000"));
    }

    @Test
    void sourceMessages() {
        assertEquals("The source \"gateway.local\" is not an IPv4 or IPv6 address. --source takes an address of "
                + "this computer, not a name: " + SourceSpec.FORMS + ".",
                assertThrows(InvalidInputException.class, () -> SourceSpec.parse("gateway.local")).getMessage());
        assertEquals("The source \"::ffff:a.b.c.d\" is not an IPv6 address: its last part \"a.b.c.d\" is not an "
                + "IPv4 address (each of its four parts is a number from 0 to 255). Write " + SourceSpec.FORMS + ".",
                assertThrows(InvalidInputException.class, () -> SourceSpec.parse("[::ffff:a.b.c.d]:1")).getMessage());
        assertEquals("The source \"1::2::3\" is not an IPv6 address: \"::\" may appear only once. Write "
                + SourceSpec.FORMS + ".", assertThrows(InvalidInputException.class, () -> SourceSpec.parse("1::2::3"))
                .getMessage());
        assertEquals("The source \"fe80::1%lo\" names a zone; --source takes a plain address without '%' (the zone "
                + "of a link-local target goes on the target).",
                assertThrows(InvalidInputException.class, () -> SourceSpec.parse("[fe80::1%lo]")).getMessage());
        assertEquals("The source \"\u0661.0.0.1\" is not an IPv4 or IPv6 address. --source takes an address of "
                + "this computer, not a name: " + SourceSpec.FORMS + ".",
                assertThrows(InvalidInputException.class, () -> SourceSpec.parse("\u0661.0.0.1")).getMessage());
        assertEquals(new SourceSpec("::ffff:127.0.0.1", Family.INET6, 5), assertDoesNotThrow(
                () -> SourceSpec.parse("[::FFFF:127.0.0.1]:5")));
        assertEquals("The source port \"70000\" is not a number from 1 to 65535 (leave it out to let the system "
                + "choose).", assertThrows(InvalidInputException.class, () -> SourceSpec.parse("1.2.3.4:70000"))
                .getMessage());
    }

    @Test
    void payloadsInTextOrHex() throws InvalidInputException {
        assertEquals("hello", Payload.ofHex("0x68 65:6c-6c 6f").textOrNull());
        assertEquals("The hex payload has an odd number of digits (3); every byte takes two, e.g. 0a rather than a.",
                assertThrows(InvalidInputException.class, () -> Payload.ofHex("abc")).getMessage());
        assertEquals("The hex payload contains 'g' at position 2. Use hex digits 0-9 and a-f, in pairs, e.g. "
                + "48 65 6c 6c 6f.", assertThrows(InvalidInputException.class, () -> Payload.ofHex("ag")).getMessage());
    }

    @Test
    void contradictionsAreRejectedBeforeAnySystemCall() throws InvalidInputException {
        assertEquals("127.0.0.1 is an IPv4 address, but IPv6 only was chosen. Choose Auto or IPv4.",
                assertThrows(InvalidInputException.class, () -> Probes.to("127.0.0.1:80").family(FamilyChoice.IPV6)
                        .build()).getMessage());
        assertEquals("unix:/run/x.sock is a Unix socket; IPv4 applies to host:port targets only.",
                assertThrows(InvalidInputException.class, () -> Probes.to("/run/x.sock").family(FamilyChoice.IPV4)
                        .build()).getMessage());
        assertEquals("Broadcast applies to datagram (UDP) probes only; stream and seqpacket sockets cannot send to "
                + "a broadcast address.", assertThrows(InvalidInputException.class,
                        () -> Probes.to("10.0.0.255:9").broadcast(true).build()).getMessage());
        assertEquals("The source [::1] is IPv6 but the target is reached over IPv4; both ends must use the same "
                + "family.", assertThrows(InvalidInputException.class,
                        () -> Probes.to("127.0.0.1:80").source(SourceSpec.parse("::1")).build()).getMessage());
        assertEquals("A payload is sent by datagram probes only; a stream probe stops once the connection is made.",
                assertThrows(InvalidInputException.class,
                        () -> Probes.to("127.0.0.1:80").payload(Payload.ofText("x")).build()).getMessage());
        assertEquals("The count must be a whole number from 1 to 1000000, not 0.",
                assertThrows(InvalidInputException.class, () -> Probes.to("127.0.0.1:80").count(0).build())
                        .getMessage());
        assertEquals(SocketType.DGRAM, Probes.to("10.0.0.255:9").type(SocketType.DGRAM).broadcast(true).build().type());
    }
}
