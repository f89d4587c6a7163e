package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With the descriptor limit reached, a probe is an attempt that FAILED in phase SOCKET with
 * EMFILE and the call that hit it, never an exception. Runs in a child JVM: descriptors are never
 * exhausted inside the test JVM.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DescriptorLimitTest {

    private static List<String> probe(int freeSlots) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is not installed");
        ChildJvm.Result r = ChildJvm.run(List.of(), List.of("-Xmx64m"), DescriptorLimitChild.class,
                List.of(Integer.toString(freeSlots)), 90);
        assertEquals(0, r.exitCode(), r.output());
        List<String> lines = r.output().lines().toList();
        assertEquals("filled ok", lines.get(lines.size() - 1), r.output());
        return lines.subList(lines.size() - 4, lines.size() - 1);
    }

    @Test
    void noDescriptorForTheWakeUpPipeIsEmfileFromPipe2() throws Exception {
        assertEquals(List.of("FAILED SOCKET pipe2 EMFILE", "FAILED SOCKET pipe2 EMFILE", "FAILED SOCKET pipe2 EMFILE"),
                probe(1));
    }

    @Test
    void noDescriptorForTheSocketIsEmfileFromSocket() throws Exception {
        assertEquals(List.of("FAILED SOCKET socket EMFILE", "FAILED SOCKET socket EMFILE", "FAILED SOCKET socket EMFILE"),
                probe(2));
    }
}
