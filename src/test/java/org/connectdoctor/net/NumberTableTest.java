package org.connectdoctor.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumberTableTest {

    @Test
    void linuxNumbersMatchTheKernelHeaders() {
        NumberTable<Errno> t = NumberTable.errno(Os.LINUX);
        assertEquals(111, t.number(Errno.ECONNREFUSED).getAsInt());
        assertEquals(115, t.number(Errno.EINPROGRESS).getAsInt());
        assertEquals(110, t.number(Errno.ETIMEDOUT).getAsInt());
        assertEquals(101, t.number(Errno.ENETUNREACH).getAsInt());
        assertEquals(113, t.number(Errno.EHOSTUNREACH).getAsInt());
        assertEquals(98, t.number(Errno.EADDRINUSE).getAsInt());
        assertEquals(99, t.number(Errno.EADDRNOTAVAIL).getAsInt());
        assertEquals(91, t.number(Errno.EPROTOTYPE).getAsInt());
        assertEquals(13, t.number(Errno.EACCES).getAsInt());
    }

    @Test
    void aliasesShareTheNumberButTheNumberNamesThePrimary() {
        NumberTable<Errno> t = NumberTable.errno(Os.LINUX);
        assertEquals(11, t.number(Errno.EWOULDBLOCK).getAsInt());
        assertEquals(Errno.EAGAIN, t.symbol(11));
        assertEquals(95, t.number(Errno.ENOTSUP).getAsInt());
        assertEquals(Errno.EOPNOTSUPP, t.symbol(95));
    }

    @Test
    void macosUsesBsdNumbers() {
        NumberTable<Errno> t = NumberTable.errno(Os.MACOS);
        assertEquals(61, t.number(Errno.ECONNREFUSED).getAsInt());
        assertEquals(60, t.number(Errno.ETIMEDOUT).getAsInt());
        assertEquals(36, t.number(Errno.EINPROGRESS).getAsInt());
        assertEquals(35, t.number(Errno.EWOULDBLOCK).getAsInt());
        assertEquals(65, t.number(Errno.EHOSTUNREACH).getAsInt());
        assertEquals(45, t.number(Errno.ENOTSUP).getAsInt());
        assertEquals(102, t.number(Errno.EOPNOTSUPP).getAsInt());
        assertEquals(Errno.EADDRINUSE, t.symbol(48));
    }

    @Test
    void windowsUsesWinsockCodes() {
        NumberTable<Errno> t = NumberTable.errno(Os.WINDOWS);
        assertEquals(10061, t.number(Errno.ECONNREFUSED).getAsInt());
        assertEquals(10060, t.number(Errno.ETIMEDOUT).getAsInt());
        assertEquals(10035, t.number(Errno.EWOULDBLOCK).getAsInt());
        assertEquals(10035, t.number(Errno.EAGAIN).getAsInt());
        assertEquals(Errno.EWOULDBLOCK, t.symbol(10035));
        assertEquals(10013, t.number(Errno.EACCES).getAsInt());
        assertFalse(t.number(Errno.ENOENT).isPresent(), "Winsock has no ENOENT");
    }

    @Test
    void getaddrinfoCodesDifferPerSystem() {
        assertEquals(-2, NumberTable.gai(Os.LINUX).number(GaiError.EAI_NONAME).getAsInt());
        assertEquals(-3, NumberTable.gai(Os.LINUX).number(GaiError.EAI_AGAIN).getAsInt());
        assertEquals(8, NumberTable.gai(Os.MACOS).number(GaiError.EAI_NONAME).getAsInt());
        assertEquals(11001, NumberTable.gai(Os.WINDOWS).number(GaiError.EAI_NONAME).getAsInt());
        assertEquals(GaiError.EAI_SERVICE, NumberTable.gai(Os.LINUX).symbol(-8));
    }

    @Test
    void unknownNumbersMapToUnknown() {
        assertEquals(Errno.UNKNOWN, NumberTable.errno(Os.LINUX).symbol(4242));
        assertEquals(GaiError.UNKNOWN, NumberTable.gai(Os.MACOS).symbol(-77));
    }

    @Test
    void numbersAreUniqueApartFromAliases() {
        for (Os os : Os.values()) {
            NumberTable<Errno> t = NumberTable.errno(os);
            Set<Integer> seen = new HashSet<>();
            t.numbers().forEach((symbol, number) -> {
                if (t.symbol(number) == symbol) {
                    assertTrue(seen.add(number), os + ": " + number + " named twice");
                }
            });
        }
    }

    /** A record's POSIX symbol and number named as the reporting system names it (#26 item 7). */
    @org.junit.jupiter.api.Test
    void aRecordsSymbolIsNamedAsItsSystemNamesIt() {
        org.junit.jupiter.api.Assertions.assertEquals("WSAECONNREFUSED", NumberTable.nativeSymbol("ECONNREFUSED", 10061));
        org.junit.jupiter.api.Assertions.assertEquals("ECONNREFUSED", NumberTable.nativeSymbol("ECONNREFUSED", 111));
        org.junit.jupiter.api.Assertions.assertEquals("ECONNREFUSED", NumberTable.nativeSymbol("ECONNREFUSED", 61));
        org.junit.jupiter.api.Assertions.assertEquals("WSAHOST_NOT_FOUND", NumberTable.nativeSymbol("EAI_NONAME", 11001));
        org.junit.jupiter.api.Assertions.assertEquals("WSATRY_AGAIN", NumberTable.nativeSymbol("EAI_AGAIN", 11002));
        org.junit.jupiter.api.Assertions.assertEquals("EAI_NONAME", NumberTable.nativeSymbol("EAI_NONAME", -2));
        org.junit.jupiter.api.Assertions.assertEquals("WSAEADDRINUSE", NumberTable.nativeSymbol("EADDRINUSE", 10048));
        org.junit.jupiter.api.Assertions.assertEquals("ECONNREFUSED", NumberTable.nativeSymbol("ECONNREFUSED", 10048),
                "a number that is not this symbol's keeps the symbol");
        org.junit.jupiter.api.Assertions.assertEquals("errno 200", NumberTable.nativeSymbol("errno 200", 10200));
        org.junit.jupiter.api.Assertions.assertNull(NumberTable.nativeSymbol(null, 10061));
    }
}
