package org.connectdoctor.sys.darwin;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;

/**
 * macOS (XNU): Unix stream and datagram sockets, no Unix seqpacket (bsd/kern/uipc_proto.c lists
 * only SOCK_STREAM and SOCK_DGRAM for PF_LOCAL), no SCTP in the stock kernel, no abstract names
 * or autobind, sun_path of 104 bytes (bsd/sys/un.h; 103 usable), no IP_RECVERR (ICMP errors
 * arrive as the socket's pending error on the next call), no network namespaces.
 */
public final class DarwinCapabilities implements Capabilities {
    public static final DarwinCapabilities INSTANCE = new DarwinCapabilities();

    private DarwinCapabilities() {
    }

    @Override
    public org.connectdoctor.net.Os os() {
        return org.connectdoctor.net.Os.MACOS;
    }

    @Override
    public String osName() {
        return "macOS";
    }

    @Override
    public boolean supports(SocketType type, Family family) {
        return type != SocketType.SEQPACKET;
    }

    @Override
    public String unsupportedReason(SocketType type, Family family) {
        if (type != SocketType.SEQPACKET) {
            return null;
        }
        return family == Family.UNIX
                ? "macOS has no Unix seqpacket sockets; use stream or datagram."
                : "macOS has no SCTP, so no seqpacket sockets over IP; use stream (TCP) or datagram (UDP).";
    }

    @Override
    public boolean abstractUnixNames() {
        return false;
    }

    @Override
    public boolean unixAutobind() {
        return false;
    }

    @Override
    public int unixPathMax() {
        return 103;
    }

    @Override
    public boolean perSocketIcmpErrors() {
        return false;
    }

    @Override
    public boolean networkNamespaces() {
        return false;
    }
}
