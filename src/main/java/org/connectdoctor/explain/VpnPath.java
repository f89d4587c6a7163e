package org.connectdoctor.explain;

import java.util.List;
import java.util.Locale;
import org.connectdoctor.sys.InterfaceKind;
import org.connectdoctor.sys.NetworkLink;

/**
 * Whether the attempt went through a VPN: through one, around one that is up, with none up, or
 * that it cannot be told. Decided from the route the OS would use and the kinds of the interfaces
 * ({@link InterfaceKind#vpn()}); a reading that failed is {@link Unknown}, never "no VPN".
 */
public sealed interface VpnPath {

    /** The verdict's name for JSON and the history. */
    enum Verdict {
        THROUGH_VPN, OUTSIDE_VPN, NO_VPN, UNKNOWN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    Verdict verdict();

    /** The tunnel and VPN interfaces that are up; null when the interfaces could not be read. */
    List<NetworkLink> vpnUp();

    /** The interface the route uses, or null when there is none or it is not known. */
    NetworkLink routeLink();

    /** The route for the address uses {@code link}, a VPN interface. */
    record Through(NetworkLink link, List<NetworkLink> vpnUp) implements VpnPath {
        public Through {
            vpnUp = List.copyOf(vpnUp);
        }

        @Override
        public Verdict verdict() {
            return Verdict.THROUGH_VPN;
        }

        @Override
        public NetworkLink routeLink() {
            return link;
        }
    }

    /**
     * A VPN interface is up but the route for {@code destination} does not use one.
     *
     * @param link the interface the route uses; null when there is no route at all
     */
    record Outside(String destination, NetworkLink link, List<NetworkLink> vpnUp) implements VpnPath {
        public Outside {
            vpnUp = List.copyOf(vpnUp);
        }

        @Override
        public Verdict verdict() {
            return Verdict.OUTSIDE_VPN;
        }

        @Override
        public NetworkLink routeLink() {
            return link;
        }
    }

    /** No tunnel or VPN interface is up; {@code link} is the route's interface, or null. */
    record NoVpn(NetworkLink link) implements VpnPath {
        @Override
        public Verdict verdict() {
            return Verdict.NO_VPN;
        }

        @Override
        public List<NetworkLink> vpnUp() {
            return List.of();
        }

        @Override
        public NetworkLink routeLink() {
            return link;
        }
    }

    /**
     * It cannot be told.
     *
     * @param reason what could not be read, in words
     * @param vpnUp  the VPN interfaces up when the interfaces were read, else null
     */
    record Unknown(String reason, List<NetworkLink> vpnUp) implements VpnPath {
        public Unknown {
            vpnUp = vpnUp == null ? null : List.copyOf(vpnUp);
        }

        @Override
        public Verdict verdict() {
            return Verdict.UNKNOWN;
        }

        @Override
        public NetworkLink routeLink() {
            return null;
        }
    }
}
