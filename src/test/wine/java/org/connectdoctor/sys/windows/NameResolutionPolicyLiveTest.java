package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.NameRule;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Name Resolution Policy Table read from the registry by the Windows JVM (#22 §6): the test
 * writes a local rule into the Wine prefix with Wine's reg.exe (REG_MULTI_SZ Name, GenericDNSServers)
 * and removes it after. Wine's resolver does not apply the table, so this is a test of the reader.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NameResolutionPolicyLiveTest {

    private static final String KEY = "HKLM\\" + NameResolutionPolicy.LOCAL + "\\{cd-live-nrpt}";
    private final List<String> written = new ArrayList<>();

    private static int reg(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("reg"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @AfterEach
    void remove() throws Exception {
        for (String k : written) {
            reg("delete", k, "/f");
        }
    }

    @Test
    void aLocalRuleIsReadAndNamesItsServers() throws Exception {
        boolean existed = reg("query", KEY) == 0;
        assertEquals(0, reg("add", KEY, "/v", "Name", "/t", "REG_MULTI_SZ", "/d", ".corp.example.test", "/f"));
        if (!existed) {
            written.add(KEY);
        }
        assertEquals(0, reg("add", KEY, "/v", "GenericDNSServers", "/t", "REG_SZ", "/d", "10.203.0.53", "/f"));
        assertEquals(0, reg("add", KEY, "/v", "ConfigOptions", "/t", "REG_DWORD", "/d", "8", "/f"));
        Read<List<NameRule>> read = WindowsHostState.INSTANCE.nameResolutionPolicy();
        System.out.println("NRPT under Wine: " + read);
        List<NameRule> rules = read.orElse(null);
        assertTrue(rules != null, read.toString());
        NameRule rule = NameRule.match(rules, "db01.corp.example.test");
        assertTrue(rule != null, rules.toString());
        assertEquals(List.of("10.203.0.53"), rule.servers());
        assertTrue(rule.source().contains("{cd-live-nrpt}"), rule.source());
    }
}
