package org.connectdoctor.ui;

import java.nio.file.Files;
import java.nio.file.Path;

/** Binary garbage where the settings should be. */
class DamagedSettingsTest extends SetAsideSettingsTest {
    @Override
    void prepare(Path file) throws Exception {
        Files.write(file, new byte[] {(byte) 0xc3, 0x28, 0, (byte) 0xff, 0x13, 0x37, (byte) 0x80});
    }

    @Override
    String why() {
        return "it is not text";
    }
}
