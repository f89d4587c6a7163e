package org.connectdoctor.probe;

/** How far an attempt got, in the order of the system calls. */
public enum Phase {
    /** socket(2): creating the endpoint. */
    SOCKET,
    /** bind(2): taking the source address or port. */
    BIND,
    /** connect(2): starting the connection (or, for datagrams, setting the peer). */
    CONNECT,
    /** poll(2): waiting for the connection to finish. */
    WAIT,
    /** getsockopt(SO_ERROR), or for datagrams send(2) and recv(2): learning the result. */
    VERIFY
}
