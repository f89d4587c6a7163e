package org.connectdoctor.sys.windows;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.connectdoctor.sys.Read;

/**
 * The values of one key under HKEY_LOCAL_MACHINE, through advapi32.dll (RegOpenKeyExW with
 * KEY_READ, RegEnumValueW, RegCloseKey). Strings (REG_SZ, REG_EXPAND_SZ, not expanded) and DWORDs
 * are returned; other types are left out. Read only.
 */
final class WinRegistry implements WindowsFirewall.Registry, NameResolutionPolicy.Keys {

    static final WinRegistry INSTANCE = new WinRegistry();

    /** A value name is at most 16,383 chars (Registry element size limits). */
    private static final int MAX_NAME = 16384;

    private WinRegistry() {
    }

    @Override
    public Read<Optional<Map<String, Object>>> values(String key) {
        String where = "HKLM\\" + key;
        long[] handle = {0};
        int rc;
        try {
            rc = WinSystem.Advapi32.RegOpenKeyExW(new Pointer(WinSystem.HKEY_LOCAL_MACHINE), new WString(key), 0,
                    WinSystem.KEY_READ, handle);
        } catch (LinkageError e) {
            return Read.unknown("the registry could not be read: " + e.getMessage());
        }
        if (rc == WinSystem.ERROR_FILE_NOT_FOUND) {
            return Read.known(Optional.empty());
        }
        if (rc == WinSystem.ERROR_ACCESS_DENIED) {
            return Read.unknown(where + " is not readable by this user (access denied)");
        }
        if (rc != WinSystem.NO_ERROR) {
            return Read.unknown(where + " could not be opened: " + WindowsHostState.systemError(rc));
        }
        Pointer hkey = new Pointer(handle[0]);
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            char[] name = new char[MAX_NAME];
            byte[] data = new byte[4096];
            for (int index = 0; ; ) {
                int[] nameChars = {name.length};
                int[] type = {0};
                int[] size = {data.length};
                rc = WinSystem.Advapi32.RegEnumValueW(hkey, index, name, nameChars, null, type, data, size);
                if (rc == WinSystem.ERROR_NO_MORE_ITEMS) {
                    return Read.known(Optional.of(out));
                }
                if (rc == WinSystem.ERROR_MORE_DATA && size[0] > data.length && data.length < (64 << 20)) {
                    data = new byte[Math.max(size[0], data.length * 2)];
                    continue; // the same value again, with room for its data
                }
                if (rc != WinSystem.NO_ERROR) {
                    return Read.unknown(where + ": value " + index + " could not be read: "
                            + WindowsHostState.systemError(rc));
                }
                Object value = decode(type[0], data, size[0]);
                if (value != null) {
                    out.put(new String(name, 0, Math.min(nameChars[0], name.length)), value);
                }
                index++;
            }
        } finally {
            WinSystem.Advapi32.RegCloseKey(hkey);
        }
    }

    /**
     * The names of the subkeys of {@code key} under HKLM; Known(empty) when the key does not exist;
     * Unknown when it cannot be read, with the reason.
     */
    @Override
    public Read<java.util.List<String>> subkeys(String key) {
        String where = "HKLM\\" + key;
        long[] handle = {0};
        int rc;
        try {
            rc = WinSystem.Advapi32.RegOpenKeyExW(new Pointer(WinSystem.HKEY_LOCAL_MACHINE), new WString(key), 0,
                    WinSystem.KEY_READ, handle);
        } catch (LinkageError e) {
            return Read.unknown("the registry could not be read: " + e.getMessage());
        }
        if (rc == WinSystem.ERROR_FILE_NOT_FOUND) {
            return Read.known(java.util.List.of());
        }
        if (rc != WinSystem.NO_ERROR) {
            return Read.unknown(where + " could not be opened: " + WindowsHostState.systemError(rc));
        }
        Pointer hkey = new Pointer(handle[0]);
        try {
            java.util.List<String> out = new java.util.ArrayList<>();
            char[] name = new char[256]; // a key name is at most 255 chars
            for (int index = 0; index < 10_000; index++) {
                int[] chars = {name.length};
                rc = WinSystem.Advapi32.RegEnumKeyExW(hkey, index, name, chars, null, null, null, null);
                if (rc == WinSystem.ERROR_NO_MORE_ITEMS) {
                    break;
                }
                if (rc != WinSystem.NO_ERROR) {
                    return Read.unknown(where + ": subkey " + index + " could not be read: "
                            + WindowsHostState.systemError(rc));
                }
                out.add(new String(name, 0, Math.min(chars[0], name.length)));
            }
            return Read.known(out);
        } finally {
            WinSystem.Advapi32.RegCloseKey(hkey);
        }
    }

    /**
     * A string without its terminating NULs, a DWORD as an Integer, a REG_MULTI_SZ as a list of
     * its strings; null for other types.
     */
    static Object decode(int type, byte[] data, int size) {
        int n = Math.min(size, data.length);
        if (type == WinSystem.REG_MULTI_SZ) {
            String s = new String(data, 0, n - (n % 2), StandardCharsets.UTF_16LE);
            java.util.List<String> out = new java.util.ArrayList<>();
            for (String part : s.split("\0")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return java.util.List.copyOf(out);
        }
        if (type == WinSystem.REG_SZ || type == WinSystem.REG_EXPAND_SZ) {
            String s = new String(data, 0, n - (n % 2), StandardCharsets.UTF_16LE);
            int end = s.indexOf('\0');
            return end >= 0 ? s.substring(0, end) : s;
        }
        if (type == WinSystem.REG_DWORD && n >= 4) {
            return ByteBuffer.wrap(data, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }
        return null;
    }
}
