package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.connectdoctor.net.SockAddr;
import org.junit.jupiter.api.Test;

class LinuxSockaddrTest {

    @Test
    void sockaddrInIsSixteenBytesWithThePortInNetworkOrder() {
        byte[] c = LinuxSockaddr.encode(new SockAddr.Inet4(0x7f000001, 0x1f90));
        assertEquals(16, c.length);
        assertEquals(2, c[0]); // AF_INET, little-endian host order on x86_64 and aarch64
        assertEquals(0, c[1]);
        assertEquals(0x1f, c[2]);
        assertEquals((byte) 0x90, c[3]);
        assertArrayEquals(new byte[] {127, 0, 0, 1}, java.util.Arrays.copyOfRange(c, 4, 8));
        assertEquals(new SockAddr.Inet4(0x7f000001, 8080), LinuxSockaddr.decode(c, c.length));
    }

    @Test
    void sockaddrIn6CarriesFlowInfoAndScope() {
        SockAddr.Inet6 a = new SockAddr.Inet6(0xfe80L << 48, 1, 443, 0x12345, 3);
        byte[] c = LinuxSockaddr.encode(a);
        assertEquals(28, c.length);
        assertEquals(10, c[0]); // AF_INET6 is 10 on Linux
        assertEquals(3, c[24]); // scope id in host order
        assertEquals(a, LinuxSockaddr.decode(c, c.length));
    }

    @Test
    void pathNameUnixAddressIncludesTheTerminatingNul() {
        byte[] c = LinuxSockaddr.encode(new SockAddr.Unix("/tmp/a", false));
        assertEquals(2 + 6 + 1, c.length);
        assertEquals(1, c[0]); // AF_UNIX
        assertEquals('/', c[2]);
        assertEquals(0, c[c.length - 1]);
        assertEquals(new SockAddr.Unix("/tmp/a", false), LinuxSockaddr.decode(c, c.length));
    }

    @Test
    void abstractUnixAddressStartsWithNulAndHasNoTerminator() {
        byte[] c = LinuxSockaddr.encode(new SockAddr.Unix("cd", true));
        assertEquals(2 + 1 + 2, c.length);
        assertEquals(0, c[2]);
        assertEquals('c', c[3]);
        assertEquals('d', c[4]);
        assertEquals(new SockAddr.Unix("cd", true), LinuxSockaddr.decode(c, c.length));
    }

    @Test
    void unnamedUnixSocketDecodesToAnEmptyPath() {
        byte[] c = {1, 0};
        assertEquals(new SockAddr.Unix("", false), LinuxSockaddr.decode(c, 2));
    }
}
