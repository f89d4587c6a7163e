package org.connectdoctor.sys.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.ptr.PointerByReference;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.connectdoctor.net.Family;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;

/**
 * Windows' own connectivity verdict from the Network List Manager, the COM service behind the
 * taskbar's network icon and PowerShell's Get-NetConnectionProfile, through {@link Com} (ole32,
 * oleaut32, and the interfaces' vtables by index, as netlistmgr.h declares them):
 * <ul>
 * <li>CoCreateInstance(CLSID_NetworkListManager {DCB00C01-570F-4A9B-8D69-199FDBA5723B},
 *     IID_INetworkListManager {DCB00000-570F-4A9B-8D69-199FDBA5723B}). INetworkListManager derives
 *     from IDispatch: slots 0–2 IUnknown, 3–6 IDispatch, then 7 GetNetworks, 8 GetNetwork,
 *     9 GetNetworkConnections, 10 GetNetworkConnection, 11 IsConnectedToInternet, 12 IsConnected,
 *     13 GetConnectivity(NLM_CONNECTIVITY*).</li>
 * <li>NLM_CONNECTIVITY bits: IPV4_NOTRAFFIC 0x1, IPV6_NOTRAFFIC 0x2, IPV4_SUBNET 0x10,
 *     IPV4_LOCALNETWORK 0x20, IPV4_INTERNET 0x40, IPV6_SUBNET 0x100, IPV6_LOCALNETWORK 0x200,
 *     IPV6_INTERNET 0x400; 0 is DISCONNECTED.</li>
 * <li>The captive portal: each connection's IPropertyBag ({55272A00-42CB-11CE-8135-00AA004BB851};
 *     slot 3 Read) holds NA_InternetConnectivityV4 and NA_InternetConnectivityV6, NLM_INTERNET_CONNECTIVITY
 *     flags: WEBHIJACK 0x1 ("the local HTTP traffic is being redirected to a captive portal"),
 *     PROXIED 0x2, CORPORATE 0x4. The connections come from GetNetworkConnections, an
 *     IEnumNetworkConnections (IDispatch-derived: slot 8 Next(celt, INetworkConnection**, ULONG*)).</li>
 * </ul>
 * Every interface obtained is released on every path. The read runs on a thread of its own in
 * the multithreaded apartment and is given {@link #LIMIT_MILLIS}: a service that does not answer
 * becomes Unknown, never a frozen probe.
 */
final class NetworkListManager {

    static final long LIMIT_MILLIS = 2000;

    static final int NLM_CONNECTIVITY_IPV4_NOTRAFFIC = 0x1;
    static final int NLM_CONNECTIVITY_IPV6_NOTRAFFIC = 0x2;
    static final int NLM_CONNECTIVITY_IPV4_SUBNET = 0x10;
    static final int NLM_CONNECTIVITY_IPV4_LOCALNETWORK = 0x20;
    static final int NLM_CONNECTIVITY_IPV4_INTERNET = 0x40;
    static final int NLM_CONNECTIVITY_IPV6_SUBNET = 0x100;
    static final int NLM_CONNECTIVITY_IPV6_LOCALNETWORK = 0x200;
    static final int NLM_CONNECTIVITY_IPV6_INTERNET = 0x400;
    static final int NLM_INTERNET_CONNECTIVITY_WEBHIJACK = 0x1;

    static final String CLSID_NETWORK_LIST_MANAGER = "DCB00C01-570F-4A9B-8D69-199FDBA5723B";
    static final String IID_INETWORK_LIST_MANAGER = "DCB00000-570F-4A9B-8D69-199FDBA5723B";
    static final String IID_IPROPERTY_BAG = "55272A00-42CB-11CE-8135-00AA004BB851";

    private static final int COINIT_MULTITHREADED = 0x0;
    private static final int CLSCTX_ALL = 0x17;
    private static final int S_OK = 0;
    private static final int S_FALSE = 1;
    private static final int VT_I4 = 3;
    private static final int VT_UI4 = 19;

