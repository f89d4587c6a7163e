package org.connectdoctor.probe.proxy;

/** How applications that use the system's proxy setting reach a target. */
public enum Applies {
    /** Through a proxy that the setting names (or that the OS's PAC evaluation picked). */
    PROXY,
    /** Directly: a proxy is set, but an entry of the bypass list matches the target. */
    BYPASSED,
    /** Directly: no proxy, PAC file or detection is set (or the PAC file said DIRECT). */
    NO_PROXY,
    /** A PAC file decides, and this computer offers no evaluation of it to Connect Doctor. */
    PAC_DECIDES,
    /** Automatic detection (WPAD) decides, and it could not be asked here. */
    AUTO_DETECT_DECIDES,
    /** The setting could not be read: never to be shown as "no proxy". */
    UNKNOWN
}
