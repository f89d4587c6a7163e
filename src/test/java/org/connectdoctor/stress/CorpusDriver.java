package org.connectdoctor.stress;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.connectdoctor.cli.Cli;

/**
 * A child JVM's main for {@link HostileCliCorpusTest}: reads cases from stdin (one a line, each
 * argument Base64-encoded, separated by ','), runs each through {@link Cli#run} — the method
 * Main calls — with its own captured stdout and stderr (System.out and System.err included), and
 * writes "exit millis base64(stdout) base64(stderr)" per case, flushed at once so a case that
 * hangs is known by its number.
 */
public final class CorpusDriver {
    private CorpusDriver() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream results = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Base64.Decoder dec = Base64.getDecoder();
        Base64.Encoder enc = Base64.getEncoder();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] parts = line.isEmpty() ? new String[0] : line.split(",", -1);
            String[] cliArgs = new String[parts.length];
            for (int i = 0; i < parts.length; i++) {
                cliArgs[i] = new String(dec.decode(parts[i]), StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            PrintStream savedOut = System.out;
            PrintStream savedErr = System.err;
            System.setOut(o);
            System.setErr(e);
            long start = System.nanoTime();
            int exit;
            try {
                exit = Cli.run(cliArgs, o, e);
            } catch (Throwable t) {
                t.printStackTrace(e);
                exit = -1;
            } finally {
                System.setOut(savedOut);
                System.setErr(savedErr);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            o.flush();
            e.flush();
            results.println(exit + " " + millis + " " + enc.encodeToString(out.toByteArray()) + " "
                    + enc.encodeToString(err.toByteArray()));
        }
    }
}
