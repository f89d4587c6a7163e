package org.connectdoctor.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.man.ManPages;
import org.connectdoctor.sys.Capabilities;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.testing.Loopback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure while building the explanation never costs the verdict: a pathological installed
 * page, or a check that overflows its stack, leaves the key, number and text of a real refused
 * connection intact and says what could not be built.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExplanationFailureTest {

    private final ProbeEngine engine = ProbeEngine.system();

    @TempDir
    Path dir;

    @AfterEach
    void closeEngine() {
        engine.close();
    }

    private ProbeReport refused() throws Exception {
        return engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort())).build());
    }

    @Test
    void aPathologicalConnectPageStillGivesAFullExplanation() throws Exception {
        // 10,000 nested .RS in about 40 KB, as a man directory on MANPATH would hold it.
        Path man2 = Files.createDirectories(dir.resolve("man2"));
        StringBuilder page = new StringBuilder(".TH CONNECT 2 2024-01-01 \"Linux\"\n.SH NAME\nconnect \\- x\n.SH ERRORS\n");
        page.append(".RS\n".repeat(10_000));
        page.append(".TP\n.B ECONNREFUSED\nNo-one listening.\n");
        Files.writeString(man2.resolve("connect.2"), page);
        assertTrue(Files.size(man2.resolve("connect.2")) >= 40_000);
        Explainer explainer = new Explainer(new ManPages(List.of(dir), true), ErrorCatalogue.standard(), org.connectdoctor.sys.HostState.current(), org.connectdoctor.sys.Capabilities.current());
        Explanation e = explainer.explain(refused());
        assertEquals("ECONNREFUSED", e.key());
        assertEquals(111, e.number());
        assertTrue(e.headline().startsWith("ECONNREFUSED (111) Connection refused: "), e.headline());
        assertTrue(e.meaning().contains("nothing accepts connections on TCP port"), e.meaning());
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("listeners")), e.findings().toString());
        // Either the reader coped with the page, or the bundled copy stands in and a note says why.
        assertNotNull(e.quote(), "no man quote at all");
        if (e.quote().source().bundled()) {
            assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("man")
                    && f.text().startsWith("The installed page connect(2) could not be read (")
                    && f.text().endsWith("quoted from the copy bundled with Connect Doctor instead.")),
                    e.findings().toString());
        }
    }

    /** A check that recurses without end: a real stack overflow inside the explanation. */
    private static final class RunawayCheck implements Check {
        @Override
        public List<Finding> findings(Situation s) {
            return depth(0);
        }

        private List<Finding> depth(int n) {
            List<Finding> deeper = depth(n + 1);
            return n < 0 ? deeper : List.of();
        }
    }

    @Test
    void aCheckThatOverflowsItsStackCostsOnlyItsOwnFinding() throws Exception {
        Explainer explainer = new Explainer(ManPages.system(), ErrorCatalogue.standard(), HostState.current(), Capabilities.current(),
                List.of(new RunawayCheck()));
        Explanation e = explainer.explain(refused());
        assertEquals("ECONNREFUSED", e.key());
        assertEquals(111, e.number());
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("error")
                && f.text().equals("A check could not finish: StackOverflowError")), e.findings().toString());
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("listeners")), e.findings().toString());
    }

    @Test
    void aFailureOutsideTheChecksStillKeepsTheVerdict() throws Exception {
        // A situation the catalogue cannot even be asked about: qualifiers that are null.
        Explainer explainer = Explainer.system(engine.sockets());
        Explanation e = explainer.explain("ECONNREFUSED", 111, "Connection refused", null);
        assertEquals("ECONNREFUSED", e.key());
        assertEquals(111, e.number());
        assertTrue(e.headline().startsWith("ECONNREFUSED (111) Connection refused: the explanation could not be built: "
                + "NullPointerException"), e.headline());
        assertEquals(Fault.REMOTE_SERVICE, e.fault());
    }

    /** What the JDK throws when its time-zone data cannot be opened: a plain Error, not an Exception. */
    private static final class PlainErrorCheck implements Check {
        @Override
        public List<Finding> findings(Situation s) {
            throw new Error(new java.io.FileNotFoundException("lib/tzdb.dat (Too many open files)"));
        }
    }

    @Test
    void aPlainErrorInACheckCostsOnlyItsOwnFinding() throws Exception {
        Explainer explainer = new Explainer(ManPages.system(), ErrorCatalogue.standard(), HostState.current(), Capabilities.current(),
                List.of(new PlainErrorCheck()));
        Explanation e = explainer.explain(refused());
        assertEquals("ECONNREFUSED", e.key());
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("error")
                && f.text().startsWith("A check could not finish: Error")), e.findings().toString());
        assertTrue(e.findings().stream().anyMatch(f -> f.check().equals("listeners")), e.findings().toString());
    }
}
