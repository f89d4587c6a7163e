package org.connectdoctor.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Durations;

/**
 * For a connection that timed out: which limit ended the wait, the user's or the kernel's SYN
 * retries (net.ipv4.tcp_syn_retries), and how long the kernel would have kept trying.
 */
final class TimeoutCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || !s.is("TIMED_OUT", "ETIMEDOUT")
                || s.attempt() == null || s.attempt().type() == SocketType.DGRAM) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        int retries = LocalState.firstLine(Path.of("/proc/sys/net/ipv4/tcp_syn_retries")).map(Integer::parseInt).orElse(-1);
        String limit = Durations.format(s.request().timeout());
        if (retries >= 0) {
            // The first SYN, then one retry after 1 s, 2 s, 4 s …: the last gives up 2^(n+1) - 1 s in.
            long kernelSeconds = (1L << (retries + 1)) - 1;
            if (s.is("TIMED_OUT")) {
                out.add(new Finding("timeout", "Your limit of " + limit + " ended the wait. This computer would have "
                        + "kept trying for about " + kernelSeconds + " s (" + retries + " retries, net.ipv4.tcp_syn_retries)"
                        + " before reporting ETIMEDOUT itself."));
            } else {
                out.add(new Finding("timeout", "The system gave up after its own " + retries + " retries, about "
                        + kernelSeconds + " s (net.ipv4.tcp_syn_retries), before your limit of " + limit + "."));
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
