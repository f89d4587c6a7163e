package org.connectdoctor.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LiteralAddressTest {

    @Test
    void fourDecimalPartsAreReadWithoutTheResolver() {
        assertEquals(0x7f000001L, ProbeEngine.dottedQuad("127.0.0.1"));
        assertEquals(0L, ProbeEngine.dottedQuad("0.0.0.0"));
        assertEquals(0xffffffffL, ProbeEngine.dottedQuad("255.255.255.255"));
        assertEquals(0xc0a80a01L, ProbeEngine.dottedQuad("192.168.10.1"));
    }

    @Test
    void everyOtherSpellingIsLeftToInetAddress() {
        for (String s : new String[] {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.1000", "01.2.3.4", "1..2.3",
                "1.2.3.4 ", " 1.2.3.4", "127.1", "0x7f.0.0.1", "1.2.3.", ".1.2.3", "::1", "a.b.c.d"}) {
            assertEquals(-1L, ProbeEngine.dottedQuad(s), s);
        }
    }

    @Test
    void aLiteralProbeReachesTheSameAddressEitherWay() throws Exception {
        // The fast path and InetAddress agree on what they both read.
        for (String s : new String[] {"127.0.0.1", "10.20.30.40", "255.255.255.255", "0.0.0.0"}) {
            byte[] o = java.net.InetAddress.getByName(s).getAddress();
            long viaInetAddress = ((o[0] & 0xffL) << 24) | ((o[1] & 0xffL) << 16) | ((o[2] & 0xffL) << 8) | (o[3] & 0xffL);
            assertEquals(viaInetAddress, ProbeEngine.dottedQuad(s), s);
        }
    }
}
