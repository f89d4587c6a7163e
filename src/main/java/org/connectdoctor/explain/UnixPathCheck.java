package org.connectdoctor.explain;

import java.io.IOException;
import java.nio.file.FileSystemException;
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
import java.util.Optional;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Read;
import org.connectdoctor.sys.UnixSocketEntry;

/**
 * For Unix-socket failures, what the file system and the host's Unix socket table say about the path:
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
            case "ENOENT", "ENOTDIR" -> missing(s, path);
            case "ECONNREFUSED" -> refused(s, path);
            case "ELOOP" -> loop(s, path);
            case "EPROTOTYPE" -> wrongType(s, path.toString());
            case "EACCES" -> denied(s, path);
            case "EAGAIN" -> busy(s, path.toString());
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
        for (UnixSocketEntry u : s.host().unixSockets().orElse(List.of())) {
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

    private static List<Finding> missing(Situation s, Path path) {
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
        for (UnixSocketEntry u : s.host().unixSockets().orElse(List.of())) {
            if (u.listening() && !u.isAbstract() && !u.path().isEmpty()) {
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

    /** What kind of file {@code path} is, in words, or null for a socket; follows no link. */
    static String kind(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return switch (mode & 0170000) {
            case 0140000 -> null;
            case 0010000 -> "a named pipe (FIFO)";
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0040000 -> "a directory";
            case 0100000 -> "a regular file";
            case 0120000 -> "a symbolic link";
            default -> "a special file";
        };
    }

    private static List<Finding> refused(Situation s, Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try {
            Path real = path;
            String link = "";
            if (Files.isSymbolicLink(path)) {
                // connect(2) follows the link: describe what it reaches
                real = path.toRealPath();
                link = path + " is a symbolic link to " + real + ", ";
            }
            String kind = kind(real);
            if (kind != null) {
                String what = link.isEmpty() ? path + " is " + kind : link + kind;
                return List.of(new Finding("unix-path", what + ", not a socket.", new Diagnosis(what
                        + ", not a socket: nothing can accept connections there. The path is not the service's socket.",
                        Fault.THIS_COMPUTER, List.of(
                        "Check the socket path configured in the program that connects and in the service: they "
                                + "must name the socket the service creates, not " + path + ".",
                        "List the Unix sockets that do listen, with the processes holding them"
                                + (s.commands().unixListeners() == null ? "." : ": \"" + s.commands().unixListeners()
                                + "\".")))));
            }
            return socketFile(s, path, real);
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            return List.of(new Finding("unix-path", "The file " + path + " exists but what it is cannot be read: "
                    + reason + "."));
        } catch (IOException | RuntimeException e) {
            return List.of(new Finding("unix-path", "The file " + path + " exists but what it is cannot be read: "
                    + e.getMessage() + "."));
        }
    }

    /** A socket file that refused: listening (queue), bound but not listening, or left behind. */
    private static List<Finding> socketFile(Situation s, Path path, Path real) throws IOException {
        PosixFileAttributes a = Files.readAttributes(real, PosixFileAttributes.class);
        Read<List<UnixSocketEntry>> read = s.host().unixSockets();
        if (read instanceof Read.Unknown<List<UnixSocketEntry>> u) {
            return List.of(new Finding("unix-path", "The socket file " + path + " exists; whether a process has it "
                    + "bound cannot be seen: " + u.reason() + "."));
        }
        Object key = a.fileKey();
        List<UnixSocketEntry> holders = new ArrayList<>();
        for (UnixSocketEntry u : read.orElse(List.of())) {
            if (u.isAbstract() || u.path().isEmpty()) {
                continue;
            }
            if (u.path().equals(path.toString()) || u.path().equals(real.toString()) || sameFile(u.path(), key)) {
                holders.add(u);
            }
        }
        if (holders.stream().anyMatch(UnixSocketEntry::listening)) {
            return List.of(new Finding("unix-path", "A socket listens on " + path + ", yet refused: its queue of waiting "
                    + "connections may be full, or it was just restarted."));
        }
        String details = " (owner " + a.owner().getName() + ", group " + a.group().getName() + ", last changed "
                + TIME.format(a.lastModifiedTime().toInstant()) + ")";
        if (!holders.isEmpty()) {
            UnixSocketEntry h = holders.get(0);
            String who = s.host().owner(h).orElse(Optional.empty()).map(Addresses::process).orElse("a process");
            String text = "The socket file " + path + details + " is bound by " + who + " that has not started "
                    + "listening (no listen() call yet).";
            return List.of(new Finding("unix-path", text, new Diagnosis(path + " is bound by " + who + " that has "
                    + "not started listening: the socket exists, but it does not accept connections (yet).",
                    Fault.REMOTE_SERVICE, List.of(
                    "Wait a moment and try again: a service that is starting binds its socket before it listens.",
                    "If it stays so, the service is stuck while starting, or the socket at this path is not one that "
                            + "accepts connections; check the service's log and the socket path it is configured with.",
                    "Do not delete " + path + ": a live process holds it."))));
        }
        String text = "The socket file " + path + details + " exists, but no process on this computer has it bound: "
                + "a leftover from a service that stopped or crashed.";
        return List.of(new Finding("unix-path", text, new Diagnosis("The socket file " + path + " is left over: no "
                + "process has it bound, so nothing can accept connections there. The service that made it stopped "
                + "or crashed.", Fault.REMOTE_SERVICE, List.of(
                "Start or restart the service that owns " + path + ", and check its log for why it stopped.",
                "If the service is running, it may have created its socket elsewhere; check its configuration for "
                        + "the socket path.",
                "Once the service is stopped" + (s.commands().fileHolders(path.toString()) == null ? ""
                        : ", and \"" + s.commands().fileHolders(path.toString()) + "\" lists no process")
                        + ", the leftover socket file is safe to delete; the service creates a new one when it starts."))));
    }

    private static boolean sameFile(String listed, Object key) {
        if (key == null) {
            return false;
        }
        try {
            return key.equals(Files.readAttributes(Path.of(listed), PosixFileAttributes.class).fileKey());
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** ELOOP: name the link in the path that leads back into itself. */
    private static List<Finding> loop(Situation s, Path path) {
        Path current = path.getRoot();
        for (Path part : path) {
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                try {
                    next.toRealPath();
                } catch (IOException e) {
                    String target;
                    try {
                        target = Files.readSymbolicLink(next).toString();
                    } catch (IOException | RuntimeException unreadable) {
                        target = "?";
                    }
                    String what = next + " is a symbolic link (to " + target + ") that never reaches a file: a link loop";
                    return List.of(new Finding("unix-path", what + ".", new Diagnosis(what + ", so " + path
                            + " names no file at all, and no socket.", Fault.THIS_COMPUTER, List.of(
                            "Check the socket path configured in the program and in the service; " + next
                                    + " should not point back into itself"
                                    + Commands.quoted(s.commands().showLink(next.toString())) + ".",
                            "List the Unix sockets that do listen" + (s.commands().unixListeners() == null ? "."
                                    : ": \"" + s.commands().unixListeners() + "\".")))));
                }
            }
            current = next;
        }
        return List.of();
    }

    private static List<Finding> wrongType(Situation s, String name) {
        List<Finding> out = new ArrayList<>();
        SocketType wanted = s.attempt().type();
        for (UnixSocketEntry u : s.host().unixSockets().orElse(List.of())) {
            if (u.path().equals(name) && u.type() != wanted) {
                out.add(new Finding("unix-type", "The socket at " + (name.startsWith("@") ? "unix:" + name : name)
                        + " is a " + words(u.type()) + " socket, not a " + words(wanted) + " one: choose "
                        + u.type().cliName() + " (--type " + u.type().cliName() + ")."));
                break;
            }
        }
        return out;
    }

    private static List<Finding> busy(Situation s, String name) {
        for (UnixSocketEntry u : s.host().unixSockets().orElse(List.of())) {
            if (u.listening() && u.path().equals(name)) {
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
            Read<List<UnixSocketEntry>> read = s.host().unixSockets();
            if (read instanceof Read.Unknown<List<UnixSocketEntry>> u) {
                return List.of(new Finding("unix-path", "Whether a socket is bound to the abstract name " + name
                        + " cannot be seen: " + u.reason() + "."));
            }
            boolean bound = read.orElse(List.of()).stream().anyMatch(u -> u.path().equals(name));
            return List.of(new Finding("unix-path", bound
                    ? "A socket is bound to the abstract name " + name + " but does not listen."
                    : "No socket on this computer is bound to the abstract name " + name
                            + " (abstract names have no file; they vanish when their service stops)."));
        }
        return List.of();
    }

    /** Walks the path from the root and names the first component this user may not pass. */
    private static List<Finding> denied(Situation s, Path path) {
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
                + " pass and the socket is writable, so a security policy" + (s.commands().isLinux() ? " (SELinux, AppArmor)" : "")
                + " denied the connection."));
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
