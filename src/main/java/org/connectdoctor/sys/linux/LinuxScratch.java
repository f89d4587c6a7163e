package org.connectdoctor.sys.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteOrder;
import org.connectdoctor.net.SockAddr;

/**
 * One block of native memory per thread for the arguments of the probe's hot calls (connect,
 * setsockopt SO_LINGER, poll, getsockopt SO_ERROR, getsockname), passed to C as plain addresses
 * ({@code long}). A Java array passed through JNA is copied into a malloc'ed block and back on
 * every call (GetIntArrayElements, ReleaseIntArrayElements, malloc, free: about 3,000 of a
 * closed-port probe's 19,300 user-mode instructions, callgrind); memory that stays put needs no
 * copy, and what does not change between probes (the peer's address, the pollfd entries, the
 * linger value, the lengths) is not written again.
 *
 * <p>Layout (offsets in bytes):
 * <pre>
 *     0 struct sockaddr_storage  the peer of connect(2), 128 bytes, rewritten only when the peer changes
 *   128 struct pollfd[2]         the socket, then the waker: int fd, short events, short revents
 *   144 int, socklen_t           SO_ERROR's value and length (4, which getsockopt writes back unchanged)
 *   152 struct linger            {1, 0}: written once
 *   160 socklen_t                getsockname's in-out length, set to 128 before each call
 *   164 struct sockaddr_storage  getsockname's result, 128 bytes
 * </pre>
 *
 * Only the thread that owns a block touches it, between its own native calls, so there is nothing
 * to lock. The block lives as long as its thread: a few hundred bytes, freed by JNA's cleaner once
 * the thread and its ThreadLocal are gone.
 */
final class LinuxScratch {

    static final int PEER = 0;
    static final int POLLFDS = 128;
    static final int POLLFD_SIZE = 8;
    static final int SO_ERROR_VALUE = 144;
    static final int SO_ERROR_LENGTH = 148;
    static final int LINGER = 152;
    static final int LINGER_SIZE = 8;
    static final int LOCAL_LENGTH = 160;
    static final int LOCAL = 164;
    static final int SIZE = LOCAL + LinuxSockaddr.SIZEOF_STORAGE;

    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private static final ThreadLocal<LinuxScratch> CURRENT = ThreadLocal.withInitial(LinuxScratch::new);

    /** The calling thread's block. */
    static LinuxScratch current() {
        return CURRENT.get();
    }

    private final Memory memory = new Memory(SIZE);
    /** The block's address, as the {@code long} parameters of LinuxLibC take it. */
    final long address = Pointer.nativeValue(memory);

    /** The peer now at {@link #PEER}, and its length; null when none was written yet. */
    private SockAddr peer;
    private int peerLength;
    /** The two pollfd entries as last written, fd and events: fd -2 for never (poll(2) skips only -1 and below). */
    private final int[] slotFd = {-2, -2};
    private final short[] slotEvents = new short[2];
    /** getsockname's result, read back in one copy with the length before it. */
    private final byte[] local = new byte[4 + LinuxSockaddr.SIZEOF_STORAGE];

    private LinuxScratch() {
        memory.clear();
        memory.setInt(SO_ERROR_LENGTH, 4);
        memory.setInt(LINGER, 1); // l_onoff 1, l_linger 0: close(2) sends a reset
        memory.setInt(LINGER + 4, 0);
    }

    /** Writes {@code remote} at {@link #PEER} unless it is there already; returns its length. */
    int peer(SockAddr remote) {
        if (remote == peer || samePeer(remote, peer)) {
            return peerLength;
        }
        byte[] c = LinuxSockaddr.encode(remote);
        memory.write(PEER, c, 0, c.length);
        peer = remote;
        peerLength = c.length;
        return c.length;
    }

    /** An IPv4 peer compared field by field (a record's equals is costly under C1), others by equals. */
    private static boolean samePeer(SockAddr a, SockAddr b) {
        if (a instanceof SockAddr.Inet4 x) {
            return b instanceof SockAddr.Inet4 y && x.address() == y.address() && x.port() == y.port();
        }
        return a.equals(b);
    }

    /**
     * Fills the pollfd entries and returns their count: the socket (when {@code fd} is not negative)
     * first, then the waker. An entry is rewritten only when its descriptor or events changed;
     * revents needs no reset, as poll(2) writes it for every entry on every call.
     */
    int pollfds(int fd, short events, int waker) {
        int n = 0;
        if (fd >= 0) {
            slot(n++, fd, events);
        }
        slot(n++, waker, LinuxLibC.POLLIN);
        return n;
    }

    private void slot(int index, int fd, short events) {
        if (slotFd[index] != fd || slotEvents[index] != events) {
            memory.setLong(POLLFDS + (long) index * POLLFD_SIZE, entry(fd, events));
            slotFd[index] = fd;
            slotEvents[index] = events;
        }
    }

    /** One struct pollfd as a long: fd, then events, then revents 0, in memory order. */
    private static long entry(int fd, short events) {
        long f = fd & 0xffff_ffffL;
        long e = events & 0xffffL;
        return LITTLE_ENDIAN ? f | e << 32 : f << 32 | e << 16;
    }

    /** The revents of pollfd entry {@code index}. */
    short revents(int index) {
        return memory.getShort(POLLFDS + (long) index * POLLFD_SIZE + 6);
    }

    /**
     * SO_ERROR as getsockopt left it. The length slot keeps its 4 (getsockopt writes back the size
     * of an int option); should anything else have changed it, it is set again for the next call.
     */
    int soError() {
        long both = memory.getLong(SO_ERROR_VALUE);
        int value = (int) (LITTLE_ENDIAN ? both : both >>> 32);
        int length = (int) (LITTLE_ENDIAN ? both >>> 32 : both);
        if (length != 4) {
            memory.setInt(SO_ERROR_LENGTH, 4);
        }
        return value;
    }

    /** Sets getsockname's in-out length to the full buffer before the call. */
    void prepareLocal() {
        memory.setInt(LOCAL_LENGTH, LinuxSockaddr.SIZEOF_STORAGE);
    }

    /** Decodes getsockname's result: length and address in one copy. */
    SockAddr local() {
        memory.read(LOCAL_LENGTH, local, 0, local.length);
        int length = (local[0] & 0xff) | (local[1] & 0xff) << 8 | (local[2] & 0xff) << 16 | (local[3] & 0xff) << 24;
        if (!LITTLE_ENDIAN) {
            length = Integer.reverseBytes(length);
        }
        return LinuxSockaddr.decode(local, 4, Math.min(Math.max(length, 0), LinuxSockaddr.SIZEOF_STORAGE));
    }
}
