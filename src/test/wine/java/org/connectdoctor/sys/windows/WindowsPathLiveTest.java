package org.connectdoctor.sys.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.explain.AddressSource;
import org.connectdoctor.explain.PathReader;
import org.connectdoctor.explain.VpnPath;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.probe.Resolution;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NetworkLink;
import org.connectdoctor.sys.Read;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The path readings on a Windows JVM (issue #22 §2, §6): the adapters' kinds from IfType,
 * TunnelType and Description (their offsets in IP_ADAPTER_ADDRESSES_LH read for real), and the
 * hosts file under %SystemRoot%, which the test writes into the prefix and puts back afterwards.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WindowsPathLiveTest {

    private final HostState host = HostState.current();

    private static <T> T known(Read<T> read) {
        if (read instanceof Read.Unknown<T> u) {
            throw new AssertionError("unknown: " + u.reason());
        }
        return read.orElse(null);
    }

    @Test
    void theAdaptersHaveKindsAndReadableDescriptions() {
        List<Adapters.Adapter> adapters = known(Adapters.read());
        for (Adapters.Adapter a : adapters) {
            System.out.println("adapter under " + Wine.describe() + ": " + a.name() + " IfType " + a.ifType()
                    + " TunnelType " + a.tunnelType() + " Description \"" + a.description() + "\"");
            assertTrue(a.description().chars().noneMatch(Character::isISOControl), "Description read at offset 64: "
                    + a.description());
            assertTrue(a.tunnelType() >= 0 && a.tunnelType() <= 15, "TunnelType read at offset 272: " + a.tunnelType());
        }
        List<NetworkLink> links = known(host.links());
        assertEquals(adapters.size(), links.size());
        assertTrue(links.stream().anyMatch(l -> l.kind() == InterfaceKind.LOOPBACK), links.toString());
        if ("1".equals(System.getenv("CD_WINE_NET"))) {
            NetworkLink cd0 = links.stream().filter(l -> l.name().contains("cd0")).findFirst()
                    .orElseThrow(() -> new AssertionError("no cd0 among " + links));
            assertEquals(InterfaceKind.ETHERNET, cd0.kind(), cd0.toString());
            VpnPath v = PathReader.vpn(host, new SockAddr.Inet4(0x0a_63_00_05, 443)); // 10.99.0.5, the default route
            System.out.println("VPN or not for 10.99.0.5 under " + Wine.describe() + ": " + v);
            assertTrue(v == null || v.verdict() != VpnPath.Verdict.THROUGH_VPN, String.valueOf(v));
        }
    }

    @Test
    void theHostsFileLineIsNamedWithItsWindowsPath() throws Exception {
        String root = System.getenv("SystemRoot");
        assumeTrue(root != null, "no %SystemRoot%");
        Path file = Path.of(root, "System32", "drivers", "etc", "hosts");
        byte[] before = Files.exists(file) ? Files.readAllBytes(file) : null;
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, ("# Copyright (c) 1993-2009 Microsoft Corp.\r\n#\r\n127.0.0.1 localhost\r\n\r\n"
                    + "0.0.0.0 db01.corp.example.com   # blocked\r\n").getBytes(StandardCharsets.UTF_8));
            HostState.HostsFile hosts = known(host.hostsFile());
            assertEquals(file.toString(), hosts.source());
            HostState.HostsEntry e = hosts.entries().stream().filter(x -> x.names().contains("db01.corp.example.com"))
                    .findFirst().orElseThrow();
            assertEquals(5, e.line());
            SockAddr zero = new SockAddr.Inet4(0, 5432);
            Resolution r = new Resolution("db01.corp.example.com", "5432", List.of(zero), null, false, null, 1000);
            AddressSource.HostsFile src = assertInstanceOf(AddressSource.HostsFile.class,
                    PathReader.addressSource(host, Os.WINDOWS, r, zero));
            System.out.println("address source under " + Wine.describe() + ": " + src.where());
            assertEquals(file + " line 5", src.where());
            assertTrue(src.blocklist());
        } finally {
            if (before == null) {
                Files.deleteIfExists(file);
            } else {
                Files.write(file, before);
            }
        }
    }
}
