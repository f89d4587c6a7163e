package org.connectdoctor.sys.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import org.connectdoctor.sys.ProxySettings;
import org.connectdoctor.sys.Read;

/**
 * The proxy setting through winhttp.dll, mapped directly. The structures are read by offset, as
 * the rest of this backend reads its tables: each starts with a DWORD (BOOL) padded to pointer
 * alignment, then its LPWSTR fields. Every string the calls return is the caller's to free with
 * GlobalFree, on every path. Texts condensed from Microsoft's WinHTTP reference.
 */
final class WinHttp {

    static final int WINHTTP_ACCESS_TYPE_NO_PROXY = 1;
    static final int WINHTTP_ACCESS_TYPE_NAMED_PROXY = 3;
    static final int WINHTTP_AUTOPROXY_AUTO_DETECT = 0x1;
    static final int WINHTTP_AUTOPROXY_CONFIG_URL = 0x2;
    static final int WINHTTP_AUTO_DETECT_TYPE_DHCP = 0x1;
    static final int WINHTTP_AUTO_DETECT_TYPE_DNS_A = 0x2;
    /** How long WinHTTP may take for each step of fetching a PAC file (resolve, connect, send, receive). */
    static final int PAC_STEP_MILLIS = 3000;

    private WinHttp() {
    }

    static final class Lib {
        static {
            Native.register(Lib.class, NativeLibrary.getInstance("winhttp"));
        }

        private Lib() {
        }

        /**
         * WinHttpGetIEProxyConfigForCurrentUser: the current user's Internet Options proxy setting
         * into a WINHTTP_CURRENT_USER_IE_PROXY_CONFIG {fAutoDetect, lpszAutoConfigUrl, lpszProxy,
         * lpszProxyBypass}; the strings are GlobalFree'd by the caller. FALSE with GetLastError on failure.
         */
        static native boolean WinHttpGetIEProxyConfigForCurrentUser(Pointer config);

        /**
         * WinHttpGetDefaultProxyConfiguration: the machine-wide WinHTTP setting (netsh winhttp) into a
         * WINHTTP_PROXY_INFO {dwAccessType, lpszProxy, lpszProxyBypass}.
         */
        static native boolean WinHttpGetDefaultProxyConfiguration(Pointer info);

        /** WinHttpOpen: a session handle, or NULL. */
        static native Pointer WinHttpOpen(WString agent, int accessType, WString proxy, WString bypass, int flags);

        /** WinHttpSetTimeouts: limits in ms for resolve, connect, send and receive on {@code handle}. */
        static native boolean WinHttpSetTimeouts(Pointer handle, int resolve, int connect, int send, int receive);

        /**
         * WinHttpGetProxyForUrl: runs the PAC file (downloaded from the URL, or found by WPAD) for
         * {@code url} inside WinHTTP's own service, into a WINHTTP_PROXY_INFO. FALSE with
         * ERROR_WINHTTP_AUTODETECTION_FAILED (12180), ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT
         * (12167), ERROR_WINHTTP_BAD_AUTO_PROXY_SCRIPT (12166) and others.
         */
        static native boolean WinHttpGetProxyForUrl(Pointer session, WString url, Pointer options, Pointer info);

        static native boolean WinHttpCloseHandle(Pointer handle);
    }

    static final class Kernel {
        static {
            Native.register(Kernel.class, NativeLibrary.getInstance("kernel32"));
        }

        private Kernel() {
        }

        /** GlobalFree: frees memory WinHTTP allocated for a returned string; NULL is allowed. */
        static native Pointer GlobalFree(Pointer mem);
    }

    /** The string at {@code offset} of {@code struct}, freed; null for NULL. */
    private static String take(Memory struct, long offset) {
        Pointer p = struct.getPointer(offset);
        if (p == null) {
            return null;
        }
        try {
            return p.getWideString(0);
        } finally {
            Kernel.GlobalFree(p);
        }
    }

