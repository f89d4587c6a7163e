package org.connectdoctor.sys;

import org.connectdoctor.net.SocketType;

/**
 * One Unix-domain socket of the host's table (Linux: the kernel's Unix socket table).
 *
 * @param type         stream, datagram or seqpacket
 * @param listening    it accepts connections
 * @param path         the bound path, "@name" for an abstract name, or "" when unbound
 * @param key          the backend's own identity (Linux: the inode)
 */
public record UnixSocketEntry(SocketType type, boolean listening, String path, long key) {
    public boolean isAbstract() {
        return path.startsWith("@");
    }
}
