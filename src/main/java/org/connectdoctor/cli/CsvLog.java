package org.connectdoctor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.connectdoctor.files.SafeFiles;
import org.connectdoctor.probe.Attempt;
import org.connectdoctor.report.CsvLines;

/**
 * {@code --csv}: one line per attempt as it ends, so a long run is never held. A file is appended to
 * (the header only when it is new or empty), each line in one write(2) of an O_APPEND descriptor, so
 * two runs appending to one file do not interleave within a line; anything but a regular file is
 * refused before it is opened. "-" writes to standard output.
 */
final class CsvLog implements AutoCloseable {
    private final FileChannel file;
    private final PrintWriter out;
    private final boolean flushEach;
    private IOException failure;

    private CsvLog(FileChannel file, PrintWriter out, boolean flushEach) {
        this.file = file;
        this.out = out;
        this.flushEach = flushEach;
    }

    /** Standard output, with its header; flushed at each line unless {@code flushEach} is false (a flood). */
    static CsvLog stdout(PrintWriter out, boolean flushEach) {
        CsvLog log = new CsvLog(null, out, flushEach);
        log.write(CsvLines.HEADER);
        return log;
    }

    /**
     * {@code path} opened to append, created if missing.
     *
     * @throws org.connectdoctor.files.NotAFileException for a folder, a FIFO, a device…: never opened
     */
    static CsvLog append(Path path) throws IOException {
        SafeFiles.requireRegularOrMissing(path);
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        CsvLog log = new CsvLog(ch, null, false);
        try {
            if (ch.size() == 0) {
                log.write(CsvLines.HEADER);
            }
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return log;
    }

    /** Writes the line of {@code a}, which has just ended; a failure is kept for {@link #failure()}. */
    void attempt(Attempt a, boolean warmup) {
        if (failure == null) {
            write(CsvLines.line(Instant.now(), a, warmup));
        }
    }

    private void write(String line) {
        if (file == null) {
            out.print(line);
            out.print("\r\n");
            if (flushEach) {
                out.flush();
            }
            if (out.checkError()) {
                failure = new IOException("standard output is closed or full");
            }
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                file.write(b);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Why a line could not be written, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        } else {
            out.flush();
        }
    }
}
