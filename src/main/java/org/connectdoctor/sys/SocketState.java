package org.connectdoctor.sys;

/**
 * The state of a TCP socket in the host's table (the names netstat and ss print), plus
 * {@link #BOUND} for a UDP socket that is bound and not connected (a UDP "listener").
 */
public enum SocketState {
    LISTEN, SYN_SENT, SYN_RECEIVED, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK,
    TIME_WAIT, CLOSED, BOUND, UNKNOWN
}
