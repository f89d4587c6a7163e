package org.connectdoctor.explain;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.connectdoctor.man.ManRef;

/**
 * What the bundled Linux manual says that holds on Linux only: pages of Linux's own tools and
 * configuration, and entries whose cause is a Linux mechanism (SELinux, /proc/sys settings). On
 * Windows and macOS these are left out of the quotes and the See also list.
 */
final class LinuxOnly {

    /** Pages of Linux-only tools, files and mechanisms. */
    private static final Set<ManRef> PAGES = Set.of(new ManRef("selinux", "8"), new ManRef("gai.conf", "5"),
            new ManRef("ip", "8"), new ManRef("ss", "8"), new ManRef("sysctl", "8"), new ManRef("proc", "5"),
            new ManRef("path_resolution", "7"), new ManRef("getaddrinfo_a", "3"), new ManRef("nsswitch.conf", "5"),
            new ManRef("capabilities", "7"), new ManRef("netdevice", "7"), new ManRef("rtnetlink", "7"));

    /** Words that name a Linux-only mechanism in an entry's text. */
    private static final List<String> WORDS = List.of("selinux", "/proc/", "apparmor", "sysctl", "cap_net_",
            "glibc", "netlink");

    private LinuxOnly() {
    }

    static boolean page(ManRef ref) {
        return PAGES.contains(ref);
    }

    static boolean mentions(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(t::contains);
    }
}
