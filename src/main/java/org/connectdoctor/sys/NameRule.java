package org.connectdoctor.sys;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One rule of Windows' Name Resolution Policy Table (NRPT): names in {@code namespace} are asked of
 * {@code servers} instead of the adapters' name servers (what {@code Get-DnsClientNrptPolicy} shows).
 *
 * @param namespace a suffix with its leading dot (".corp.example.com"), a full name ("db01.corp.example.com"),
 *                  or "." for every name
 * @param servers   the name servers the rule sends those names to
 * @param source    where it was read: "Group Policy (HKLM\\…\\DnsPolicyConfig\\{rule})"
 */
public record NameRule(String namespace, List<String> servers, String source) {

    public NameRule {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(source, "source");
        servers = List.copyOf(servers);
    }

    /** Whether the rule covers {@code name}: a suffix rule its subdomains, a name rule that name only. */
    public boolean covers(String name) {
        String n = bare(name);
        String ns = namespace.toLowerCase(Locale.ROOT);
        if (ns.equals(".")) {
            return true;
        }
        if (ns.startsWith(".")) {
            return n.endsWith(ns) && n.length() > ns.length();
        }
        return n.equals(bare(ns));
    }

    /** How closely the rule names {@code name}: the longest namespace wins, as in the NRPT. */
    public int specificity() {
        return namespace.equals(".") ? 0 : namespace.length() + (namespace.startsWith(".") ? 0 : 1000);
    }

    private static String bare(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
    }

    /** The most specific rule of {@code rules} that covers {@code name}, or null. */
    public static NameRule match(List<NameRule> rules, String name) {
        NameRule best = null;
        for (NameRule r : rules) {
            if (!r.servers().isEmpty() && r.covers(name) && (best == null || r.specificity() > best.specificity())) {
                best = r;
            }
        }
        return best;
    }
}
