package org.connectdoctor.sys.windows;

import com.sun.jna.Pointer;
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
 * <p>Vtable slots (netlistmgr.h): INetworkListManager::GetNetworks 7, IEnumNetworks::Next 8,
 * INetwork::GetCategory 18; every interface pointer is released on every path.
 */
final class NetworkList {

    private static final String CLSID_NETWORK_LIST_MANAGER = "DCB00C01-570F-4A9B-8D69-199FDBA5723B";
    private static final String IID_INETWORK_LIST_MANAGER = "DCB00000-570F-4A9B-8D69-199FDBA5723B";
    private static final int NLM_ENUM_NETWORK_CONNECTED = 0x01;
    private static final int SLOT_GET_NETWORKS = 7;
    private static final int SLOT_NEXT = 8;
    private static final int SLOT_GET_CATEGORY = 18;

    private NetworkList() {
    }

    /** The profiles of the connected networks; Unknown with the reason when the Network List Manager cannot tell. */
    static Read<Set<Profile>> activeProfiles() {
        return Com.with(CLSID_NETWORK_LIST_MANAGER, IID_INETWORK_LIST_MANAGER, "the Network List Manager",
                NetworkList::categories);
    }

    private static Read<Set<Profile>> categories(Pointer manager) {
        long[] networks = {0};
        int hr = Com.call(manager, SLOT_GET_NETWORKS, NLM_ENUM_NETWORK_CONNECTED, networks);
        if (hr < 0 || networks[0] == 0) {
            return Read.unknown("INetworkListManager::GetNetworks failed (HRESULT " + Com.hex(hr) + ")");
        }
        Pointer e = new Pointer(networks[0]);
        try {
            Set<Profile> out = EnumSet.noneOf(Profile.class);
            for (int i = 0; i < 256; i++) {
                long[] network = {0};
                int[] fetched = {0};
                hr = Com.call(e, SLOT_NEXT, 1, network, fetched);
                if (hr != 0 || fetched[0] == 0 || network[0] == 0) {
                    break; // S_FALSE: no more
                }
                Pointer n = new Pointer(network[0]);
                try {
                    int[] category = {-1};
                    hr = Com.call(n, SLOT_GET_CATEGORY, category);
                    if (hr < 0) {
                        return Read.unknown("INetwork::GetCategory failed (HRESULT " + Com.hex(hr) + ")");
                    }
                    Profile p = profile(category[0]);
                    if (p == null) {
                        return Read.unknown("a connected network has category " + category[0] + ", which is not "
                                + "Public, Private or DomainAuthenticated");
                    }
                    out.add(p);
                } finally {
                    Com.release(n);
                }
            }
            if (out.isEmpty()) {
                return Read.unknown("the Network List Manager reports no connected network");
            }
            return Read.known(out);
        } finally {
            Com.release(e);
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
}
