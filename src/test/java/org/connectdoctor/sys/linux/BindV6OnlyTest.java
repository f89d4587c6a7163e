package org.connectdoctor.sys.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.HostState.V6OnlyDefault;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** net.ipv6.bindv6only as LinuxHostState reads it: 0 and 1 known, anything else or no file unknown. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BindV6OnlyTest {

    @TempDir
    Path dir;

    private Read<V6OnlyDefault> read(String content) throws Exception {
        Path f = dir.resolve("bindv6only");
        Files.writeString(f, content);
        return LinuxHostState.bindV6Only(f);
    }

    @Test
    void zeroAndOneAreTheTwoDefaults() throws Exception {
        assertEquals(Read.known(new V6OnlyDefault(false, "net.ipv6.bindv6only = 0")), read("0\n"));
        assertEquals(Read.known(new V6OnlyDefault(true, "net.ipv6.bindv6only = 1")), read("1\n"));
    }

    @Test
    void anythingElseIsUnknownNotAGuess() throws Exception {
        Read<V6OnlyDefault> odd = read("2\n");
        assertInstanceOf(Read.Unknown.class, odd);
        assertTrue(((Read.Unknown<V6OnlyDefault>) odd).reason().endsWith("holds \"2\", not 0 or 1"), odd.toString());
        assertInstanceOf(Read.Unknown.class, LinuxHostState.bindV6Only(dir.resolve("absent")));
    }

    /** This computer's own setting reads as one of the two (every Linux kernel with IPv6 has the file). */
    @Test
    void thisComputersSettingIsRead() {
        Read<V6OnlyDefault> here = LinuxHostState.INSTANCE.ipv6OnlyDefault();
        if (Files.exists(Path.of("/proc/sys/net/ipv6/bindv6only"))) {
            V6OnlyDefault d = assertInstanceOf(Read.Known.class, here) instanceof Read.Known<?> k
                    ? (V6OnlyDefault) k.value() : null;
            assertTrue(d.source().startsWith("net.ipv6.bindv6only = "), d.source());
        } else {
            assertInstanceOf(Read.Unknown.class, here);
        }
    }
}
