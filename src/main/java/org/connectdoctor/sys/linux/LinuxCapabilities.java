package org.connectdoctor.sys.linux;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;

/**
 * Linux: every type over Unix sockets (unix(7)), seqpacket over IP only as SCTP (sctp(7), which
 * needs the sctp module), abstract names and autobind, sun_path of 108 bytes (107 usable),
 * IP_RECVERR, network namespaces.
 */
public final class LinuxCapabilities implements Capabilities {
    public static final LinuxCapabilities INSTANCE = new LinuxCapabilities();

    private LinuxCapabilities() {
    }

    @Override
    public org.connectdoctor.net.Os os() {
        return org.connectdoctor.net.Os.LINUX;
    }

    @Override
    public String osName() {
        return "Linux";
    }

    @Override
    public boolean supports(SocketType type, Family family) {
        return true;
    }

    @Override
    public String unsupportedReason(SocketType type, Family family) {
        return null;
    }

    @Override
    public boolean abstractUnixNames() {
        return true;
    }

    @Override
    public boolean unixAutobind() {
        return true;
    }

    @Override
    public int unixPathMax() {
        return 107;
    }

    @Override
    public boolean perSocketIcmpErrors() {
        return true;
    }

    @Override
    public boolean networkNamespaces() {
        return true;
    }
}
