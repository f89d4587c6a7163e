package org.connectdoctor.report;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.Explainer;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.ProbeEngine;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.probe.ProbeRequest;
import org.connectdoctor.probe.TargetParser;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.testing.DelayingSockets;
import org.connectdoctor.testing.SilentPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The text report and both tickets say how each address family fared, and how a race went: a name
 * answering ::1 (silent) and 127.0.0.1 (listening), through a fixed lookup answer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DualStackReportTest {

    private static ProbeReport run(boolean racing, SilentPeers.Tcp silent6, ServerSocket open4) throws Exception {
        NativeSockets sockets = new DelayingSockets(NativeSockets.system()).answer(new Lookup(List.of(
                new SockAddr.Inet6(0, 1, silent6.port(), 0, 0), new SockAddr.Inet4(0x7f000001, open4.getLocalPort())),
                null, null, 1000));
        ProbeRequest request = ProbeRequest.builder(TargetParser.parse("dual.test:80"))
                .timeout(Duration.ofMillis(400)).happyEyeballs(racing).build();
        return new ProbeEngine(sockets).run(request);
    }

    @Test
    void everyRenderingSaysHowEachFamilyFared() throws Exception {
        assumeTrue(Os.current() == Os.LINUX, "loopback peers on Linux");
        try (SilentPeers.Tcp silent6 = new SilentPeers.Tcp(true);
             ServerSocket open4 = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ProbeReport inOrder = run(false, silent6, open4);
            String text = TextReport.render(inOrder);
            assertTrue(text.contains("* IPv6: timed out after"), text);
            assertTrue(text.contains("* IPv4: connected in"), text);
            var explanation = Explainer.system().explain(inOrder);
            assertTrue(explanation.meaning().contains("IPv6 connections to it time out"), explanation.meaning());
            String md = TicketReport.markdown(inOrder, explanation, SystemInfo.current());
            assertTrue(md.contains("## Address families"), md);
            assertTrue(md.contains("| Families | IPv6 timed out, IPv4 connected |"), md);
            String ticket = TicketReport.text(inOrder, explanation, SystemInfo.current());
            assertTrue(ticket.contains("* IPv6: timed out after"), ticket);
            assertTrue(ticket.contains("IPv6 to dual.test times out while IPv4 connects"), ticket);

            ProbeReport raced = run(true, silent6, open4);
            String racedText = TextReport.render(raced);
            assertTrue(racedText.contains("IPv4 won (127.0.0.1)"), racedText);
            assertTrue(racedText.contains("lost: still connecting, cancelled after"), racedText);
            String racedMd = TicketReport.markdown(raced, Explainer.system().explain(raced), SystemInfo.current());
            assertTrue(racedMd.contains("| Addresses | raced (Happy Eyeballs, RFC 8305) |"), racedMd);
            assertTrue(racedMd.contains("| Families | IPv6 lost race, IPv4 connected |"), racedMd);
        }
    }
}
