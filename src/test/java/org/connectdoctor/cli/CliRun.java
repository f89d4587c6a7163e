package org.connectdoctor.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The picocli command line run in-process, as the tests of the cli package run it: its exit code
 * and what it printed on standard output and standard error.
 */
record CliRun(int exit, String out, String err) {

    static CliRun cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return Arrays.asList(out.split("\n"));
    }

    /** The first line of standard output that starts with {@code name} and a space: a checklist's row. */
    String row(String name) {
        return lines().stream().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + out));
    }
}
