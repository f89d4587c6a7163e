package org.connectdoctor.sys;

/** What to wait for on a socket. */
public enum Interest {
    /** Writable: a non-blocking connect has finished, one way or the other. */
    WRITE,
    /** Readable: a datagram, a stream's data, or a pending error such as ECONNREFUSED. */
    READ
}
