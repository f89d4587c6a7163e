package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.NameRule;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The NRPT as the registry keeps it (#22 §6), from a registry the test builds: Group Policy's rules
 * replace the local ones, the most specific namespace wins, a rule without servers redirects
 * nothing, and a key that cannot be read is Unknown, never "no rule".
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NameResolutionPolicyTest {

    /** A registry of keys (subkeys listed by their parent) and their values. */
    private static final class Fake implements NameResolutionPolicy.Keys {
        final Map<String, Map<String, Object>> keys = new HashMap<>();
        String denied;

        void rule(String parent, String id, Object name, String servers) {
            Map<String, Object> v = new HashMap<>();
            v.put("Name", name);
            if (servers != null) {
                v.put("GenericDNSServers", servers);
            }
            v.put("ConfigOptions", 8);
            keys.put(parent + "\\" + id, v);
        }

        @Override
        public Read<List<String>> subkeys(String key) {
            if (key.equals(denied)) {
                return Read.unknown("HKLM\\" + key + " could not be opened: error 5 (Access is denied.)");
            }
            return Read.known(keys.keySet().stream().filter(k -> k.startsWith(key + "\\"))
                    .map(k -> k.substring(key.length() + 1)).sorted().toList());
        }

        @Override
        public Read<Optional<Map<String, Object>>> values(String key) {
            return Read.known(Optional.ofNullable(keys.get(key)));
        }
    }

    @Test
    void theLocalRulesAreReadWithTheirServersAndTheMostSpecificWins() {
        Fake r = new Fake();
        r.rule(NameResolutionPolicy.LOCAL, "{a}", List.of(".corp.example.com"), "10.0.0.53;10.0.0.54");
        r.rule(NameResolutionPolicy.LOCAL, "{b}", List.of("db01.corp.example.com"), "10.9.9.9");
        r.rule(NameResolutionPolicy.LOCAL, "{c}", List.of(".dnssec.example.com"), null);
        List<NameRule> rules = NameResolutionPolicy.read(r).orElse(null);
        assertEquals(3, rules.size(), rules.toString());
        NameRule db = NameRule.match(rules, "db01.corp.example.com");
        assertEquals("db01.corp.example.com", db.namespace());
        assertEquals(List.of("10.9.9.9"), db.servers());
        NameRule app = NameRule.match(rules, "app.corp.example.com.");
        assertEquals(List.of("10.0.0.53", "10.0.0.54"), app.servers());
        assertTrue(app.source().startsWith("local policy (HKLM\\SYSTEM\\CurrentControlSet\\Services\\Dnscache"),
                app.source());
        assertNull(NameRule.match(rules, "corp.example.com"), "a suffix rule covers the names under it only");
        assertNull(NameRule.match(rules, "www.dnssec.example.com"), "a rule without servers sends nowhere else");
        assertNull(NameRule.match(rules, "example.org"));
    }

    @Test
    void groupPolicysRulesReplaceTheLocalOnes() {
        Fake r = new Fake();
        r.rule(NameResolutionPolicy.LOCAL, "{a}", List.of(".corp.example.com"), "10.0.0.53");
        r.rule(NameResolutionPolicy.GROUP_POLICY, "{gp}", ".corp.example.com", "10.1.1.1");
        List<NameRule> rules = NameResolutionPolicy.read(r).orElse(null);
        assertEquals(1, rules.size(), rules.toString());
        assertEquals(List.of("10.1.1.1"), NameRule.match(rules, "x.corp.example.com").servers());
        assertTrue(rules.get(0).source().startsWith("Group Policy"), rules.get(0).source());
    }

    @Test
    void aKeyThatCannotBeReadIsUnknownWithTheCommandThatShowsIt() {
        Fake r = new Fake();
        r.denied = NameResolutionPolicy.GROUP_POLICY;
        Read<List<NameRule>> read = NameResolutionPolicy.read(r);
        assertTrue(read instanceof Read.Unknown<List<NameRule>> u && u.reason().contains("Access is denied")
                && u.reason().contains("Get-DnsClientNrptPolicy"), read.toString());
    }

    @Test
    void aTableWithNoRulesIsKnownAndEmpty() {
        assertEquals(List.of(), NameResolutionPolicy.read(new Fake()).orElse(null));
    }

    @Test
    void aMultiStringValueDecodesToItsStrings() {
        byte[] data = ".a.example\0b.example\0\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        assertEquals(List.of(".a.example", "b.example"), WinRegistry.decode(WinSystem.REG_MULTI_SZ, data, data.length));
    }
}
