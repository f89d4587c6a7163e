package org.connectdoctor.net;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a failed socket call means, whatever the operating system that reported it: the portable
 * identity of an error. ECONNREFUSED 111 on Linux, ECONNREFUSED 61 on macOS and WSAECONNREFUSED
 * 10061 on Windows are all {@link #REFUSED}. The catalogue of explanations is keyed by cause; the
 * native symbol, number and system text travel beside it in {@link SysError}.
 *
 * <p>Several errno names can share a cause where systems spell one condition two ways
 * (EAGAIN and EWOULDBLOCK, EOPNOTSUPP and ENOTSUP). An errno no cause lists has no portable
 * identity: {@link #of(Errno)} is then empty, and callers say so rather than invent one.
 */
public enum Cause {
    REFUSED("refused", "connection refused", Errno.ECONNREFUSED),
    TIMED_OUT("timed-out", "timed out", Errno.ETIMEDOUT),
    HOST_UNREACHABLE("host-unreachable", "host unreachable", Errno.EHOSTUNREACH),
    NETWORK_UNREACHABLE("network-unreachable", "network unreachable", Errno.ENETUNREACH),
    NETWORK_DOWN("network-down", "network is down", Errno.ENETDOWN),
    HOST_DOWN("host-down", "host is down", Errno.EHOSTDOWN),
    NOT_ON_NETWORK("not-on-network", "not on the network", Errno.ENONET),
    ADDRESS_IN_USE("address-in-use", "address already in use", Errno.EADDRINUSE),
    ADDRESS_NOT_AVAILABLE("address-not-available", "address not available", Errno.EADDRNOTAVAIL),
    PERMISSION_DENIED("permission-denied", "permission denied", Errno.EACCES),
    NOT_PERMITTED("not-permitted", "operation not permitted", Errno.EPERM),
    NO_SUCH_FILE("no-such-file", "no such file or directory", Errno.ENOENT),
    NOT_A_DIRECTORY("not-a-directory", "not a directory", Errno.ENOTDIR),
    SYMLINK_LOOP("symlink-loop", "too many symbolic links", Errno.ELOOP),
    NAME_TOO_LONG("name-too-long", "name too long", Errno.ENAMETOOLONG),
    READ_ONLY_FILE_SYSTEM("read-only-file-system", "read-only file system", Errno.EROFS),
    CONNECTION_RESET("connection-reset", "connection reset", Errno.ECONNRESET),
    CONNECTION_ABORTED("connection-aborted", "connection aborted", Errno.ECONNABORTED),
    BROKEN_PIPE("broken-pipe", "broken pipe", Errno.EPIPE),
    MESSAGE_TOO_LONG("message-too-long", "message too long", Errno.EMSGSIZE),
    PROTOCOL_ERROR("protocol-error", "protocol error", Errno.EPROTO),
    NOT_SUPPORTED("not-supported", "operation not supported", Errno.EOPNOTSUPP, Errno.ENOTSUP),
    NOT_CONNECTED("not-connected", "socket not connected", Errno.ENOTCONN),
    NO_SUCH_OPTION("no-such-option", "protocol option not available", Errno.ENOPROTOOPT),
    DESTINATION_REQUIRED("destination-required", "destination address required", Errno.EDESTADDRREQ),
    SUBSYSTEM_MISSING("subsystem-missing", "kernel subsystem not installed", Errno.ENOPKG),
    NO_SUCH_DEVICE("no-such-device", "no such device", Errno.ENODEV),
    NO_SUCH_PROCESS("no-such-process", "no such process", Errno.ESRCH),
    TOO_MANY_REFERENCES("too-many-references", "too many references", Errno.ETOOMANYREFS),
    FAMILY_NOT_SUPPORTED("family-not-supported", "address family not supported", Errno.EAFNOSUPPORT,
            Errno.EPFNOSUPPORT),
    TRY_AGAIN("try-again", "resource temporarily unavailable", Errno.EAGAIN, Errno.EWOULDBLOCK),
    ALREADY_IN_PROGRESS("already-in-progress", "operation already in progress", Errno.EALREADY),
    IN_PROGRESS("in-progress", "operation now in progress", Errno.EINPROGRESS),
    ALREADY_CONNECTED("already-connected", "socket already connected", Errno.EISCONN),
    BAD_DESCRIPTOR("bad-descriptor", "bad file descriptor", Errno.EBADF),
    NOT_A_SOCKET("not-a-socket", "not a socket", Errno.ENOTSOCK),
    BAD_ADDRESS("bad-address", "bad address", Errno.EFAULT),
    INTERRUPTED("interrupted", "interrupted system call", Errno.EINTR),
    WRONG_SOCKET_TYPE("wrong-socket-type", "wrong type of socket", Errno.EPROTOTYPE),
    PROTOCOL_NOT_SUPPORTED("protocol-not-supported", "protocol not supported", Errno.EPROTONOSUPPORT),
    SOCKET_TYPE_NOT_SUPPORTED("socket-type-not-supported", "socket type not supported", Errno.ESOCKTNOSUPPORT),
    INVALID_ARGUMENT("invalid-argument", "invalid argument", Errno.EINVAL),
    TOO_MANY_OPEN_FILES("too-many-open-files", "too many open files", Errno.EMFILE),
    SYSTEM_FILE_TABLE_FULL("file-table-full", "too many open files in the system", Errno.ENFILE),
    NO_BUFFER_SPACE("no-buffer-space", "no buffer space available", Errno.ENOBUFS),
    OUT_OF_MEMORY("out-of-memory", "out of memory", Errno.ENOMEM);

    private static final Map<Errno, Cause> BY_ERRNO;

    static {
        Map<Errno, Cause> m = new EnumMap<>(Errno.class);
        for (Cause c : values()) {
            for (Errno e : c.errnos) {
                Cause before = m.put(e, c);
                if (before != null) {
                    throw new ExceptionInInitializerError(e + " is listed by " + before + " and " + c);
                }
            }
        }
        BY_ERRNO = Collections.unmodifiableMap(m);
    }

    private final String id;
    private final String words;
    private final List<Errno> errnos;

    Cause(String id, String words, Errno... errnos) {
        this.id = id;
        this.words = words;
        this.errnos = List.of(errnos);
    }

    /** The stable name reports, JSON and the catalogue use: "refused", "timed-out", … */
    public String id() {
        return id;
    }

    /** In plain words: "connection refused". */
    public String words() {
        return words;
    }

    /** The errno names that mean this, on some system. */
    public List<Errno> errnos() {
        return errnos;
    }

    /** The cause of {@code errno}, empty when it has no portable identity (or is UNKNOWN). */
    public static Optional<Cause> of(Errno errno) {
        return Optional.ofNullable(BY_ERRNO.get(errno));
    }

    /**
     * The cause of {@code errno} on a socket of {@code type}. A "connection reset" on a datagram
     * socket, which has no connection to reset, is the ICMP port-unreachable reply: Windows reports
     * that as WSAECONNRESET on the next receive, where Linux and macOS say ECONNREFUSED.
     */
    public static Optional<Cause> of(Errno errno, SocketType type) {
        if (errno == Errno.ECONNRESET && type == SocketType.DGRAM) {
            return Optional.of(REFUSED);
        }
        return of(errno);
    }

    /** The cause whose {@link #id} is {@code id}, empty for any other word. */
    public static Optional<Cause> byId(String id) {
        for (Cause c : values()) {
            if (c.id.equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
