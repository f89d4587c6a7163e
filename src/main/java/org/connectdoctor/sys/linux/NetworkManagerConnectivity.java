package org.connectdoctor.sys.linux;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.connectdoctor.sys.Connectivity;
import org.connectdoctor.sys.Read;

/**
 * NetworkManager's own connectivity verdict, read from the D-Bus system bus: the properties of
 * /org/freedesktop/NetworkManager (interface org.freedesktop.NetworkManager), fetched with one
 * org.freedesktop.DBus.Properties.GetAll call. NetworkManager's D-Bus API reference:
 * {@code Connectivity} (u) is an NMConnectivityState: 0 unknown ("the connectivity checks are
 * disabled or have not run yet"), 1 none ("not connected to any network"), 2 portal ("the
 * Internet connection is hijacked by a captive portal gateway"), 3 limited ("connected to a
 * network, but it does not appear to be able to reach the full Internet"), 4 full;
 * {@code ConnectivityCheckEnabled} (b, since 1.10), {@code ConnectivityCheckAvailable} (b, since
 * 1.10: false when no check URI is configured) and {@code ConnectivityCheckUri} (s, since 1.20).
 *
 * <p>Reading sends nothing off this computer, and never starts NetworkManager: the call carries
 * NO_AUTO_START. The bus is found as libdbus finds it: DBUS_SYSTEM_BUS_ADDRESS
 * ("unix:path=/run/dbus/system_bus_socket"), else /run/dbus/system_bus_socket. Every step waits at
 * most {@link #LIMIT} in all.
 */
final class NetworkManagerConnectivity {

    static final String DEFAULT_ADDRESS = "unix:path=/run/dbus/system_bus_socket";
    static final Duration LIMIT = Duration.ofSeconds(1);
    static final String SERVICE = "org.freedesktop.NetworkManager";
    static final String PATH = "/org/freedesktop/NetworkManager";
    static final String SOURCE = "NetworkManager, over the D-Bus system bus: org.freedesktop.NetworkManager property "
            + "Connectivity";
    private static final String NOT_RUNNING = "NetworkManager is not running: this computer's connectivity verdict "
            + "is not kept by it";

    private NetworkManagerConnectivity() {
    }

    /** Reads the verdict from the bus at {@code address} (null: the default), as {@code uid}, within {@code limit}. */
    static Read<Connectivity> read(String address, long uid, Duration limit) {
        String given = address == null || address.isBlank() ? DEFAULT_ADDRESS : address;
        Path socket;
        try {
            socket = socketPath(given);
        } catch (IllegalArgumentException e) {
            return Read.unknown("no D-Bus system bus this reader can open here (" + e.getMessage() + ")");
        }
        if (!Files.exists(socket)) {
            return Read.unknown("no D-Bus system bus here (" + socket + " does not exist), so NetworkManager's "
                    + "connectivity verdict cannot be read");
        }
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, Object> props;
        try (DBus bus = DBus.open(socket, uid, deadline)) {
            DBus.Message reply = bus.call(SERVICE, PATH, "org.freedesktop.DBus.Properties", "GetAll", "s",
                    List.of(SERVICE));
            props = properties(reply);
        } catch (DBus.ErrorReply e) {
            return switch (e.name()) {
                case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner" ->
                        Read.unknown(NOT_RUNNING);
                case "org.freedesktop.DBus.Error.AccessDenied" -> Read.unknown("the D-Bus system bus's policy does not "
                        + "let this user read NetworkManager's properties (" + e.getMessage() + ")");
                default -> Read.unknown("NetworkManager did not give its connectivity verdict (" + e.getMessage() + ")");
            };
        } catch (SocketTimeoutException e) {
            return Read.unknown("the D-Bus system bus (" + socket + ") did not answer within "
                    + limit.toMillis() + " ms, so NetworkManager's connectivity verdict is not known");
        } catch (DBus.Garbled e) {
            return Read.unknown("the D-Bus system bus (" + socket + ") answered with something that is not D-Bus: "
                    + e.getMessage());
        } catch (DBus.AuthRejected e) {
            return Read.unknown("the D-Bus system bus (" + socket + ") did not let this user in: " + e.getMessage());
        } catch (EOFException e) {
            return Read.unknown("the D-Bus system bus (" + socket + ") closed the connection before answering");
        } catch (IOException e) {
            return Read.unknown("no D-Bus system bus here (" + socket + ": " + e.getMessage() + ")");
        }
        return verdict(props);
    }

