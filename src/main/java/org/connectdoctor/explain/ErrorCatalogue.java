package org.connectdoctor.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.net.Cause;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Os;

/**
 * The error catalogue (resources/org/connectdoctor/explain/catalogue.txt): for each result a
 * probe can produce, its plain meaning, who is usually at fault, what to do and which man pages
 * say more. Errors are keyed by their portable {@link Cause}, so ECONNREFUSED 111 on Linux and
 * WSAECONNREFUSED 10061 on Windows read the same entry; a step names the system it is for. A
 * cause may have several entries for different contexts (a refusal on a Unix socket means
 * something else than over TCP); {@link #lookup} picks the most specific.
 */
public final class ErrorCatalogue {

    private static final ErrorCatalogue STANDARD = load("catalogue.txt");

    private final Map<String, List<CatalogueEntry>> entries;

    private ErrorCatalogue(Map<String, List<CatalogueEntry>> entries) {
        this.entries = entries;
    }

    public static ErrorCatalogue standard() {
        return STANDARD;
    }

    /**
     * Every key the catalogue answers for: its own keys (causes, EAI_* codes, verdicts) and the
     * errno names of each cause it has an entry for.
     */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>(entries.keySet());
        for (Cause c : Cause.values()) {
            if (entries.containsKey(c.id())) {
                c.errnos().forEach(e -> keys.add(e.name()));
            }
        }
        return keys;
    }

    /** The key an errno name is filed under: its cause's id; any other key is its own. */
    static String fileKey(String key) {
        Optional<Cause> cause = errno(key).flatMap(Cause::of);
        return cause.map(Cause::id).orElse(key);
    }

    /** The errno named {@code key}, empty for EAI_* codes, verdicts and cause ids. */
    static Optional<Errno> errno(String key) {
        if (key == null || key.length() < 2 || key.charAt(0) != 'E' || !Character.isUpperCase(key.charAt(1))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Errno.valueOf(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Every entry, in file order. */
    public List<CatalogueEntry> all() {
        return entries.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The entry for {@code key} (a cause id, an errno name read as its cause, an EAI_* code or a
     * verdict) whose qualifiers all hold in {@code context} and are the most numerous; null when
     * the catalogue has none.
     */
    public CatalogueEntry lookup(String key, Set<String> context) {
        List<CatalogueEntry> candidates = entries.get(fileKey(key));
        if (candidates == null) {
            return null;
        }
        CatalogueEntry best = null;
        for (CatalogueEntry e : candidates) {
            if (context.containsAll(e.qualifiers())
                    && (best == null || e.qualifiers().size() > best.qualifiers().size())) {
                best = e;
            }
        }
        return best;
    }

    static ErrorCatalogue load(String resource) {
        Map<String, List<CatalogueEntry>> map = new LinkedHashMap<>();
        try (InputStream in = ErrorCatalogue.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Builder current = null;
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("== ")) {
                    if (current != null) {
                        current.add(map);
                    }
                    String[] words = line.substring(3).strip().split("\\s+");
                    current = new Builder(words[0], new HashSet<>(Arrays.asList(words).subList(1, words.length)));
                    continue;
                }
                int colon = line.indexOf(':');
                if (current == null || colon < 0) {
                    throw new IllegalStateException(resource + ":" + n + ": expected '== KEY' or 'field: value'");
                }
                String[] head = line.substring(0, colon).strip().split("\\s+");
                String field = head[0];
                String value = line.substring(colon + 1).strip();
                Set<Os> systems = EnumSet.noneOf(Os.class);
                for (int i = 1; i < head.length; i++) {
                    Os os = Os.byId(head[i]);
                    if (os == null || !(field.equals("step") || field.equals("meaning"))) {
                        throw new IllegalStateException(resource + ":" + n + ": '" + head[i] + "' after " + field
                                + ": only step and meaning take a system (linux, windows, macos)");
                    }
                    systems.add(os);
                }
                switch (field) {
                    case "fault" -> current.fault = Fault.parse(value);
                    case "pages" -> {
                        for (String ref : value.split("\\s+")) {
                            ManRef parsed = ManRef.parse(ref);
                            if (parsed == null) {
                                throw new IllegalStateException(resource + ":" + n + ": not a page: " + ref);
                            }
                            current.pages.add(parsed);
                        }
                    }
                    case "match" -> current.match = value;
                    case "quote" -> current.quote = value;
                    case "meaning" -> {
                        if (systems.isEmpty()) {
                            current.meaning = value;
                        } else {
                            for (Os os : systems) {
                                current.meanings.put(os, value);
                            }
                        }
                    }
                    case "step" -> current.steps.add(new CatalogueEntry.Step(systems, value));
                    default -> throw new IllegalStateException(resource + ":" + n + ": unknown field " + field);
                }
            }
            if (current != null) {
                current.add(map);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ErrorCatalogue(map);
    }

    private static final class Builder {
        final String key;
        final Set<String> qualifiers;
        Fault fault;
        final List<ManRef> pages = new ArrayList<>();
        String match;
        String quote;
        String meaning;
        final Map<Os, String> meanings = new EnumMap<>(Os.class);
        final List<CatalogueEntry.Step> steps = new ArrayList<>();

        Builder(String key, Set<String> qualifiers) {
            this.key = key;
            this.qualifiers = qualifiers;
        }

        void add(Map<String, List<CatalogueEntry>> map) {
            if (fault == null || meaning == null) {
                throw new IllegalStateException("catalogue entry " + key + " " + qualifiers + " needs fault and meaning");
            }
            for (Os os : Os.values()) {
                if (steps.stream().noneMatch(s -> s.appliesTo(os))) {
                    throw new IllegalStateException("catalogue entry " + key + " " + qualifiers
                            + " needs at least one step for " + os.id());
                }
            }
            if (Character.isLowerCase(key.charAt(0)) && Cause.byId(key).isEmpty()) {
                throw new IllegalStateException("catalogue entry " + key + ": not a cause (net.Cause ids: refused, "
                        + "timed-out, …), an EAI_* code or a verdict");
            }
            if (errno(key).isPresent()) {
                throw new IllegalStateException("catalogue entry " + key + ": errors are filed under their cause ("
                        + fileKey(key) + "), not under an errno name");
            }
            map.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new CatalogueEntry(key, qualifiers, fault, pages, match, quote, meaning, meanings, steps));
        }
    }
}
