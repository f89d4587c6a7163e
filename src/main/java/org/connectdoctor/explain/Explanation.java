package org.connectdoctor.explain;

import java.util.List;
import org.connectdoctor.man.ManRef;
import org.connectdoctor.net.Cause;
import org.connectdoctor.net.Os;

/**
 * What a result means and what to do about it.
 *
 * @param key          what is explained: ECONNREFUSED, EAI_NONAME, TIMED_OUT, CONNECTED, … (errno
 *                     names are the POSIX ones on every system)
 * @param number       the operating system's number for it, or null for Connect Doctor's verdicts
 * @param systemText   the C library's (or Winsock's) text, or null for verdicts
 * @param headline     one line: the native name, number, text and the plain meaning
 * @param meaning      the plain meaning, with this probe's facts filled in
 * @param fault        who is usually at fault
 * @param steps        what to do, in order, with the tools of {@code os}
 * @param quote        the man-page entry that fits this context, or null when no page has one
 * @param otherQuotes  other entries the pages give for the same key (shown folded)
 * @param findings     what the context checks found on this computer
 * @param seeAlso      related pages
 * @param actions      one-click follow-ups that apply
 * @param cause        the portable cause (refused, timed-out, …), or null for verdicts, EAI_* codes
 *                     and errnos without one
 * @param nativeSymbol the name the system itself gives the error (WSAECONNREFUSED on Windows,
 *                     ECONNREFUSED elsewhere); the key for verdicts and EAI_* codes
 * @param os           the system the explanation is written for, or null when not said
 * @param path         the attempt's path on this computer (VPN or not, where the address came from);
 *                     {@link PathFacts#NONE} when not read
 * @param environment  where the run went from, at a glance (interface, source, proxy, DNS, IPv6,
 *                     firewall); null for a Unix socket, a bare errno, or where it was not read
 * @param tls          the TLS check's explanation as this computer's state reads it (a captive portal
 *                     answering in the server's place), or null without a TLS check or where not built
 */
public record Explanation(String key, Integer number, String systemText, String headline, String meaning, Fault fault,
                          List<String> steps, ManQuote quote, List<ManQuote> otherQuotes, List<Finding> findings,
                          List<ManRef> seeAlso, List<Action> actions, Cause cause, String nativeSymbol, Os os,
                          PathFacts path, Environment environment, TlsExplanation tls) {
    public Explanation {
        if (path == null) {
            path = PathFacts.NONE;
        }
        steps = List.copyOf(steps);
        otherQuotes = List.copyOf(otherQuotes);
        findings = List.copyOf(findings);
        seeAlso = List.copyOf(seeAlso);
        actions = List.copyOf(actions);
        if (nativeSymbol == null) {
            nativeSymbol = key;
        }
    }

    /** An explanation without the environment. */
    public Explanation(String key, Integer number, String systemText, String headline, String meaning, Fault fault,
                       List<String> steps, ManQuote quote, List<ManQuote> otherQuotes, List<Finding> findings,
                       List<ManRef> seeAlso, List<Action> actions, Cause cause, String nativeSymbol, Os os,
                       PathFacts path) {
        this(key, number, systemText, headline, meaning, fault, steps, quote, otherQuotes, findings, seeAlso, actions,
                cause, nativeSymbol, os, path, null, null);
    }

    /** This explanation with the environment of its run. */
    public Explanation withEnvironment(Environment e) {
        return new Explanation(key, number, systemText, headline, meaning, fault, steps, quote, otherQuotes, findings,
                seeAlso, actions, cause, nativeSymbol, os, path, e, tls);
    }

    /** This explanation with its run's TLS check explained. */
    public Explanation withTls(TlsExplanation t) {
        return new Explanation(key, number, systemText, headline, meaning, fault, steps, quote, otherQuotes, findings,
                seeAlso, actions, cause, nativeSymbol, os, path, environment, t);
    }

    /** An explanation without the path facts. */
    public Explanation(String key, Integer number, String systemText, String headline, String meaning, Fault fault,
                       List<String> steps, ManQuote quote, List<ManQuote> otherQuotes, List<Finding> findings,
                       List<ManRef> seeAlso, List<Action> actions, Cause cause, String nativeSymbol, Os os) {
        this(key, number, systemText, headline, meaning, fault, steps, quote, otherQuotes, findings, seeAlso, actions,
                cause, nativeSymbol, os, PathFacts.NONE);
    }

    /** An explanation that names no cause and no system. */
    public Explanation(String key, Integer number, String systemText, String headline, String meaning, Fault fault,
                       List<String> steps, ManQuote quote, List<ManQuote> otherQuotes, List<Finding> findings,
                       List<ManRef> seeAlso, List<Action> actions) {
        this(key, number, systemText, headline, meaning, fault, steps, quote, otherQuotes, findings, seeAlso, actions,
                null, key, null, PathFacts.NONE);
    }

    /** True for results that are not failures (connected, answered). */
    public boolean isSuccess() {
        return fault == Fault.NONE && ("CONNECTED".equals(key) || "ANSWERED".equals(key));
    }

    /**
     * How the quoted man entry is introduced. On Linux the page is the system's own manual; on
     * Windows and macOS the bundled Linux page describes the POSIX errno the native code stands for,
     * and says so.
     */
    public String quoteHeading() {
        return os == null || os == Os.LINUX ? "From the manual" : "POSIX description of the cause";
    }
}
