package org.connectdoctor.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.Payload;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.SourceSpec;
import org.connectdoctor.probe.TargetParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sentence under the form says what Run will do, for each kind of target and option. */
@Timeout(10)
class RunPlanTest {

    private static ProbeRequest.Builder of(String target) throws Exception {
        return ProbeRequest.builder(TargetParser.parse(target));
    }

    @Test
    void aLiteralAddressIsConnectedToAtOnce() throws Exception {
        assertEquals("Run connects over TCP to 127.0.0.1 port 5432 and waits at most 5 s.",
                RunPlan.of(of("127.0.0.1:5432").build()));
        assertEquals("Run connects over TCP to ::1 port 8765 and waits at most 1.5 s; 3 times, 200 ms apart.",
                RunPlan.of(of("[::1]:8765").timeout(Duration.ofMillis(1500)).count(3)
                        .interval(Duration.ofMillis(200)).build()));
    }

    @Test
    void aNameIsLookedUpFirstAndItsAddressesTriedInTurn() throws Exception {
        assertEquals("Run looks up db01.example.org (its addresses), then connects over TCP to port 5432 of each "
                + "address in turn until one answers, at most 5 s each.", RunPlan.of(of("db01.example.org:5432").build()));
        assertEquals("Run looks up db01 (its IPv4 addresses), then connects over TCP to port 443 of every address, "
                + "at most 2 min each; 10 times, one after another.", RunPlan.of(of("db01:443").family(FamilyChoice.IPV4)
                .allAddresses(true).timeout(Duration.ofMinutes(2)).count(10).interval(Duration.ZERO).build()));
    }

    @Test
    void datagramsSayWhatIsSentAndHowLongTheReplyIsAwaited() throws Exception {
        assertEquals("Run sends an empty UDP datagram to 127.0.0.1 port 53 and waits 5 s for a reply.",
                RunPlan.of(of("127.0.0.1:53").type(SocketType.DGRAM).build()));
        assertEquals("Run sends a UDP datagram of 4 bytes to 127.0.0.1 port 53 and waits 5 s for a reply, from 127.0.0.1.",
                RunPlan.of(of("127.0.0.1:53").type(SocketType.DGRAM).payload(Payload.ofText("ping"))
                        .source(SourceSpec.parse("127.0.0.1")).build()));
        assertEquals("Run broadcasts an empty UDP datagram to 127.255.255.255 port 9 and listens 5 s for every reply.",
                RunPlan.of(of("127.255.255.255:9").type(SocketType.DGRAM).broadcast(true).build()));
    }

    @Test
    void unixSocketsAreNamedAsFiles() throws Exception {
        assertEquals("Run connects a stream socket to the Unix socket /run/app.sock and waits at most 5 s.",
                RunPlan.of(of("/run/app.sock").build()));
        assertEquals("Run sends an empty datagram to the Unix socket /run/app.sock and waits 5 s for a reply.",
                RunPlan.of(of("/run/app.sock").type(SocketType.DGRAM).build()));
    }
}
