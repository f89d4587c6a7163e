package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Direct JNA mappings of the two non-Winsock calls the backend needs: message texts from
 * kernel32.dll and the adapter list from iphlpapi.dll.
 */
final class WinSystem {

    static final int FORMAT_MESSAGE_IGNORE_INSERTS = 0x0200;
    static final int FORMAT_MESSAGE_FROM_SYSTEM = 0x1000;
    /** MAKELANGID(LANG_ENGLISH, SUBLANG_ENGLISH_US). */
    static final int LANG_ENGLISH_US = 0x0409;
    /** MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT): the thread's, then the user's, then the system's language. */
    static final int LANG_USER_DEFAULT = 0;

    static final int AF_UNSPEC = 0;
    static final int GAA_FLAG_SKIP_ANYCAST = 0x0002;
    static final int GAA_FLAG_SKIP_MULTICAST = 0x0004;
    static final int GAA_FLAG_SKIP_DNS_SERVER = 0x0008;
    static final int ERROR_BUFFER_OVERFLOW = 111;
    static final int IF_TYPE_SOFTWARE_LOOPBACK = 24;
    static final int IF_OPER_STATUS_UP = 1;

    static final class Kernel32 {
        static {
            Native.register(Kernel32.class, NativeLibrary.getInstance("kernel32"));
        }

        private Kernel32() {
        }

        /**
         * FormatMessageW with FORMAT_MESSAGE_FROM_SYSTEM: the system's text for an error code, in
         * {@code language} (0: the user's), written into {@code buffer} as UTF-16. Returns the chars
         * written, 0 when the system has no text in that language (ERROR_RESOURCE_LANG_NOT_FOUND).
         */
        static native int FormatMessageW(int flags, Pointer source, int messageId, int language, char[] buffer,
                                         int size, Pointer arguments);
    }

    static final class IpHlpApi {
        static {
            Native.register(IpHlpApi.class, NativeLibrary.getInstance("iphlpapi"));
        }

        private IpHlpApi() {
        }

        /**
         * GetAdaptersAddresses: the adapters with their addresses, as a linked list of
         * IP_ADAPTER_ADDRESSES written into {@code buffer}. Returns 0 (NO_ERROR), ERROR_BUFFER_OVERFLOW
         * with the size needed in {@code size}, ERROR_NO_DATA when there are none.
         */
        static native int GetAdaptersAddresses(int family, int flags, Pointer reserved, Pointer buffer, int[] size);
    }

    private WinSystem() {
    }
}
