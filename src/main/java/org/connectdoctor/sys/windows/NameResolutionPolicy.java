package org.connectdoctor.sys.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.connectdoctor.sys.NameRule;
import org.connectdoctor.sys.Read;

/**
 * The Name Resolution Policy Table as the DNS client keeps it in the registry, one subkey a rule:
 * Group Policy's under {@link #GROUP_POLICY}, which replace the local ones under {@link #LOCAL}
 * (Add-DnsClientNrptRule) when present. Each rule's {@code Name} (REG_MULTI_SZ) lists its
 * namespaces; {@code GenericDNSServers} (and {@code DirectAccessDNSServers}) the servers, separated
 * by semicolons. Read only.
 */
final class NameResolutionPolicy {

    static final String GROUP_POLICY = "SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient\\DnsPolicyConfig";
    static final String LOCAL = "SYSTEM\\CurrentControlSet\\Services\\Dnscache\\Parameters\\DnsPolicyConfig";

    /** The subkeys of a key and the values of one key, as {@link WinRegistry} reads them. */
    interface Keys {
        Read<List<String>> subkeys(String key);

        Read<Optional<Map<String, Object>>> values(String key);
    }

    private NameResolutionPolicy() {
    }

    static Read<List<NameRule>> read(Keys registry) {
        Read<List<NameRule>> policy = rules(registry, GROUP_POLICY, "Group Policy");
        if (policy instanceof Read.Unknown<List<NameRule>>) {
            return policy;
        }
        if (!policy.orElse(List.of()).isEmpty()) {
            return policy; // Group Policy's table replaces the local one
        }
        return rules(registry, LOCAL, "local policy");
    }

    private static Read<List<NameRule>> rules(Keys registry, String key, String which) {
        Read<List<String>> names = registry.subkeys(key);
        if (names instanceof Read.Unknown<List<String>> u) {
            return Read.unknown("the Name Resolution Policy Table could not be read: " + u.reason()
                    + "; Get-DnsClientNrptPolicy shows it");
        }
        List<NameRule> out = new ArrayList<>();
        for (String rule : names.orElse(List.of())) {
            String where = which + " (HKLM\\" + key + "\\" + rule + ")";
            Read<Optional<Map<String, Object>>> values = registry.values(key + "\\" + rule);
            if (values instanceof Read.Unknown<Optional<Map<String, Object>>> u) {
                return Read.unknown("the Name Resolution Policy rule " + where + " could not be read: " + u.reason()
                        + "; Get-DnsClientNrptPolicy shows it");
            }
            Map<String, Object> v = values.orElse(Optional.empty()).orElse(Map.of());
            List<String> servers = new ArrayList<>();
            for (String field : List.of("GenericDNSServers", "DirectAccessDNSServers")) {
                if (v.get(field) instanceof String s) {
                    for (String server : s.split("[;,\\s]+")) {
                        if (!server.isBlank() && !servers.contains(server.strip())) {
                            servers.add(server.strip());
                        }
                    }
                }
            }
            Object name = v.get("Name");
            List<String> namespaces = name instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : name instanceof String s ? List.of(s) : List.of();
            for (String ns : namespaces) {
                if (!ns.isBlank()) {
                    out.add(new NameRule(ns.strip(), servers, where));
                }
            }
        }
        return Read.known(out);
    }
}
