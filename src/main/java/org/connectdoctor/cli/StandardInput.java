package org.connectdoctor.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.connectdoctor.files.SafeFiles;

/** Standard input as {@code check -} and {@code --payload-file -} read it: refused when closed, bounded when piped. */
final class StandardInput {

    /** Standard input is closed, or not open for reading. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private StandardInput() {
    }

    /**
     * At most {@code max + 1} bytes of standard input, up to its end. From a terminal the person
     * ends it (Ctrl-D) or cancels (Ctrl-C); from a pipe or a file it must end within
     * {@link SafeFiles#INPUT_WAIT_MILLIS}.
     */
    static byte[] read(int max) throws IOException {
        String problem = org.connectdoctor.sys.HostState.current().standardInputProblem();
        if (problem != null) {
            throw new Unreadable(problem);
        }
        InputStream in = new FilterInputStream(System.in) {
            @Override
            public void close() {
                // standard input belongs to the process
            }
        };
        try {
            if (System.console() != null) {
                return in.readNBytes(max + 1);
            }
            return SafeFiles.readWithin(() -> in, max, SafeFiles.INPUT_WAIT_MILLIS);
        } catch (SafeFiles.InputTimeoutException e) {
            throw e;
        } catch (IOException e) {
            if ("Bad file descriptor".equals(e.getMessage())) {
                throw new Unreadable("standard input is not open for reading");
            }
            throw e;
        }
    }
}
