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
    void windowsLookupCodesAreUnderstoodByNumberAndByTheirWinsockNames() throws Exception {
        for (String[] c : new String[][] {{"11001", "WSAHOST_NOT_FOUND", "EAI_NONAME"},
                {"WSAHOST_NOT_FOUND", "WSAHOST_NOT_FOUND", "EAI_NONAME"}, {"WSATRY_AGAIN", "WSATRY_AGAIN", "EAI_AGAIN"},
                {"11004", "WSANO_DATA", "EAI_NODATA"}, {"WSANO_DATA", "WSANO_DATA", "EAI_NODATA"},
                {"WSANO_RECOVERY", "WSANO_RECOVERY", "EAI_FAIL"}}) {
            CliRun r = c[0].matches("\\d+") ? cli("explain", c[0], "--os", "windows", "--json") : cli("explain", c[0], "--json");
            assertEquals(0, r.exit(), c[0] + ": " + r.err());
            JsonNode j = new ObjectMapper().readTree(r.out());
            assertEquals(c[2], j.get("key").asText(), c[0]);
            assertEquals(c[1], j.get("native_symbol").asText(), c[0]);
        }
        CliRun text = cli("explain", "11001", "--os", "windows");
        assertTrue(text.out().startsWith("What it means\n  WSAHOST_NOT_FOUND (11001): the host name does not exist"),
                text.out());
        CliRun bad = cli("explain", "99999", "--os", "windows");
        assertEquals(2, bad.exit());
        assertEquals("connect-doctor: 99999 is not a Winsock error number on Windows. Give a Winsock number such as 10061 "
                + "or 11001, or a name such as WSAECONNREFUSED.\n", bad.err());
    }

    @Test
    void wsaewouldblockAtConnectIsANonBlockingConnectInProgressOnWindows() {
        CliRun r = cli("explain", "10035", "--os", "windows");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("WSAEWOULDBLOCK (10035): on Windows a non-blocking connect() "
                + "answers WSAEWOULDBLOCK while the connection is still being made"), r.out());
        assertFalse(r.out().contains("ran out of a resource"), r.out());
        CliRun linux = cli("explain", "EAGAIN", "--os", "linux");
        assertTrue(linux.out().replaceAll("\\s+", " ").contains("ran out of a resource needed to start the connection"),
                linux.out());
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
        assertEquals("connect-doctor: 111 is not a Winsock error number on Windows. Give a Winsock number such as 10061 "
                + "or 11001, or a name such as WSAECONNREFUSED.\n", linuxNumber.err());
        CliRun windowsNumber = cli("explain", "11001", "--os", "linux");
        assertEquals(ExitCodes.USAGE, windowsNumber.exit());
        assertEquals("connect-doctor: 11001 is not an errno number on Linux; on Windows it is WSAHOST_NOT_FOUND "
                + "(add --os windows).\n", windowsNumber.err());
    }
}
