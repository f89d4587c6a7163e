package org.connectdoctor.settings;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.connectdoctor.files.AtomicFiles;
import org.connectdoctor.files.FileKind;
import org.connectdoctor.files.SafeFiles;

/**
 * Keeps {@link Settings} in the user's configuration directory ($XDG_CONFIG_HOME/connect-doctor,
 * ~/.config/connect-doctor, %APPDATA%\Connect Doctor, or ~/Library/Application Support/Connect
 * Doctor). Writes atomically (a temporary file, then a rename), each change as it is made and
 * merged with what another window wrote ({@link #update}). A damaged file never stops the
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
        String home = org.connectdoctor.files.UserHome.path();
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
            String problem = folderProblem();
            return new Loaded(Settings.DEFAULTS, problem == null ? null : cannotSave(problem));
        }
        try {
            FileKind kind = FileKind.of(file);
            if (kind != FileKind.REGULAR) {
                // a FIFO would block the window's start for ever, /dev/zero would fill its memory
                return damaged("it is " + kind.words() + ", not a regular file");
            }
            byte[] bytes = SafeFiles.readRegular(file, (int) MAX_BYTES);
            if (bytes.length > MAX_BYTES) {
                return damaged("it is longer than " + MAX_BYTES + " bytes, far more than settings take");
            }
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
            String zoom = p.getProperty("window.fontScale");
            double scale = zoom == null ? 1.0 : Double.parseDouble(zoom.strip());
            if (!(scale >= Settings.MIN_SCALE && scale <= Settings.MAX_SCALE)) {
                throw new NumberFormatException("window.fontScale = " + zoom + " is outside " + Settings.MIN_SCALE
                        + " to " + Settings.MAX_SCALE);
            }
            return new Loaded(new Settings(recent, w, h, dark, scale), null);
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
        try {
            Path backup = SafeFiles.setAside(file, "damaged");
            return new Loaded(Settings.DEFAULTS, "The settings file " + file + " was damaged (" + why + "). It was kept as "
                    + backup.getFileName() + " and the defaults are used.");
        } catch (IOException e) {
            return new Loaded(Settings.DEFAULTS, "The settings file " + file + " was damaged (" + why + ") and could not "
                    + "be moved aside (" + e.getMessage() + "); the defaults are used.");
        }
    }

    /** What an update wrote (or would have written) and, when it could not, why. */
    public record Saved(Settings settings, String warning) {
    }

    /** How long an update waits for another window that holds the lock. */
    private static final long LOCK_WAIT_MILLIS = 3000;
    /** FileChannel locks belong to the process: windows of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    /**
     * Applies {@code change} to the settings on disk and writes the result, under a lock on
     * {@code settings.properties.lock}: two windows that change their settings at once each keep
     * what the other wrote (read, modify, write). A window calls this for every change it makes,
     * so a window killed by SIGTERM loses nothing it had already shown.
     *
     * @return the settings as they now are on disk (or would be) and a warning when the write failed
     */
    public Saved update(UnaryOperator<Settings> change) {
        synchronized (IN_PROCESS) {
            String problem = folderProblem();
            if (problem != null) {
                return new Saved(change.apply(Settings.DEFAULTS), cannotSave(problem));
            }
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException | RuntimeException e) {
                return new Saved(change.apply(Settings.DEFAULTS), cannotSave(describe(e)));
            }
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            String lockNote = null;
            try {
                FileKind lockKind = FileKind.ofLink(lockFile);
                if (lockKind != FileKind.MISSING && lockKind != FileKind.REGULAR) {
                    // opening a FIFO for writing blocks until a reader comes: never open it
                    Path aside = SafeFiles.setAside(lockFile, "not-a-file");
                    lockNote = lockFile + " was " + lockKind.words() + ", not a regular file; it was moved aside as "
                            + aside.getFileName() + ".";
                }
            } catch (IOException | RuntimeException e) {
                return new Saved(change.apply(Settings.DEFAULTS), cannotSave(describe(e)));
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
                 FileLock lock = AtomicFiles.lock(channel, LOCK_WAIT_MILLIS)) {
                Loaded onDisk = Files.exists(file) ? load() : new Loaded(Settings.DEFAULTS, null);
                Settings next = change.apply(onDisk.settings());
                if (lock == null) {
                    return new Saved(next, cannotSave("another Connect Doctor window has held " + lockFile
                            + " for more than " + LOCK_WAIT_MILLIS / 1000 + " s"));
                }
                String warning = save(next);
                // a file damaged since the window opened was set aside: that is said too
                String said = warning != null ? warning : onDisk.warning();
                return new Saved(next, lockNote == null ? said : said == null ? lockNote : lockNote + " " + said);
            } catch (IOException | RuntimeException e) {
                return new Saved(change.apply(Settings.DEFAULTS), cannotSave(describe(e)));
            }
        }
    }

    /**
     * Why the settings folder cannot exist, when a part of its path is a file ($XDG_CONFIG_HOME
     * pointing at a file, say); null when it exists or can be made.
     */
    public String folderProblem() {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p + " is a file, not a folder";
            }
        }
        return null;
    }

    private String cannotSave(String why) {
        return "Settings and recent targets cannot be saved to " + file + " (" + why + "); they last until this "
                + "window closes.";
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied on " + ((java.nio.file.FileSystemException) e).getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return e.getClass().getSimpleName().replace("Exception", "") + " " + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
        p.setProperty("window.fontScale", Double.toString(s.fontScale()));
        try {
            Files.createDirectories(file.getParent());
            StringWriter w = new StringWriter();
            p.store(w, "Connect Doctor settings");
            AtomicFiles.replace(file, w.toString().getBytes(StandardCharsets.UTF_8));
            return null;
        } catch (IOException | RuntimeException e) {
            return cannotSave(describe(e));
        }
    }
}
