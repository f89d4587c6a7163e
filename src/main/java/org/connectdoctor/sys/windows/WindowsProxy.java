package org.connectdoctor.sys.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.sys.ProxySettings;

/**
 * The strings of the Windows proxy settings, read into {@link ProxySettings}: no JNA here, so the
 * reading is tested on any system. A proxy list is "host:port" for every scheme, or
 * "http=h:p;https=h:p;ftp=…" per scheme (entries separated by ';' or spaces, an optional
 * "http://" before a host); a bypass list is ';'-separated, "&lt;local&gt;" standing for names
 * without a dot.
 */
final class WindowsProxy {

    static final String INTERNET_OPTIONS = "Internet Options (WinHttpGetIEProxyConfigForCurrentUser)";
    static final String WINHTTP = "the machine-wide WinHTTP setting (WinHttpGetDefaultProxyConfiguration, "
            + "netsh winhttp show proxy)";

    private WindowsProxy() {
    }

    static ProxySettings settings(boolean autoDetect, String pacUrl, String proxy, String bypass, String source) {
        List<ProxySettings.ManualProxy> proxies = new ArrayList<>();
        if (proxy != null) {
            for (String entry : proxy.split("[;\\s]+")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.indexOf('=');
                if (eq < 0) {
                    proxies.add(new ProxySettings.ManualProxy("*", entry, "ProxyServer"));
                    continue;
                }
                String scheme = entry.substring(0, eq).toLowerCase(Locale.ROOT);
                String value = entry.substring(eq + 1);
                if ((scheme.equals("http") || scheme.equals("https")) && !value.isBlank()) {
                    proxies.add(new ProxySettings.ManualProxy(scheme, value, "ProxyServer " + scheme + "="));
                }
                // socks= and ftp= are no HTTP CONNECT proxies for https targets: not taken
            }
        }
        List<String> bypassList = new ArrayList<>();
        if (bypass != null) {
            for (String b : bypass.split("[;\\s]+")) {
                if (!b.isBlank()) {
                    bypassList.add(b.strip());
                }
            }
        }
        String pac = pacUrl == null || pacUrl.isBlank() ? null : pacUrl.strip();
        return new ProxySettings(source, proxies, bypassList, bypassList.isEmpty() ? null : "ProxyOverride", pac,
                autoDetect);
    }

    /** Words for WinHttpGetProxyForUrl's errors (winhttp.h). */
    static String pacError(int error) {
        return "WinHTTP could not evaluate it: " + switch (error) {
            case 12180 -> "no PAC file was found by automatic detection (ERROR_WINHTTP_AUTODETECTION_FAILED)";
            case 12167 -> "the PAC file could not be downloaded (ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT)";
            case 12166 -> "the PAC file has an error (ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT)";
            case 12178 -> "the PAC file chose no proxy it could give (ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR)";
            case 12002 -> "fetching the PAC file timed out (ERROR_WINHTTP_TIMEOUT)";
            default -> "error " + error;
        };
    }
}
