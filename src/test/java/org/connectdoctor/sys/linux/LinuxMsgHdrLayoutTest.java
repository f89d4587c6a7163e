package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The struct layouts and constants the error-queue reader hard-codes: pinned to the LP64 Linux
 * values (x86-64 and aarch64 share them), and checked against this machine's C headers when a C
 * compiler is installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LinuxMsgHdrLayoutTest {

    /** The Java side: every name the C program prints, with the value the bindings use. */
    private static Map<String, Long> javaSide() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("SIZEOF_MSGHDR", (long) LinuxMsgHdr.SIZEOF_MSGHDR);
        m.put("MSG_NAME", (long) LinuxMsgHdr.MSG_NAME);
        m.put("MSG_NAMELEN", (long) LinuxMsgHdr.MSG_NAMELEN);
        m.put("MSG_IOV", (long) LinuxMsgHdr.MSG_IOV);
        m.put("MSG_IOVLEN", (long) LinuxMsgHdr.MSG_IOVLEN);
        m.put("MSG_CONTROL", (long) LinuxMsgHdr.MSG_CONTROL);
        m.put("MSG_CONTROLLEN", (long) LinuxMsgHdr.MSG_CONTROLLEN);
        m.put("MSG_FLAGS", (long) LinuxMsgHdr.MSG_FLAGS);
        m.put("SIZEOF_IOVEC", (long) LinuxMsgHdr.SIZEOF_IOVEC);
        m.put("IOV_BASE", (long) LinuxMsgHdr.IOV_BASE);
        m.put("IOV_LEN", (long) LinuxMsgHdr.IOV_LEN);
        m.put("SIZEOF_CMSGHDR", (long) LinuxMsgHdr.SIZEOF_CMSGHDR);
        m.put("CMSG_LEN", (long) LinuxMsgHdr.CMSG_LEN);
        m.put("CMSG_LEVEL", (long) LinuxMsgHdr.CMSG_LEVEL);
        m.put("CMSG_TYPE", (long) LinuxMsgHdr.CMSG_TYPE);
        m.put("CMSG_DATA", (long) LinuxMsgHdr.CMSG_DATA);
        m.put("SIZEOF_EXTENDED_ERR", (long) LinuxMsgHdr.SIZEOF_EXTENDED_ERR);
        m.put("EE_ERRNO", (long) LinuxMsgHdr.EE_ERRNO);
        m.put("EE_ORIGIN", (long) LinuxMsgHdr.EE_ORIGIN);
        m.put("EE_TYPE", (long) LinuxMsgHdr.EE_TYPE);
        m.put("EE_CODE", (long) LinuxMsgHdr.EE_CODE);
        m.put("EE_PAD", (long) LinuxMsgHdr.EE_PAD);
        m.put("EE_INFO", (long) LinuxMsgHdr.EE_INFO);
        m.put("EE_DATA", (long) LinuxMsgHdr.EE_DATA);
        m.put("EE_OFFENDER", (long) LinuxMsgHdr.EE_OFFENDER);
        m.put("IP_RECVERR", (long) LinuxLibC.IP_RECVERR);
        m.put("IPV6_RECVERR", (long) LinuxLibC.IPV6_RECVERR);
        m.put("SOL_IP", (long) LinuxLibC.SOL_IP);
        m.put("SOL_IPV6", (long) LinuxLibC.SOL_IPV6);
        m.put("MSG_ERRQUEUE", (long) LinuxLibC.MSG_ERRQUEUE);
        m.put("MSG_TRUNC", (long) LinuxLibC.MSG_TRUNC);
        m.put("MSG_CTRUNC", (long) LinuxLibC.MSG_CTRUNC);
        m.put("SO_EE_ORIGIN_LOCAL", (long) LinuxLibC.SO_EE_ORIGIN_LOCAL);
        m.put("SO_EE_ORIGIN_ICMP", (long) LinuxLibC.SO_EE_ORIGIN_ICMP);
        m.put("SO_EE_ORIGIN_ICMP6", (long) LinuxLibC.SO_EE_ORIGIN_ICMP6);
        m.put("LC_ALL_MASK", (long) LinuxLibC.LC_ALL_MASK);
        return m;
    }

    @Test
    void layoutsArePinnedToTheLp64LinuxValues() {
        Map<String, Long> m = javaSide();
        assertEquals(56L, m.get("SIZEOF_MSGHDR"));
        assertEquals(8L, m.get("MSG_NAMELEN"));
        assertEquals(16L, m.get("MSG_IOV"));
        assertEquals(32L, m.get("MSG_CONTROL"));
        assertEquals(48L, m.get("MSG_FLAGS"));
        assertEquals(16L, m.get("SIZEOF_IOVEC"));
        assertEquals(16L, m.get("CMSG_DATA"));
        assertEquals(16L, m.get("SIZEOF_EXTENDED_ERR"));
        assertEquals(8L, m.get("EE_INFO"));
        assertEquals(16L, m.get("EE_OFFENDER"));
        assertEquals(11L, m.get("IP_RECVERR"));
        assertEquals(25L, m.get("IPV6_RECVERR"));
        assertEquals(0x2000L, m.get("MSG_ERRQUEUE"));
        assertEquals(2L, m.get("SO_EE_ORIGIN_ICMP"));
        assertEquals(3L, m.get("SO_EE_ORIGIN_ICMP6"));
    }

    @Test
    void layoutsMatchTheSystemHeaders(@TempDir Path dir) throws Exception {
        Path cc = Path.of("/usr/bin/cc");
        assumeTrue(Files.isExecutable(cc), "no C compiler (/usr/bin/cc) to read the headers with; "
                + "the pinned LP64 values are checked by layoutsArePinnedToTheLp64LinuxValues");
        Path source = dir.resolve("layout.c");
        try (InputStream in = getClass().getResourceAsStream("msghdr-layout.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path binary = dir.resolve("layout");
        Process compile = new ProcessBuilder(cc.toString(), "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String compilerOutput = new String(compile.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(compile.waitFor(50, TimeUnit.SECONDS));
        assumeTrue(compile.exitValue() == 0, "the headers are not installed (libc6-dev, linux-libc-dev): " + compilerOutput);
        Process run = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(10, TimeUnit.SECONDS));
        Map<String, Long> c = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.split(" ");
            c.put(f[0], Long.parseLong(f[1]));
        }
        assertEquals(javaSide(), c);
    }
}