    private static final int QUERY_INTERFACE = 0;
    private static final int RELEASE = 2;
    private static final int GET_NETWORK_CONNECTIONS = 9;
    private static final int GET_CONNECTIVITY = 13;
    private static final int ENUM_NEXT = 8;
    private static final int BAG_READ = 3;
    /** More connections than any computer has; the enumeration stops there. */
    private static final int MAX_CONNECTIONS = 64;

    static final String SOURCE = "the Network List Manager (INetworkListManager::GetConnectivity), as the network "
            + "icon and Get-NetConnectionProfile show it";

    private static final ExecutorService READER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "network-list-manager");
        t.setDaemon(true);
        return t;
    });

    private NetworkListManager() {
    }

    /** What the Network List Manager said, before it becomes a verdict. */
    record Raw(int connectivity, int webHijackV4, int webHijackV6, boolean bagRead, String bagNote) {
    }

    /** Reads the verdict within {@link #LIMIT_MILLIS}. */
    static Read<Connectivity> read() {
        Future<Object> f = READER.submit(NetworkListManager::readInApartment);
        Object got;
        try {
            got = f.get(LIMIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return Read.unknown("the Network List Manager did not answer within " + LIMIT_MILLIS + " ms");
        } catch (ExecutionException e) {
            return Read.unknown("the Network List Manager could not be read: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Read.unknown("the read of the Network List Manager was interrupted");
        }
        if (got instanceof String why) {
            return Read.unknown(why);
        }
        return verdict((Raw) got);
    }

    /** The COM calls, on the reader's thread; a Raw, or a String saying why not. */
    private static Object readInApartment() {
        int init = Com.Ole32.CoInitializeEx(Pointer.NULL, COINIT_MULTITHREADED);
        try {
            PointerByReference out = new PointerByReference();
            int hr = Com.Ole32.CoCreateInstance(Com.guid(CLSID_NETWORK_LIST_MANAGER), Pointer.NULL, CLSCTX_ALL,
                    Com.guid(IID_INETWORK_LIST_MANAGER), out);
            if (hr != S_OK || out.getValue() == null) {
                return "the Network List Manager could not be created (CoCreateInstance: " + Com.hresult(hr) + ")";
            }
            Pointer nlm = out.getValue();
            try {
                Memory flags = new Memory(4);
                flags.setInt(0, 0);
                hr = Com.call(nlm, GET_CONNECTIVITY, flags);
                if (hr != S_OK) {
                    return "the Network List Manager did not give its connectivity (GetConnectivity: " + Com.hresult(hr) + ")";
                }
                int[] hijack = new int[2];
                String note = connectionFlags(nlm, hijack);
                return new Raw(flags.getInt(0), hijack[0], hijack[1], note == null, note);
            } finally {
                Com.call(nlm, RELEASE);
            }
        } finally {
            if (init == S_OK || init == S_FALSE) {
                Com.Ole32.CoUninitialize();
            }
        }
    }

    /**
     * ORs every connection's NA_InternetConnectivityV4 / V6 into {@code hijack}[0] / [1]; null when
     * at least one connection's property bag was read, else why none was.
     */
    private static String connectionFlags(Pointer nlm, int[] hijack) {
        PointerByReference e = new PointerByReference();
        int hr = Com.call(nlm, GET_NETWORK_CONNECTIONS, e);
        if (hr != S_OK || e.getValue() == null) {
            return "GetNetworkConnections: " + Com.hresult(hr);
        }
        Pointer en = e.getValue();
        String note = "no network connection is listed";
        boolean read = false;
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                PointerByReference conn = new PointerByReference();
                Memory fetched = new Memory(4);
                fetched.setInt(0, 0);
                hr = Com.call(en, ENUM_NEXT, 1, conn, fetched);
                if (hr != S_OK || fetched.getInt(0) != 1 || conn.getValue() == null) {
                    break;
                }
                Pointer c = conn.getValue();
                try {
                    PointerByReference bag = new PointerByReference();
                    hr = Com.call(c, QUERY_INTERFACE, Com.guid(IID_IPROPERTY_BAG), bag);
                    if (hr != S_OK || bag.getValue() == null) {
                        note = "the connections offer no property bag (QueryInterface IPropertyBag: " + Com.hresult(hr) + ")";
                        continue;
                    }
                    try {
                        Integer v4 = readUInt(bag.getValue(), "NA_InternetConnectivityV4");
                        Integer v6 = readUInt(bag.getValue(), "NA_InternetConnectivityV6");
                        if (v4 == null && v6 == null) {
                            note = "the connections' property bags hold no NA_InternetConnectivityV4 or V6";
                            continue;
                        }
                        read = true;
                        hijack[0] |= v4 == null ? 0 : v4;
                        hijack[1] |= v6 == null ? 0 : v6;
                    } finally {
                        Com.call(bag.getValue(), RELEASE);
                    }
                } finally {
                    Com.call(c, RELEASE);
                }
            }
        } finally {
            Com.call(en, RELEASE);
        }
        return read ? null : note;
    }

    /** IPropertyBag::Read of a VT_UI4 or VT_I4 property; null when absent or of another type. */
    private static Integer readUInt(Pointer bag, String name) {
        Memory variant = new Memory(24); // VARIANT on x64: vt (2 bytes), 3 reserved WORDs, the 16-byte union
        variant.clear();
        int hr = Com.call(bag, BAG_READ, new WString(name), variant, Pointer.NULL);
        try {
            if (hr != S_OK) {
                return null;
            }
            int vt = variant.getShort(0) & 0xffff;
            return vt == VT_UI4 || vt == VT_I4 ? variant.getInt(8) : null;
        } finally {
            Com.OleAut32.VariantClear(variant);
        }
    }

    /** The verdict per family and for the computer, from the flags (pure: tested on Linux too). */
    static Read<Connectivity> verdict(Raw raw) {
        int f = raw.connectivity();
        Map<Family, Connectivity.State> families = new EnumMap<>(Family.class);
        families.put(Family.INET, state(f, NLM_CONNECTIVITY_IPV4_INTERNET, NLM_CONNECTIVITY_IPV4_SUBNET
                | NLM_CONNECTIVITY_IPV4_LOCALNETWORK, (raw.webHijackV4() & NLM_INTERNET_CONNECTIVITY_WEBHIJACK) != 0));
        families.put(Family.INET6, state(f, NLM_CONNECTIVITY_IPV6_INTERNET, NLM_CONNECTIVITY_IPV6_SUBNET
                | NLM_CONNECTIVITY_IPV6_LOCALNETWORK, (raw.webHijackV6() & NLM_INTERNET_CONNECTIVITY_WEBHIJACK) != 0));
        Connectivity.State best = Connectivity.State.NONE;
        for (Connectivity.State s : families.values()) {
            if (s.ordinal() < best.ordinal()) {
                best = s; // FULL, PORTAL, LIMITED, NONE: the declaration order is best first
            }
        }
        String words = "Network List Manager: IPv4 " + word(f, 4) + ", IPv6 " + word(f, 6)
                + (families.get(Family.INET) == Connectivity.State.PORTAL ? ", IPv4 behind a captive portal" : "")
                + (families.get(Family.INET6) == Connectivity.State.PORTAL ? ", IPv6 behind a captive portal" : "")
                + " (NLM_CONNECTIVITY 0x" + Integer.toHexString(f) + ")";
        String source = SOURCE + (raw.bagRead() ? "; the captive-portal flag from the connections' "
                + "NA_InternetConnectivityV4/V6" : "; the captive-portal flag could not be read: " + raw.bagNote());
        return Read.known(new Connectivity(best, families, source, words, null));
    }

    private static Connectivity.State state(int f, int internet, int local, boolean hijacked) {
        if (hijacked) {
            return Connectivity.State.PORTAL;
        }
        if ((f & internet) != 0) {
            return Connectivity.State.FULL;
        }
        if ((f & local) != 0) {
            return Connectivity.State.LIMITED;
        }
        return Connectivity.State.NONE;
    }

    /** A family's connectivity as Get-NetConnectionProfile words it: Internet, LocalNetwork, Subnet, NoTraffic, Disconnected. */
    private static String word(int f, int version) {
        int shift = version == 4 ? 0 : 1;
        int bits = version == 4 ? f : f >> 4;
        if ((bits & NLM_CONNECTIVITY_IPV4_INTERNET) != 0) {
            return "Internet";
        }
        if ((bits & NLM_CONNECTIVITY_IPV4_LOCALNETWORK) != 0) {
            return "LocalNetwork";
        }
        if ((bits & NLM_CONNECTIVITY_IPV4_SUBNET) != 0) {
            return "Subnet";
        }
        if ((f & (NLM_CONNECTIVITY_IPV4_NOTRAFFIC << shift)) != 0) {
            return "NoTraffic";
        }
        return "Disconnected";
    }

    private static final int GET_NETWORKS = 7;
    private static final int NETWORK_GET_CATEGORY = 18;
    private static final int NLM_ENUM_NETWORK_CONNECTED = 0x01;

    /**
     * The firewall profiles in use now: the category of each connected network
     * (INetworkListManager::GetNetworks(NLM_ENUM_NETWORK_CONNECTED), an IEnumNetworks whose slot 8 is
     * Next; INetwork::GetCategory is slot 18), as Get-NetConnectionProfile shows it. Windows Defender
     * Firewall applies the Public profile to a Public network, Private to Private, Domain to
     * DomainAuthenticated. Unknown with the reason when the Network List Manager cannot tell.
     */
    static Read<java.util.Set<FirewallRule.Profile>> activeProfiles() {
        return Com.read(CLSID_NETWORK_LIST_MANAGER, IID_INETWORK_LIST_MANAGER, "the Network List Manager",
                NetworkListManager::categories);
    }

    private static Read<java.util.Set<FirewallRule.Profile>> categories(Pointer nlm) {
        PointerByReference e = new PointerByReference();
        int hr = Com.call(nlm, GET_NETWORKS, NLM_ENUM_NETWORK_CONNECTED, e);
        if (hr != S_OK || e.getValue() == null) {
            return Read.unknown("the Network List Manager did not list its networks (GetNetworks: " + Com.hresult(hr) + ")");
        }
        Pointer en = e.getValue();
        try {
            java.util.Set<FirewallRule.Profile> out = java.util.EnumSet.noneOf(FirewallRule.Profile.class);
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                PointerByReference network = new PointerByReference();
                Memory fetched = new Memory(4);
                fetched.setInt(0, 0);
                hr = Com.call(en, ENUM_NEXT, 1, network, fetched);
                if (hr != S_OK || fetched.getInt(0) != 1 || network.getValue() == null) {
                    break;
                }
                Pointer n = network.getValue();
                try {
                    Memory category = new Memory(4);
                    category.setInt(0, -1);
                    hr = Com.call(n, NETWORK_GET_CATEGORY, category);
                    if (hr != S_OK) {
                        return Read.unknown("a network gave no category (GetCategory: " + Com.hresult(hr) + ")");
                    }
                    FirewallRule.Profile p = profile(category.getInt(0));
                    if (p == null) {
                        return Read.unknown("a connected network has category " + category.getInt(0)
                                + ", which is not Public, Private or DomainAuthenticated");
                    }
                    out.add(p);
                } finally {
                    Com.call(n, RELEASE);
                }
            }
            if (out.isEmpty()) {
                return Read.unknown("the Network List Manager reports no connected network");
            }
            return Read.known(out);
        } finally {
            Com.call(en, RELEASE);
        }
    }

    /** NLM_NETWORK_CATEGORY: 0 Public, 1 Private, 2 DomainAuthenticated. */
    static FirewallRule.Profile profile(int category) {
        return switch (category) {
            case 0 -> FirewallRule.Profile.PUBLIC;
            case 1 -> FirewallRule.Profile.PRIVATE;
            case 2 -> FirewallRule.Profile.DOMAIN;
            default -> null;
        };
    }
}
