package org.connectdoctor.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.files.AtomicFiles;
import org.connectdoctor.probe.ProbeReport;
import org.connectdoctor.report.ExplanationText;
import org.connectdoctor.report.TextReport;

/**
 * The run history: one JSON line per run appended to {@code history.jsonl} in the user's data
 * folder and forced to the disk before {@link #record} returns, so a crash or SIGTERM loses no run
 * already shown. A line cut short by a crash is skipped with a warning; the file keeps the last
 * {@link #retention()} runs, rewritten atomically (a temporary file, then a rename) once it holds
 * a tenth more. Processes and windows take turns on {@code history.jsonl.lock}. Never throws for
 * a file problem: it answers with a warning in words.
 */
public final class HistoryStore {

    /** Tests, and people who keep the history elsewhere, set this system property to a folder. */
    public static final String DATA_PROPERTY = "connectdoctor.data";
    /** The same as an environment variable, which child processes inherit. */
    public static final String DATA_ENV = "CONNECT_DOCTOR_DATA";
    /** How many runs are kept, as a system property or environment variable CONNECT_DOCTOR_HISTORY_KEEP. */
    public static final String KEEP_PROPERTY = "connectdoctor.history.keep";
    public static final String KEEP_ENV = "CONNECT_DOCTOR_HISTORY_KEEP";
    public static final int DEFAULT_RETENTION = 500;
    public static final int MAX_RETENTION = 100_000;
    /** A line longer than this is not a run this program wrote (reports are cut at 64 K characters). */
    static final int MAX_LINE_BYTES = 1 << 20;
    private static final long LOCK_WAIT_MILLIS = 3000;
    /** FileChannel locks belong to the process: threads of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    /** What reading found: the runs, oldest first, and what could not be read. */
    public record Loaded(List<RunRecord> runs, List<String> warnings) {
        public Loaded {
            runs = List.copyOf(runs);
            warnings = List.copyOf(warnings);
        }

        /** The runs of {@code target} (as written by {@link org.connectdoctor.probe.Target#display()}), oldest first. */
        public List<RunRecord> of(String target) {
            return runs.stream().filter(r -> r.target().equals(target)).toList();
        }
    }

    private final Path file;
    private final int retention;
    private long sizeSeen = -1;
    private int linesSeen;

    public HistoryStore(Path file, int retention) {
        if (retention < 1 || retention > MAX_RETENTION) {
            throw new IllegalArgumentException("the history keeps 1 to " + MAX_RETENTION + " runs, not " + retention);
        }
        this.file = file;
        this.retention = retention;
    }

    /** The history in the user's data folder (or the one {@link #DATA_PROPERTY} names), keeping the configured number of runs. */
    public static HistoryStore standard() {
        return new HistoryStore(dataDirectory().resolve("history.jsonl"), configuredRetention());
    }

    public Path file() {
        return file;
    }

    public int retention() {
        return retention;
    }

