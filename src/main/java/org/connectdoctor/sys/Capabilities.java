package org.connectdoctor.sys;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;

/**
 * What the running OS's socket layer offers. The target parser, the window's type chooser and
 * validation messages ask this instead of knowing one system's rules, so "Windows has no
 * seqpacket sockets" is a clear validation message rather than a native error.
 * Implementations: sys.linux, sys.windows, sys.darwin; chosen once by {@link Platform}.
 */
public interface Capabilities {

    /** "Linux", "Windows", "macOS": the name used in messages. */
    String osName();

    /** The system these are the capabilities of; null for one none of the backends is written for. */
    org.connectdoctor.net.Os os();

    /** Whether {@code type} sockets exist for {@code family} here. */
    boolean supports(SocketType type, Family family);

    /**
     * Why {@code type} over {@code family} cannot be probed here, as a sentence for a validation
     * message ("Windows has no seqpacket sockets; use stream or datagram."), or null when it can.
     */
    String unsupportedReason(SocketType type, Family family);

    /** Linux's abstract Unix names (a leading NUL, written "@name"). */
    boolean abstractUnixNames();

    /** Binding a Unix socket to an empty address gets an autobind name (Linux). */
    boolean unixAutobind();

    /** The longest Unix socket path in bytes, without the terminating NUL (Linux 107, macOS 103). */
    int unixPathMax();

    /** ICMP errors for a datagram socket can be read with their sender (Linux IP_RECVERR). */
    boolean perSocketIcmpErrors();

    /** Per-thread network namespaces exist, so checks can see another namespace's view. */
    boolean networkNamespaces();

    /** The capabilities of the OS this JVM runs on. */
    static Capabilities current() {
        return Platform.current().caps();
    }

    /** The capabilities of {@code os}, as {@link Platform} knows them; null (an unknown system) offers stream and datagram over IP only. */
    static Capabilities of(org.connectdoctor.net.Os os) {
        return Platform.capabilities(os);
    }
}
