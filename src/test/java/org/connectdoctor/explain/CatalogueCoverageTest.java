package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectdoctor.man.LoadedPage;
import org.connectdoctor.man.ManEntry;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.GaiError;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.sys.NativeSockets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The catalogue covers what the pages name: every errno in the installed connect(2), socket(2) and
 * bind(2) and in the bundled connect(2) has an entry, a step, a man quote, and renders. A page
 * update that adds an errno fails here until the catalogue has it.
 */
class CatalogueCoverageTest {

    private final ErrorCatalogue catalogue = ErrorCatalogue.standard();
    private final Explainer explainer = Explainer.system(NativeSockets.system());

    private static List<String> errnos(LoadedPage page) {
        Set<String> names = new LinkedHashSet<>();
        for (ManEntry e : page.page().errorEntries()) {
            names.addAll(e.names());
        }
        return new ArrayList<>(names);
    }

    private void coveredAndQuoted(LoadedPage page, String call, ManPages pages) {
        Explainer ex = new Explainer(pages, catalogue, org.connectdoctor.sys.HostState.current(), org.connectdoctor.sys.Capabilities.current());
        for (String errno : errnos(page)) {
            Set<String> context = Set.of("ip", "stream", "call:" + call);
            assertNotNull(catalogue.lookup(errno, context), page.page().ref() + " names " + errno
                    + ", which the catalogue lacks");
            Explanation e = ex.explain(errno, null, null, context);
            assertFalse(e.steps().isEmpty(), errno);
            assertFalse(e.meaning().isBlank(), errno);
            assertNotNull(e.quote(), errno + " has an entry in " + page.page().ref() + " but no quote was found");
            String text = ExplanationText.render(e);
            assertTrue(text.contains("From the manual: "), text);
            assertFalse(text.contains("{"), "an unfilled placeholder in " + text);
        }
    }

    @Test
    void everyErrnoOfTheInstalledConnectPageIsCovered() {
        ManPages pages = ManPages.system();
        LoadedPage connect = pages.findInstalled(new ManRef("connect", "2")).orElseThrow();
        assertTrue(errnos(connect).size() >= 17, errnos(connect).toString());
        coveredAndQuoted(connect, "connect", pages);
    }

    @Test
    void everyErrnoOfTheBundledEditionIsCovered() {
        ManPages bundledOnly = ManPages.bundledOnly();
        LoadedPage connect = bundledOnly.find(new ManRef("connect", "2")).orElseThrow();
        assertTrue(connect.source().bundled());
        coveredAndQuoted(connect, "connect", bundledOnly);
    }

    @Test
    void socketAndBindErrorsAProbeCanHitAreCovered() {
        ManPages pages = ManPages.system();
        coveredAndQuoted(pages.findInstalled(new ManRef("socket", "2")).orElseThrow(), "socket", pages);
        coveredAndQuoted(pages.findInstalled(new ManRef("bind", "2")).orElseThrow(), "bind", pages);
    }

    /** The pages issue #11 names; each errno any of them lists needs an entry. */
    private static final List<ManRef> NAMED_PAGES = List.of(new ManRef("connect", "2"), new ManRef("socket", "2"),
            new ManRef("bind", "2"), new ManRef("send", "2"), new ManRef("recv", "2"), new ManRef("ip", "7"),
            new ManRef("ipv6", "7"), new ManRef("tcp", "7"), new ManRef("udp", "7"), new ManRef("unix", "7"));

