package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;

/**
 * For a connection that timed out: which limit ended the wait, the user's or the kernel's SYN
 * connection-request retries (as the host reports them), and how long the system would have kept trying.
 */
final class TimeoutCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || !s.is("TIMED_OUT", "ETIMEDOUT")
                || s.attempt() == null || s.attempt().type() == SocketType.DGRAM) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        Read<HostState.ConnectRetry> retry = s.host().connectRetry();
        String limit = Durations.format(s.request().timeout());
        if (retry instanceof Read.Known<HostState.ConnectRetry> k) {
            int retries = k.value().retries();
            String giveUp = k.value().giveUpSeconds() < 0 ? "" : "about " + k.value().giveUpSeconds() + " s ";
            if (s.is("TIMED_OUT")) {
                out.add(new Finding("timeout", "Your limit of " + limit + " ended the wait. This computer would have "
                        + "kept trying " + (giveUp.isEmpty() ? "longer" : "for " + giveUp.strip()) + " (" + retries
                        + " retries, " + k.value().source() + ") before reporting ETIMEDOUT itself."));
            } else {
                out.add(new Finding("timeout", "The system gave up after its own " + retries + " retries"
                        + (giveUp.isEmpty() ? "" : ", " + giveUp.strip()) + " (" + k.value().source()
                        + "), before your limit of " + limit + "."));
            }
        } else {
            out.add(new Finding("timeout", s.is("TIMED_OUT") ? "Your limit of " + limit + " ended the wait."
                    : "The system's own retries ran out."));
        }
        out.add(new Finding("timeout", "Silence, rather than a refusal, means the connection request got no answer: "
                + "a firewall dropping it, a host that is off or absent, a wrong address, or a service too busy to "
                + "take it (a full queue). A host that is up with nothing on the port would have refused at once."));
        return out;
    }
}
