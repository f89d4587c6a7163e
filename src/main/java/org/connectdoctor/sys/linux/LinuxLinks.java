package org.connectdoctor.sys.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NetworkLink;

/**
 * Places a Linux link (an RTM_NEWLINK answer) in an {@link InterfaceKind}: first by the
 * rtnetlink link kind its driver registers (IFLA_INFO_KIND: "wireguard", "tun", "vti6", …), then
 * by its hardware type (ifi_type, ARPHRD_* of linux/if_arp.h); an Ethernet-type device without a
 * link kind is told from Wi-Fi by /sys/class/net/NAME (a "wireless" directory, or DEVTYPE=wlan in
 * its uevent), but only when that directory is the same device: /sys shows the namespace of
 * whoever mounted it, which a thread that entered another namespace does not see.
 */
final class LinuxLinks {

    // linux/if_arp.h
    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_PPP = 512;
    static final int ARPHRD_RAWIP = 519;
    static final int ARPHRD_TUNNEL = 768;
    static final int ARPHRD_TUNNEL6 = 769;
    static final int ARPHRD_LOOPBACK = 772;
    static final int ARPHRD_SIT = 776;
    static final int ARPHRD_IPGRE = 778;
    static final int ARPHRD_IEEE80211 = 801;
    static final int ARPHRD_IP6GRE = 823;
    static final int ARPHRD_NONE = 0xfffe;
    /** IFF_UP of linux/if.h. */
    static final int IFF_UP = 0x1;

    private static final Path SYS_CLASS_NET = Path.of("/sys/class/net");

    /** What /sys/class/net says of a device: its uevent DEVTYPE (or null), and whether it is wireless. */
    record Sysfs(String devtype, boolean wireless) {
    }

    private LinuxLinks() {
    }

    static NetworkLink link(RtNetlink.RawLink raw, Function<RtNetlink.RawLink, Sysfs> sysfs) {
        boolean up = (raw.flags() & IFF_UP) != 0;
        if (raw.kind() != null) {
            return new NetworkLink(raw.name(), raw.index(), byKind(raw.kind(), raw.hardwareType()), up, raw.kind(),
                    "rtnetlink IFLA_INFO_KIND", raw.mtu());
        }
        InterfaceKind kind = byType(raw.hardwareType());
        String source = "rtnetlink ifi_type";
        if (kind == InterfaceKind.ETHERNET) {
            Sysfs s = sysfs.apply(raw);
            if (s != null) {
                source = SYS_CLASS_NET.resolve(raw.name()).toString();
                if (s.wireless() || "wlan".equals(s.devtype())) {
                    kind = InterfaceKind.WIFI;
                } else if ("wwan".equals(s.devtype())) {
                    kind = InterfaceKind.MOBILE_BROADBAND;
                }
            }
        }
        return new NetworkLink(raw.name(), raw.index(), kind, up, null, source, raw.mtu());
    }

    /** The kind of an rtnetlink link type; tun devices with an Ethernet header are taps. */
    static InterfaceKind byKind(String kind, int hardwareType) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "wireguard" -> InterfaceKind.WIREGUARD;
            case "tun" -> hardwareType == ARPHRD_ETHER ? InterfaceKind.TAP : InterfaceKind.TUN;
            case "ovpn" -> InterfaceKind.VPN_CLIENT; // OpenVPN's in-kernel data channel
            case "ppp" -> InterfaceKind.PPP;
            case "ipip", "sit", "ip6tnl" -> InterfaceKind.IP_TUNNEL;
            case "gre", "gretap", "ip6gre", "ip6gretap", "erspan", "ip6erspan" -> InterfaceKind.GRE;
            case "vti", "vti6", "xfrm" -> InterfaceKind.IPSEC;
            case "wwan" -> InterfaceKind.MOBILE_BROADBAND;
            case "veth", "bridge", "vlan", "bond", "team", "dummy", "macvlan", "macvtap", "ipvlan", "ipvtap",
                 "vxlan", "geneve", "vrf", "ifb", "nlmon", "netkit", "hsr", "macsec" -> InterfaceKind.VIRTUAL;
            default -> InterfaceKind.OTHER;
        };
    }

    /** The kind of a link whose driver names no link type, by its ARPHRD_* hardware type. */
    static InterfaceKind byType(int hardwareType) {
        return switch (hardwareType) {
            case ARPHRD_LOOPBACK -> InterfaceKind.LOOPBACK;
            case ARPHRD_ETHER -> InterfaceKind.ETHERNET;
            case ARPHRD_IEEE80211 -> InterfaceKind.WIFI;
            case ARPHRD_PPP -> InterfaceKind.PPP;
            case ARPHRD_TUNNEL, ARPHRD_TUNNEL6, ARPHRD_SIT -> InterfaceKind.IP_TUNNEL;
            case ARPHRD_IPGRE, ARPHRD_IP6GRE -> InterfaceKind.GRE;
            case ARPHRD_RAWIP -> InterfaceKind.MOBILE_BROADBAND;
            default -> InterfaceKind.OTHER;
        };
    }

    /**
     * /sys/class/net/NAME for {@code raw}, or null when it is absent or another device of the same
     * name (another namespace's): its ifindex and hardware address must be the link's.
     */
    static Sysfs sysfs(RtNetlink.RawLink raw) {
        Path dir = SYS_CLASS_NET.resolve(raw.name());
        try {
            String index = Files.readString(dir.resolve("ifindex"), StandardCharsets.US_ASCII).strip();
            if (!index.equals(Integer.toString(raw.index()))) {
                return null;
            }
            if (raw.address() != null) {
                String mac = Files.readString(dir.resolve("address"), StandardCharsets.US_ASCII).strip();
                if (!mac.equalsIgnoreCase(HexFormat.ofDelimiter(":").formatHex(raw.address()))) {
                    return null;
                }
            }
            String devtype = null;
            for (String line : Files.readAllLines(dir.resolve("uevent"), StandardCharsets.UTF_8)) {
                if (line.startsWith("DEVTYPE=")) {
                    devtype = line.substring(8).strip();
                }
            }
            return new Sysfs(devtype, Files.isDirectory(dir.resolve("wireless")) || Files.isDirectory(dir.resolve("phy80211")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
