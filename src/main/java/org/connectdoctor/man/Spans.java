package org.connectdoctor.man;

import java.util.ArrayList;
import java.util.List;

/** Small operations on runs of styled text that the reader, the tree and the tables share. */
final class Spans {

    private Spans() {
    }

    /** Joins neighbouring spans of one style. */
    static List<Span> merge(List<Span> spans) {
        // One builder per run of a style: a paragraph of a million lines stays linear.
        List<Span> out = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        Style style = null;
        for (Span s : spans) {
            if (s.text().isEmpty()) {
                continue;
            }
            if (s.style() != style) {
                flushRun(out, run, style);
                style = s.style();
            }
            run.append(s.text());
        }
        flushRun(out, run, style);
        return out;
    }

    /** Adds the text gathered in {@code run} as one span of {@code style}, and empties {@code run}. */
    static void flushRun(List<Span> out, StringBuilder run, Style style) {
        if (run.length() > 0) {
            out.add(new Span(run.toString(), style));
            run.setLength(0);
        }
    }

    /** Drops blank spans from the end. */
    static void trimTrailingSpace(List<Span> spans) {
        while (!spans.isEmpty() && spans.get(spans.size() - 1).text().isBlank()) {
            spans.remove(spans.size() - 1);
        }
    }

    /** Drops blank spans from the start. */
    static void trimLeadingSpace(List<Span> spans) {
        while (!spans.isEmpty() && spans.get(0).text().isBlank()) {
            spans.remove(0);
        }
    }
}
