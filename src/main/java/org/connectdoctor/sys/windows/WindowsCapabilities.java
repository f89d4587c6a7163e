package org.connectdoctor.sys.windows;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;

/**
 * Windows: TCP, UDP and AF_UNIX stream sockets (Windows 10 1803 and later; afunix.h, a 108-byte
 * sun_path). No Unix datagram or seqpacket sockets, no abstract names, no autobind, no
 * seqpacket over IP, no per-socket ICMP error queue (an ICMP port unreachable surfaces as
 * WSAECONNRESET on the next receive), no network namespaces.
 */
public final class WindowsCapabilities implements Capabilities {
    public static final WindowsCapabilities INSTANCE = new WindowsCapabilities();

    private WindowsCapabilities() {
    }

    @Override
    public org.connectdoctor.net.Os os() {
        return org.connectdoctor.net.Os.WINDOWS;
    }

    @Override
    public String osName() {
        return "Windows";
    }

    @Override
    public boolean supports(SocketType type, Family family) {
        if (type == SocketType.SEQPACKET) {
            return false;
        }
        return family != Family.UNIX || type == SocketType.STREAM;
    }

    @Override
    public String unsupportedReason(SocketType type, Family family) {
        if (supports(type, family)) {
            return null;
        }
        if (type == SocketType.SEQPACKET) {
            return "Windows has no seqpacket sockets; use stream or datagram.";
        }
        return "Windows has Unix stream sockets only, no Unix datagram sockets; use stream.";
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
        return 107;
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
