package org.connectdoctor.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * A {@link System.Logger} that appends one line per message to a file (the window's log, in the
 * data folder): a window has no terminal, so what it would have said on standard error is kept
 * where Help says. Bounded: past {@link #MAX_BYTES} the file becomes {@code NAME.1} and a new one
 * begins. Only a regular file is written (anything else at that name is left alone); a log that
 * cannot be written never stops the program.
 */
public final class FileLog implements System.Logger {

    /** The size at which the log is set aside as NAME.1 and started again. */
    public static final long MAX_BYTES = 1 << 20;

    private final Path file;
    private final String name;

    public FileLog(Path file, String name) {
        this.file = Objects.requireNonNull(file, "file");
        this.name = Objects.requireNonNull(name, "name");
    }

    public Path file() {
        return file;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        StringBuilder line = new StringBuilder().append(Instant.now()).append(' ').append(level.getName()).append(' ')
                .append(oneLine(msg));
        if (thrown != null) {
            line.append(" (").append(thrown).append(')');
            for (StackTraceElement e : thrown.getStackTrace()) {
                line.append("\n    at ").append(e);
            }
        }
        write(line.append('\n').toString());
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        log(level, bundle, params == null || params.length == 0 ? format : MessageFormat.format(format, params),
                (Throwable) null);
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            log(level, null, msgSupplier.get(), (Throwable) null);
        }
    }

    private static String oneLine(String msg) {
        return msg == null ? "" : msg.replace('\r', ' ').replace('\n', ' ');
    }

    private synchronized void write(String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileKind kind = FileKind.ofLink(file);
            if (kind != FileKind.MISSING && kind != FileKind.REGULAR) {
                return; // a FIFO or a link here is not ours to write into
            }
            if (kind == FileKind.REGULAR && Files.size(file) > MAX_BYTES) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the log is a help for the help desk, never a reason to fail
        }
    }
}
