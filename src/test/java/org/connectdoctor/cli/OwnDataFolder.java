package org.connectdoctor.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.connectdoctor.history.HistoryStore;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives each test a data folder of its own (a new temporary folder named by
 * {@link HistoryStore#DATA_PROPERTY}), so the runs a test makes never reach the user's history;
 * the folder is removed and the property restored after the test.
 */
final class OwnDataFolder implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OwnDataFolder.class);

    private record Saved(String before, Path folder) { }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Path folder = Files.createTempDirectory("connect-doctor-data-");
        context.getStore(NS).put(Saved.class, new Saved(System.getProperty(HistoryStore.DATA_PROPERTY), folder));
        System.setProperty(HistoryStore.DATA_PROPERTY, folder.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Saved s = context.getStore(NS).remove(Saved.class, Saved.class);
        if (s == null) {
            return;
        }
        if (s.before() == null) {
            System.clearProperty(HistoryStore.DATA_PROPERTY);
        } else {
            System.setProperty(HistoryStore.DATA_PROPERTY, s.before());
        }
        try (Stream<Path> all = Files.walk(s.folder())) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The data folder of the test running now. */
    static Path current() {
        return Path.of(System.getProperty(HistoryStore.DATA_PROPERTY));
    }
}
