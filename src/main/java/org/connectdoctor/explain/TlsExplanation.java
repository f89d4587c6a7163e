package org.connectdoctor.explain;

import java.util.List;
import org.connectdoctor.tls.TlsVerdict;

/**
 * What a TLS check's verdict means and what to do about it.
 *
 * @param verdict  the verdict explained
 * @param headline one line: what happened, with this check's facts
 * @param meaning  the plain meaning
 * @param fault    who is usually at fault
 * @param findings what this computer shows: the stores consulted, its clock, the names and bytes seen
 * @param steps    what to do, in order, with the tools of the system the explanation is written for
 */
public record TlsExplanation(TlsVerdict verdict, String headline, String meaning, Fault fault, List<String> findings,
                             List<String> steps) {
    public TlsExplanation {
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
    }
}
