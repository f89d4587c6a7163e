package org.connectdoctor.sys.windows;

import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.connectdoctor.sys.Read;

/**
 * The little of COM the backend needs, mapped directly: CoInitializeEx, CoUninitialize and
 * CoCreateInstance from ole32.dll, VariantClear and SysFreeString from oleaut32.dll, and calls
 * through an interface's vtable by slot (IUnknown's QueryInterface, AddRef, Release are 0 to 2;
 * IDispatch adds 3 to 6; the rest as the interface's header declares them). Win64 only.
 */
final class Com {

    /** How long a COM service may take to answer before the read is Unknown. */
    static final long LIMIT_MILLIS = 2000;

    static final int S_OK = 0;
    static final int S_FALSE = 1;
    static final int QUERY_INTERFACE = 0;
    static final int RELEASE = 2;
    /** REGDB_E_CLASSNOTREG: no such class is registered on this system. */
    static final int REGDB_E_CLASSNOTREG = 0x80040154;
    private static final int COINIT_MULTITHREADED = 0x0;
    private static final int CLSCTX_ALL = 0x17;

    private static final ExecutorService READER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "com-reader");
        t.setDaemon(true);
        return t;
    });

    private Com() {
    }

    static final class Ole32 {
        static {
            Native.register(Ole32.class, NativeLibrary.getInstance("ole32"));
        }

        private Ole32() {
        }

        /**
         * CoInitializeEx: enters this thread into a COM apartment. S_OK, S_FALSE when already in
         * that apartment (both need a CoUninitialize), RPC_E_CHANGED_MODE when in the other one.
         */
        static native int CoInitializeEx(Pointer reserved, int coInit);

        static native void CoUninitialize();

        /** CoCreateInstance: the object of class {@code clsid} as interface {@code iid}, into {@code out}. */
        static native int CoCreateInstance(Pointer clsid, Pointer outer, int context, Pointer iid, PointerByReference out);
    }

    static final class OleAut32 {
        static {
            Native.register(OleAut32.class, NativeLibrary.getInstance("oleaut32"));
        }

        private OleAut32() {
        }

        /** VariantClear: frees what a VARIANT holds (a BSTR, an interface) and sets it to VT_EMPTY. */
        static native int VariantClear(Pointer variant);

        /** SysFreeString: frees a BSTR a method returned. */
        static native void SysFreeString(Pointer bstr);
    }

    /**
     * Runs {@code read} on a thread of its own in the multithreaded apartment, with an instance of
     * {@code clsid} as {@code iid} that is released after, within {@link #LIMIT_MILLIS}: a service
     * that does not answer is Unknown, never a frozen probe.
     */
    static <T> Read<T> read(String clsid, String iid, String what, java.util.function.Function<Pointer, Read<T>> read) {
        Future<Read<T>> f = READER.submit((Callable<Read<T>>) () -> inApartment(clsid, iid, what, read));
        try {
            return f.get(LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Read.unknown(what + " did not answer within " + LIMIT_MILLIS + " ms");
        } catch (ExecutionException e) {
            return Read.unknown(what + " could not be read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Read.unknown("the read of " + what + " was interrupted");
        }
    }

    private static <T> Read<T> inApartment(String clsid, String iid, String what,
                                           java.util.function.Function<Pointer, Read<T>> read) {
        int init = Ole32.CoInitializeEx(Pointer.NULL, COINIT_MULTITHREADED);
        try {
            PointerByReference out = new PointerByReference();
            int hr = Ole32.CoCreateInstance(guid(clsid), Pointer.NULL, CLSCTX_ALL, guid(iid), out);
            if (hr != S_OK || out.getValue() == null) {
                return Read.unknown(what + " could not be created (CoCreateInstance: " + hresult(hr)
                        + (hr == REGDB_E_CLASSNOTREG ? ", REGDB_E_CLASSNOTREG: this system does not have it" : "") + ")");
            }
            Pointer object = out.getValue();
            try {
                return read.apply(object);
            } finally {
                call(object, RELEASE);
            }
        } finally {
            if (init == S_OK || init == S_FALSE) {
                Ole32.CoUninitialize();
            }
        }
    }

    /** Calls vtable slot {@code slot} of the COM object {@code object} with {@code args} after it; the HRESULT. */
    static int call(Pointer object, int slot, Object... args) {
        Pointer vtable = object.getPointer(0);
        Function f = Function.getFunction(vtable.getPointer((long) slot * Native.POINTER_SIZE), Function.ALT_CONVENTION);
        Object[] all = new Object[args.length + 1];
        all[0] = object;
        System.arraycopy(args, 0, all, 1, args.length);
        return f.invokeInt(all);
    }

    /** The text of a BSTR a method returned, which is then freed; null for a NULL BSTR. */
    static String takeBstr(Pointer bstr) {
        if (bstr == null) {
            return null;
        }
        try {
            return bstr.getWideString(0);
        } finally {
            OleAut32.SysFreeString(bstr);
        }
    }

    /** A GUID in memory: Data1 (DWORD), Data2, Data3 (WORD), Data4 (8 bytes), little-endian as Windows lays it out. */
    static Memory guid(String text) {
        String[] p = text.split("-");
        Memory m = new Memory(16);
        m.setInt(0, (int) Long.parseLong(p[0], 16));
        m.setShort(4, (short) Integer.parseInt(p[1], 16));
        m.setShort(6, (short) Integer.parseInt(p[2], 16));
        String rest = p[3] + p[4];
        for (int i = 0; i < 8; i++) {
            m.setByte(8 + i, (byte) Integer.parseInt(rest.substring(2 * i, 2 * i + 2), 16));
        }
        return m;
    }

    static String hresult(int hr) {
        return String.format(Locale.ROOT, "HRESULT 0x%08X", hr);
    }
}
