package org.connectdoctor.sys.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.ArrayList;
import java.util.List;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.SecurityProduct;

/**
 * The firewall and antivirus products Windows Security Center lists, through its documented
 * product list (iwscapi.h, Windows 8 and later; no administrator rights needed): WSCProductList
 * initialised for WSC_SECURITY_PROVIDER_FIREWALL, then for WSC_SECURITY_PROVIDER_ANTIVIRUS, each
 * IWscProduct's name and WSC_SECURITY_PRODUCT_STATE. Vtable slots after IDispatch's:
 * IWSCProductList::Initialize 7, get_Count 8, get_Item 9; IWscProduct::get_ProductName 7,
 * get_ProductState 8. Windows Server has no Security Center: the class is not registered there.
 */
final class SecurityCenter {

    static final String SOURCE = "Windows Security Center (WSCProductList)";
    private static final String CLSID_WSC_PRODUCT_LIST = "17072F7B-9ABE-4A74-A261-1EB76B55107A";
    private static final String IID_IWSC_PRODUCT_LIST = "722A338C-6E8E-4E72-AC27-1417FB0C81C2";
    private static final int WSC_SECURITY_PROVIDER_FIREWALL = 0x1;
    private static final int WSC_SECURITY_PROVIDER_ANTIVIRUS = 0x4;
    private static final int SLOT_INITIALIZE = 7;
    private static final int SLOT_GET_COUNT = 8;
    private static final int SLOT_GET_ITEM = 9;
    private static final int SLOT_GET_PRODUCT_NAME = 7;
    private static final int SLOT_GET_PRODUCT_STATE = 8;

    private SecurityCenter() {
    }

    static Read<List<SecurityProduct>> products() {
        List<SecurityProduct> out = new ArrayList<>();
        for (SecurityProduct.Kind kind : SecurityProduct.Kind.values()) {
            Read<List<SecurityProduct>> some = Com.read(CLSID_WSC_PRODUCT_LIST, IID_IWSC_PRODUCT_LIST,
                    "Windows Security Center's product list", list -> list(list, kind));
            if (some instanceof Read.Unknown<List<SecurityProduct>> u) {
                return u;
            }
            out.addAll(some.orElse(List.of()));
        }
        return Read.known(out);
    }

    private static Read<List<SecurityProduct>> list(Pointer list, SecurityProduct.Kind kind) {
        int provider = kind == SecurityProduct.Kind.FIREWALL ? WSC_SECURITY_PROVIDER_FIREWALL
                : WSC_SECURITY_PROVIDER_ANTIVIRUS;
        int hr = Com.call(list, SLOT_INITIALIZE, provider);
        if (hr != Com.S_OK) {
            return Read.unknown("Windows Security Center's product list did not initialise (Initialize: "
                    + Com.hresult(hr) + ")");
        }
        Memory count = new Memory(4);
        count.setInt(0, 0);
        hr = Com.call(list, SLOT_GET_COUNT, count);
        if (hr != Com.S_OK) {
            return Read.unknown("Windows Security Center's product list gave no count (get_Count: " + Com.hresult(hr) + ")");
        }
        List<SecurityProduct> out = new ArrayList<>();
        for (int i = 0; i < Math.min(count.getInt(0), 64); i++) {
            PointerByReference item = new PointerByReference();
            hr = Com.call(list, SLOT_GET_ITEM, i, item);
            if (hr != Com.S_OK || item.getValue() == null) {
                return Read.unknown("Windows Security Center's product " + i + " could not be read (get_Item: "
                        + Com.hresult(hr) + ")");
            }
            Pointer product = item.getValue();
            try {
                PointerByReference name = new PointerByReference();
                hr = Com.call(product, SLOT_GET_PRODUCT_NAME, name);
                String text = Com.takeBstr(name.getValue());
                if (hr != Com.S_OK || text == null) {
                    return Read.unknown("Windows Security Center gave a product without a name (get_ProductName: "
                            + Com.hresult(hr) + ")");
                }
                Memory state = new Memory(4);
                state.setInt(0, -1);
                hr = Com.call(product, SLOT_GET_PRODUCT_STATE, state);
                SecurityProduct.State s = hr != Com.S_OK ? null : state(state.getInt(0));
                if (s == null) {
                    return Read.unknown("Windows Security Center gives " + text + " no state it documents (get_ProductState: "
                            + Com.hresult(hr) + ", state " + state.getInt(0) + ")");
                }
                out.add(new SecurityProduct(kind, text, s, SOURCE));
            } finally {
                Com.call(product, Com.RELEASE);
            }
        }
        return Read.known(out);
    }

    /** WSC_SECURITY_PRODUCT_STATE: 0 on, 1 off, 2 snoozed, 3 expired. */
    static SecurityProduct.State state(int value) {
        return switch (value) {
            case 0 -> SecurityProduct.State.ON;
            case 1 -> SecurityProduct.State.OFF;
            case 2 -> SecurityProduct.State.SNOOZED;
            case 3 -> SecurityProduct.State.EXPIRED;
            default -> null;
        };
    }
}