    /** The verdict the properties give, or why they give none. */
    static Read<Connectivity> verdict(Map<String, Object> props) {
        if (!(props.get("Connectivity") instanceof Long state)) {
            return Read.unknown("NetworkManager answered without a Connectivity property of type u (NetworkManager before 0.9.10 has none)");
        }
        String uri = props.get("ConnectivityCheckUri") instanceof String s && !s.isBlank() ? s : null;
        String name = switch (state.intValue()) {
            case 0 -> "unknown";
            case 1 -> "none";
            case 2 -> "portal";
            case 3 -> "limited";
            case 4 -> "full";
            default -> null;
        };
        if (name == null) {
            return Read.unknown("NetworkManager answered connectivity " + state + ", which is none of its documented "
                    + "values (0 to 4)");
        }
        if (Boolean.FALSE.equals(props.get("ConnectivityCheckAvailable"))) {
            return Read.unknown("NetworkManager does not check connectivity here: no check URI is configured "
                    + "(ConnectivityCheckAvailable false), so its connectivity '" + name + "' is not a check's verdict");
        }
        if (Boolean.FALSE.equals(props.get("ConnectivityCheckEnabled"))) {
            return Read.unknown("NetworkManager does not check connectivity here: its check is switched off "
                    + "(ConnectivityCheckEnabled false), so its connectivity '" + name + "' is not a check's verdict");
        }
        Connectivity.State s = switch (state.intValue()) {
            case 1 -> Connectivity.State.NONE;
            case 2 -> Connectivity.State.PORTAL;
            case 3 -> Connectivity.State.LIMITED;
            case 4 -> Connectivity.State.FULL;
            default -> null;
        };
        if (s == null) {
            return Read.unknown("NetworkManager has not finished a connectivity check yet (connectivity 'unknown')");
        }
        return Read.known(new Connectivity(s, SOURCE, "NetworkManager connectivity '" + name + "'", uri));
    }

    /** The a{sv} of a GetAll reply, with each variant's value. */
    private static Map<String, Object> properties(DBus.Message reply) throws DBus.Garbled {
        if (reply.body().size() != 1 || !(reply.body().get(0) instanceof List<?> entries)) {
            throw new DBus.Garbled("the answer to GetAll is not one a{sv}");
        }
        Map<String, Object> out = new HashMap<>();
        for (Object e : entries) {
            if (e instanceof List<?> kv && kv.size() == 2 && kv.get(0) instanceof String k
                    && kv.get(1) instanceof DBus.Variant v) {
                out.put(k, v.value());
            } else {
                throw new DBus.Garbled("the answer to GetAll is not an a{sv}");
            }
        }
        return out;
    }

    /**
     * The socket of the first unix:path= address of a D-Bus address list ("unix:path=/run/dbus/
     * system_bus_socket;tcp:…"), with its %-escapes decoded as the specification's address syntax has them.
     */
    static Path socketPath(String addresses) {
        String abstractName = null;
        for (String address : addresses.split(";")) {
            if (!address.startsWith("unix:")) {
                continue;
            }
            for (String kv : address.substring(5).split(",")) {
                if (kv.startsWith("path=")) {
                    return Path.of(unescape(kv.substring(5)));
                }
                if (kv.startsWith("abstract=")) {
                    abstractName = unescape(kv.substring(9));
                }
            }
        }
        if (abstractName != null) {
            throw new IllegalArgumentException("the address " + addresses + " names an abstract socket (@" + abstractName
                    + "), which Java cannot open");
        }
        throw new IllegalArgumentException("the address " + addresses + " has no unix:path=");
    }

    private static String unescape(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** This process's effective uid, as /proc/self/status has it (the "Uid:" line's second field); -1 when unread. */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    String[] f = line.substring(4).strip().split("\\s+");
                    return Long.parseLong(f.length > 1 ? f[1] : f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
