package org.connectdoctor.probe;

import java.util.Objects;
import org.connectdoctor.net.SockAddr;

/**
 * One datagram that came back to a probe, with the address it came from: for a broadcast every
 * host that answered is one responder; a multi-homed server may answer from another address
 * than the one that was asked.
 *
 * @param address      where the reply came from (recvfrom's address)
 * @param reply        its bytes
 * @param elapsedNanos from socket(2) to its arrival
 */
public record Responder(SockAddr address, Payload reply, long elapsedNanos) {

    public Responder {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reply, "reply");
    }

    public int bytes() {
        return reply.length();
    }

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }

    /** "reply from 10.92.0.2:7, 5 bytes, 1.23 ms". */
    public String describe() {
        return "reply from " + address.display() + ", " + bytes() + (bytes() == 1 ? " byte, " : " bytes, ")
                + String.format(java.util.Locale.ROOT, "%.2f ms", elapsedMillis());
    }
}
