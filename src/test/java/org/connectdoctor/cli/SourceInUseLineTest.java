package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attempt and verdict lines that say what happened: a source port in use names the source the
 * bind() asked for, not the target's port; a broadcast nobody answered is not "the port is open".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@org.junit.jupiter.api.extension.ExtendWith(OwnDataFolder.class)
class SourceInUseLineTest {

    @Test
    void theFailedBindNamesTheSourceItAskedForAndTheTargetItWasFor() throws Exception {
        int target = Loopback.closedTcpPort();
        try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int source = holder.getLocalPort();
            CliRun r = cli("probe", "--brief", "--source", "127.0.0.1:" + source, "127.0.0.1:" + target);
            assertEquals(1, r.exit(), r.err());
            String line = r.lines().stream().filter(l -> l.contains("EADDRINUSE")).findFirst().orElseThrow();
            assertTrue(line.startsWith("* bind() to the source 127.0.0.1:" + source + " (for 127.0.0.1 port " + target
                    + ") failed: EADDRINUSE"), line);
        }
    }

    @Test
    void aBroadcastNobodyAnsweredIsSaidAsSuchNotAsAnOpenPort() {
        CliRun r = cli("probe", "--brief", "--type", "dgram", "--broadcast", "--timeout", "300ms", "127.255.255.255:9");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("(nobody on the network answered the broadcast)"), r.out());
        assertTrue(r.out().contains("No reply from 127.255.255.255 port 9 within 300ms: nobody on the network answered "
                + "the broadcast."), r.out());
        assertTrue(!r.out().contains("the port is open") && !r.out().contains("port may be open"), r.out());
    }
}
