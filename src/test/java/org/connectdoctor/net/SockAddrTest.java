package org.connectdoctor.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SockAddrTest {

    @ParameterizedTest
    @CsvSource({
        "::1, ::1",
        "::, ::",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "::ffff:127.0.0.1, ::ffff:7f00:1"})
    void ipv6TextFollowsRfc5952(String input, String expected) throws Exception {
        byte[] octets = InetAddress.getByName(input).getAddress();
        if (octets.length == 4) { // Java folds v4-mapped to IPv4
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(octets, 0, mapped, 12, 4);
            octets = mapped;
        }
        SockAddr.Inet6 a = SockAddr.Inet6.of(octets, 443, 0, 0);
        assertEquals(expected, a.host());
        assertEquals("[" + expected + "]:443", a.display());
        assertArrayEquals(octets, a.octets());
    }

    @Test
    void ipv4RoundTrips() {
        SockAddr.Inet4 a = SockAddr.Inet4.of(new byte[] {(byte) 192, (byte) 168, 1, (byte) 254}, 8080);
        assertEquals("192.168.1.254", a.host());
        assertEquals("192.168.1.254:8080", a.display());
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, (byte) 254}, a.octets());
    }

    @Test
    void scopeIsShownAsAnIndex() {
        SockAddr.Inet6 a = new SockAddr.Inet6(0xfe80L << 48, 1, 22, 0, 2);
        assertEquals("[fe80::1%2]:22", a.display());
    }

    @Test
    void unixAddressesShowTheirKind() {
        assertEquals("unix:/run/x.sock", new SockAddr.Unix("/run/x.sock", false).display());
        assertEquals("unix:@name", new SockAddr.Unix("name", true).display());
    }

    @Test
    void portsOutOfRangeAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SockAddr.Inet4(0, 65536));
    }
}
