package org.connectdoctor.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;

/**
 * For Unix-socket failures, what the file system and /proc/net/unix say about the path:
 * the nearest existing directory (ENOENT), a socket file nobody listens on (ECONNREFUSED), the
 * type the listener really has (EPROTOTYPE), the path component this user may not pass (EACCES).
 */
final class UnixPathCheck implements Check {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @Override
    public List<Finding> findings(Situation s) {
        if (!s.hasProbe() || !s.isUnix() || !(s.address() instanceof SockAddr.Unix unix)) {
            return List.of();
        }
        if (unix.abstractName()) {
            return abstractName(s, unix);
        }
        Path path = Path.of(unix.path()).toAbsolutePath().normalize();
        return switch (s.key()) {
            case "ENOENT", "ENOTDIR" -> missing(path);
            case "ECONNREFUSED" -> refused(path);
            case "EPROTOTYPE" -> wrongType(s, path.toString());
            case "EACCES" -> denied(path);
            case "EAGAIN" -> busy(path.toString());
            default -> List.of();
        };
    }

    @Override
    public List<Action> actions(Situation s, List<Finding> findings) {
        if (!s.is("EPROTOTYPE") || !(s.address() instanceof SockAddr.Unix unix)) {
            return List.of();
        }
        String name = unix.abstractName() ? "@" + unix.path() : Path.of(unix.path()).toAbsolutePath().normalize().toString();
        List<Action> out = new ArrayList<>();
        for (LocalState.UnixSocket u : LocalState.unixSockets()) {
            if (u.path().equals(name) && u.type() != s.attempt().type()) {
                Action a = switch (u.type()) {
                    case STREAM -> Action.RETRY_AS_STREAM;
                    case DGRAM -> Action.RETRY_AS_DATAGRAM;
                    case SEQPACKET -> Action.RETRY_AS_SEQPACKET;
                };
                if (!out.contains(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static List<Finding> missing(Path path) {
        List<Finding> out = new ArrayList<>();
        Path existing = path.getParent();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return out;
        }
        // A file where a directory should be gives ENOTDIR; say which.
        for (Path p = path.getParent(); p != null && !p.equals(existing); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p)) {
                out.add(new Finding("unix-path", p + " is a file, not a directory, so nothing can lie beneath it."));
                return out;
            }
        }
        if (existing.equals(path.getParent())) {
            out.add(new Finding("unix-path", "The directory " + existing + " exists, but holds no file named "
                    + path.getFileName() + "."));
        } else {
            Path missingDir = path.getParent();
            while (!missingDir.getParent().equals(existing)) {
                missingDir = missingDir.getParent();
            }
            out.add(new Finding("unix-path", "The directory " + missingDir + " does not exist; the nearest existing "
                    + "directory is " + existing + ". Services usually create their socket directory when they start."));
        }
        List<String> near = new ArrayList<>();
        for (LocalState.UnixSocket u : LocalState.unixSockets()) {
            if (u.isListening() && !u.isAbstract() && !u.path().isEmpty()) {
                Path p = Path.of(u.path());
                if (existing.equals(p.getParent()) || path.getParent().equals(p.getParent())) {
                    near.add(u.path() + " (" + u.type().cliName() + ")");
                }
            }
        }
        if (!near.isEmpty()) {
            out.add(new Finding("unix-path", "Sockets that do listen in " + existing + ": " + String.join(", ",
                    near.stream().distinct().sorted().toList()) + "."));
        }
        return out;
    }

    private static List<Finding> refused(Path path) {
        List<Finding> out = new ArrayList<>();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                out.add(new Finding("unix-path", path + " is " + (a.isDirectory() ? "a directory" : "an ordinary file")
                        + ", not a socket."));
                return out;
            }
            boolean listening = LocalState.unixSockets().stream()
                    .anyMatch(u -> u.isListening() && u.path().equals(path.toString()));
            if (listening) {
                out.add(new Finding("unix-path", "A socket listens on " + path + ", yet refused: its queue of waiting "
                        + "connections may be full, or it was just restarted."));
            } else {
                out.add(new Finding("unix-path", "The socket file " + path + " exists (owner " + a.owner().getName()
                        + ", group " + a.group().getName() + ", last changed " + TIME.format(a.lastModifiedTime().toInstant())
                        + "), but no process listens on it: it is a leftover from a service that stopped or crashed."));
            }
        } catch (IOException | RuntimeException e) {
            out.add(new Finding("unix-path", "The file " + path + " exists but its details cannot be read: " + e.getMessage()));
        }
        return out;
    }

    private static List<Finding> wrongType(Situation s, String name) {
        List<Finding> out = new ArrayList<>();
        SocketType wanted = s.attempt().type();
        for (LocalState.UnixSocket u : LocalState.unixSockets()) {
            if (u.path().equals(name) && u.type() != wanted) {
                out.add(new Finding("unix-type", "The socket at " + (name.startsWith("@") ? "unix:" + name : name)
                        + " is a " + words(u.type()) + " socket, not a " + words(wanted) + " one: choose "
                        + u.type().cliName() + " (--type " + u.type().cliName() + ")."));
                break;
            }
        }
        return out;
    }

    private static List<Finding> busy(String name) {
        for (LocalState.UnixSocket u : LocalState.unixSockets()) {
            if (u.isListening() && u.path().equals(name)) {
                return List.of(new Finding("unix-path", "A socket listens on " + name + ", but its queue of waiting "
                        + "connections is full: the service does not accept connections fast enough, or has hung."));
            }
        }
        return List.of();
    }

    private static List<Finding> abstractName(Situation s, SockAddr.Unix unix) {
        String name = "@" + unix.path();
        if (s.is("EPROTOTYPE")) {
            return wrongType(s, name);
        }
        if (s.is("ECONNREFUSED")) {
            boolean bound = LocalState.unixSockets().stream().anyMatch(u -> u.path().equals(name));
            return List.of(new Finding("unix-path", bound
                    ? "A socket is bound to the abstract name " + name + " but does not listen."
                    : "No socket on this computer is bound to the abstract name " + name
                            + " (abstract names have no file; they vanish when their service stops)."));
        }
        return List.of();
    }

    /** Walks the path from the root and names the first component this user may not pass. */
    private static List<Finding> denied(Path path) {
        String user = System.getProperty("user.name", "this user");
        Path current = path.getRoot();
        for (Path part : path) {
            Path next = current.resolve(part);
            boolean last = next.equals(path);
            if (!last && Files.isDirectory(next) && !Files.isExecutable(next)) {
                return List.of(new Finding("unix-permission", next + " (" + describe(next) + ") does not let " + user
                        + " pass: search (x) permission is missing for this user."));
            }
            if (last && Files.exists(next) && !Files.isWritable(next)) {
                return List.of(new Finding("unix-permission", "The socket " + next + " (" + describe(next)
                        + ") is not writable for " + user + "; connecting to a socket needs write permission on it."));
            }
            current = next;
        }
        return List.of(new Finding("unix-permission", "Every directory on the way to " + path + " lets " + user
                + " pass and the socket is writable, so a security policy (SELinux, AppArmor) denied the connection."));
    }

    private static String describe(Path p) {
        try {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class);
            return "mode " + PosixFilePermissions.toString(a.permissions()) + ", owner " + a.owner().getName()
                    + ", group " + a.group().getName();
        } catch (IOException | RuntimeException e) {
            return "attributes unreadable";
        }
    }

    private static String words(SocketType t) {
        return switch (t) {
            case STREAM -> "stream";
            case DGRAM -> "datagram";
            case SEQPACKET -> "seqpacket";
        };
    }
}
