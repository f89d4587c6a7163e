package org.connectdoctor.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reading the user's files without the ways a file can stall or sink the program: only regular
 * files are opened (a FIFO blocks open(2) until some writer comes, /dev/zero never ends), every
 * read is bounded in bytes, and input that may come from a pipe is bounded in time too.
 */
public final class SafeFiles {

    private SafeFiles() {
    }

    /**
     * The bytes of the regular file {@code file} (symbolic links followed), at most {@code max + 1}
     * of them, so the caller can tell "too large" without reading it all.
     *
     * @throws NotAFileException when it is anything but a regular file; it is not opened then
     */
    public static byte[] readRegular(Path file, int max) throws IOException {
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ)) {
            return in.readNBytes(max + 1);
        }
    }

    /** Throws {@link NotAFileException} unless {@code file} is a regular file or missing. */
    public static void requireRegularOrMissing(Path file) throws IOException {
        FileKind kind = FileKind.of(file);
        if (kind != FileKind.REGULAR && kind != FileKind.MISSING) {
            throw new NotAFileException(file, kind);
        }
    }

    private static void requireRegular(Path file) throws IOException {
        FileKind kind = FileKind.of(file);
        if (kind == FileKind.MISSING) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        if (kind != FileKind.REGULAR) {
            throw new NotAFileException(file, kind);
        }
    }

    /**
     * Moves {@code file} (the link itself when it is one) to a name beside it that says why and
     * when: {@code settings.properties.damaged-20261207-093000}. Never replaces another file.
     *
     * @return where it now is
     */
    public static Path setAside(Path file, String why) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path target = file.resolveSibling(file.getFileName() + "." + why + "-" + stamp);
        for (int i = 2; Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS); i++) {
            target = file.resolveSibling(file.getFileName() + "." + why + "-" + stamp + "-" + i);
        }
        return Files.move(file, target);
    }

    /** An input that a person or a program sends, with its end: standard input, a FIFO, a pipe. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** Input that did not end within its time. */
    public static final class InputTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        public InputTimeoutException(String message) {
            super(message);
        }
    }

    /**
     * Opens and reads at most {@code max + 1} bytes from {@code opener} on a thread of its own and
     * waits at most {@code waitMillis} for the end of the input. A FIFO with no writer blocks in
     * open(2) and a pipe that never closes blocks in read(2); neither can be interrupted, so the
     * reading thread is a daemon that is left behind (the program ends all the same).
     *
     * @throws InputTimeoutException when the input did not end in time
     */
    public static byte[] readWithin(Opener opener, int max, long waitMillis) throws IOException {
        Callable<byte[]> read = () -> {
            try (InputStream in = opener.open()) {
                return in.readNBytes(max + 1);
            }
        };
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(read.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "bounded-input");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new InputTimeoutException("it did not end within " + seconds(waitMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** How long input from a pipe, a FIFO or a device may take to end: a profile or a payload is small. */
    public static final long INPUT_WAIT_MILLIS = 10_000;

    /**
     * The bytes of {@code path}, at most {@code max + 1}: a regular file is read at once; a FIFO,
     * a pipe ({@code /dev/stdin}, {@code <(...)}) or a character device is read on a thread of its
     * own for at most {@link #INPUT_WAIT_MILLIS}, so a FIFO nobody writes to, or a writer that
     * never ends, gives a clear message instead of a hang. A folder or a block device is refused.
     */
    public static byte[] readInput(Path path, int max) throws IOException {
        FileKind kind = FileKind.of(path);
        switch (kind) {
            case MISSING:
                throw new java.nio.file.NoSuchFileException(path.toString());
            case REGULAR:
                return readRegular(path, max);
            case FIFO:
            case CHARACTER_DEVICE:
            case SOCKET:
            case OTHER:
                return readWithin(() -> Files.newInputStream(path), max, INPUT_WAIT_MILLIS);
            default:
                throw new NotAFileException(path, kind);
        }
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
