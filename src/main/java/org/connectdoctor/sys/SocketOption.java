package org.connectdoctor.sys;

/** The boolean SOL_SOCKET options a probe sets. */
public enum SocketOption {
    /** SO_REUSEADDR: bind to a local port that sockets in TIME_WAIT (or other reusers) still hold. */
    REUSEADDR,
    /** SO_BROADCAST: allow datagrams to a broadcast address (else connect/send fail with EACCES). */
    BROADCAST
}
