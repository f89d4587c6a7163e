package org.connectdoctor.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * "Check the path": what is at a Unix socket's path, read from the file system as the user's own
 * process sees it (existence, kind, owner, mode, the nearest folder that exists). Runs in the
 * background; says what it could not read instead of guessing.
 */
final class PathCheck {
    private PathCheck() {
    }

    static String describe(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                Path parent = path.toAbsolutePath().getParent();
                while (parent != null && !Files.isDirectory(parent)) {
                    parent = parent.getParent();
                }
                Path folder = path.toAbsolutePath().getParent();
                if (parent != null && parent.equals(folder)) {
                    return path + ": no such file. Its folder " + folder + " exists" + (Files.isReadable(folder)
                            ? "; the service that should create the socket is not running, or uses another path."
                            : ", but you cannot list it.");
                }
                return path + ": no such file, and its folder " + folder + " does not exist either"
                        + (parent == null ? "." : " (the nearest folder that does is " + parent + ").");
            }
            String kind = kind(path);
            String owner = "";
            try {
                PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                owner = ", owner " + a.owner().getName() + ":" + a.group().getName() + ", mode "
                        + PosixFilePermissions.toString(a.permissions());
            } catch (UnsupportedOperationException | IOException e) {
                owner = ""; // no POSIX attributes here (Windows): the kind alone
            }
            String access = Files.isWritable(path) ? "you may write to it (connect needs that)"
                    : "you may not write to it, so connect(2) is refused with EACCES";
            return path + ": " + kind + owner + "; " + access + ".";
        } catch (SecurityException e) {
            return path + ": could not be read (" + e.getMessage() + ").";
        }
    }

    private static String kind(Path path) {
        if (Files.isSymbolicLink(path)) {
            return "a symbolic link to " + readLink(path);
        }
        if (Files.isDirectory(path)) {
            return "a folder, not a socket";
        }
        if (Files.isRegularFile(path)) {
            return "an ordinary file, not a socket (a leftover, or the wrong path)";
        }
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & 0170000) == 0140000) {
                return "a socket";
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return "a special file (its kind could not be read)";
        }
        return "a special file, not a socket";
    }

    private static String readLink(Path path) {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }
}
