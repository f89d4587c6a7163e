package org.connectdoctor.sys.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What descriptor 0 of this process is, read from /proc/self/fd/0 and /proc/self/fdinfo/0. A
 * standard input the shell closed ({@code <&-}) is reused by the Java runtime for a file of its
 * own (lib/modules, opened before any of our code runs), which would then be read as if it were
 * the input; one opened for writing only ({@code 0>file}) cannot be read at all.
 */
final class LinuxStandardInput {

    private static final int O_ACCMODE = 3;
    private static final int O_WRONLY = 1;

    private LinuxStandardInput() {
    }

    /** Why standard input cannot be read, or null when it can (or /proc cannot tell). */
    static String problem() {
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            return null;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            String home = System.getProperty("java.home", "");
            if (!home.isEmpty() && target.startsWith(home + "/") || target.endsWith("/lib/modules")
                    || target.endsWith(".jsa") || target.endsWith(".jar")) {
                return "standard input is closed (descriptor 0 is the Java runtime's own " + target + ")";
            }
            for (String l : Files.readAllLines(Path.of("/proc/self/fdinfo/0"))) {
                if (l.startsWith("flags:")) {
                    int flags = Integer.parseInt(l.substring(6).strip(), 8);
                    if ((flags & O_ACCMODE) == O_WRONLY) {
                        return "standard input is open for writing only";
                    }
                }
            }
            return null;
        } catch (NoSuchFileException e) {
            return "standard input is closed";
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
