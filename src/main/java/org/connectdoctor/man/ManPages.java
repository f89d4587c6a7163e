package org.connectdoctor.man;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Finds and reads man pages: the running system's first (MANPATH, then the standard man
 * directories), then the copies bundled with Connect Doctor. Files are read directly, .gz
 * included, and ".so" redirections followed; no program is run, so nothing a user typed ever
 * reaches a shell. Pages are cached once read. Thread-safe.
 */
public final class ManPages {

    /** Where man(1) looks when MANPATH does not say otherwise (Linux, the BSDs, macOS). */
    public static final List<Path> STANDARD_DIRS = List.of(Path.of("/usr/share/man"), Path.of("/usr/local/share/man"),
            Path.of("/usr/local/man"), Path.of("/usr/man"), Path.of("/opt/homebrew/share/man"),
            Path.of("/Library/Developer/CommandLineTools/SDKs/MacOSX.sdk/usr/share/man"));

    /**
     * Pages Connect Doctor ships for systems that have none installed (Windows, macOS, minimal
     * Linux): every page the error catalogue quotes. Each resource keeps its licence header; the
     * NOTICE beside them names the edition and licence of each.
     */
    static final Map<ManRef, String> BUNDLED = bundledPages("connect.2", "socket.2", "bind.2", "send.2", "recv.2",
            "getsockopt.2", "poll.2", "getaddrinfo.3", "ip.7", "ipv6.7", "tcp.7", "udp.7", "unix.7");

