package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct addrinfo} as glibc lays it out on 64-bit Linux. BSD and macOS put
 * {@code ai_canonname} before {@code ai_addr}, so this layout is Linux's alone.
 */
@Structure.FieldOrder({"ai_flags", "ai_family", "ai_socktype", "ai_protocol", "ai_addrlen",
        "ai_addr", "ai_canonname", "ai_next"})
public final class LinuxAddrInfo extends Structure {
    public int ai_flags;
    public int ai_family;
    public int ai_socktype;
    public int ai_protocol;
    /** socklen_t: a 32-bit unsigned length; the structure pads after it. */
    public int ai_addrlen;
    public Pointer ai_addr;
    public Pointer ai_canonname;
    public Pointer ai_next;

    public LinuxAddrInfo() {
        super();
    }

    LinuxAddrInfo(Pointer at) {
        super(at);
        read();
    }
}
