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

/** A source port in use: the attempt line names the source the bind() asked for, not the target's port. */
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
}
