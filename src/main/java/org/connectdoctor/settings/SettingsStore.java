package org.connectdoctor.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Keeps {@link Settings} in the user's configuration directory ($XDG_CONFIG_HOME/connect-doctor,
 * ~/.config/connect-doctor, %APPDATA%\Connect Doctor, or ~/Library/Application Support/Connect
 * Doctor). Writes atomically (a temporary file, then a rename). A damaged file never stops the
 * application: it is moved aside as a backup and the defaults are used, with a warning saying so.
 */
public final class SettingsStore {

    /** What loading found: the settings and, if the file was damaged or unreadable, why. */
    public record Loaded(Settings settings, String warning) {
    }

    private static final long MAX_BYTES = 256 * 1024;
    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public static SettingsStore standard() {
        return new SettingsStore(configDirectory().resolve("settings.properties"));
    }

    public Path file() {
        return file;
    }

    static Path configDirectory() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.startsWith("windows") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "Connect Doctor");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Connect Doctor");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".config")).resolve("connect-doctor");
    }

    public Loaded load() {
        if (!Files.exists(file)) {
            return new Loaded(Settings.DEFAULTS, null);
        }
        try {
            if (Files.size(file) > MAX_BYTES) {
                return damaged("it is " + Files.size(file) + " bytes long, far more than settings take");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return damaged("it is not text");
            }
            Properties p = new Properties();
            p.load(new StringReader(text));
            if (!"1".equals(p.getProperty("format"))) {
                return damaged("it has no \"format=1\" line");
            }
            List<String> recent = new ArrayList<>();
            for (int i = 0; i < Settings.MAX_RECENT; i++) {
                String t = p.getProperty("recent." + i);
                if (t == null) {
                    break;
                }
                if (t.length() <= 4096 && t.chars().noneMatch(c -> c < 0x20)) {
                    recent.add(t);
                }
            }
            double w = number(p, "window.width", 400, 10_000);
            double h = number(p, "window.height", 300, 10_000);
            boolean dark = Boolean.parseBoolean(p.getProperty("theme.dark", "false"));
            return new Loaded(new Settings(recent, w, h, dark), null);
        } catch (NumberFormatException e) {
            return damaged("a value has the wrong type (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            return damaged("it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static double number(Properties p, String key, double min, double max) {
        String v = p.getProperty(key);
        if (v == null) {
            return key.endsWith("width") ? Settings.DEFAULTS.width() : Settings.DEFAULTS.height();
        }
        double d = Double.parseDouble(v.strip());
        if (!(d >= min && d <= max)) {
            throw new NumberFormatException(key + " = " + v + " is outside " + (int) min + " to " + (int) max);
        }
        return d;
    }

    private Loaded damaged(String why) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path backup = file.resolveSibling(file.getFileName() + ".damaged-" + stamp);
        try {
            Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
            return new Loaded(Settings.DEFAULTS, "The settings file " + file + " was damaged (" + why + "). It was kept as "
                    + backup.getFileName() + " and the defaults are used.");
        } catch (IOException e) {
            return new Loaded(Settings.DEFAULTS, "The settings file " + file + " was damaged (" + why + ") and could not "
                    + "be moved aside (" + e.getMessage() + "); the defaults are used.");
        }
    }

    /** Writes the settings atomically; returns a warning, or null when saved. */
    public String save(Settings s) {
        Properties p = new Properties();
        p.setProperty("format", "1");
        for (int i = 0; i < s.recentTargets().size(); i++) {
            p.setProperty("recent." + i, s.recentTargets().get(i));
        }
        p.setProperty("window.width", Double.toString(s.width()));
        p.setProperty("window.height", Double.toString(s.height()));
        p.setProperty("theme.dark", Boolean.toString(s.dark()));
        try {
            Files.createDirectories(file.getParent());
            StringWriter w = new StringWriter();
            p.store(w, "Connect Doctor settings");
            Path tmp = Files.createTempFile(file.getParent(), ".settings", ".tmp");
            try {
                Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "The settings could not be saved to " + file + ": " + e.getMessage();
        }
    }
}