    /**
     * $XDG_DATA_HOME/connect-doctor (~/.local/share/connect-doctor), %LOCALAPPDATA%\Connect Doctor,
     * or ~/Library/Application Support/Connect Doctor; {@link #DATA_PROPERTY} or {@link #DATA_ENV}
     * first when set.
     */
    public static Path dataDirectory() {
        String custom = System.getProperty(DATA_PROPERTY);
        if (custom == null || custom.isBlank()) {
            custom = System.getenv(DATA_ENV);
        }
        if (custom != null && !custom.isBlank()) {
            return Path.of(custom);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local, "Connect Doctor") : Path.of(home, "AppData", "Local", "Connect Doctor");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "Connect Doctor");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(home, ".local", "share"))
                .resolve("connect-doctor");
    }

    /** The retention {@link #KEEP_PROPERTY} or {@link #KEEP_ENV} sets, else the default; a bad value is ignored. */
    static int configuredRetention() {
        String v = System.getProperty(KEEP_PROPERTY);
        if (v == null) {
            v = System.getenv(KEEP_ENV);
        }
        if (v != null && v.strip().matches("[0-9]{1,6}")) {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= MAX_RETENTION) {
                return n;
            }
        }
        return DEFAULT_RETENTION;
    }

    // ------------------------------------------------------------------ writing

    /**
     * Records a finished probe with what it showed, reading where it went from now (call it on the
     * thread that probed, right after the probe: on Linux the route is read in that thread's
     * network namespace).
     *
     * @param explanation the explanation shown with it, or null
     * @return null when kept, else why not
     */
    public String record(ProbeReport report, Explanation explanation) {
        return record(RunRecord.ofProbe(report, explanation, ContextReader.system().read(report),
                reportText(report, explanation)));
    }

    /** As {@link #record(ProbeReport, Explanation)} for one check of the checklist named {@code checklist}. */
    public String recordCheck(ProbeReport report, Explanation explanation, String checklist) {
        return record(checkRun(report, explanation, checklist));
    }

    /**
     * The record {@link #recordCheck} keeps, read now (on the thread that probed, as for
     * {@link #record(ProbeReport, Explanation)}): for callers that show the run once it is kept.
     */
    public static RunRecord checkRun(ProbeReport report, Explanation explanation, String checklist) {
        return RunRecord.ofCheck(report, explanation, ContextReader.system().read(report),
                reportText(report, explanation), checklist);
    }

    /** The report as the command line prints it: attempts, verdict, statistics, explanation. */
    public static String reportText(ProbeReport report, Explanation explanation) {
        String text = TextReport.render(report);
        if (explanation != null) {
            text += ExplanationText.render(explanation);
        }
        return text;
    }


    /**
     * Appends {@code run} and forces it to the disk; compacts the file when it holds a tenth more
     * than the retention.
     *
     * @return null when the run is kept, else why it is not, in words
     */
    public String record(RunRecord run) {
        byte[] line = (RecordCodec.line(run) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (IN_PROCESS) {
            try {
                createFolder();
                Path lockFile = lockFile();
                try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     FileLock lock = AtomicFiles.lock(lockChannel, LOCK_WAIT_MILLIS)) {
                    if (lock == null) {
                        return cannotKeep("another Connect Doctor has held " + lockFile + " for more than "
                                + LOCK_WAIT_MILLIS / 1000 + " s");
                    }
                    append(line);
                    if (linesSeen > retention + Math.max(10, retention / 10)) {
                        compact();
                    }
                }
                return null;
            } catch (IOException | RuntimeException e) {
                sizeSeen = -1;
                return cannotKeep(describe(e));
            }
        }
    }

    private void append(byte[] line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != sizeSeen) {
                linesSeen = countLines(ch, size);
            }
            ByteBuffer buf;
            if (size > 0 && lastByte(ch, size) != '\n') {
                // A crash cut the last line short: end it, so this run is a line of its own.
                buf = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
                linesSeen++;
            } else {
                buf = ByteBuffer.wrap(line);
            }
            long at = size;
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(true);
            linesSeen++;
            sizeSeen = at;
        }
    }

    private static int lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0);
    }

    private static int countLines(FileChannel ch, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        int lines = 0;
        long at = 0;
        while (at < size) {
            buf.clear();
            int n = ch.read(buf, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    lines++;
                }
            }
            at += n;
        }
        return lines;
    }

    /** Keeps the last {@link #retention} readable lines: written to a temporary file, forced, then renamed over. */
    private void compact() throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : lines(Files.readAllBytes(file)).complete) {
            if (readable(line)) {
                kept.add(line);
            }
        }
        List<String> last = kept.subList(Math.max(0, kept.size() - retention), kept.size());
        StringBuilder sb = new StringBuilder();
        for (String l : last) {
            sb.append(l).append('\n');
        }
        AtomicFiles.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
        linesSeen = last.size();
        sizeSeen = Files.size(file);
    }

    private static boolean readable(String line) {
        try {
            RecordCodec.parse(line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void createFolder() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (Files.isDirectory(dir)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            // The history names the servers this person reaches: theirs alone to read.
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    private Path lockFile() {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    // ------------------------------------------------------------------ reading

    /** Every run kept (the last {@link #retention()}), oldest first, and what could not be read. */
    public Loaded load() {
        List<String> warnings = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Loaded(List.of(), List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError | RuntimeException e) {
            return new Loaded(List.of(), List.of("The history " + file + " cannot be read (" + describe(e) + ")."));
        }
        Lines lines = lines(bytes);
        List<RunRecord> runs = new ArrayList<>();
        int bad = 0;
        String firstBad = null;
        for (int i = 0; i < lines.complete.size(); i++) {
            String line = lines.complete.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.startsWith("\u0000")) {
                    throw new IllegalArgumentException(line.substring(2));
                }
                runs.add(RecordCodec.parse(line));
            } catch (IllegalArgumentException e) {
                bad++;
                if (firstBad == null) {
                    firstBad = "line " + (i + 1) + ": " + e.getMessage();
                }
            }
        }
        if (bad > 0) {
            warnings.add(bad + (bad == 1 ? " line" : " lines") + " of the history " + file
                    + " could not be read and " + (bad == 1 ? "was" : "were") + " skipped (" + firstBad + ").");
        }
        if (lines.torn) {
            warnings.add("The last line of the history " + file + " was cut short (the program ended while writing "
                    + "it); that run was skipped.");
        }
        List<RunRecord> last = runs.subList(Math.max(0, runs.size() - retention), runs.size());
        return new Loaded(last, warnings);
    }

    private record Lines(List<String> complete, boolean torn) {
    }

    /** The file's complete lines; a last line without its newline was cut short by a crash. */
    private static Lines lines(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(decode(bytes, start, i - start));
                start = i + 1;
            }
        }
        boolean torn = false;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\r' && bytes[i] != 0) {
                torn = true;
                break;
            }
        }
        return new Lines(out, torn);
    }

    /** The line as text; a line too long or not UTF-8 becomes one that does not parse. */
    private static String decode(byte[] bytes, int from, int length) {
        if (length > MAX_LINE_BYTES) {
            return "\u0000 a line of " + length + " bytes";
        }
        try {
            CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, length));
            return c.toString();
        } catch (CharacterCodingException e) {
            return "\u0000 not UTF-8 text";
        }
    }

    private String cannotKeep(String why) {
        return "This run could not be added to the history " + file + " (" + why + ").";
    }

    static String describe(Throwable e) {
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied on " + a.getFile();
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getFile() + ": " + f.getReason();
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return e.getClass().getSimpleName().replace("Exception", "") + " " + f.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