    /** The user's Internet Options, then the machine-wide WinHTTP setting where the user's sets nothing. */
    static Read<ProxySettings> settings() {
        int ptr = Native.POINTER_SIZE;
        boolean auto;
        String pac;
        String proxy;
        String bypass;
        try (Memory ie = new Memory(ptr * 4L)) {
            ie.clear();
            if (!Lib.WinHttpGetIEProxyConfigForCurrentUser(ie)) {
                return Read.unknown("the Internet Options proxy setting could not be read "
                        + "(WinHttpGetIEProxyConfigForCurrentUser failed, error " + Native.getLastError() + ")");
            }
            auto = ie.getInt(0) != 0;
            // read (and free) every string before anything can return
            pac = take(ie, ptr);
            proxy = take(ie, ptr * 2L);
            bypass = take(ie, ptr * 3L);
        }
        ProxySettings user = WindowsProxy.settings(auto, pac, proxy, bypass, WindowsProxy.INTERNET_OPTIONS);
        if (!user.none()) {
            return Read.known(user);
        }
        try (Memory info = new Memory(ptr * 3L)) {
            info.clear();
            if (!Lib.WinHttpGetDefaultProxyConfiguration(info)) {
                return Read.known(user);
            }
            int access = info.getInt(0);
            String wProxy = take(info, ptr);
            String wBypass = take(info, ptr * 2L);
            if (access == WINHTTP_ACCESS_TYPE_NAMED_PROXY && wProxy != null) {
                return Read.known(WindowsProxy.settings(false, null, wProxy, wBypass, WindowsProxy.WINHTTP));
            }
        }
        return Read.known(WindowsProxy.settings(false, null, null, null, WindowsProxy.INTERNET_OPTIONS + " and "
                + WindowsProxy.WINHTTP));
    }

    /** What the PAC file (or WPAD, when {@code pacUrl} is null) picks for {@code url}, through WinHTTP. */
    static Read<String> proxyForUrl(String url, String pacUrl) {
        int ptr = Native.POINTER_SIZE;
        Pointer session = Lib.WinHttpOpen(new WString("connect-doctor"), WINHTTP_ACCESS_TYPE_NO_PROXY, null, null, 0);
        if (session == null) {
            return Read.unknown("WinHttpOpen failed (error " + Native.getLastError() + ")");
        }
        try (Memory options = new Memory(16L + 2L * ptr); Memory info = new Memory(ptr * 3L)) {
            Lib.WinHttpSetTimeouts(session, PAC_STEP_MILLIS, PAC_STEP_MILLIS, PAC_STEP_MILLIS, PAC_STEP_MILLIS);
            options.clear();
            info.clear();
            Memory pac = null;
            if (pacUrl != null) {
                options.setInt(0, WINHTTP_AUTOPROXY_CONFIG_URL);
                pac = new Memory((pacUrl.length() + 1L) * 2);
                pac.setWideString(0, pacUrl);
                options.setPointer(8, pac);
            } else {
                options.setInt(0, WINHTTP_AUTOPROXY_AUTO_DETECT);
                options.setInt(4, WINHTTP_AUTO_DETECT_TYPE_DHCP | WINHTTP_AUTO_DETECT_TYPE_DNS_A);
            }
            options.setInt(12L + 2L * ptr, 1); // fAutoLogonIfChallenged: the PAC server may want the sign-in
            try {
                if (!Lib.WinHttpGetProxyForUrl(session, new WString(url), options, info)) {
                    return Read.unknown(WindowsProxy.pacError(Native.getLastError()));
                }
                int access = info.getInt(0);
                String proxy = take(info, ptr);
                take(info, ptr * 2L);
                return Read.known(access == WINHTTP_ACCESS_TYPE_NO_PROXY || proxy == null ? "DIRECT" : proxy);
            } finally {
                if (pac != null) {
                    pac.close();
                }
            }
        } finally {
            Lib.WinHttpCloseHandle(session);
        }
    }
}
