package org.connectdoctor.explain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * For name-resolution failures: which name servers this computer asks (/etc/resolv.conf), in
 * which order with the hosts file (/etc/nsswitch.conf), whether /etc/hosts names the host, and
 * for an unknown service name, what /etc/services offers that is close.
 */
final class ResolverCheck implements Check {

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !(s.key().startsWith("EAI_") || s.is("LOOKUP_TIMED_OUT")) || s.resolution() == null) {
            return List.of();
        }
        String host = s.resolution().host();
        if (s.is("EAI_SERVICE")) {
            return service(s.resolution().service());
        }
        List<Finding> out = new ArrayList<>();
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        LocalState.Read<List<String>> resolvConf = LocalState.readLines(Path.of("/etc/resolv.conf"));
        for (String line : resolvConf.orElse(List.of())) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].equals("nameserver")) {
                servers.add(f[1]);
            } else if (f.length >= 2 && (f[0].equals("search") || f[0].equals("domain"))) {
                for (int i = 1; i < f.length; i++) {
                    search.add(f[i]);
                }
            }
        }
        String order = LocalState.lines(Path.of("/etc/nsswitch.conf")).stream().map(String::strip)
                .filter(l -> l.startsWith("hosts:")).findFirst().map(l -> l.substring(6).strip()).orElse("");
        out.add(new Finding("resolver", resolvConf instanceof LocalState.Read.Unknown<List<String>> u
                ? "Which name servers this computer asks cannot be seen: " + u.reason() + "."
                : servers.isEmpty()
                ? "No name server is configured in /etc/resolv.conf; only /etc/hosts and local services can resolve names."
                : "This computer asks the name server" + (servers.size() > 1 ? "s " : " ") + String.join(", ", servers)
                        + " (from /etc/resolv.conf)" + (order.isEmpty() ? "." : "; lookup order: " + order + ".")));
        if (!search.isEmpty() && !host.contains(".")) {
            out.add(new Finding("resolver", "A name without dots is also tried with the search domains "
                    + String.join(", ", search) + "."));
        }
        LocalState.Read<List<String>> hosts = LocalState.readLines(Path.of("/etc/hosts"));
        boolean inHosts = hosts.orElse(List.of()).stream()
                .map(l -> l.replaceAll("#.*", "").strip().split("\\s+"))
                .anyMatch(f -> f.length > 1 && List.of(f).subList(1, f.length).stream().anyMatch(h -> h.equalsIgnoreCase(host)));
        out.add(new Finding("resolver", hosts instanceof LocalState.Read.Unknown<List<String>> u
                ? "Whether /etc/hosts lists " + host + " cannot be seen: " + u.reason() + "."
                : "/etc/hosts " + (inHosts ? "lists " + host + " (but not for the family asked)."
                : "has no entry for " + host + ".")));
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

    private static List<Finding> service(String name) {
        if (name == null) {
            return List.of();
        }
        String wanted = name.toLowerCase(Locale.ROOT);
        List<String> close = new ArrayList<>();
        for (String line : LocalState.lines(Path.of("/etc/services"))) {
            String[] f = line.replaceAll("#.*", "").strip().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            for (int i = 0; i < f.length; i++) {
                if (i == 1) {
                    continue;
                }
                if (distance(f[i].toLowerCase(Locale.ROOT), wanted) <= 2) {
                    String entry = f[i] + " (" + f[1] + ")";
                    if (!close.contains(entry)) {
                        close.add(entry);
                    }
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        out.add(new Finding("resolver", "/etc/services has no service named \"" + name + "\" for this protocol"
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
