package org.connectdoctor.explain;

import java.util.List;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.Read;

/** Questions about this computer's own addresses, answered from the interface list a HostState read. */
final class Addresses {
    private Addresses() {
    }

    /**
     * Whether {@code address} belongs to this computer: loopback, wildcard, or an interface's
     * address. Null when that cannot be told (the interface list could not be read).
     */
    static Boolean isLocal(SockAddr address, Read<List<NetInterface>> interfaces) {
        if (address instanceof SockAddr.Inet4 v4 && (v4.isLoopback() || v4.isAny())) {
            return true;
        }
        if (address instanceof SockAddr.Inet6 v6 && (v6.isLoopback() || v6.high() == 0 && v6.low() == 0)) {
            return true;
        }
        if (!(interfaces instanceof Read.Known<List<NetInterface>> known)) {
            return null;
        }
        for (NetInterface i : known.value()) {
            for (NetInterface.Address a : i.addresses()) {
                if (a.address().host().equals(address.host())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "10.77.0.1/24, fe80::1/64". */
    static String text(NetInterface i) {
        return String.join(", ", i.addresses().stream().map(NetInterface.Address::display).toList());
    }

    /** "process 1234 (java)", the way findings name a socket's holder. */
    static String process(org.connectdoctor.sys.OwnerProcess p) {
        return "process " + p.pid() + (p.name() == null ? "" : " (" + p.name() + ")");
    }

    /** The holder of {@code read} as " (process 1234 (java))"-style text via {@code format}, or "". */
    static String holder(Read<java.util.Optional<org.connectdoctor.sys.OwnerProcess>> read,
                         java.util.function.Function<String, String> format) {
        return read.orElse(java.util.Optional.empty()).map(p -> format.apply(process(p))).orElse("");
    }
}
