package org.connectdoctor.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a path names, as stat(2) tells it: the program reads and writes only regular files, and
 * names anything else (a FIFO that would block open(2) forever, a device such as /dev/zero that
 * never ends) instead of opening it.
 */
public enum FileKind {
    MISSING("nothing"),
    REGULAR("a regular file"),
    DIRECTORY("a folder"),
    SYMBOLIC_LINK("a symbolic link"),
    FIFO("a FIFO (named pipe)"),
    CHARACTER_DEVICE("a character device"),
    BLOCK_DEVICE("a block device"),
    SOCKET("a Unix socket"),
    OTHER("not a regular file");

    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private final String words;

    FileKind(String words) {
        this.words = words;
    }

    /** "a FIFO (named pipe)", "a character device", …: what the path is, in words. */
    public String words() {
        return words;
    }

    /** What {@code path} names, following symbolic links (a link to /dev/zero is a character device). */
    public static FileKind of(Path path) throws IOException {
        return of(path, true);
    }

    /** What {@code path} itself is: a symbolic link is {@link #SYMBOLIC_LINK}, whatever it points to. */
    public static FileKind ofLink(Path path) throws IOException {
        return of(path, false);
    }

    private static FileKind of(Path path, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return MISSING;
        }
        if (a.isRegularFile()) {
            return REGULAR;
        }
        if (a.isDirectory()) {
            return DIRECTORY;
        }
        if (a.isSymbolicLink()) {
            return SYMBOLIC_LINK;
        }
        try {
            // Linux and macOS: the type bits of st_mode tell a FIFO from a device
            int mode = (Integer) Files.getAttribute(path, "unix:mode", options);
            switch (mode & S_IFMT) {
                case S_IFIFO:
                    return FIFO;
                case S_IFCHR:
                    return CHARACTER_DEVICE;
                case S_IFBLK:
                    return BLOCK_DEVICE;
                case S_IFSOCK:
                    return SOCKET;
                default:
                    return OTHER;
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return OTHER; // Windows: no unix view
        }
    }
}
