package org.connectdoctor.probe;

import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;

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
 * @param reply        the reply of an ANSWERED datagram, else null
 */
public record Attempt(int round, int index, SockAddr address, SocketType type, SockAddr local, Phase phase,
                      Outcome outcome, SysError error, String failedCall, long elapsedNanos, Payload reply) {

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }
}
