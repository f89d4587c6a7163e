package org.connectdoctor.sys.windows;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.windows.FirewallRule.Profile;

/**
 * The firewall profiles in use now, from the Network List Manager (netprofm.dll, COM, no
 * administrator rights needed): the category of each connected network, as
 * {@code Get-NetConnectionProfile} shows it. Windows Defender Firewall applies the Public profile
 * to a network of category Public, Private to Private, Domain to DomainAuthenticated.
 *
 * <p>The COM calls go through the interfaces' vtables (netlistmgr.h): INetworkListManager::GetNetworks
 * is slot 7 (after IUnknown's 3 and IDispatch's 4), IEnumNetworks::Next slot 8,
 * INetwork::GetCategory slot 18, IUnknown::Release slot 2. Every interface pointer is released and
 * COM uninitialised on every path.
 */
final class NetworkList {

    /** CLSID_NetworkListManager and IID_INetworkListManager (netlistmgr.h). */
    private static final byte[] CLSID_NETWORK_LIST_MANAGER = guid("DCB00C01-570F-4A9B-8D69-199FDBA5723B");
    private static final byte[] IID_INETWORK_LIST_MANAGER = guid("DCB00000-570F-4A9B-8D69-199FDBA5723B");
    private static final int COINIT_MULTITHREADED = 0;
    /** CLSCTX_INPROC_SERVER | CLSCTX_LOCAL_SERVER. */
    private static final int CLSCTX = 0x1 | 0x4;
    /** RPC_E_CHANGED_MODE: the thread already has COM in the other apartment model; it serves as it is. */
    private static final int RPC_E_CHANGED_MODE = 0x80010106;
    private static final int NLM_ENUM_NETWORK_CONNECTED = 0x01;
    private static final int SLOT_RELEASE = 2;
    private static final int SLOT_GET_NETWORKS = 7;
    private static final int SLOT_NEXT = 8;
    private static final int SLOT_GET_CATEGORY = 18;

    private NetworkList() {
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

        /** CoCreateInstance: an instance of {@code clsid} as interface {@code iid} into {@code out[0]} (64-bit). */
        static native int CoCreateInstance(byte[] clsid, Pointer outer, int context, byte[] iid, long[] out);
    }

    /** The profiles of the connected networks; Unknown with the reason when the Network List Manager cannot tell. */
    static Read<Set<Profile>> activeProfiles() {
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
            long[] manager = {0};
            hr = Ole32.CoCreateInstance(CLSID_NETWORK_LIST_MANAGER, null, CLSCTX, IID_INETWORK_LIST_MANAGER, manager);
            if (hr < 0 || manager[0] == 0) {
                return Read.unknown("the Network List Manager could not be created (HRESULT " + hex(hr) + ")");
            }
            try {
                return categories(new Pointer(manager[0]));
            } finally {
                call(new Pointer(manager[0]), SLOT_RELEASE);
            }
        } finally {
            if (uninitialise) {
                Ole32.CoUninitialize();
            }
        }
    }

    private static Read<Set<Profile>> categories(Pointer manager) {
        long[] networks = {0};
        int hr = call(manager, SLOT_GET_NETWORKS, NLM_ENUM_NETWORK_CONNECTED, networks);
        if (hr < 0 || networks[0] == 0) {
            return Read.unknown("INetworkListManager::GetNetworks failed (HRESULT " + hex(hr) + ")");
        }
        Pointer e = new Pointer(networks[0]);
        try {
            Set<Profile> out = EnumSet.noneOf(Profile.class);
            for (int i = 0; i < 256; i++) {
                long[] network = {0};
                int[] fetched = {0};
                hr = call(e, SLOT_NEXT, 1, network, fetched);
                if (hr != 0 || fetched[0] == 0 || network[0] == 0) {
                    break; // S_FALSE: no more
                }
                Pointer n = new Pointer(network[0]);
                try {
                    int[] category = {-1};
                    hr = call(n, SLOT_GET_CATEGORY, category);
                    if (hr < 0) {
                        return Read.unknown("INetwork::GetCategory failed (HRESULT " + hex(hr) + ")");
                    }
                    Profile p = profile(category[0]);
                    if (p == null) {
                        return Read.unknown("a connected network has category " + category[0] + ", which is not "
                                + "Public, Private or DomainAuthenticated");
                    }
                    out.add(p);
                } finally {
                    call(n, SLOT_RELEASE);
                }
            }
            if (out.isEmpty()) {
                return Read.unknown("the Network List Manager reports no connected network");
            }
            return Read.known(out);
        } finally {
            call(e, SLOT_RELEASE);
        }
    }

    /** NLM_NETWORK_CATEGORY: 0 Public, 1 Private, 2 DomainAuthenticated. */
    static Profile profile(int category) {
        return switch (category) {
            case 0 -> Profile.PUBLIC;
            case 1 -> Profile.PRIVATE;
            case 2 -> Profile.DOMAIN;
            default -> null;
        };
    }

    /** Calls vtable slot {@code slot} of the COM object {@code object} with {@code args} after it. */
    private static int call(Pointer object, int slot, Object... args) {
        Pointer vtable = object.getPointer(0);
        Function f = Function.getFunction(vtable.getPointer((long) slot * Native.POINTER_SIZE));
        Object[] all = new Object[args.length + 1];
        all[0] = object;
        System.arraycopy(args, 0, all, 1, args.length);
        return f.invokeInt(all);
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

    private static String hex(int hr) {
        return String.format("0x%08X", hr);
    }
}
