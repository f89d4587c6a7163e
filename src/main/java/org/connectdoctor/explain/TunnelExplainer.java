package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.Os;
import org.connectdoctor.probe.Durations;
import org.connectdoctor.probe.proxy.TunnelCheck;

/** Explains a proxy's answer to CONNECT: each verdict its own meaning, fault and steps. */
public final class TunnelExplainer {

    private TunnelExplainer() {
    }

    public static TunnelExplanation explain(TunnelCheck t, Os os) {
        String proxy = t.proxy().display();
        String target = t.target();
        String curl = (os == Os.WINDOWS ? "curl.exe" : "curl") + " -v -x " + t.proxy().url() + " https://"
                + target + "/";
        List<String> findings = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        if (t.server() != null) {
            findings.add("The proxy names itself: " + t.server() + ".");
        }
        if (t.proxyText() != null) {
            findings.add("The proxy's text: \"" + t.proxyText() + "\"");
        }
        if (t.detail() != null) {
            findings.add("The socket said: " + t.detail() + ".");
        }
        String status = t.status() < 0 ? "" : t.status() + (t.reason() == null ? "" : " " + t.reason());
        return switch (t.verdict()) {
            case ESTABLISHED -> {
                steps.add("The proxy lets this computer through to " + target + ". An application that still fails "
                        + "is probably not using this proxy: set it in the application (for Java: -Dhttps.proxyHost="
                        + t.proxy().host() + " -Dhttps.proxyPort=" + t.proxy().port() + "), or check what it "
                        + "sends after the tunnel opens.");
                yield new TunnelExplanation(t.verdict(), proxy + " opened a tunnel to " + target + " (" + status + ").",
                        "The proxy connected to the target for this computer and relays the connection.", Fault.NONE,
                        findings, steps);
            }
            case FORBIDDEN -> {
                steps.add("Ask whoever runs the proxy (the network or security team) to allow " + target
                        + " for your user or this computer; quote the proxy's text above.");
                steps.add("Check the target's name: a policy that allows db01.corp.example may refuse its address or a short name.");
                yield new TunnelExplanation(t.verdict(), proxy + " refused the tunnel to " + target + " (" + status + ").",
                        "The proxy's policy does not allow this target (or this port) for this computer or user; the "
                                + "target itself was never asked.", Fault.NETWORK, findings, steps);
            }
            case AUTH_REQUIRED -> {
                findings.add(t.authSchemes().isEmpty() ? "The proxy offered no authentication scheme (no Proxy-Authenticate header)."
                        : "The proxy offers: " + String.join("; ", t.authSchemes()) + ".");
                boolean negotiate = t.authSchemes().stream().anyMatch(s -> s.regionMatches(true, 0, "Negotiate", 0, 9)
                        || s.regionMatches(true, 0, "NTLM", 0, 4));
                steps.add("The application must authenticate to the proxy with one of these schemes. Connect Doctor "
                        + "never sends or stores credentials.");
                if (negotiate) {
                    steps.add("Negotiate/NTLM use the Windows sign-in (Kerberos): an application that runs as a "
                            + "service account, or Java without -Djdk.http.auth.tunneling.disabledSchemes= cleared "
                            + "for the scheme, cannot answer it.");
                }
                steps.add("Test with your own account: " + curl.replace(" -x ", " --proxy-anyauth -U USER -x ")
                        + " (curl asks for the password).");
                yield new TunnelExplanation(t.verdict(), proxy + " asks for authentication before it opens a tunnel to "
                        + target + " (" + status + ").", "The proxy is reachable and answers, but only users who sign "
                        + "in to it may go through.", Fault.PROGRAM, findings, steps);
            }
            case BAD_GATEWAY -> {
                steps.add("The proxy could not connect to " + target + ": check the name and port from the proxy's "
                        + "side (ask its operators), and whether the target's service is up.");
                yield new TunnelExplanation(t.verdict(), proxy + " could not reach " + target + " (" + status + ").",
                        "The proxy accepted the request but its own connection to the target failed (refused, no "
                                + "route, or the name did not resolve at the proxy).", Fault.REMOTE_SERVICE, findings,
                        steps);
            }
            case GATEWAY_TIMEOUT -> {
                steps.add("The target did not answer the proxy in time: ask the proxy's operators whether the proxy "
                        + "may reach " + target + " (a firewall between them), and whether the target is up.");
                yield new TunnelExplanation(t.verdict(), proxy + " timed out connecting to " + target + " (" + status
                        + ").", "The proxy's own connection to the target got no answer in time.", Fault.NETWORK,
                        findings, steps);
            }
            case OTHER_STATUS -> {
                steps.add("Read the proxy's status and text above; a 400 or 405 means this proxy does not offer "
                        + "CONNECT tunnels (a web-only proxy), a 5xx a fault of the proxy.");
                yield new TunnelExplanation(t.verdict(), proxy + " answered CONNECT " + target + " with " + status + ".",
                        "The proxy did not open the tunnel and gave a status this explanation has no entry for.",
                        Fault.NETWORK, findings, steps);
            }
            case NOT_HTTP -> {
                steps.add("Check the proxy's port: " + proxy + " does not speak HTTP there (a SOCKS proxy, another "
                        + "service, or TLS on the port).");
                yield new TunnelExplanation(t.verdict(), proxy + " answered CONNECT with something that is not HTTP.",
                        "Whatever listens on the proxy's port is no HTTP proxy.", Fault.THIS_COMPUTER, findings, steps);
            }
            case CLOSED, RESET -> {
                steps.add("The proxy accepted the connection and then " + (t.verdict() == org.connectdoctor.probe.proxy
                        .TunnelVerdict.RESET ? "reset" : "closed") + " it: a proxy that refuses this computer "
                        + "outright, a proxy that needs TLS to itself (https://), or a service that is no proxy.");
                steps.add("Ask the proxy's operators whether this computer may use it.");
                yield new TunnelExplanation(t.verdict(), proxy + (t.verdict() == org.connectdoctor.probe.proxy.TunnelVerdict.RESET
                        ? " reset the connection" : " closed the connection") + " after CONNECT " + target
                        + ", without an answer.", "The proxy ended the conversation instead of answering.",
                        Fault.NETWORK, findings, steps);
            }
            case NO_ANSWER -> {
                steps.add("The proxy took the connection but did not answer CONNECT within "
                        + Durations.format(java.time.Duration.ofNanos(t.limitNanos())) + ": it may be overloaded, or "
                        + "waiting on its own connection to the target longer than this limit; try a longer --timeout.");
                yield new TunnelExplanation(t.verdict(), proxy + " did not answer CONNECT " + target + " within the limit.",
                        "The proxy is reachable but silent.", Fault.NETWORK, findings, steps);
            }
            case CANCELLED -> new TunnelExplanation(t.verdict(), "Cancelled while waiting for " + proxy + ".",
                    "The check was cancelled before the proxy answered.", Fault.NONE, findings, steps);
        };
    }
}
