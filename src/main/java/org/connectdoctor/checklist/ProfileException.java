package org.connectdoctor.checklist;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A profile that cannot be run, with every problem found in it, each with its line and column.
 * Nothing of such a profile runs.
 */
public final class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * One problem.
     *
     * @param line    1-based, 0 when the problem concerns the whole file
     * @param column  1-based, 0 when unknown
     * @param message what is wrong and what is accepted
     */
    public record Problem(int line, int column, String message) {
        /** "3:7: …", or the message alone for the whole file. */
        public String describe(String source) {
            return source + (line > 0 ? ":" + line + ":" + column : "") + ": " + message;
        }
    }

    private final String source;
    private final transient List<Problem> problems;

    public ProfileException(String source, List<Problem> problems) {
        super(problems.stream().map(p -> p.describe(source)).collect(Collectors.joining("\n")));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name (or "standard input") the lines and columns refer to. */
    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }
}
