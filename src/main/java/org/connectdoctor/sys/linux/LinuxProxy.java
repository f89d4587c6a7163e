package org.connectdoctor.sys.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;

/**
 * The proxy setting on Linux. Programs that use "the system proxy" on Linux read the environment
 * (http_proxy, https_proxy, all_proxy, no_proxy: curl, wget, pip, apt, Python, Go, most tools);
 * GNOME's own programs read the desktop's setting org.gnome.system.proxy from dconf, which the
 * session normally exports into the same variables. This reader takes the environment when it
 * names a proxy. When it names none, GNOME's setting decides for GNOME's programs: that setting is
 * kept in dconf's binary database (~/.config/dconf/user) or in a system-wide keyfile under
 * /etc/dconf/db; the binary database is not read here, so where it exists the answer is Unknown
 * with that reason, never "no proxy". A system keyfile that has a [system/proxy] section is read
 * for its mode, hosts and ports (keyfile syntax, GVariant values).
 */
final class LinuxProxy {

    private LinuxProxy() {
    }

    static final String ENVIRONMENT = "the environment";

    /**
     * @param env      the environment to read (System.getenv() in the product)
     * @param home     the user's home directory, or null
     * @param dconfDbs the system dconf keyfile directory (/etc/dconf/db)
     */
    static Read<ProxySettings> read(Map<String, String> env, Path home, Path dconfDbs) {
        ProxySettings fromEnv = ProxySettings.fromEnvironment(env, ENVIRONMENT);
        if (!fromEnv.proxies().isEmpty()) {
            return Read.known(fromEnv);
        }
        // No variable: what GNOME's programs use is then the desktop's setting.
        List<Path> keyfiles = gnomeProxyKeyfiles(dconfDbs);
        if (!keyfiles.isEmpty()) {
            Read<ProxySettings> k = keyfile(keyfiles.get(0), fromEnv);
            if (k != null) {
                return k;
            }
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path userDb = config != null && !config.isBlank() ? Path.of(config, "dconf", "user")
                : home == null ? null : home.resolve(".config/dconf/user");
        if (userDb != null && Files.exists(userDb)) {
            return Read.unknown("no proxy variable (http_proxy, https_proxy, all_proxy) is set in the environment, "
                    + "and GNOME's proxy setting (org.gnome.system.proxy) is kept in the dconf database " + userDb
                    + ", which Connect Doctor does not read; 'gsettings get org.gnome.system.proxy mode' shows it");
        }
        return Read.known(new ProxySettings(ENVIRONMENT + ", which sets no http_proxy, https_proxy or all_proxy; "
                + "GNOME has no proxy setting here", List.of(), fromEnv.bypass(), fromEnv.bypassFrom(), null, false));
    }

    /** The system dconf keyfiles (/etc/dconf/db/NAME.d/FILE) that have a [system/proxy] section. */
    static List<Path> gnomeProxyKeyfiles(Path dconfDbs) {
        List<Path> found = new ArrayList<>();
        if (dconfDbs == null || !Files.isDirectory(dconfDbs)) {
            return found;
        }
        try (DirectoryStream<Path> dbs = Files.newDirectoryStream(dconfDbs, "*.d")) {
            for (Path db : dbs) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(db)) {
                    for (Path f : files) {
                        if (Files.isRegularFile(f) && Files.size(f) < 1 << 20 && Files.readString(f,
                                StandardCharsets.UTF_8).contains("[system/proxy")) {
                            found.add(f);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return found;
        }
        found.sort(null);
        return found;
    }

    /** GNOME's setting from a keyfile; null when the file says nothing of the mode. */
    static Read<ProxySettings> keyfile(Path file, ProxySettings env) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Read.unknown("GNOME's proxy setting in " + file + " could not be read: " + e.getMessage());
        }
        return parseKeyfile(lines, file.toString());
    }

    /**
     * org.gnome.system.proxy as a dconf keyfile writes it: [system/proxy] mode='manual'|'auto'|'none',
     * autoconfig-url='…', ignore-hosts=['localhost', …]; [system/proxy/https] host='…' port=8080 (and
     * /http). Null when no mode is set there.
     */
    static Read<ProxySettings> parseKeyfile(List<String> lines, String where) {
        String section = "";
        Map<String, String> values = new java.util.HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && section.startsWith("system/proxy")) {
                values.put(section + "/" + line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String mode = unquote(values.get("system/proxy/mode"));
        if (mode == null) {
            return null;
        }
        String source = "GNOME's setting org.gnome.system.proxy (" + where + ")";
        List<String> ignore = new ArrayList<>();
        String hosts = values.get("system/proxy/ignore-hosts");
        if (hosts != null) {
            for (String h : hosts.replaceAll("^\\[|\\]$", "").split(",")) {
                String u = unquote(h.strip());
                if (u != null && !u.isBlank()) {
                    ignore.add(u);
                }
            }
        }
        return switch (mode) {
            case "none" -> Read.known(new ProxySettings(source, List.of(), List.of(), null, null, false));
            case "auto" -> {
                String url = unquote(values.get("system/proxy/autoconfig-url"));
                yield Read.known(new ProxySettings(source, List.of(), ignore, "ignore-hosts",
                        url == null || url.isBlank() ? null : url, url == null || url.isBlank()));
            }
            case "manual" -> {
                List<ProxySettings.ManualProxy> proxies = new ArrayList<>();
                for (String scheme : List.of("https", "http")) {
                    String host = unquote(values.get("system/proxy/" + scheme + "/host"));
                    String port = values.get("system/proxy/" + scheme + "/port");
                    if (host != null && !host.isBlank()) {
                        proxies.add(new ProxySettings.ManualProxy(scheme, host + ":" + (port == null ? "8080"
                                : port.replaceAll("^(uint32|int32)\\s+", "")), scheme + ".host"));
                    }
                }
                yield Read.known(new ProxySettings(source, proxies, ignore, "ignore-hosts", null, false));
            }
            default -> Read.unknown("GNOME's proxy mode in " + where + " is " + mode + ", which is not known here");
        };
    }

    private static String unquote(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        if (s.length() >= 2 && (s.startsWith("'") && s.endsWith("'") || s.startsWith("\"") && s.endsWith("\""))) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
