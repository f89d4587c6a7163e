package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.WString;

/**
 * Direct JNA mappings of the non-Winsock calls the backend needs: message texts and process
 * names from kernel32.dll, the socket tables, routes and adapters from iphlpapi.dll, and
 * registry values from advapi32.dll (read only: the backend never writes the registry). The texts are condensed from Microsoft's reference
 * (learn.microsoft.com) for each function.
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
    static final int GAA_FLAG_INCLUDE_GATEWAYS = 0x0080;

    static final int NO_ERROR = 0;
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_NOT_SUPPORTED = 50;
    static final int ERROR_INSUFFICIENT_BUFFER = 122;
    static final int ERROR_MORE_DATA = 234;
    static final int ERROR_NOT_FOUND = 1168;
    static final int ERROR_NETWORK_UNREACHABLE = 1231;
    static final int ERROR_HOST_UNREACHABLE = 1232;
    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;

    /** TCP_TABLE_CLASS / UDP_TABLE_CLASS (iprtrmib.h): every TCP socket with its PID; bound UDP sockets with theirs. */
    static final int TCP_TABLE_OWNER_PID_ALL = 5;
    static final int UDP_TABLE_OWNER_PID = 1;

    /** OpenProcess access enough for QueryFullProcessImageNameW, granted for other users' processes too. */
    static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;

    /** HKEY_LOCAL_MACHINE: (HKEY)(ULONG_PTR)(LONG)0x80000002, sign-extended to 64 bits. */
    static final long HKEY_LOCAL_MACHINE = 0xFFFF_FFFF_8000_0002L;
    static final int RRF_RT_REG_DWORD = 0x0010;
    /** KEY_READ: STANDARD_RIGHTS_READ | KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_NOTIFY. */
    static final int KEY_READ = 0x20019;
    static final int REG_SZ = 1;
    static final int REG_EXPAND_SZ = 2;
    static final int REG_DWORD = 4;
    static final int REG_MULTI_SZ = 7;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_NO_MORE_ITEMS = 259;

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

        /**
         * OpenProcess: a handle to process {@code pid} with {@code access}, or NULL (the reason in
         * GetLastError: ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER for a PID that is gone).
         */
        static native Pointer OpenProcess(int access, int inheritHandle, int pid);

        /**
         * QueryFullProcessImageNameW with flags 0: the Win32 path of the process's program, written
         * into {@code name}; {@code size} holds the buffer's length in chars and gets the chars written.
         * Returns nonzero on success.
         */
        static native int QueryFullProcessImageNameW(Pointer process, int flags, char[] name, int[] size);

        static native int CloseHandle(Pointer handle);
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

        /**
         * GetExtendedTcpTable: the TCP sockets of family {@code af} (AF_INET or AF_INET6) as the
         * table {@code tableClass} asks for, into {@code table}. ERROR_INSUFFICIENT_BUFFER with the size
         * needed in {@code size} when it does not fit; {@code order} nonzero sorts the rows.
         */
        static native int GetExtendedTcpTable(Pointer table, int[] size, int order, int af, int tableClass,
                                              int reserved);

        /** GetExtendedUdpTable: as {@link #GetExtendedTcpTable} for the UDP endpoints. */
        static native int GetExtendedUdpTable(Pointer table, int[] size, int order, int af, int tableClass,
                                              int reserved);

        /**
         * GetBestInterfaceEx: the index of the interface the best route to {@code destination} (a
         * SOCKADDR of either family) leaves by, into {@code index}. Returns NO_ERROR or an error code.
         */
        static native int GetBestInterfaceEx(byte[] destination, int[] index);

        /**
         * GetBestRoute: the best IPv4 route to {@code destination} (an IPAddr, network order) as a
         * MIB_IPFORWARDROW; {@code source} 0 lets the system choose. Returns NO_ERROR or an error code.
         */
        static native int GetBestRoute(int destination, int source, byte[] route);
    }

    /**
     * GetBestRoute2 on its own, so that a system without it (Windows before Vista; a stub under
     * Wine) leaves the other IP Helper calls working.
     */
    static final class IpHlpApiRoute2 {
        static {
            Native.register(IpHlpApiRoute2.class, NativeLibrary.getInstance("iphlpapi"));
        }

        private IpHlpApiRoute2() {
        }

        /**
         * GetBestRoute2: the route to {@code destination} (SOCKADDR_INET) the system would use, as a
         * MIB_IPFORWARD_ROW2 in {@code route}, and the source address it would pick in
         * {@code bestSource}. A NULL LUID, index 0 and NULL source let the system choose the
         * interface and source. Returns NO_ERROR or an error code (ERROR_NETWORK_UNREACHABLE, …).
         */
        static native int GetBestRoute2(Pointer interfaceLuid, int interfaceIndex, Pointer source, byte[] destination,
                                        int addressSortOptions, byte[] route, byte[] bestSource);
    }

    static final class Advapi32 {
        static {
            Native.register(Advapi32.class, NativeLibrary.getInstance("advapi32"));
        }

        private Advapi32() {
        }

        /**
         * RegGetValueW: the value {@code value} of key {@code subKey} under {@code key}, restricted to
         * the types {@code flags} allows, into {@code data}. Returns ERROR_SUCCESS, ERROR_FILE_NOT_FOUND
         * when the key or value does not exist, or another error code.
         */
        static native int RegGetValueW(Pointer key, WString subKey, WString value, int flags, int[] type, int[] data,
                                       int[] size);

        /**
         * RegOpenKeyExW: opens {@code subKey} under {@code key} with {@code access} (KEY_READ), the
         * HKEY into {@code result[0]} (a 64-bit handle: this backend is Win64). Returns ERROR_SUCCESS, ERROR_FILE_NOT_FOUND when the key does
         * not exist, ERROR_ACCESS_DENIED when its permissions do not grant this user the access.
         */
        static native int RegOpenKeyExW(Pointer key, WString subKey, int options, int access, long[] result);

        /**
         * RegEnumValueW: value number {@code index} of the open key: its name into {@code name}
         * ({@code nameChars} in: the buffer's length in chars, out: the name's length without the NUL),
         * its type and data ({@code dataBytes} in: the buffer's size, out: the data's). Returns
         * ERROR_SUCCESS, ERROR_MORE_DATA when a buffer is too small, ERROR_NO_MORE_ITEMS past the last.
         */
        static native int RegEnumValueW(Pointer key, int index, char[] name, int[] nameChars, Pointer reserved,
                                        int[] type, byte[] data, int[] dataBytes);

        /** RegCloseKey: releases a handle from RegOpenKeyExW. */
        static native int RegCloseKey(Pointer key);

        /**
         * RegEnumKeyExW: subkey number {@code index} of the open key: its name into {@code name}
         * ({@code nameChars} in: the buffer's length in chars, out: the name's length without the NUL).
         * Returns ERROR_SUCCESS, ERROR_NO_MORE_ITEMS past the last.
         */
        static native int RegEnumKeyExW(Pointer key, int index, char[] name, int[] nameChars, Pointer reserved,
                                        Pointer className, Pointer classChars, Pointer lastWriteTime);
    }

    private WinSystem() {
    }
}
