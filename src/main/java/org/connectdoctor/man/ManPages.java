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

    /** Pages Connect Doctor ships for systems that have none installed. */
    private static final Map<ManRef, String> BUNDLED = Map.of(new ManRef("connect", "2"), "connect.2");

    private static final long MAX_PAGE_BYTES = 4 << 20;

    private final List<Path> dirs;
    private final boolean useBundled;
    private final Map<ManRef, Optional<LoadedPage>> cache = new ConcurrentHashMap<>();

    public ManPages(List<Path> dirs, boolean useBundled) {
        this.dirs = List.copyOf(dirs);
        this.useBundled = useBundled;
    }

    /** The system's pages (MANPATH, then the standard directories), with the bundled fallback. */
    public static ManPages system() {
        return new ManPages(searchPath(System.getenv("MANPATH")), true);
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
        return locate(ref).flatMap(this::readInstalled);
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
            ManPage page = RoffReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Optional.of(new LoadedPage(page, PageSource.bundled(page)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Optional<LoadedPage> load(ManRef ref) {
        Optional<LoadedPage> installed = findInstalled(ref);
        if (installed.isPresent() || !useBundled) {
            return installed;
        }
        return bundled(ref);
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

    private Optional<LoadedPage> readInstalled(Path file) {
        try {
            Path current = file;
            String text = readText(current);
            // ".so man2/other.2" makes a page an alias of another, relative to the man directory.
            for (int hops = 0; hops < 5; hops++) {
                String first = text.lines().filter(l -> !l.startsWith(".\\\"") && !l.isBlank()).findFirst().orElse("");
                if (!first.startsWith(".so ")) {
                    break;
                }
                String target = first.substring(4).strip();
                if (target.contains("..") || target.startsWith("/")) {
                    break;
                }
                Path manDir = current.getParent().getParent();
                Path next = manDir.resolve(target);
                if (!Files.isRegularFile(next)) {
                    next = manDir.resolve(target + ".gz");
                }
                if (!Files.isRegularFile(next)) {
                    break;
                }
                current = next;
                text = readText(current);
            }
            ManPage page = RoffReader.read(text);
            return Optional.of(new LoadedPage(page, PageSource.installed(current, page)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String readText(Path p) throws IOException {
        if (Files.size(p) > MAX_PAGE_BYTES) {
            throw new IOException(p + " is larger than a man page can be");
        }
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_PAGE_BYTES * 4) {
                    throw new IOException(p + " expands beyond any man page's size");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
