package org.connectdoctor.explain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectdoctor.man.ManRef;

/**
 * The error catalogue (resources/org/connectdoctor/explain/catalogue.txt): for each result a
 * probe can produce, its plain meaning, who is usually at fault, what to do and which man pages
 * say more. An errno may have several entries for different contexts (ECONNREFUSED on a Unix
 * socket means something else than over TCP); {@link #lookup} picks the most specific.
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

    /** Every key the catalogue has at least one entry for. */
    public Set<String> keys() {
        return entries.keySet();
    }

    /** Every entry, in file order. */
    public List<CatalogueEntry> all() {
        return entries.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The entry for {@code key} whose qualifiers all hold in {@code context} and are the most
     * numerous; null when the catalogue has none.
     */
    public CatalogueEntry lookup(String key, Set<String> context) {
        List<CatalogueEntry> candidates = entries.get(key);
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
                String field = line.substring(0, colon).strip();
                String value = line.substring(colon + 1).strip();
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
                    case "meaning" -> current.meaning = value;
                    case "step" -> current.steps.add(value);
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
        final List<String> steps = new ArrayList<>();

        Builder(String key, Set<String> qualifiers) {
            this.key = key;
            this.qualifiers = qualifiers;
        }

        void add(Map<String, List<CatalogueEntry>> map) {
            if (fault == null || meaning == null || steps.isEmpty()) {
                throw new IllegalStateException("catalogue entry " + key + " " + qualifiers
                        + " needs fault, meaning and at least one step");
            }
            map.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new CatalogueEntry(key, qualifiers, fault, pages, match, quote, meaning, steps));
        }
    }
}
