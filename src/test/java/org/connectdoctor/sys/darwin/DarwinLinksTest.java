package org.connectdoctor.sys.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.InterfaceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** macOS interface kinds by construction from their names. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DarwinLinksTest {

    @Test
    void tunnelFamiliesByName() {
        assertEquals(InterfaceKind.TUN, DarwinLinks.kind("utun3"));
        assertEquals(InterfaceKind.IPSEC, DarwinLinks.kind("ipsec0"));
        assertEquals(InterfaceKind.PPP, DarwinLinks.kind("ppp0"));
        assertEquals(InterfaceKind.IP_TUNNEL, DarwinLinks.kind("gif0"));
        assertEquals(InterfaceKind.LOOPBACK, DarwinLinks.kind("lo0"));
    }

    @Test
    void enInterfacesAreNotGuessedAsEthernetOrWifi() {
        assertEquals(InterfaceKind.OTHER, DarwinLinks.kind("en0"));
    }
}