    private static boolean isErrno(String name) {
        try {
            Errno.valueOf(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Test
    void everyErrnoTheSocketPagesNameHasAnEntry() {
        ManPages pages = ManPages.system();
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (ManRef ref : NAMED_PAGES) {
            LoadedPage page = pages.findInstalled(ref).orElse(null);
            assertNotNull(page, ref + " is not installed (.ci/run installs manpages-dev)");
            List<String> errnos = errnos(page);
            assertFalse(errnos.isEmpty(), ref + " lists no errors: the reader did not find its ERRORS section");
            named += errnos.size();
            for (String errno : errnos) {
                if (!isErrno(errno)) {
                    continue; // a misspelling in the page itself (tcp(7) has "EAFNOTSUPPORT"): no call returns it
                }
                if (!catalogue.keys().contains(errno)) {
                    missing.add(errno + " (" + ref + ")");
                }
            }
        }
        assertTrue(named >= 60, "only " + named + " errno names read from the pages");
        assertTrue(missing.isEmpty(), "named by the pages, missing from the catalogue: " + missing);
    }

    /**
     * The errnos the kernel turns ICMP errors into: icmp_err_convert in net/ipv4/icmp.c and
     * tab_unreach and icmpv6_err_convert in net/ipv6/icmp.c, read from Debian's linux-source-6.1.
     */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void everyErrnoTheKernelMapsIcmpErrorsToHasAnEntry() throws Exception {
        Path dir = KernelSource.icmpSources();
        assumeTrue(dir != null, KernelSource.MISSING);
        String v4 = Files.readString(dir.resolve("net/ipv4/icmp.c"));
        String v6 = Files.readString(dir.resolve("net/ipv6/icmp.c"));
        Set<String> v4errnos = KernelSource.errnos(KernelSource.block(v4, "icmp_err_convert[] = {", "};"), "errno");
        Set<String> v6errnos = KernelSource.errnos(KernelSource.block(v6, "tab_unreach[] = {", "};"), "err");
        v6errnos.addAll(KernelSource.assigned(KernelSource.block(v6, "int icmpv6_err_convert(", "\n}")));
        assertEquals(16, KernelSource.block(v4, "icmp_err_convert[] = {", "};").split("\\.errno").length - 1,
                "icmp_err_convert has one entry per ICMP unreachable code (0-15)");
        assertTrue(v4errnos.containsAll(Set.of("ENETUNREACH", "EHOSTUNREACH", "ECONNREFUSED")), v4errnos.toString());
        assertTrue(v6errnos.containsAll(Set.of("EACCES", "ENETUNREACH", "EPROTO", "EMSGSIZE")), v6errnos.toString());
        Set<String> all = new TreeSet<>(v4errnos);
        all.addAll(v6errnos);
        for (String errno : all) {
            CatalogueEntry e = catalogue.lookup(errno, Set.of("ip", "stream", "call:connect", "remote"));
            assertNotNull(e, "the kernel maps an ICMP error to " + errno + ", which the catalogue lacks");
            assertFalse(e.qualifiers().contains("local"), errno + " came back from the network: " + e.qualifiers());
        }
    }

    @Test
    void errorsThatArriveThroughSoErrorOrRecvAreCovered() {
        for (String errno : List.of("ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ECONNREFUSED", "ECONNRESET", "ENETDOWN",
                "EHOSTDOWN", "EPIPE", "EMSGSIZE", "ENOBUFS", "EPROTO", "ENONET", "ECONNABORTED")) {
            assertNotNull(catalogue.lookup(errno, Set.of("ip", "stream", "call:connect")), errno);
        }
        for (String errno : List.of("ENOENT", "EPROTOTYPE", "EACCES", "ECONNREFUSED", "EAGAIN", "ENOTDIR", "ELOOP")) {
            CatalogueEntry e = catalogue.lookup(errno, Set.of("unix", "stream", "call:connect"));
            assertNotNull(e, errno);
        }
        assertTrue(catalogue.lookup("ECONNREFUSED", Set.of("unix", "stream")).qualifiers().contains("unix"));
        assertTrue(catalogue.lookup("ECONNREFUSED", Set.of("ip", "dgram")).qualifiers().contains("dgram"));
    }

    @Test
    void everyResolutionErrorAndVerdictIsCovered() {
        for (GaiError g : GaiError.values()) {
            if (g != GaiError.UNKNOWN) {
                assertNotNull(catalogue.lookup(g.name(), Set.of("call:getaddrinfo")), g.name());
            }
        }
        for (String verdict : List.of("TIMED_OUT", "NO_REPLY", "CONNECTED", "ANSWERED", "CANCELLED")) {
            assertNotNull(catalogue.lookup(verdict, Set.of("ip", "stream")), verdict);
        }
        Explanation e = explainer.explain("EAI_NONAME", -2, null, Set.of("ip", "call:getaddrinfo"));
        assertEquals("getaddrinfo(3)", e.quote().page().toString());
    }

    @Test
    void eaccesPicksTheEntryThatFitsTheContextAndFoldsTheOthers() {
        Explanation unix = explainer.explain("EACCES", 13, "Permission denied", Set.of("unix", "stream", "call:connect"));
        assertTrue(Explainer.quotePlain(unix.quote()).contains("UNIX domain sockets"), Explainer.quotePlain(unix.quote()));
        assertEquals(2, unix.otherQuotes().size());
        Explanation ip = explainer.explain("EACCES", 13, "Permission denied", Set.of("ip", "dgram", "call:connect"));
        assertTrue(Explainer.quotePlain(ip.quote()).contains("broadcast address"), Explainer.quotePlain(ip.quote()));
        Explanation bind = explainer.explain("EADDRINUSE", 98, null, Set.of("ip", "stream", "call:bind"));
        assertEquals("bind(2)", bind.quote().page().toString());
    }

    @Test
    void everyCataloguedPageExistsAndEveryPlaceholderIsKnown() {
        Pattern placeholder = Pattern.compile("\\{([a-z]+)}");
        Set<String> known = Set.of("where", "host", "port", "path", "target", "timeout", "proto", "local", "elapsed");
        ManPages pages = ManPages.system();
        for (CatalogueEntry e : catalogue.all()) {
            for (ManRef ref : e.pages()) {
                assertTrue(pages.find(ref).isPresent(), e.key() + " names " + ref + ", which is not on this system");
            }
            List<String> texts = new ArrayList<>(e.steps().stream().map(CatalogueEntry.Step::text).toList());
            texts.add(e.meaning());
            texts.addAll(e.meanings().values());
            for (String t : texts) {
                Matcher m = placeholder.matcher(t);
                while (m.find()) {
                    assertTrue(known.contains(m.group(1)), e.key() + ": unknown placeholder {" + m.group(1) + "}");
                }
                assertFalse(Explainer.fillGeneric(t).contains("{"), e.key() + ": " + Explainer.fillGeneric(t));
            }
        }
    }

    @Test
    void programBugsAreSaidToBeProgramBugsWithTheStateSequence() {
        Explanation e = explainer.explain("EINPROGRESS", 115, null, Set.of("ip", "stream", "call:connect"));
        assertEquals(Fault.PROGRAM, e.fault());
        assertTrue(e.findings().stream().anyMatch(f -> f.text().contains("getsockopt(SO_ERROR)")), e.findings().toString());
        assertTrue(Explainer.quotePlain(e.quote()).contains("SO_ERROR"));
    }
}
