package org.connectdoctor.settings;

import java.nio.file.Path;

/**
 * A second window's settings writes, in a process of its own (FileChannel locks are per process):
 * {@code SettingsWriter FILE PREFIX N} adds N recent targets PREFIX0… one update each.
 */
public final class SettingsWriter {
    private SettingsWriter() {
    }

    public static void main(String[] args) {
        SettingsStore store = new SettingsStore(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) {
            String target = args[1] + i + ":1";
            String warning = store.update(s -> s.withRecent(target)).warning();
            if (warning != null) {
                System.err.println(warning);
                System.exit(1);
            }
        }
    }
}
