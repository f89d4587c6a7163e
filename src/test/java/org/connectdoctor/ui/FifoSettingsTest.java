package org.connectdoctor.ui;

import java.nio.file.Path;

/** A FIFO where the settings should be: open(2) would wait for a writer for ever, so it is never opened. */
class FifoSettingsTest extends SetAsideSettingsTest {
    @Override
    void prepare(Path file) throws Exception {
        if (new ProcessBuilder("mkfifo", file.toString()).start().waitFor() != 0) {
            throw new AssertionError("mkfifo failed");
        }
    }

    @Override
    String why() {
        return "it is a FIFO (named pipe), not a regular file";
    }
}
