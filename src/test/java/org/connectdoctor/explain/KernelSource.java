package org.connectdoctor.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's ICMP-to-errno tables, from Debian's linux-source-6.1 package: only net/ipv4/icmp.c
 * and net/ipv6/icmp.c are extracted, once, under target/kernel-src.
 */
final class KernelSource {
    static final Path TARBALL = Path.of("/usr/src/linux-source-6.1.tar.xz");
    static final String MISSING = TARBALL + " is missing: install Debian's linux-source-6.1 package (.ci/run does)";
    private static final String TOP = "linux-source-6.1";

    private KernelSource() {
    }

    /** The directory holding net/ipv4/icmp.c and net/ipv6/icmp.c, or null when the source is not installed. */
    static synchronized Path icmpSources() throws IOException, InterruptedException {
        Path out = Path.of("target", "kernel-src");
        Path top = out.resolve(TOP);
        if (Files.isRegularFile(top.resolve("net/ipv4/icmp.c")) && Files.isRegularFile(top.resolve("net/ipv6/icmp.c"))) {
            return top;
        }
        if (!Files.isRegularFile(TARBALL)) {
            return null;
        }
        Files.createDirectories(out);
        Process p = new ProcessBuilder("tar", "-xJf", TARBALL.toString(), "-C", out.toString(),
                TOP + "/net/ipv4/icmp.c", TOP + "/net/ipv6/icmp.c").inheritIO().start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tar did not finish extracting the ICMP sources within 240 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException("tar exited " + p.exitValue() + " extracting from " + TARBALL);
        }
        return top;
    }

    /** The text from {@code start} to the first {@code end} after it. */
    static String block(String source, String start, String end) {
        int i = source.indexOf(start);
        if (i < 0) {
            throw new IllegalStateException("not in the source: " + start);
        }
        int j = source.indexOf(end.replace("\\n", "\n"), i + start.length());
        return source.substring(i, j < 0 ? source.length() : j);
    }

    /** The values of {@code .field = EXXX} initialisers. */
    static Set<String> errnos(String block, String field) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\." + field + "\\s*=\\s*(E[A-Z]+)").matcher(block);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The values of {@code *err = EXXX;} assignments. */
    static Set<String> assigned(String block) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\*err\\s*=\\s*(E[A-Z]+)").matcher(block);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
