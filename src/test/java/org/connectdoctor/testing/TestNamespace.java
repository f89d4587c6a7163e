package org.connectdoctor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.connectdoctor.sys.linux.NetworkNamespaces;

/**
 * A network namespace of the test's own (root only), made with {@code ip netns add} and removed
 * on close. Everything configured in it (links, addresses, routes) disappears with it; no
 * packet it handles can leave it.
 */
public final class TestNamespace implements AutoCloseable {
    private final String name;

    private TestNamespace(String name) {
        this.name = name;
    }

    /** Why namespaces cannot be made here, or null when they can. */
    public static String unavailableReason() {
        if (!Loopback.isRoot()) {
            return "network-namespace tests need root (CI runs as root); running as uid != 0";
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))
                && !Files.isExecutable(Path.of("/usr/bin/ip"))) {
            return "the ip command (iproute2) is not installed; .ci/run installs it";
        }
        return null;
    }

    public static TestNamespace create(String prefix) throws IOException, InterruptedException {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        run("ip", "netns", "add", name);
        return new TestNamespace(name);
    }

    /**
     * The routed namespace the routing tests share: loopback up, a veth pair with 10.77.0.1/24 on v0
     * (both ends inside, so nothing leaves), an "unreachable" route to 10.78.0.0/24 and a "prohibit"
     * route to 10.79.0.0/24; 10.80.0.0/16 has no route at all.
     */
    public static TestNamespace routed(String prefix) throws IOException, InterruptedException {
        TestNamespace ns = create(prefix);
        try {
            return ns.ip("link", "set", "lo", "up")
                    .ip("link", "add", "v0", "type", "veth", "peer", "name", "v1")
                    .ip("addr", "add", "10.77.0.1/24", "dev", "v0")
                    .ip("link", "set", "v1", "up")
                    .ip("link", "set", "v0", "up")
                    .ip("route", "add", "unreachable", "10.78.0.0/24")
                    .ip("route", "add", "prohibit", "10.79.0.0/24");
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n NAME ARGS…} and fails on a non-zero exit. */
    public TestNamespace ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        run(cmd.toArray(String[]::new));
        return this;
    }

    /** Calls {@code task} on a thread that has entered this namespace. */
    public <T> T inside(Callable<T> task) throws Exception {
        return NetworkNamespaces.callInside(Path.of("/run/netns", name), task);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "netns", "del", name);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no exit within 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out);
        }
    }
}
