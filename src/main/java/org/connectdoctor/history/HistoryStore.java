package org.connectdoctor.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.explain.Explanation;
import org.connectdoctor.files.AtomicFiles;
import org.connectdoctor.files.FileKind;
import org.connectdoctor.files.SafeFiles;
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
        String home = org.connectdoctor.files.UserHome.path();
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
     * @return whether it was kept, and what to tell the user
     */
    public Recorded record(ProbeReport report, Explanation explanation) {
        return record(RunRecord.ofProbe(report, explanation, ContextReader.system().read(report),
                reportText(report, explanation)));
    }

    /** As {@link #record(ProbeReport, Explanation)} for one check of the checklist named {@code checklist}. */
    public Recorded recordCheck(ProbeReport report, Explanation explanation, String checklist) {
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
     * What {@link #record(RunRecord)} did: whether the run is in the file, and what to tell the
     * user (why it is not, or what else happened: a special file set aside, a compaction that
     * failed after the run was kept); null when there is nothing to say.
     */
    public record Recorded(boolean kept, String message) {
        static final Recorded CLEAN = new Recorded(true, null);
    }

    /**
     * Appends {@code run} and forces it to the disk; compacts the file when it holds a tenth more
     * than the retention. A write that fails (a full disk) is rolled back to the old length, so no
     * partial line stays behind to be mistaken for a crash. A lock file or history that is not a
     * regular file (a FIFO would block open(2) for ever) is set aside first, and said.
     */
    public Recorded record(RunRecord run) {
        byte[] line = (RecordCodec.line(run) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (IN_PROCESS) {
            List<String> notes = new ArrayList<>();
            try {
                createFolder();
                Path lockFile = lockFile();
                setAsideUnlessRegular(lockFile, false, notes);
                try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                     FileLock lock = AtomicFiles.lock(lockChannel, LOCK_WAIT_MILLIS)) {
                    if (lock == null) {
                        return notKept("another Connect Doctor has held " + lockFile + " for more than "
                                + LOCK_WAIT_MILLIS / 1000 + " s", notes);
                    }
                    setAsideUnlessRegular(file, true, notes);
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.READ)) {
                        append(ch, line);
                        if (linesSeen > retention + Math.max(10, retention / 10)) {
                            try {
                                compact(ch);
                            } catch (IOException | RuntimeException e) {
                                notes.add("The run was kept, but the history could not be shortened to its last "
                                        + retention + " runs (" + describe(e) + "); it grows until that works.");
                            }
                        }
                    }
                }
                return notes.isEmpty() ? Recorded.CLEAN : new Recorded(true, String.join(" ", notes));
            } catch (IOException | RuntimeException e) {
                sizeSeen = -1;
                return notKept(describe(e), notes);
            }
        }
    }

    private Recorded notKept(String why, List<String> notes) {
        List<String> all = new ArrayList<>(notes);
        all.add(0, cannotKeep(why));
        return new Recorded(false, String.join(" ", all));
    }

    /**
     * Moves {@code path} aside when it is there but is not a regular file (a FIFO, a device, a
     * folder; for the lock, a symbolic link too), so that opening it can neither block nor write
     * through a link.
     */
    private static void setAsideUnlessRegular(Path path, boolean followLinks, List<String> notes) throws IOException {
        FileKind kind = followLinks ? FileKind.of(path) : FileKind.ofLink(path);
        if (kind == FileKind.MISSING || kind == FileKind.REGULAR) {
            return;
        }
        Path aside = SafeFiles.setAside(path, "not-a-file");
        notes.add(path + " was " + kind.words() + ", not a regular file; it was moved aside as " + aside.getFileName()
                + (followLinks ? " and a new history begins." : "."));
    }

    /** Appends {@code line} at the end; on failure cuts the file back to its old length before throwing. */
    private void append(FileChannel ch, byte[] line) throws IOException {
        long size = ch.size();
        if (size != sizeSeen) {
            linesSeen = countLines(ch, size);
        }
        ByteBuffer buf;
        boolean endsTornLine = size > 0 && lastByte(ch, size) != '\n';
        if (endsTornLine) {
            // A crash cut the last line short: end it, so this run is a line of its own.
            buf = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
        } else {
            buf = ByteBuffer.wrap(line);
        }
        long at = size;
        try {
            while (buf.hasRemaining()) {
                at += ch.write(buf, at);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            sizeSeen = -1;
            try {
                ch.truncate(size);
                ch.force(true);
            } catch (IOException | RuntimeException undo) {
                throw new IOException(describe(e) + "; the part written could not be removed (" + describe(undo)
                        + "), so the history may end in a cut-off line, which is skipped when read", e);
            }
            throw new IOException(describe(e) + "; nothing of this run was left in the file", e);
        }
        linesSeen += endsTornLine ? 2 : 1;
        sizeSeen = at;
    }

    private static int lastByte(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0);
    }

    private static int countLines(FileChannel ch, long size) throws IOException {
        int[] lines = {0};
        forEachNewline(ch, size, at -> lines[0]++);
        return lines[0];
    }

    /** Calls {@code newline} with the position of each '\n' in the first {@code size} bytes, read 64 KiB at a time. */
    private static void forEachNewline(FileChannel ch, long size, java.util.function.LongConsumer newline)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long at = 0;
        while (at < size) {
            buf.clear();
            int n = ch.read(buf, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf.get(i) == '\n') {
                    newline.accept(at + i);
                }
            }
            at += n;
        }
    }

    /**
     * Keeps the last {@link #retention} lines, byte for byte, whatever they hold: runs of a later
     * format version, outcome words this version does not know and damaged lines are the user's
     * too. The kept part is copied straight from the file into a temporary file (no line is held
     * in memory, whatever the file's size), forced, then renamed over.
     */
    private void compact(FileChannel ch) throws IOException {
        long size = ch.size();
        long[] starts = new long[retention]; // the starts of the last `retention` lines, as a ring
        long[] scan = {0, 0}; // lines seen, the start of the next line
        forEachNewline(ch, size, at -> {
            starts[(int) (scan[0] % retention)] = scan[1];
            scan[0]++;
            scan[1] = at + 1;
        });
        int lines = (int) scan[0];
        long lineStart = scan[1];
        if (lines <= retention) {
            linesSeen = lines;
            return;
        }
        long keepFrom = starts[lines % retention];
        long keepUpTo = lineStart; // the end of the last complete line
        AtomicFiles.replace(file, out -> {
            long done = 0;
            while (done < keepUpTo - keepFrom) {
                long n = ch.transferTo(keepFrom + done, keepUpTo - keepFrom - done, out);
                if (n <= 0) {
                    throw new IOException("the history ended while it was being copied");
                }
                done += n;
            }
        });
        linesSeen = retention;
        sizeSeen = keepUpTo - keepFrom;
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

    /**
     * Every run kept (the last {@link #retention()}), oldest first, and what could not be read.
     * The file is read as a stream: memory stays bounded by the runs kept, whatever the file's
     * size. A line that cannot be read is skipped and counted, never fatal; a history that is not
     * a regular file is named, not opened.
     */
    public Loaded load() {
        List<String> warnings = new ArrayList<>();
        FileKind kind;
        try {
            kind = FileKind.of(file);
        } catch (IOException | RuntimeException e) {
            return new Loaded(List.of(), List.of("The history " + file + " cannot be read (" + describe(e) + ")."));
        }
        if (kind == FileKind.MISSING) {
            return new Loaded(List.of(), List.of());
        }
        if (kind != FileKind.REGULAR) {
            return new Loaded(List.of(), List.of("The history " + file + " is " + kind.words()
                    + ", not a regular file, so no run could be read from it; the next run moves it aside and "
                    + "starts a new history."));
        }
        ArrayDeque<RunRecord> runs = new ArrayDeque<>();
        Scan scan = new Scan(runs, retention);
        try (InputStream in = Files.newInputStream(file)) {
            scan.read(in);
        } catch (IOException | RuntimeException e) {
            warnings.add("The history " + file + " could not be read to its end (" + describe(e) + "); "
                    + "the runs before that point are shown.");
        }
        if (scan.bad > 0) {
            warnings.add(scan.bad + (scan.bad == 1 ? " line" : " lines") + " of the history " + file
                    + " could not be read; " + (scan.bad == 1 ? "it was" : "they were") + " skipped and "
                    + (scan.bad == 1 ? "is" : "are") + " kept in the file as " + (scan.bad == 1 ? "it is" : "they are")
                    + " (" + scan.firstBad + ").");
        }
        if (scan.newer > 0) {
            warnings.add(scan.newer + (scan.newer == 1 ? " run" : " runs") + " of the history " + file
                    + " " + (scan.newer == 1 ? "was" : "were") + " written by a newer version of Connect Doctor (format "
                    + scan.newerVersion + "); " + (scan.newer == 1 ? "it is" : "they are") + " not shown here and "
                    + "kept as " + (scan.newer == 1 ? "it is." : "they are."));
        }
        if (scan.torn) {
            warnings.add("The last line of the history " + file + " was cut short (the program or the computer "
                    + "stopped while writing it); that run was skipped.");
        }
        return new Loaded(new ArrayList<>(runs), warnings);
    }

    /** Reads lines from a stream, one at a time, no line held longer than {@link #MAX_LINE_BYTES}. */
    private static final class Scan {
        private final ArrayDeque<RunRecord> runs;
        private final int keep;
        int bad;
        int newer;
        long newerVersion;
        String firstBad;
        boolean torn;
        private int lineNumber;
        private byte[] line = new byte[4096];
        private int length;
        private long lineBytes; // the whole line's length, also past what is held
        private boolean onlySpace = true;

        Scan(ArrayDeque<RunRecord> runs, int keep) {
            this.runs = runs;
            this.keep = keep;
        }

        void read(InputStream in) throws IOException {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        endOfLine();
                        continue;
                    }
                    if (b != ' ' && b != '\r' && b != '\t' && b != 0) {
                        onlySpace = false;
                    }
                    lineBytes++;
                    if (lineBytes <= MAX_LINE_BYTES) {
                        if (length == line.length) {
                            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
                        }
                        line[length++] = b;
                    }
                }
            }
            torn = !onlySpace;
        }

        private void endOfLine() {
            lineNumber++;
            try {
                if (onlySpace) {
                    return;
                }
                if (lineBytes > MAX_LINE_BYTES) {
                    bad("a line of " + lineBytes + " bytes, longer than any run");
                    return;
                }
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length))
                            .toString();
                } catch (CharacterCodingException e) {
                    bad("not UTF-8 text");
                    return;
                }
                try {
                    runs.addLast(RecordCodec.parse(text));
                    if (runs.size() > keep) {
                        runs.removeFirst();
                    }
                } catch (RecordCodec.NewerFormatException e) {
                    newer++;
                    newerVersion = Math.max(newerVersion, e.version());
                } catch (RuntimeException e) {
                    // IllegalArgumentException says what is wrong; anything else is this reader's
                    // fault, and still costs that line only
                    bad(e instanceof IllegalArgumentException ? e.getMessage() : describe(e));
                }
            } finally {
                length = 0;
                lineBytes = 0;
                onlySpace = true;
                if (line.length > 64 * 1024) {
                    line = new byte[4096];
                }
            }
        }

        private void bad(String why) {
            bad++;
            if (firstBad == null) {
                firstBad = "line " + lineNumber + ": " + why;
            }
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
