package org.connectdoctor.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Counts this process's open file descriptors through /proc/self/fd. Other threads of the test JVM
 * (the JavaFX toolkit, background explanations reading /proc and man pages) open and close files
 * at their own pace, so the probes' own kind of descriptor, sockets and pipes, is counted apart.
 */
public final class Fds {
    private Fds() {
    }

    /** Open sockets and pipes: what a probe opens (its socket, its wake-up pipe). */
    public static int socketsAndPipes() {
        int n = 0;
        File[] fds = new File("/proc/self/fd").listFiles();
        if (fds == null) {
            throw new IllegalStateException("/proc/self/fd is not readable");
        }
        for (File fd : fds) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:") || target.startsWith("pipe:")) {
                    n++;
                }
            } catch (IOException | UnsupportedOperationException closedMeanwhile) {
                // gone between listing and reading
            }
        }
        return n;
    }

    /**
     * Waits up to {@code millis} for the socket-and-pipe count to come back to {@code expected}
     * (another thread may be between its open and its close), and returns the last count.
     */
    public static int awaitSocketsAndPipes(int expected, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        int n = socketsAndPipes();
        while (n != expected && System.nanoTime() < end) {
            Thread.sleep(20);
            n = socketsAndPipes();
        }
        return n;
    }

}
