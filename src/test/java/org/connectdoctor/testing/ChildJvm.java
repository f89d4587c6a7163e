package org.connectdoctor.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of the test class path in a child JVM, optionally under a command prefix
 * ({@code ip netns exec NAME}, {@code prlimit …}), so that a test can change what the child sees
 * (its resolver, its descriptor limit, its heap) without touching the test JVM.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** What the child printed and how it ended. */
    public record Result(int exitCode, String output) { }

    /**
     * Runs {@code main} with {@code jvmOptions} and {@code args}, after {@code prefix}; kills it
     * and fails after {@code timeoutSeconds}.
     */
    public static Result run(List<String> prefix, List<String> jvmOptions, Class<?> main, List<String> args,
                             long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // Read as it comes, so a chatty child never blocks on a full pipe.
        java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(output unreadable: " + e.getMessage() + ")";
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("child " + main.getSimpleName() + " still running after " + timeoutSeconds
                    + " s; it printed: " + out.getNow("(nothing yet)"));
        }
        try {
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Result(p.exitValue(), "(output unreadable: " + e + ")");
        }
    }
}
