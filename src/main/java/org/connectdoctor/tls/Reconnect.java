package org.connectdoctor.tls;

import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.SysException;

/**
 * A second connection to the address the check runs on, for one more handshake that learns what
 * the server accepts. The probe makes it the way it made the first (its own socket, bind and
 * connect); the caller owns and closes the socket.
 */
@FunctionalInterface
public interface Reconnect {

    /**
     * A socket connected to the same address by {@code deadlineNanos} (System.nanoTime), or null when
     * it was not. When {@code maxSegment} is above 0 the connection advertises it as its MSS
     * ({@link NativeSocket#advertiseMaxSegment}); null where that cannot be set.
     */
    NativeSocket connect(long deadlineNanos, int maxSegment) throws SysException;

    Reconnect NONE = (deadline, maxSegment) -> null;
}
