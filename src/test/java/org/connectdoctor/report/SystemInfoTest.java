package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.UnreadableHostState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ticket's system facts come from the host state, with the JVM's own as fallback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SystemInfoTest {

    @Test
    void onLinuxTheReleaseNameAndHostNameAreTheSystemsOwn() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "reads os-release and the kernel's host name");
        Path osRelease = Path.of("/etc/os-release");
        assumeTrue(Files.isReadable(osRelease), "this system has no /etc/os-release");
        SystemInfo info = SystemInfo.current();
        String pretty = Files.readAllLines(osRelease, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("PRETTY_NAME=")).findFirst().orElseThrow().substring(12).replace("\"", "");
        assertEquals(pretty, info.os());
        Process p = new ProcessBuilder("uname", "-n").start();
        p.waitFor(10, TimeUnit.SECONDS);
        assertEquals(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(), info.host());
    }

    @Test
    void withoutAReaderTheJvmsNameIsUsedAndNothingIsInvented() {
        HostState none = new UnreadableHostState("no reader for this system");
        SystemInfo info = SystemInfo.of(none);
        assertEquals(System.getProperty("os.name"), info.os());
        String expectedHost = System.getenv().getOrDefault("COMPUTERNAME", System.getenv().getOrDefault("HOSTNAME",
                "unknown"));
        assertEquals(expectedHost, info.host());
        assertFalse(info.kernel().isBlank());
    }
}
