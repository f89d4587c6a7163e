package org.connectdoctor.probe;

import java.io.FileInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.connectdoctor.testing.Loopback;

/**
 * Child JVM of {@link DescriptorLimitTest}: lowers its own RLIMIT_NOFILE (prlimit --pid), fills
 * every descriptor slot left below it, then frees exactly {@code free} slots and probes a closed
 * loopback port with a fresh engine. Prints one line "OUTCOME PHASE CALL ERRNO" per probe. With one
 * free slot pipe2 (which needs two) fails; with two, pipe2 succeeds and socket fails.
 */
public final class DescriptorLimitChild {
    private DescriptorLimitChild() {
    }

    public static void main(String[] args) throws Exception {
        int free = Integer.parseInt(args[0]);
        int port = Loopback.closedTcpPort();
        ProbeRequest request = Probes.stream("127.0.0.1:" + port);
        probeThrice(request); // loads the native library, every class and jar of the path
        long open;
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            open = fds.count();
        }
        long limit = open + 16;
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(ProcessHandle.current().pid()),
                "--nofile=" + limit + ":" + limit).inheritIO().start();
        if (p.waitFor() != 0) {
            System.out.println("prlimit failed: " + p.exitValue());
            System.exit(2);
        }
        Deque<FileInputStream> fillers = new ArrayDeque<>();
        fill(fillers);
        // In one full CI run a descriptor came free after the first fill (pipe2 then found two slots
        // and socket none), most likely one the JVM closed late for the prlimit child, whose process
        // reaper runs on a thread of its own. Fill again once such a late close has happened.
        Thread.sleep(300);
        fill(fillers);
        for (int i = 0; i < free; i++) {
            fillers.pop().close();
        }
        String out = probeThrice(request);
        for (FileInputStream f : fillers) {
            f.close();
        }
        System.out.print(out);
        System.out.println("filled ok");
    }

    /** Opens /dev/null until no descriptor slot below the limit is left. */
    private static void fill(Deque<FileInputStream> fillers) {
        try {
            while (fillers.size() < 100_000) {
                fillers.push(new FileInputStream("/dev/null"));
            }
        } catch (IOException full) {
            // every slot below the limit is taken
        }
    }

    private static String probeThrice(ProbeRequest request) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            ProbeEngine engine = new ProbeEngine(org.connectdoctor.sys.NativeSockets.system());
            ProbeReport r = engine.run(request);
            engine.close();
            Attempt a = r.decisive();
            out.append(r.outcome()).append(' ').append(a == null ? "-" : a.phase()).append(' ')
                    .append(a == null ? "-" : a.failedCall()).append(' ')
                    .append(a == null || a.error() == null ? "-" : a.error().symbol()).append('\n');
        }
        return out.toString();
    }
}