    private static Map<ManRef, String> bundledPages(String... files) {
        Map<ManRef, String> m = new java.util.LinkedHashMap<>();
        for (String f : files) {
            int dot = f.lastIndexOf('.');
            m.put(new ManRef(f.substring(0, dot), f.substring(dot + 1)), f);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Every page bundled with Connect Doctor. */
    public static Set<ManRef> bundledRefs() {
        return BUNDLED.keySet();
    }

    /** The most a page file may hold, and the most it may expand to when it is compressed. */
    static final long MAX_PAGE_BYTES = 4 << 20;
    /** ".so" redirections followed from one page; man-pages' aliases use one. */
    static final int MAX_SO_HOPS = 5;
    /**
     * Replaces MANPATH for this process when set (tests, and a user who wants another page
     * collection without changing the environment of everything else).
     */
    public static final String MANPATH_PROPERTY = "connectdoctor.manpath";

    private final List<Path> dirs;
    private final boolean useBundled;
    private final Map<ManRef, Optional<LoadedPage>> cache = new ConcurrentHashMap<>();
    private final Map<ManRef, String> unreadable = new ConcurrentHashMap<>();

    public ManPages(List<Path> dirs, boolean useBundled) {
        this.dirs = List.copyOf(dirs);
        this.useBundled = useBundled;
    }

    /**
     * The system's pages (the {@value #MANPATH_PROPERTY} property or else MANPATH, then the
     * standard directories), with the bundled fallback.
     */
    public static ManPages system() {
        String configured = System.getProperty(MANPATH_PROPERTY);
        return new ManPages(searchPath(configured != null ? configured : System.getenv("MANPATH")), true);
    }
    /** Only what is bundled: as on a system with no man pages at all. */
    public static ManPages bundledOnly() {
        return new ManPages(List.of(), true);
    }

    /** MANPATH's directories; an empty element, or no MANPATH, stands for the standard ones. */
    static List<Path> searchPath(String manpath) {
        Set<Path> out = new LinkedHashSet<>();
        if (manpath == null || manpath.isBlank()) {
            out.addAll(STANDARD_DIRS);
        } else {
            for (String part : manpath.split(":", -1)) {
                if (part.isEmpty()) {
                    out.addAll(STANDARD_DIRS);
                } else if (part.startsWith("/")) {
                    out.add(Path.of(part));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** The page, from the system or the bundled copies; empty when neither has it. */
    public Optional<LoadedPage> find(ManRef ref) {
        return cache.computeIfAbsent(ref, this::load);
    }

    /** Only the system's page, never a bundled copy. */
    public Optional<LoadedPage> findInstalled(ManRef ref) {
        Optional<Path> file = locate(ref);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(readInstalled(file.get()));
        } catch (UnreadablePageException e) {
            unreadable.put(ref, "the page installed as " + file.get() + " cannot be read: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Why the installed page of {@code ref} could not be read ("the page installed as FILE cannot
     * be read: REASON"), once {@link #find} or {@link #findInstalled} tried it; empty when it read,
     * or when none is installed. {@link #find} then gives the bundled copy where there is one.
     */
    public Optional<String> unreadable(ManRef ref) {
        return Optional.ofNullable(unreadable.get(ref));
    }

    /** Only the bundled copy. */
    public static Optional<LoadedPage> bundled(ManRef ref) {
        String resource = BUNDLED.get(ref);
        if (resource == null) {
            return Optional.empty();
        }
        try (InputStream in = ManPages.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            ManPage page = RoffReader.read(text);
            return Optional.of(new LoadedPage(page, PageSource.bundled(page, credit(text))));
        } catch (IOException | UnreadablePageException e) {
            return Optional.empty();
        }
    }

    /**
     * The copyright lines of a page's header comments, without e-mail addresses: "Copyright 1993
     * Rickard E. Faith; Copyright (c) 1983 The Regents of the University of California". Empty
     * when the header has none.
     */
    static String credit(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", 200)) {
            if (!line.startsWith(".\\\"") && !line.startsWith("'\\\"")) {
                if (line.startsWith(".TH")) {
                    break;
                }
                continue;
            }
            String c = line.substring(3).strip();
            int at = c.toLowerCase(java.util.Locale.ROOT).indexOf("copyright");
            if (at < 0) {
                continue;
            }
            c = c.substring(at).replaceAll("\\s*[<(][^<>()\\s]+@[^<>()\\s]+[>)]", "").replaceAll("[.,;]+$", "");
            if (c.length() > "copyright".length() + 4 && !lines.contains(c)) {
                lines.add(c);
            }
        }
        return String.join("; ", lines);
    }

    private Optional<LoadedPage> load(ManRef ref) {
        Optional<LoadedPage> installed = findInstalled(ref);
        if (installed.isPresent() || !useBundled) {
            return installed;
        }
        String why = unreadable.get(ref);
        return bundled(ref).map(b -> why == null ? b
                : new LoadedPage(b.page(), PageSource.bundledInstead(b.source(), why)));
    }

    /** The file of a page: man{section}/{name}.{section}[.gz] under each directory. */
    Optional<Path> locate(ManRef ref) {
        String base = ref.section().substring(0, 1);
        for (Path dir : dirs) {
            for (String sub : List.of("man" + ref.section(), "man" + base)) {
                for (String file : List.of(ref.name() + "." + ref.section(), ref.name() + "." + ref.section() + ".gz")) {
                    Path p = dir.resolve(sub).resolve(file);
                    if (Files.isRegularFile(p) && Files.isReadable(p)) {
                        return Optional.of(p);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an installed page, following ".so" redirections within its man directory.
     *
     * @throws UnreadablePageException with the reason, for anything that stops it: a file that
     *         cannot be read or is too large (compressed or not), a redirection that leaves the
     *         directory, loops or does not end, a page the roff reader refuses
     */
    private LoadedPage readInstalled(Path file) throws UnreadablePageException {
        Path current = file;
        String text = readText(current);
        Set<Path> seen = new LinkedHashSet<>(List.of(current.toAbsolutePath().normalize()));
        // ".so man2/other.2" makes a page an alias of another, relative to the man directory.
        while (true) {
            String first = text.lines().filter(l -> !l.startsWith(".\\\"") && !l.isBlank()).findFirst().orElse("");
            if (!first.startsWith(".so ")) {
                break;
            }
            if (seen.size() > MAX_SO_HOPS) {
                throw new UnreadablePageException("its .so redirections go on for more than " + MAX_SO_HOPS + " pages");
            }
            String target = first.substring(4).strip();
            if (target.contains("..") || target.startsWith("/") || target.isEmpty()) {
                throw new UnreadablePageException("its .so redirection \"" + shorten(target)
                        + "\" leaves the man directory");
            }
            Path manDir = current.toAbsolutePath().getParent().getParent();
            Path next = manDir.resolve(target);
            if (!Files.isRegularFile(next)) {
                next = manDir.resolve(target + ".gz");
            }
            if (!Files.isRegularFile(next)) {
                throw new UnreadablePageException("its .so redirection names " + shorten(target)
                        + ", which is not installed");
            }
            if (!seen.add(next.toAbsolutePath().normalize())) {
                throw new UnreadablePageException("its .so redirections loop (" + String.join(" \u2192 ",
                        seen.stream().map(p -> p.getFileName().toString()).toList()) + " \u2192 "
                        + next.getFileName() + ")");
            }
            current = next;
            text = readText(current);
        }
        try {
            ManPage page = RoffReader.read(text);
            return new LoadedPage(page, PageSource.installed(current, page));
        } catch (StackOverflowError e) {
            // RoffReader bounds its nesting; this stays as the last guard of the promise that a
            // page on MANPATH cannot take the program down with it.
            throw new UnreadablePageException("it is nested too deeply to read");
        } catch (RuntimeException e) {
            throw new UnreadablePageException("the reader failed on it (" + e + ")");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "\u2026";
    }

    private static String readText(Path p) throws UnreadablePageException {
        boolean gz = p.getFileName().toString().endsWith(".gz");
        try {
            long size = Files.size(p);
            if (size > MAX_PAGE_BYTES) {
                throw new UnreadablePageException("the file holds " + size + " bytes; a man page has at most "
                        + MAX_PAGE_BYTES);
            }
            try (InputStream raw = Files.newInputStream(p);
                 InputStream in = gz ? new GZIPInputStream(raw) : raw) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buf = new byte[16384];
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (out.size() + n > MAX_PAGE_BYTES) {
                        throw new UnreadablePageException("it expands to more than " + MAX_PAGE_BYTES
                                + " bytes; a man page has at most " + MAX_PAGE_BYTES);
                    }
                    out.write(buf, 0, n);
                }
                return out.toString(StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UnreadablePageException((gz ? "it is not a readable gzip file" : "it cannot be read")
                    + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }
}
