package org.connectdoctor.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.Read;

/**
 * For name-resolution failures: which name servers this computer asks, in which order with the
 * hosts file, whether the hosts file names the host, and for an unknown service name, what the
 * service-name table offers that is close. Each fact names the source the host state read it from.
 */
final class ResolverCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !(s.key().startsWith("EAI_") || s.is("LOOKUP_TIMED_OUT")) || s.resolution() == null) {
            return List.of();
        }
        String host = s.resolution().host();
        if (s.is("EAI_SERVICE")) {
            return service(s, s.resolution().service());
        }
        List<Finding> out = new ArrayList<>();
        Read<HostState.Resolvers> resolvers = s.host().resolvers();
        Read<HostState.HostsFile> hosts = s.host().hostsFile();
        String order = s.host().lookupOrder() instanceof Read.Known<HostState.LookupOrder> k
                ? "; lookup order: " + k.value().order() + " (" + k.value().source() + ")" : "";
        String hostsName = hosts instanceof Read.Known<HostState.HostsFile> h ? h.value().source() : "the hosts file";
        if (resolvers instanceof Read.Known<HostState.Resolvers> known) {
            HostState.Resolvers r = known.value();
            List<String> servers = r.servers();
            out.add(new Finding("resolver", servers.isEmpty()
                    ? "No name server is configured in " + r.source() + "; only " + hostsName
                            + " and local services can resolve names."
                    : "This computer asks the name server" + (servers.size() > 1 ? "s " : " ") + String.join(", ", servers)
                            + " (from " + r.source() + ")" + order + "."));
            if (!r.searchDomains().isEmpty() && !host.contains(".")) {
                out.add(new Finding("resolver", "A name without dots is also tried with the search domains "
                        + String.join(", ", r.searchDomains()) + "."));
            }
        } else {
            out.add(new Finding("resolver", "Which name servers this computer asks cannot be seen: "
                    + ((Read.Unknown<HostState.Resolvers>) resolvers).reason() + "."));
        }
        if (hosts instanceof Read.Known<HostState.HostsFile> h) {
            out.add(new Finding("resolver", h.value().source() + " " + (h.value().names(host)
                    ? "lists " + host + " (but not for the family asked)." : "has no entry for " + host + ".")));
        } else {
            out.add(new Finding("resolver", "Whether the hosts file lists " + host + " cannot be seen: "
                    + ((Read.Unknown<HostState.HostsFile>) hosts).reason() + "."));
        }
        if (s.is("LOOKUP_TIMED_OUT") && s.resolution().pendingLookups() > 0) {
            out.add(new Finding("resolver", s.resolution().pendingLookups() + " earlier lookups by this program have "
                    + "not returned either: the name servers are not answering at all, not just slowly."));
        }
        if (s.is("EAI_AGAIN")) {
            out.add(new Finding("resolver", "EAI_AGAIN means no name server gave an answer in time; it says nothing about "
                    + "whether " + host + " exists. EAI_NONAME would mean a server answered that it does not."));
        } else if (s.is("EAI_NONAME")) {
            out.add(new Finding("resolver", "EAI_NONAME means the lookup got an answer: there is no such name (or no address "
                    + "for it). Unlike EAI_AGAIN, it is not a network outage."));
        }
        return out;
    }

    private static List<Finding> service(Situation s, String name) {
        if (name == null) {
            return List.of();
        }
        Read<HostState.ServiceNames> table = s.host().serviceNames();
        if (!(table instanceof Read.Known<HostState.ServiceNames> known)) {
            return List.of(new Finding("resolver", "There is no service named \"" + name + "\" for this protocol; "
                    + "the service-name table could not be read to suggest similar names: "
                    + ((Read.Unknown<HostState.ServiceNames>) table).reason() + "."));
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        for (HostState.ServiceName e : known.value().entries()) {
            List<String> names = new ArrayList<>();
            names.add(e.name());
            names.addAll(e.aliases());
            for (String n : names) {
                if (distance(n.toLowerCase(Locale.ROOT), wanted) <= 2) {
                    String entry = n + " (" + e.port() + ")";
                    if (!close.contains(entry)) {
                        close.add(entry);
                    }
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        out.add(new Finding("resolver", known.value().source() + " has no service named \"" + name + "\" for this protocol"
                + (close.isEmpty() ? "." : "; similar names: " + String.join(", ", close.stream().limit(6).toList()) + ".")));
        return out;
    }

    /** Levenshtein distance, bounded inputs (service names). */
    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2) {
            return 3;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
