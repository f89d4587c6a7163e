package org.connectdoctor.sys.darwin;

import java.util.List;
import java.util.Optional;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.sys.HostState;
import org.connectdoctor.sys.LocalFirewall;
import org.connectdoctor.sys.NeighbourLookup;
import org.connectdoctor.sys.OwnerProcess;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.RouteLookup;
import org.connectdoctor.sys.SocketEntry;
import org.connectdoctor.sys.SystemTrustStore;
import org.connectdoctor.sys.Transport;
import org.connectdoctor.sys.UnixSocketEntry;
import org.connectdoctor.sys.UnreadableHostState;

/**
 * macOS, by construction (no macOS machine tests it): the socket tables, routes and interfaces are
 * not read yet and say so; the trust store is the one Java's own Apple provider reads, and the
 * firewall names the commands that show its state.
 */
public final class DarwinHostState implements HostState {

    public static final DarwinHostState INSTANCE = new DarwinHostState();

    private final UnreadableHostState unread =
            new UnreadableHostState("reading this computer's network state is not written for macOS yet");

    private DarwinHostState() {
    }

    @Override
    public Read<List<SocketEntry>> sockets(Transport transport) {
        return unread.sockets(transport);
    }

    @Override
    public Read<Optional<OwnerProcess>> owner(SocketEntry socket) {
        return unread.owner(socket);
    }

    @Override
    public Read<List<UnixSocketEntry>> unixSockets() {
        return unread.unixSockets();
    }

    @Override
    public RouteLookup route(SockAddr destination) {
        return unread.route(destination);
    }

    @Override
    public NeighbourLookup neighbour(SockAddr address, String device) {
        return unread.neighbour(address, device);
    }

    @Override
    public Read<List<NetInterface>> interfaces() {
        return unread.interfaces();
    }

    @Override
    public Read<Resolvers> resolvers() {
        return unread.resolvers();
    }

    @Override
    public Read<PortRange> ephemeralPorts(Transport transport) {
        return unread.ephemeralPorts(transport);
    }

    @Override
    public Read<ConnectRetry> connectRetry() {
        return unread.connectRetry();
    }

    /**
     * The keychains through the JDK's Apple provider. Runtimes that offer the KeychainStore-ROOT
     * type read Apple's built-in roots (System Roots) with it; the KeychainStore type every macOS
     * runtime has reads the certificates trusted in the user's and the administrator's trust
     * settings (JDK-8303465, in 17.0.8 and later): where a company installs its own root, but not
     * Apple's built-in ones. The description says which was read.
     */
    @Override
    public Read<SystemTrustStore> systemTrustStore() {
        return trustStore(java.security.Security.getProvider("Apple"));
    }

    static Read<SystemTrustStore> trustStore(java.security.Provider apple) {
        if (apple == null) {
            return Read.unknown("this Java runtime has no Apple provider, which reads the macOS keychains");
        }
        if (apple.getService("KeyStore", "KeychainStore-ROOT") != null) {
            return Read.known(SystemTrustStore.keyStore("the macOS System Roots keychain (KeychainStore-ROOT)",
                    "KeychainStore-ROOT"));
        }
        if (apple.getService("KeyStore", "KeychainStore") != null) {
            return Read.known(SystemTrustStore.keyStore("the macOS keychains' trusted certificates (KeychainStore: "
                    + "those you or an administrator added, not Apple's built-in roots)", "KeychainStore"));
        }
        return Read.unknown("this Java runtime's Apple provider offers no KeychainStore");
    }

    /**
     * The Application Firewall filters incoming connections only, so it never blocks a probe;
     * pf's rules need root to list. Unknown, with the commands that show both.
     */
    @Override
    public Read<LocalFirewall> firewall(Transport transport, SockAddr destination, String program) {
        return Read.unknown("pf's rules need administrator rights to read (sudo pfctl -s rules shows them; "
                + "/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate shows the Application Firewall, "
                + "which filters incoming connections only)");
    }

    /**
     * macOS runs its captive-portal check in the Captive Network Assistant and keeps the verdict
     * to itself: no documented call lets another program read it without sending anything.
     */
    @Override
    public Read<org.connectdoctor.sys.Connectivity> connectivity() {
        return Read.unknown("macOS offers programs no reading of its own captive-portal check (the Captive Network "
                + "Assistant keeps it); connect-doctor probe --connectivity-check asks the check address itself");
    }

    /** /etc/hosts, which macOS reads as every BSD does (hosts(5)). */
    @Override
    public Read<HostsFile> hostsFile() {
        java.nio.file.Path file = java.nio.file.Path.of("/etc/hosts");
        try {
            return Read.known(HostsFile.parse(java.nio.file.Files.readAllLines(file,
                    java.nio.charset.StandardCharsets.ISO_8859_1), file.toString()));
        } catch (java.io.IOException | RuntimeException e) {
            return Read.unknown(file + " could not be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
