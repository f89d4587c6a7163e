package org.connectdoctor.cli;

import static org.connectdoctor.cli.CliRun.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code explain --os}: an error as a Windows or macOS desk reads it, from this Linux machine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExplainOsCliTest {

    @Test
    void aWinsockNumberReadsWithItsWindowsNameCauseAndTools() throws Exception {
        CliRun r = cli("explain", "10061", "--os", "windows", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("ECONNREFUSED", j.get("key").asText());
        assertEquals("WSAECONNREFUSED", j.get("native_symbol").asText());
        assertEquals("refused", j.get("cause").asText());
        assertEquals(10061, j.get("number").asInt());
        String steps = j.get("steps").toString();
        assertTrue(steps.contains("Get-NetTCPConnection"), steps);
        assertFalse(steps.contains("ss -ltn") || steps.contains("systemctl"), steps);
    }

    @Test
    void aWsaNameIsUnderstoodAndMacosGetsItsOwnNumbers() {
        CliRun w = cli("explain", "WSAEADDRINUSE", "--call", "bind");
        assertEquals(0, w.exit(), w.err());
        assertTrue(w.out().startsWith("What it means\n  WSAEADDRINUSE (10048)"), w.out());
        CliRun m = cli("explain", "ECONNREFUSED", "--os", "macos");
        assertEquals(0, m.exit(), m.err());
        assertTrue(m.out().contains("ECONNREFUSED (61)"), m.out());
        assertTrue(m.out().replaceAll("\\s+", " ").contains("lsof -nP -iTCP:PORT -sTCP:LISTEN"), m.out());
    }

    @Test
    void anUnknownSystemOrANumberOfAnotherSystemIsAClearUsageError() {
        CliRun bad = cli("explain", "ECONNREFUSED", "--os", "beos");
        assertEquals(ExitCodes.USAGE, bad.exit());
        assertEquals("connect-doctor: \"beos\" is not a system. Use linux, windows or macos.\n", bad.err());
        CliRun linuxNumber = cli("explain", "111", "--os", "windows");
        assertEquals(ExitCodes.USAGE, linuxNumber.exit());
        assertEquals("connect-doctor: 111 is not an errno number on Windows.\n", linuxNumber.err());
    }
}
