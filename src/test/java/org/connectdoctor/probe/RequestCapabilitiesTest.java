package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A socket type the system lacks is refused while the request is built, with the system's own
 * reason, before any socket exists: "Windows has no seqpacket sockets" is a validation message,
 * not a native error. Linux has every type.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RequestCapabilitiesTest {

    private static final Capabilities WINDOWS = Capabilities.of(Os.WINDOWS);
    private static final Capabilities LINUX = Capabilities.of(Os.LINUX);

    private static String refusal(String target, SocketType type, Capabilities caps) {
        return assertThrows(InvalidInputException.class,
                () -> ProbeRequest.builder(TargetParser.parse(target, LINUX)).type(type).build(caps)).getMessage();
    }

    @Test
    void windowsRefusesSeqpacketAndUnixDatagramsWithItsReason() {
        assertEquals("Windows has no seqpacket sockets; use stream or datagram.",
                refusal("127.0.0.1:5432", SocketType.SEQPACKET, WINDOWS));
        assertEquals("Windows has no seqpacket sockets; use stream or datagram.",
                refusal("/run/app.sock", SocketType.SEQPACKET, WINDOWS));
        assertEquals("Windows has Unix stream sockets only, no Unix datagram sockets; use stream.",
                refusal("/run/app.sock", SocketType.DGRAM, WINDOWS));
        assertEquals("Windows has no abstract Unix socket names (unix:@name); give the path of a socket file, "
                + "e.g. unix:/run/app.sock.", refusal("unix:@app", SocketType.STREAM, WINDOWS));
    }

    @Test
    void whatWindowsHasAndLinuxHasEverythingIsBuilt() throws Exception {
        assertEquals(SocketType.STREAM, ProbeRequest.builder(TargetParser.parse("/run/app.sock", WINDOWS))
                .type(SocketType.STREAM).build(WINDOWS).type());
        assertEquals(SocketType.DGRAM, ProbeRequest.builder(TargetParser.parse("127.0.0.1:53", WINDOWS))
                .type(SocketType.DGRAM).build(WINDOWS).type());
        for (SocketType t : SocketType.values()) {
            assertEquals(t, ProbeRequest.builder(TargetParser.parse("unix:@app", LINUX)).type(t).build(LINUX).type());
            assertEquals(t, ProbeRequest.builder(TargetParser.parse("127.0.0.1:5432", LINUX)).type(t).build(LINUX).type());
        }
    }
}
