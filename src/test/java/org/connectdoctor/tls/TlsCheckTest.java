package org.connectdoctor.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.probe.Cancellation;
import org.connectdoctor.probe.Outcome;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeListener;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.Loopback;
import org.connectdoctor.testing.TestCertificates;
import org.connectdoctor.testing.TestCertificates.Issued;
import org.connectdoctor.testing.TlsPeers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The TLS check after a real connect, against servers on 127.0.0.1 with certificates this test
 * makes: each way a handshake or a certificate goes wrong has its own verdict, and the connect's
 * own verdict stays CONNECTED.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsCheckTest {

    static final String NAME = "tls.test";
    static Issued root;
    static Issued intermediate;
    static Issued osOnlyRoot;

    private TlsPeers.Peer peer;
    private ProbeEngine engine;

    @BeforeAll
    static void authorities() {
        root = TestCertificates.root("CN=Connect Doctor Test Root, O=Connect Doctor tests");
        intermediate = root.intermediate("CN=Connect Doctor Test Issuing CA, O=Connect Doctor tests");
        osOnlyRoot = TestCertificates.root("CN=Example Corp Internal Root, O=Example Corp");
    }

    /** Java trusts the test root; the "operating system" store trusts the test root and a private one. */
    static TrustStores stores() {
        return new TrustStores(TrustSource.of(TrustSource.Kind.JAVA, "the test's Java store", List.of(root.certificate())),
                TrustSource.of(TrustSource.Kind.OPERATING_SYSTEM, "the test's system store",
                        List.of(root.certificate(), osOnlyRoot.certificate())));
    }

    @AfterEach
    void close() throws Exception {
        if (peer != null) {
            peer.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private ProbeReport probe(String target, String name, Duration timeout) throws Exception {
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        ProbeRequest r = ProbeRequest.builder(TargetParser.parse(target)).tls(true).tlsName(name).timeout(timeout).build();
        return engine.run(r);
    }

    private TlsCheck check(Issued server, String name) throws Exception {
        peer = TlsPeers.tls(server);
        ProbeReport r = probe(peer.target(), name, Duration.ofSeconds(10));
        assertEquals(Outcome.CONNECTED, r.outcome(), "the connect's own verdict");
        assertNotNull(r.tls());
        return r.tls();
    }

    @Test
    void goodChainFromATrustedRootIsOk() throws Exception {
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of("127.0.0.1"));
        peer = TlsPeers.tlsWithAlpn(leaf, "http/1.1");
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.OK, t.verdict(), t.toString());
        assertEquals(List.of(), t.problems());
        assertEquals("TLSv1.3", t.protocol());
        assertNotNull(t.cipherSuite());
        assertEquals("http/1.1", t.alpn());
        assertEquals(2, t.chain().size(), "the leaf and the intermediate, as sent");
        CertificateInfo c = t.chain().get(0);
        assertEquals("CN=" + NAME, c.subject());
        assertEquals("CN=Connect Doctor Test Issuing CA,O=Connect Doctor tests", c.issuer());
        assertEquals(List.of(NAME), c.dnsNames());
        assertEquals(List.of("127.0.0.1"), c.ipAddresses());
        assertEquals("EC", c.keyType());
        assertEquals(256, c.keyBits());
        assertTrue(t.javaTrust().orElseThrow().trusted());
        assertEquals("CN=Connect Doctor Test Root,O=Connect Doctor tests", t.javaTrust().orElseThrow().anchor());
        assertTrue(t.bytesReceived() > 0);
    }

    @Test
    void anAddressIsCheckedAgainstTheIpNames() throws Exception {
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of("127.0.0.1"));
        peer = TlsPeers.tls(leaf);
        ProbeReport r = probe(peer.target(), null, Duration.ofSeconds(10));
        assertEquals("127.0.0.1", r.tls().serverName(), "the default name of an address target is the address");
        assertEquals(TlsVerdict.OK, r.tls().verdict());
    }

    @Test
    void expiredCertificate() throws Exception {
        Instant now = Instant.now();
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of(), now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(2)), false);
        TlsCheck t = check(leaf, NAME);
        assertEquals(TlsVerdict.EXPIRED, t.verdict());
        assertEquals(List.of(TlsVerdict.EXPIRED), t.problems());
        assertEquals(leaf.certificate().getNotAfter().toInstant(), t.outOfValidity().orElseThrow().notAfter());
    }

    @Test
    void notYetValidCertificate() throws Exception {
        Instant now = Instant.now();
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of(), now.plus(Duration.ofDays(3)),
                now.plus(Duration.ofDays(300)), false);
        TlsCheck t = check(leaf, NAME);
        assertEquals(TlsVerdict.NOT_YET_VALID, t.verdict());
        assertEquals(List.of(TlsVerdict.NOT_YET_VALID), t.problems());
    }

    @Test
    void wrongNameListsTheNamesTheCertificateCarries() throws Exception {
        Issued leaf = intermediate.issue("CN=other.test", List.of("other.test", "*.other.test"), List.of());
        TlsCheck t = check(leaf, NAME);
        assertEquals(TlsVerdict.NAME_MISMATCH, t.verdict());
        assertEquals(List.of("other.test", "*.other.test"), t.certificateNames());
    }

    @Test
    void wildcardCoversOneLabel() throws Exception {
        Issued leaf = intermediate.issue("CN=*.example.test", List.of("*.example.test"), List.of());
        assertEquals(TlsVerdict.OK, check(leaf, "www.example.test").verdict());
    }

    @Test
    void selfSignedCertificate() throws Exception {
        Issued self = TestCertificates.selfSigned("CN=" + NAME, List.of(NAME), List.of());
        TlsCheck t = check(self, NAME);
        assertEquals(TlsVerdict.SELF_SIGNED, t.verdict());
        assertFalse(t.javaTrust().orElseThrow().trusted());
        assertFalse(t.systemTrust().orElseThrow().trusted());
    }

    @Test
    void unknownIssuer() throws Exception {
        Issued other = TestCertificates.root("CN=Somebody Else Root");
        TlsCheck t = check(other.issue("CN=" + NAME, List.of(NAME), List.of()), NAME);
        assertEquals(TlsVerdict.UNTRUSTED_ISSUER, t.verdict());
    }

    @Test
    void privateRootTrustedByTheSystemOnly() throws Exception {
        TlsCheck t = check(osOnlyRoot.issue("CN=" + NAME, List.of(NAME), List.of()), NAME);
        assertEquals(TlsVerdict.TRUSTED_BY_OS_NOT_JAVA, t.verdict());
        assertTrue(t.systemTrust().orElseThrow().trusted());
        assertEquals("CN=Example Corp Internal Root,O=Example Corp", t.systemTrust().orElseThrow().anchor());
        assertFalse(t.javaTrust().orElseThrow().trusted());
    }

    @Test
    void privateRootNamedLikeAnInspectionProduct() throws Exception {
        Issued zscaler = TestCertificates.root("CN=Zscaler Root CA, OU=Zscaler Inc., O=Zscaler Inc., C=US");
        TlsCheck t = check(zscaler.issue("CN=" + NAME, List.of(NAME), List.of()), NAME);
        assertEquals(TlsVerdict.INSPECTED, t.verdict());
        assertEquals("Zscaler Internet Access", t.inspection().product());
        assertEquals(List.of(TlsVerdict.INSPECTED, TlsVerdict.UNTRUSTED_ISSUER), t.problems());
    }

    @Test
    void tls10OnlyServerAgainstAClientThatNeedsTls12() throws Exception {
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of());
        peer = TlsPeers.tls(leaf, "TLSv1");
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        assertEquals(Outcome.CONNECTED, r.outcome());
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.PROTOCOL_MISMATCH, t.verdict(), t.toString());
        assertNotNull(t.alert(), "the server's alert, read in the clear");
        assertEquals("protocol_version", t.alert().name());
        assertTrue(t.alert().fatal());
        assertNull(t.protocol());
        assertTrue(t.chain().isEmpty());
        assertNotNull(t.followUp(), "one more handshake, offering old versions, on a second connection");
        assertEquals("TLSv1", t.followUp().acceptedVersion(), t.followUp().toString());
    }

    @Test
    void aServerThatRefusesOldVersionsTooIsSaidSo() throws Exception {
        // an alert for every ClientHello, the TLS 1.1 one of the second handshake too
        peer = TlsPeers.answering(TlsPeers.record(21, 0x0303, new byte[] {2, 40}));
        TlsCheck t = probe(peer.target(), NAME, Duration.ofSeconds(10)).tls();
        assertEquals(TlsVerdict.PROTOCOL_MISMATCH, t.verdict());
        assertEquals("handshake_failure", t.alert().name());
        assertNull(t.followUp().acceptedVersion());
        assertEquals("handshake_failure", t.followUp().alert().name());
    }

    @Test
    void smtpGreetingOnATlsPort() throws Exception {
        peer = TlsPeers.greeting("220 mail.test ESMTP ready\r\n");
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        assertEquals(Outcome.CONNECTED, r.outcome());
        assertEquals(TlsVerdict.PLAIN_TEXT, r.tls().verdict());
        assertTrue(r.tls().firstBytesText().startsWith("220 mail.test ESMTP ready\\r\\n"), r.tls().firstBytesText());
    }

    @Test
    void httpAnswerOnATlsPort() throws Exception {
        peer = TlsPeers.http();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        assertEquals(TlsVerdict.PLAIN_TEXT, r.tls().verdict());
        assertTrue(r.tls().firstBytesText().startsWith("HTTP/1.1 400 Bad Request\\r\\n"), r.tls().firstBytesText());
    }

    @Test
    void resetDuringTheClientHello() throws Exception {
        peer = TlsPeers.resetting();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        assertEquals(Outcome.CONNECTED, r.outcome());
        assertEquals(TlsVerdict.RESET_DURING_HANDSHAKE, r.tls().verdict(), r.tls().toString());
        assertTrue(r.tls().failure().contains("ECONNRESET"), r.tls().failure());
    }

    @Test
    void closedDuringTheHandshake() throws Exception {
        peer = TlsPeers.closing();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        assertEquals(TlsVerdict.CLOSED_DURING_HANDSHAKE, r.tls().verdict(), r.tls().toString());
        assertEquals(0, r.tls().bytesReceived());
    }

    @Test
    void noAnswerToTheClientHelloEndsAtTheLimit() throws Exception {
        peer = TlsPeers.silent();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofMillis(300));
        assertEquals(Outcome.CONNECTED, r.outcome(), "the connect succeeded; only TLS got no answer");
        assertEquals(TlsVerdict.NO_ANSWER, r.tls().verdict());
        assertEquals(Duration.ofMillis(300).toNanos(), r.tls().limitNanos());
        assertEquals(0, r.tls().bytesReceived());
    }

    @Test
    void cancelEndsTheHandshake() throws Exception {
        peer = TlsPeers.silent();
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        ProbeRequest req = ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true)
                .timeout(Duration.ofMinutes(5)).build();
        Cancellation c = new Cancellation();
        ProbeListener cancelOnConnect = new ProbeListener() {
            @Override
            public void attempted(org.connectdoctor.probe.Attempt a) {
            }
        };
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            c.cancel();
        });
        canceller.start();
        ProbeReport r = engine.run(req, cancelOnConnect, c);
        canceller.join();
        // a five-minute limit, ended by the cancel (the class's timeout bounds the test)
        assertEquals(TlsVerdict.CANCELLED, r.tls().verdict());
        assertEquals(Outcome.CONNECTED, r.decisive().outcome(), "the connect's attempt keeps its verdict");
    }

    @Test
    void silenceAlsoOverSmallSegmentsStaysNoAnswer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.connectdoctor.net.Os.current() == org.connectdoctor.net.Os.LINUX,
                "the small-segment handshake sets TCP_MAXSEG: Linux only");
        peer = TlsPeers.silent();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofMillis(600));
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.NO_ANSWER, t.verdict(), t.toString());
        assertEquals(2, peer.accepted(), "the second connection, with MSS 536, within the same limit");
        assertEquals(SegmentRetry.IPV4, t.segmentRetry().smallSegment());
        assertEquals(TlsVerdict.NO_ANSWER, t.segmentRetry().outcome());
        assertEquals(0, t.segmentRetry().secondBytes());
    }

    @Test
    void cancelEndsTheSmallSegmentHandshakeToo() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(org.connectdoctor.net.Os.current() == org.connectdoctor.net.Os.LINUX,
                "the small-segment handshake sets TCP_MAXSEG: Linux only");
        peer = TlsPeers.silent();
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        // halfway through this limit the second handshake starts; the cancel comes once it is connected,
        // and at the limit the verdict would be NO_ANSWER, not CANCELLED
        ProbeRequest req = ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true)
                .timeout(Duration.ofSeconds(4)).build();
        Cancellation c = new Cancellation();
        TlsPeers.Peer p = peer;
        Thread canceller = new Thread(() -> {
            while (p.accepted() < 2) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
            c.cancel();
        });
        canceller.start();
        ProbeReport r = engine.run(req, new ProbeListener() {
            @Override
            public void attempted(org.connectdoctor.probe.Attempt a) {
            }
        }, c);
        canceller.interrupt();
        canceller.join();
        assertEquals(TlsVerdict.CANCELLED, r.tls().verdict(), r.tls().toString());
        assertEquals(Outcome.CONNECTED, r.decisive().outcome());
    }

    @Test
    void noTlsCheckWhenTheConnectFails() throws Exception {
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse("127.0.0.1:" + Loopback.closedTcpPort()))
                .tls(true).build());
        assertEquals(Outcome.FAILED, r.outcome());
        assertNull(r.tls());
    }

    @Test
    void serverHelloOfTls10IsRefusedHereAndSaidSo() throws Exception {
        peer = TlsPeers.answering(TlsPeers.tls10ServerHello());
        ProbeReport r = probe(peer.target(), NAME, Duration.ofSeconds(10));
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.PROTOCOL_MISMATCH, t.verdict(), t.toString());
        assertEquals("TLSv1", t.serverVersion(), "the version the server chose");
        assertNull(t.alert(), "the server sent no alert: this computer refused");
        assertNotNull(t.failure());
    }

    @Test
    void anotherAlertIsAFailedHandshakeWithItsName() throws Exception {
        peer = TlsPeers.answering(TlsPeers.record(21, 0x0303, new byte[] {2, 112}));
        TlsCheck t = probe(peer.target(), NAME, Duration.ofSeconds(10)).tls();
        assertEquals(TlsVerdict.HANDSHAKE_FAILED, t.verdict(), t.toString());
        assertEquals("unrecognized_name", t.alert().name());
    }

    @Test
    void halfAnAnswerStallsUntilTheLimit() throws Exception {
        // a handshake record header announcing 100 bytes, and 3 of them
        peer = TlsPeers.answering(new byte[] {22, 3, 3, 0, 100, 2, 0, 0});
        TlsCheck t = probe(peer.target(), NAME, Duration.ofMillis(300)).tls();
        assertEquals(TlsVerdict.STALLED, t.verdict(), t.toString());
        assertEquals(8, t.bytesReceived());
    }

    @Test
    void aServerThatDripsItsAnswerIsBoundedByTheLimit() throws Exception {
        peer = TlsPeers.dripping();
        ProbeReport r = probe(peer.target(), NAME, Duration.ofMillis(300));
        assertEquals(Outcome.CONNECTED, r.outcome());
        TlsCheck t = r.tls();
        assertEquals(TlsVerdict.STALLED, t.verdict(), t.toString());
        assertTrue(t.bytesReceived() > 0);
    }

    @Test
    void unreadableTrustStoresAreSaidAndTheConnectStands() throws Exception {
        peer = TlsPeers.tls(intermediate.issue("CN=" + NAME, List.of(NAME), List.of()));
        engine = new ProbeEngine(NativeSockets.system(), () -> {
            throw new IllegalStateException("no stores here");
        });
        ProbeReport r = engine.run(ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true).tlsName(NAME)
                .timeout(Duration.ofSeconds(10)).build());
        assertEquals(Outcome.CONNECTED, r.outcome());
        assertEquals(TlsVerdict.UNTRUSTED_ISSUER, r.tls().verdict());
        assertFalse(r.tls().javaTrust().orElseThrow().readable());
        assertTrue(r.tls().javaTrust().orElseThrow().unreadable().contains("no stores here"));
    }

    @Test
    void oneEngineChecksTlsOnManyThreadsAtOnce() throws Exception {
        peer = TlsPeers.tls(intermediate.issue("CN=" + NAME, List.of(NAME), List.of()));
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        ProbeRequest r = ProbeRequest.builder(TargetParser.parse(peer.target())).tls(true).tlsName(NAME)
                .timeout(Duration.ofSeconds(20)).build();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<ProbeReport>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                runs.add(pool.submit(() -> engine.run(r)));
            }
            for (var f : runs) {
                ProbeReport report = f.get(40, TimeUnit.SECONDS);
                assertEquals(TlsVerdict.OK, report.tls().verdict(), report.tls().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyWayATlsCheckEndsLeavesNoDescriptorBehind() throws Exception {
        Issued leaf = intermediate.issue("CN=" + NAME, List.of(NAME), List.of());
        List<TlsPeers.Peer> peers = List.of(TlsPeers.tls(leaf), TlsPeers.tls(leaf, "TLSv1"), TlsPeers.resetting(),
                TlsPeers.http(), TlsPeers.closing());
        engine = new ProbeEngine(NativeSockets.system(), TlsCheckTest::stores);
        try {
            for (TlsPeers.Peer p : peers) {
                engine.run(request(p)); // warm-up
            }
            int before = org.connectdoctor.testing.Fds.socketsAndPipes();
            java.util.Map<TlsVerdict, Integer> verdicts = new java.util.TreeMap<>();
            for (int i = 0; i < 50; i++) {
                verdicts.merge(engine.run(request(peers.get(i % peers.size()))).tls().verdict(), 1, Integer::sum);
            }
            assertEquals(before, org.connectdoctor.testing.Fds.awaitSocketsAndPipes(before, 5000),
                    "sockets and pipes after 50 TLS checks " + verdicts);
            assertEquals(java.util.Map.of(TlsVerdict.OK, 10, TlsVerdict.PROTOCOL_MISMATCH, 10,
                    TlsVerdict.RESET_DURING_HANDSHAKE, 10, TlsVerdict.PLAIN_TEXT, 10,
                    TlsVerdict.CLOSED_DURING_HANDSHAKE, 10), verdicts);
        } finally {
            for (TlsPeers.Peer p : peers) {
                p.close();
            }
        }
    }

    private static ProbeRequest request(TlsPeers.Peer p) throws Exception {
        return ProbeRequest.builder(TargetParser.parse(p.target())).tls(true).tlsName(NAME)
                .timeout(Duration.ofSeconds(10)).build();
    }
}
