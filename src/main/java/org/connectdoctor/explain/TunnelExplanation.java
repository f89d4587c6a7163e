package org.connectdoctor.explain;

import java.util.List;
import org.connectdoctor.probe.proxy.TunnelVerdict;

/**
 * What a proxy's answer to CONNECT means and what to do about it.
 *
 * @param verdict  the verdict explained
 * @param headline one line with this answer's facts
 * @param meaning  the plain meaning
 * @param fault    who is usually at fault
 * @param findings what the answer showed (the proxy's text, the schemes it offers)
 * @param steps    what to do, in order
 */
public record TunnelExplanation(TunnelVerdict verdict, String headline, String meaning, Fault fault,
                                List<String> findings, List<String> steps) {
    public TunnelExplanation {
        findings = List.copyOf(findings);
        steps = List.copyOf(steps);
    }
}
