package org.connectdoctor.explain;

import java.util.List;
import org.connectdoctor.man.ManRef;

/**
 * What a result means and what to do about it.
 *
 * @param key         what is explained: ECONNREFUSED, EAI_NONAME, TIMED_OUT, CONNECTED, …
 * @param number      the operating system's number for it, or null for Connect Doctor's verdicts
 * @param systemText  the C library's text (strerror or gai_strerror), or null for verdicts
 * @param headline    one line: the key, number, text and the plain meaning
 * @param meaning     the plain meaning, with this probe's facts filled in
 * @param fault       who is usually at fault
 * @param steps       what to do, in order
 * @param quote       the man-page entry that fits this context, or null when no page has one
 * @param otherQuotes other entries the pages give for the same key (shown folded)
 * @param findings    what the context checks found on this computer
 * @param seeAlso     related pages
 * @param actions     one-click follow-ups that apply
 */
public record Explanation(String key, Integer number, String systemText, String headline, String meaning, Fault fault,
                          List<String> steps, ManQuote quote, List<ManQuote> otherQuotes, List<Finding> findings,
                          List<ManRef> seeAlso, List<Action> actions) {
    public Explanation {
        steps = List.copyOf(steps);
        otherQuotes = List.copyOf(otherQuotes);
        findings = List.copyOf(findings);
        seeAlso = List.copyOf(seeAlso);
        actions = List.copyOf(actions);
    }

    /** True for results that are not failures (connected, answered). */
    public boolean isSuccess() {
        return fault == Fault.NONE && ("CONNECTED".equals(key) || "ANSWERED".equals(key));
    }
}
