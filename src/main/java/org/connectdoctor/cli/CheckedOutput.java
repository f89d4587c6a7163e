package org.connectdoctor.cli;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Standard output that remembers the first write error. PrintWriter and PrintStream swallow
 * IOExceptions; this stream keeps the reason (No space left on device, Broken pipe) so that the
 * command can say the output was lost, and refuses every later write at once.
 */
final class CheckedOutput extends OutputStream {
    private final OutputStream out;
    private volatile IOException failure;

    CheckedOutput(OutputStream out) {
        this.out = out;
    }

    /** The first write error, or null while everything was written. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(int b) throws IOException {
        check();
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        check();
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
        if (out instanceof java.io.PrintStream p && p.checkError()) {
            // a PrintStream handed in (tests, the CDS training run) reports trouble without a reason
            throw failed(new IOException("the output stream reported an error"));
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void check() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return failure;
    }
}
