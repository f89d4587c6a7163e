package org.connectdoctor.sys.darwin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SystemTrustStore;
import org.connectdoctor.sys.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** macOS by construction: which keychain store Java's Apple provider offers decides what is read, and says so. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DarwinHostStateTest {

    private static Provider apple(String... keyStoreTypes) {
        Provider p = new Provider("Apple", "17", "a stand-in for the JDK's Apple provider") {
            private static final long serialVersionUID = 1L;
        };
        for (String type : keyStoreTypes) {
            p.put("KeyStore." + type, "apple.security.KeychainStore");
        }
        return p;
    }

    @Test
    void theSystemRootsAreReadWhereTheRuntimeOffersThem() {
        Read<SystemTrustStore> r = DarwinHostState.trustStore(apple("KeychainStore", "KeychainStore-ROOT"));
        assertEquals("KeychainStore-ROOT", r.orElse(null).keyStoreType());
    }

    @Test
    void elseTheKeychainStoreAndItsDescriptionSaysWhatItLacks() {
        SystemTrustStore s = DarwinHostState.trustStore(apple("KeychainStore")).orElse(null);
        assertEquals("KeychainStore", s.keyStoreType());
        assertTrue(s.description().contains("not Apple's built-in roots"), s.description());
    }

    @Test
    void withoutTheAppleProviderItIsUnknownWithTheReason() {
        Read<SystemTrustStore> r = DarwinHostState.trustStore(null);
        assertTrue(r instanceof Read.Unknown<SystemTrustStore> u && u.reason().contains("no Apple provider"), r.toString());
        assertTrue(DarwinHostState.trustStore(apple()) instanceof Read.Unknown);
    }

    @Test
    void theFirewallIsUnknownWithTheCommandsThatShowIt() {
        var fw = DarwinHostState.INSTANCE.firewall(Transport.TCP, null, null);
        assertTrue(fw instanceof Read.Unknown<?> u && u.reason().contains("sudo pfctl -s rules")
                && u.reason().contains("socketfilterfw --getglobalstate"), fw.toString());
    }
}
