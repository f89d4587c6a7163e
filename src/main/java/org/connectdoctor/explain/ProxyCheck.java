package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.proxy.ProxySelector;
import org.connectdoctor.probe.proxy.SystemProxy;

/**
 * For a direct stream connection that failed: whether this computer's applications would have gone
 * through a proxy to this target. When one applies, the direct failure is expected on many office
 * networks, and the question becomes whether the application uses the proxy, and whether the proxy
 * works: that is a diagnosis, and it changes the headline and the steps. A refusal by this computer
 * itself (a loopback address) is no sign of a network that blocks direct connections: there the
 * proxy is a finding only.
 */
final class ProxyCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isIp() || s.attempt() == null || s.attempt().type() != SocketType.STREAM
                || s.request().tunnel() != null || !(s.request().target() instanceof Target.Inet in)) {
            return List.of();
        }
        String happens;
        if (s.is("TIMED_OUT", "ETIMEDOUT")) {
            happens = "time out";
        } else if (s.is("ECONNREFUSED")) {
            happens = "are refused";
        } else if (s.is("ENETUNREACH", "EHOSTUNREACH")) {
            happens = "find no route";
        } else if (s.is("ECONNRESET", "ECONNABORTED", "EACCES", "EPERM")) {
            happens = "are cut off";
        } else {
            return List.of();
        }
        SystemProxy p = ProxySelector.choose(s.host(), in, ProxySelector.schemeOf(in, null));
        if (p == null || !p.throughProxy()) {
            return List.of();
        }
        String proxy = p.proxy().display();
        String port = Integer.toString(s.attempt().address().port());
        String text = "Direct connections to port " + port + " " + happens + " here, while the system sends this "
                + "traffic through " + proxy + " (" + (p.from() == null ? p.source() : "from " + p.from()) + "): the "
                + "application is probably not using the proxy, or the proxy is what fails.";
        List<String> steps = new ArrayList<>();
        steps.add("Probe through the proxy, as the application should go: connect-doctor probe --proxy system "
                + in.display() + " (or --proxy " + p.proxy().url() + ").");
        steps.add("Check that the failing application uses the system proxy: many have their own proxy setting, "
                + "and Java programs need -Djava.net.useSystemProxies=true or -Dhttps.proxyHost=" + p.proxy().host()
                + " -Dhttps.proxyPort=" + p.proxy().port() + ".");
        steps.add("If the probe through the proxy fails too, its own verdict says whether the proxy refuses, asks "
                + "for authentication, or cannot reach the target; that is for the proxy's operators.");
        String address = s.attempt().address().host();
        if (s.is("ECONNREFUSED") && (address.startsWith("127.") || address.equals("::1"))) {
            // this computer itself refused: no office firewall on the way, so the proxy is context only
            return List.of(new Finding("proxy", text));
        }
        Diagnosis d = new Diagnosis("Direct connections to port " + port + " " + happens + " here, while the system "
                + "sends this traffic through " + proxy + ": the application is probably not using the proxy, or the "
                + "proxy is what fails.", Fault.PROGRAM, steps);
        return List.of(new Finding("proxy", text, d));
    }
}
