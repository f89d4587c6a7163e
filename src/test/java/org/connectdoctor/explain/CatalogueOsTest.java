package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.net.Cause;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.sys.NativeSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every catalogue entry rendered as Linux, Windows and macOS readers see it: each gets the steps
 * of its own system and never a command of another. The explanations are built here on Linux for
 * all three systems, so the Windows and macOS views are checked on every CI run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CatalogueOsTest {

    /** Tools and places that exist only on Linux. */
    private static final List<String> LINUX_ONLY = List.of("\\bss -", "\\bip (route|link|addr|rule|neigh)\\b",
            "\\bnft\\b", "\\biptables\\b", "\\bsystemctl\\b", "\\bjournalctl\\b", "\\btracepath\\b", "\\bgetent\\b",
            "\\bmodprobe\\b", "\\blsmod\\b", "\\bausearch\\b", "/proc/", "LimitNOFILE", "net\\.ipv[46]\\.",
            "fs\\.file-max", "SELinux", "AppArmor", "seccomp", "ipv6\\.disable", "/etc/resolv\\.conf",
            "/etc/nsswitch\\.conf", "\\b/run\\b");
    /** Tools and places that exist only on Windows. */
    private static final List<String> WINDOWS_ONLY = List.of("netstat -ano", "\\bfindstr\\b", "\\bGet-[A-Z]\\w+",
            "\\bTest-NetConnection\\b", "\\bResolve-DnsName\\b", "\\bFind-NetRoute\\b", "\\broute print\\b",
            "\\bipconfig\\b", "\\bwf\\.msc\\b", "\\bservices\\.msc\\b", "\\btracert\\b", "\\bnetsh\\b", "\\bicacls\\b",
            "PowerShell", "%SystemRoot%", "%TEMP%", "\\bdir /AL\\b", "Task Manager", "Windows Defender");
    /** Tools and places that exist only on macOS. */
    private static final List<String> MACOS_ONLY = List.of("\\bscutil\\b", "\\bpfctl\\b", "(?<!ip )\\broute get\\b",
            "\\bnetworksetup\\b", "\\blaunchctl\\b", "\\bdscacheutil\\b", "kern\\.maxfiles", "\\bls -le\\b",
            "System Settings", "\\bnc -vz -G\\b");
    /** Unix tools and paths that Windows lacks. */
    private static final List<String> UNIX_ONLY = List.of("\\blsof\\b", "\\bls -l\\b", "\\bulimit\\b", "/etc/",
            "/tmp\\b", "\\bsudo\\b");

    private static final Map<Os, List<String>> FORBIDDEN = Map.of(
            Os.LINUX, join(WINDOWS_ONLY, MACOS_ONLY),
            Os.WINDOWS, join(LINUX_ONLY, MACOS_ONLY, UNIX_ONLY),
            Os.MACOS, join(LINUX_ONLY, WINDOWS_ONLY));

    @SafeVarargs
    private static List<String> join(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private final ErrorCatalogue catalogue = ErrorCatalogue.standard();
    /** As on a Windows or macOS desk: no Linux pages installed, only the copies bundled with the product. */
    private final Explainer bundled = new Explainer(ManPages.bundledOnly(), catalogue, org.connectdoctor.sys.HostState.current(), org.connectdoctor.sys.Capabilities.current());

    /** The errno (or EAI code, or verdict) that reaches {@code e}, and the context it is reached in. */
    private record Case(String key, Set<String> qualifiers, Set<Os> systems) {
    }

    private static Case caseOf(CatalogueEntry e) {
        Set<String> q = new LinkedHashSet<>();
        Set<Os> systems = new LinkedHashSet<>(List.of(Os.values()));
        String errno = null;
        for (String w : e.qualifiers()) {
            Os os = Os.byId(w);
            if (os != null) {
                systems.retainAll(Set.of(os));
            } else if (w.startsWith("errno:")) {
                errno = w.substring(6);
            } else {
                q.add(w);
            }
        }
        Optional<Cause> cause = Cause.byId(e.key());
        String key = errno != null ? errno : cause.map(c -> c.errnos().get(0).name()).orElse(e.key());
        return new Case(key, q, systems);
    }

    private static Integer number(String key, Os os) {
        Optional<Errno> errno = ErrorCatalogue.errno(key);
        if (errno.isPresent()) {
            return NumberTable.errno(os).number(errno.get()).stream().boxed().findFirst().orElse(null);
        }
        return null;
    }

    private static List<String> offending(String text, Os os) {
        List<String> hits = new ArrayList<>();
        for (String word : FORBIDDEN.get(os)) {
            Matcher m = Pattern.compile(word).matcher(text);
            if (m.find()) {
                hits.add(m.group());
            }
        }
        return hits;
    }

    @Test
    void everyEntryRendersOnEverySystemWithThatSystemsToolsOnly() {
        int rendered = 0;
        List<String> wrong = new ArrayList<>();
        for (CatalogueEntry entry : catalogue.all()) {
            Case c = caseOf(entry);
            for (Os os : c.systems()) {
                Integer number = number(c.key(), os);
                Explanation e = bundled.explain(c.key(), number, number == null ? null : "system text", c.qualifiers(), os);
                assertEquals(os, e.os());
                assertFalse(e.steps().isEmpty(), entry.key() + " " + entry.qualifiers() + " on " + os);
                List<String> expected = entry.steps(os).stream().map(Explainer::fillGeneric).toList();
                assertEquals(expected, e.steps(), entry.key() + " " + entry.qualifiers() + " on " + os
                        + " was not the entry chosen");
                String catalogueText = e.meaning() + "\n" + String.join("\n", e.steps());
                List<String> hits = offending(catalogueText, os);
                if (!hits.isEmpty()) {
                    wrong.add(entry.key() + " " + entry.qualifiers() + " on " + os + ": " + hits);
                }
                String text = ExplanationText.render(e);
                assertFalse(text.contains("{"), "an unfilled placeholder in " + text);
                if (e.quote() != null) {
                    String heading = os == Os.LINUX ? "From the manual: " : "POSIX description of the cause: ";
                    assertTrue(text.contains(heading), text);
                }
                rendered++;
            }
        }
        assertTrue(wrong.isEmpty(), "commands of another system:\n" + String.join("\n", wrong));
        assertTrue(rendered >= 3 * 90, "only " + rendered + " renderings");
    }

    /**
     * On a desk without Linux man pages (Windows, macOS) every error the installed pages explain
     * is still quoted from a bundled copy, as the POSIX description. The bundled connect(2) is the
     * Linux 2.2 edition, which lacks EADDRNOTAVAIL, EINTR and EPROTOTYPE: those are quoted from the
     * next page the catalogue names (ip(7), poll(2), unix(7)).
     */
    @Test
    void withoutInstalledPagesEveryQuoteComesFromTheBundledCopy() {
        Explainer installed = new Explainer(ManPages.system(), catalogue, org.connectdoctor.sys.HostState.current(), org.connectdoctor.sys.Capabilities.current());
        List<String> missing = new ArrayList<>();
        int quoted = 0;
        for (CatalogueEntry entry : catalogue.all()) {
            Case c = caseOf(entry);
            if (ErrorCatalogue.errno(c.key()).isEmpty() && !c.key().startsWith("EAI_")) {
                continue; // verdicts quote nothing
            }
            Os os = c.systems().contains(Os.WINDOWS) ? Os.WINDOWS : Os.MACOS;
            Explanation linux = installed.explain(c.key(), null, null, c.qualifiers(), Os.LINUX);
            if (linux.quote() == null || linux.quote().source().bundled()) {
                continue;
            }
            Explanation desk = bundled.explain(c.key(), number(c.key(), os), "text", c.qualifiers(), os);
            if (desk.quote() == null) {
                missing.add(entry.key() + " " + entry.qualifiers() + ": " + linux.quote().page() + " on Linux, "
                        + (desk.quote() == null ? "none" : desk.quote().page()) + " bundled");
            } else {
                assertTrue(desk.quote().source().bundled());
                assertTrue(ExplanationText.render(desk).contains("POSIX description of the cause: "));
                quoted++;
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
        assertTrue(quoted >= 60, quoted + " quoted");
    }

    @Test
    void refusedReadsWithEachSystemsNameNumberAndTools() {
        Set<String> q = Set.of("ip", "stream", "call:connect", "remote");
        Explanation linux = bundled.explain("ECONNREFUSED", 111, "Connection refused", q, Os.LINUX);
        Explanation windows = bundled.explain("ECONNREFUSED", 10061,
                "No connection could be made because the target machine actively refused it.", q, Os.WINDOWS);
        Explanation macos = bundled.explain("ECONNREFUSED", 61, "Connection refused", q, Os.MACOS);
        for (Explanation e : List.of(linux, windows, macos)) {
            assertSame(Cause.REFUSED, e.cause());
            assertEquals("ECONNREFUSED", e.key(), "the POSIX name stays the key on every system");
            assertNotNull(e.quote(), "connect(2) is bundled");
            assertEquals("connect(2)", e.quote().page().toString());
            assertTrue(Explainer.quotePlain(e.quote()).contains("No one listening"), Explainer.quotePlain(e.quote()));
        }
        assertTrue(windows.headline().startsWith("WSAECONNREFUSED (10061) No connection could be made"), windows.headline());
        assertTrue(linux.headline().startsWith("ECONNREFUSED (111) Connection refused"), linux.headline());
        assertTrue(macos.headline().startsWith("ECONNREFUSED (61) Connection refused"), macos.headline());
        String w = String.join("\n", windows.steps());
        assertTrue(w.contains("Get-NetTCPConnection -LocalPort PORT"), w);
        assertTrue(w.contains("netstat -ano | findstr :PORT"), w);
        assertTrue(w.contains("Test-NetConnection HOST -Port PORT"), w);
        assertTrue(w.contains("wf.msc"), w);
        String m = String.join("\n", macos.steps());
        assertTrue(m.contains("lsof -nP -iTCP:PORT -sTCP:LISTEN"), m);
        String l = String.join("\n", linux.steps());
        assertTrue(l.contains("ss -ltn"), l);
        String text = ExplanationText.render(windows);
        assertTrue(text.contains("POSIX description of the cause: CONNECT(2)"), text);
        assertTrue(text.contains("Reported by Windows as WSAECONNREFUSED (10061)"), text);
        assertTrue(ExplanationText.render(linux).contains("From the manual: CONNECT(2)"));
        assertTrue(text.contains("Cause: connection refused (refused)."), text);
    }

    @Test
    void resolverAndRouteStepsNameEachSystemsTools() {
        Set<String> gai = Set.of("ip", "stream", "call:getaddrinfo");
        assertTrue(String.join("\n", bundled.explain("EAI_AGAIN", 11002, null, gai, Os.WINDOWS).steps())
                .contains("ipconfig /all"));
        assertTrue(String.join("\n", bundled.explain("EAI_AGAIN", 2, null, gai, Os.MACOS).steps())
                .contains("scutil --dns"));
        assertTrue(String.join("\n", bundled.explain("EAI_NONAME", 11001, null, gai, Os.WINDOWS).steps())
                .contains("Resolve-DnsName"));
        Set<String> local = Set.of("ip", "stream", "call:connect", "local");
        assertTrue(String.join("\n", bundled.explain("EHOSTUNREACH", 10065, null, local, Os.WINDOWS).steps())
                .contains("route print"));
        assertTrue(String.join("\n", bundled.explain("EHOSTUNREACH", 65, null, local, Os.MACOS).steps())
                .contains("route get"));
        assertTrue(String.join("\n", bundled.explain("EACCES", 10013, null, Set.of("ip", "dgram", "call:connect"),
                Os.WINDOWS).steps()).contains("Get-NetFirewallRule"));
        assertTrue(String.join("\n", bundled.explain("EACCES", 13, null, Set.of("ip", "dgram", "call:connect"),
                Os.MACOS).steps()).contains("pfctl"));
    }

    @Test
    void theSameEntryServesEveryErrnoOfACause() {
        Set<String> q = Set.of("ip", "stream", "call:send");
        assertSame(catalogue.lookup("EAGAIN", q), catalogue.lookup("EWOULDBLOCK", q));
        assertSame(catalogue.lookup("EOPNOTSUPP", q), catalogue.lookup("ENOTSUP", q));
        assertSame(catalogue.lookup("ECONNREFUSED", q), catalogue.lookup("refused", q));
        for (String errno : List.of("ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EADDRINUSE",
                "EADDRNOTAVAIL", "EACCES", "ENOENT", "ECONNRESET")) {
            assertTrue(catalogue.keys().contains(errno), errno);
            assertEquals(Cause.of(Errno.valueOf(errno)).orElseThrow().id(),
                    catalogue.lookup(errno, Set.of("ip", "stream", "call:connect")).key(), errno);
        }
    }

    /** Every errno the catalogue covers has a cause, and each system's number for it reads back to that cause. */
    @Test
    void everyCataloguedErrnoMapsToItsCauseOnAllThreeSystems() {
        int checked = 0;
        for (String key : catalogue.keys()) {
            Optional<Errno> errno = ErrorCatalogue.errno(key);
            if (errno.isEmpty()) {
                continue;
            }
            Cause cause = Cause.of(errno.get()).orElseThrow(() -> new AssertionError(key + " has no cause"));
            for (Os os : Os.values()) {
                NumberTable<Errno> t = NumberTable.errno(os);
                if (t.number(errno.get()).isPresent()) {
                    assertEquals(Optional.of(cause), Cause.of(t.symbol(t.number(errno.get()).getAsInt())), os + " " + key);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 100, checked + " numbers checked");
        for (CatalogueEntry e : catalogue.all()) {
            if (Character.isLowerCase(e.key().charAt(0))) {
                Cause c = Cause.byId(e.key()).orElseThrow();
                assertTrue(c.errnos().stream().anyMatch(x -> NumberTable.errno(Os.LINUX).number(x).isPresent()), e.key());
            }
        }
    }
}
