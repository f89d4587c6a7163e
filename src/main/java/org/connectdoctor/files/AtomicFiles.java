package org.connectdoctor.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Replacing a file so that a reader, or a crash, sees the old content or the new, never a part:
 * the new content goes to a temporary file beside it, is forced to the disk, and is renamed over
 * the file. The settings and the history's compaction both write this way, and take turns with
 * other processes on a lock file the same way ({@link #lock}).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file}'s content with {@code content}; the file's folder must exist. The
     * temporary file (readable by its owner only, where the file system has permissions) is
     * removed when anything fails.
     */
    public static void replace(Path file, byte[] content) throws IOException {
        replace(file, ch -> {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    /** What goes into the new file: written to the channel of the temporary file, from its start. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel out) throws IOException;
    }

    /**
     * As {@link #replace(Path, byte[])}, with content written by {@code content} (a copy of part of
     * the old file, say), so that no copy of it needs to be held in memory.
     */
    public static void replace(Path file, Content content) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                content.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The lock of {@code channel}, waiting up to {@code waitMillis} while another process holds
     * it; null when it is still held then, or when the thread is interrupted (its flag is kept).
     * Threads of one process must take turns before this: a FileChannel lock belongs to the process.
     */
    public static FileLock lock(FileChannel channel, long waitMillis) throws IOException {
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null || System.nanoTime() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
