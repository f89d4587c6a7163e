package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/** {@code struct ifaddrs} of glibc on 64-bit Linux (getifaddrs(3)). */
@Structure.FieldOrder({"ifa_next", "ifa_name", "ifa_flags", "ifa_addr", "ifa_netmask", "ifa_ifu", "ifa_data"})
public final class LinuxIfAddrs extends Structure {
    public Pointer ifa_next;
    public Pointer ifa_name;
    public int ifa_flags;
    public Pointer ifa_addr;
    public Pointer ifa_netmask;
    /** The broadcast address (IFF_BROADCAST) or the point-to-point peer (IFF_POINTOPOINT). */
    public Pointer ifa_ifu;
    public Pointer ifa_data;

    public LinuxIfAddrs() {
        super();
    }

    LinuxIfAddrs(Pointer at) {
        super(at);
        read();
    }
}
