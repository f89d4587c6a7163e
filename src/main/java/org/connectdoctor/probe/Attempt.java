package org.connectdoctor.probe;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.sys.PathMtu;
import org.connectdoctor.sys.Read;

/**
 * One try at one address.
 *
 * @param round        1-based repetition this attempt belongs to
 * @param index        1-based position of the address among the resolved ones
 * @param address      the remote address
 * @param type         the socket type
 * @param local        the local address the kernel used (getsockname), or null if none was bound
 * @param phase        the last phase reached
 * @param outcome      how it ended
 * @param error        the error for FAILED, else null
 * @param failedCall   the C call that reported the error ("connect", "bind", …; "SO_ERROR" for a
 *                     non-blocking connect's late result), else null
 * @param elapsedNanos from socket(2) to the outcome
 * @param reply        the (first) reply of an ANSWERED datagram, else null
 * @param responders   every datagram that came back, with its sender, in order of arrival; empty
 *                     for stream and seqpacket attempts and for datagrams nobody answered
 * @param icmp         the ICMP or ICMPv6 error that came back for the datagram (its type, code and
 *                     sender), else null. For FAILED its {@code error} is this attempt's error; a
 *                     broadcast can be ANSWERED by some hosts and still carry one.
 * @param path         for a CONNECTED IP attempt of the first round, the path MTU (and TCP's MSS) the
 *                     kernel reported right after the connect, or why it could not be read; null for
 *                     every other attempt (later rounds of a repeated probe do not read it again)
 */
public record Attempt(int round, int index, SockAddr address, SocketType type, SockAddr local, Phase phase,
                      Outcome outcome, SysError error, String failedCall, long elapsedNanos, Payload reply,
                      List<Responder> responders, IcmpError icmp, Read<PathMtu> path) {

    public Attempt {
        responders = responders == null ? List.of() : List.copyOf(responders);
    }

    public Attempt(int round, int index, SockAddr address, SocketType type, SockAddr local, Phase phase,
                   Outcome outcome, SysError error, String failedCall, long elapsedNanos, Payload reply,
                   List<Responder> responders, IcmpError icmp) {
        this(round, index, address, type, local, phase, outcome, error, failedCall, elapsedNanos, reply, responders,
                icmp, null);
    }

    /** This attempt with the path MTU read after its connect. */
    public Attempt withPath(Read<PathMtu> path) {
        return new Attempt(round, index, address, type, local, phase, outcome, error, failedCall, elapsedNanos, reply,
                responders, icmp, path);
    }

    /** An attempt without responders or ICMP details (stream, seqpacket, Unix datagrams). */
    public Attempt(int round, int index, SockAddr address, SocketType type, SockAddr local, Phase phase,
                   Outcome outcome, SysError error, String failedCall, long elapsedNanos, Payload reply) {
        this(round, index, address, type, local, phase, outcome, error, failedCall, elapsedNanos, reply, List.of(),
                null);
    }

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }

    /**
     * The report lines for the datagram details, for text renderings: one per responder ("reply
     * from 10.92.0.3:7, 4 bytes, 0.41 ms"), then the ICMP error's line if one came back. Empty when
     * there is nothing beyond the verdict.
     */
    public List<String> datagramLines() {
        List<String> lines = new ArrayList<>();
        for (Responder r : responders) {
            lines.add(r.describe());
        }
        if (icmp != null) {
            lines.add(icmp.describe());
        }
        return lines;
    }
}
