package org.connectdoctor.sys.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Function;
import org.connectdoctor.sys.Read;

/**
 * The little of COM the backend needs, mapped directly: CoInitializeEx / CoUninitialize and
 * CoCreateInstance from ole32.dll, SysFreeString from oleaut32.dll, and calls through an
 * interface's vtable (slot numbers from the interface's header: IUnknown's QueryInterface, AddRef,
 * Release are 0 to 2, IDispatch adds 3 to 6). Win64 only: interface pointers are 64-bit.
 */
final class Com {

    static final int SLOT_RELEASE = 2;
    private static final int COINIT_MULTITHREADED = 0;
    /** CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER. */
    private static final int CLSCTX = 0x1 | 0x4;
    /** RPC_E_CHANGED_MODE: the thread already has COM in the other apartment model; it serves as it is. */
    private static final int RPC_E_CHANGED_MODE = 0x80010106;

    private Com() {
    }

    static final class Ole32 {
        static {
            Native.register(Ole32.class, NativeLibrary.getInstance("ole32"));
        }

        private Ole32() {
        }

        /** CoInitializeEx: S_OK, S_FALSE when already initialised on this thread (both need CoUninitialize), or an error. */
        static native int CoInitializeEx(Pointer reserved, int coInit);

        static native void CoUninitialize();

        /** CoCreateInstance: an instance of {@code clsid} as interface {@code iid} into {@code out[0]}. */
        static native int CoCreateInstance(byte[] clsid, Pointer outer, int context, byte[] iid, long[] out);
    }

    static final class OleAut32 {
        static {
            Native.register(OleAut32.class, NativeLibrary.getInstance("oleaut32"));
        }

        private OleAut32() {
        }

        /** SysFreeString: frees a BSTR a COM method returned. */
        static native void SysFreeString(Pointer bstr);
    }

    /**
     * Runs {@code body} on an instance of {@code clsid} as {@code iid}, with COM initialised on this
     * thread (multithreaded) for the call; the instance is released and COM uninitialised after.
     */
    static <T> Read<T> with(String clsid, String iid, String what, Function<Pointer, Read<T>> body) {
        int hr;
        try {
            hr = Ole32.CoInitializeEx(null, COINIT_MULTITHREADED);
        } catch (LinkageError e) {
            return Read.unknown("COM (ole32.dll) is not available: " + e.getMessage());
        }
        boolean uninitialise = hr == 0 || hr == 1;
        if (hr < 0 && hr != RPC_E_CHANGED_MODE) {
            return Read.unknown("COM could not be initialised (HRESULT " + hex(hr) + ")");
        }
        try {
            long[] object = {0};
            hr = Ole32.CoCreateInstance(guid(clsid), null, CLSCTX, guid(iid), object);
            if (hr < 0 || object[0] == 0) {
                return Read.unknown(what + " could not be created (HRESULT " + hex(hr)
                        + (hr == REGDB_E_CLASSNOTREG ? ", REGDB_E_CLASSNOTREG: this system does not have it" : "") + ")");
            }
            Pointer p = new Pointer(object[0]);
            try {
                return body.apply(p);
            } finally {
                release(p);
            }
        } finally {
            if (uninitialise) {
                Ole32.CoUninitialize();
            }
        }
    }

    /** REGDB_E_CLASSNOTREG: no such class is registered. */
    static final int REGDB_E_CLASSNOTREG = 0x80040154;

    /** Calls vtable slot {@code slot} of the COM object {@code object} with {@code args} after it; the HRESULT. */
    static int call(Pointer object, int slot, Object... args) {
        Pointer vtable = object.getPointer(0);
        com.sun.jna.Function f = com.sun.jna.Function.getFunction(vtable.getPointer((long) slot * Native.POINTER_SIZE));
        Object[] all = new Object[args.length + 1];
        all[0] = object;
        System.arraycopy(args, 0, all, 1, args.length);
        return f.invokeInt(all);
    }

    static void release(Pointer object) {
        call(object, SLOT_RELEASE);
    }

    /** The text of a BSTR a method returned, which is then freed; null for a NULL BSTR. */
    static String takeBstr(long bstr) {
        if (bstr == 0) {
            return null;
        }
        Pointer p = new Pointer(bstr);
        try {
            return p.getWideString(0);
        } finally {
            OleAut32.SysFreeString(p);
        }
    }

    /** A GUID's 16 bytes as memory holds them: Data1, Data2, Data3 little-endian, Data4 as written. */
    static byte[] guid(String text) {
        String h = text.replace("-", "");
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) Long.parseLong(h.substring(0, 8), 16));
        b.putShort((short) Integer.parseInt(h.substring(8, 12), 16));
        b.putShort((short) Integer.parseInt(h.substring(12, 16), 16));
        for (int i = 16; i < 32; i += 2) {
            b.put((byte) Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return b.array();
    }

    static String hex(int hr) {
        return String.format("0x%08X", hr);
    }
}
