package org.connectdoctor.probe.proxy;

import java.util.Objects;

/**
 * Which proxy applies to one target for applications that use this computer's proxy setting.
 *
 * @param applies     how such applications reach the target
 * @param url         the target as those applications would ask for it ("https://db01:443")
 * @param proxy       the proxy they go through; null unless {@code applies} is PROXY
 * @param from        the variable or setting the proxy came from ("https_proxy", "the PAC file"), or null
 * @param bypassEntry the bypass-list entry that matched; null unless BYPASSED
 * @param bypassFrom  the setting the bypass list came from ("no_proxy"), or null
 * @param pacUrl      the PAC file's URL, when one is set; else null
 * @param source      where the setting was read ("the environment"), or null when it could not be
 * @param reason      why the setting could not be read, or why a PAC file or WPAD could not be
 *                    asked; null otherwise
 */
public record SystemProxy(Applies applies, String url, ProxyAddress proxy, String from, String bypassEntry,
                          String bypassFrom, String pacUrl, String source, String reason) {

    public SystemProxy {
        Objects.requireNonNull(applies, "applies");
        Objects.requireNonNull(url, "url");
        if ((applies == Applies.PROXY) != (proxy != null)) {
            throw new IllegalArgumentException("a proxy is named exactly when one applies");
        }
    }

    /** True when such applications send this target's traffic through a proxy. */
    public boolean throughProxy() {
        return applies == Applies.PROXY;
    }

    /**
     * The sentence every report carries, before what this probe did: "Applications that use the
     * system proxy reach https://db01:443 through proxy.corp:8080 (from https_proxy, in the environment)".
     */
    public String reach() {
        return switch (applies) {
            case PROXY -> "Applications that use the system proxy reach " + url + " through " + proxy.display()
                    + " (" + (pacUrl != null && from != null && from.startsWith("the PAC file")
                    ? "chosen by the PAC file " + pacUrl : "from " + from + (source == null ? "" : ", in " + source))
                    + (proxy.withCredentials() ? "; the setting carries a user name, not shown" : "") + ")";
            case BYPASSED -> "Applications that use the system proxy reach " + url + " directly: the entry "
                    + bypassEntry + " of the bypass list (" + bypassFrom + ", in " + source + ") matches it";
            case NO_PROXY -> "Applications that use the system proxy reach " + url + " directly: no proxy is set ("
                    + source + ")";
            case PAC_DECIDES -> "For applications that use the system proxy, the PAC file " + pacUrl + " decides how "
                    + "they reach " + url + " (" + reason + ")";
            case AUTO_DETECT_DECIDES -> "For applications that use the system proxy, automatic proxy detection (WPAD) "
                    + "decides how they reach " + url + " (" + reason + ")";
            case UNKNOWN -> "Whether applications that use the system proxy reach " + url + " through a proxy is not "
                    + "known: " + reason;
        };
    }

    /** The sentence with what this probe did: "…; this probe connected directly." */
    public String sentence(boolean connected, ProxyAddress probedThrough) {
        String probe = probedThrough != null ? "this probe went through " + probedThrough.display() + " (--proxy)"
                : connected ? "this probe connected directly" : "this probe tried directly";
        return reach() + "; " + probe + ".";
    }
}
