package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One block of native memory laid out for recvmsg(2) with MSG_ERRQUEUE: a {@code struct msghdr},
 * its single {@code struct iovec}, a sockaddr buffer for msg_name and a control buffer. The
 * layouts are those of 64-bit Linux (LP64, identical on x86-64 and aarch64: pointers and size_t
 * 8 bytes, aligned to 8), pinned by LinuxMsgHdrLayoutTest against a compiled C program:
 *
 * <pre>
 * struct msghdr (56)                 struct iovec (16)     struct cmsghdr (16, then data)
 *   0 void *msg_name                   0 void *iov_base      0 size_t cmsg_len   (header + data)
 *   8 socklen_t msg_namelen            8 size_t iov_len      8 int    cmsg_level (SOL_IP, SOL_IPV6)
 *  16 struct iovec *msg_iov                                 12 int    cmsg_type  (IP_RECVERR, …)
 *  24 size_t msg_iovlen                                     16 data, CMSG_ALIGN'ed to 8
 *  32 void *msg_control
 *  40 size_t msg_controllen          struct sock_extended_err (16; linux/errqueue.h)
 *  48 int msg_flags                    0 u32 ee_errno   4 u8 ee_origin  5 u8 ee_type
 *                                      6 u8 ee_code     7 u8 ee_pad     8 u32 ee_info
 *                                     12 u32 ee_data
 *                                    then SO_EE_OFFENDER(ee): a struct sockaddr at ee + 16
 * </pre>
 *
 * Owned by one socket and used by the thread that drives it; closing frees the memory.
 */
final class LinuxMsgHdr implements AutoCloseable {

    static final int SIZEOF_MSGHDR = 56;
    static final int MSG_NAME = 0;
    static final int MSG_NAMELEN = 8;
    static final int MSG_IOV = 16;
    static final int MSG_IOVLEN = 24;
    static final int MSG_CONTROL = 32;
    static final int MSG_CONTROLLEN = 40;
    static final int MSG_FLAGS = 48;

    static final int SIZEOF_IOVEC = 16;
    static final int IOV_BASE = 0;
    static final int IOV_LEN = 8;

    static final int SIZEOF_CMSGHDR = 16;
    static final int CMSG_LEN = 0;
    static final int CMSG_LEVEL = 8;
    static final int CMSG_TYPE = 12;
    /** CMSG_DATA(c) - c: the header rounded up to 8. */
    static final int CMSG_DATA = 16;

    static final int SIZEOF_EXTENDED_ERR = 16;
    static final int EE_ERRNO = 0;
    static final int EE_ORIGIN = 4;
    static final int EE_TYPE = 5;
    static final int EE_CODE = 6;
    static final int EE_PAD = 7;
    static final int EE_INFO = 8;
    static final int EE_DATA = 12;
    /** SO_EE_OFFENDER(ee) - ee. */
    static final int EE_OFFENDER = SIZEOF_EXTENDED_ERR;

    /** Room for the original datagram's first bytes; the rest is truncated, which is fine. */
    static final int PAYLOAD_SIZE = 256;
    /** Room for several control messages: each IP_RECVERR one is CMSG_SPACE(16 + 28) = 64 bytes. */
    static final int CONTROL_SIZE = 512;

    private static final int IOV_AT = SIZEOF_MSGHDR;
    private static final int NAME_AT = IOV_AT + SIZEOF_IOVEC;
    private static final int CONTROL_AT = NAME_AT + LinuxSockaddr.SIZEOF_STORAGE;
    private static final int PAYLOAD_AT = CONTROL_AT + CONTROL_SIZE;
    private static final int TOTAL = PAYLOAD_AT + PAYLOAD_SIZE;

    private final Memory memory = new Memory(TOTAL);

    /** The header, reset for one more recvmsg: buffer sizes are in-out, so each call starts afresh. */
    Pointer prepare() {
        memory.clear();
        memory.setPointer(MSG_NAME, memory.share(NAME_AT));
        memory.setInt(MSG_NAMELEN, LinuxSockaddr.SIZEOF_STORAGE);
        memory.setPointer(MSG_IOV, memory.share(IOV_AT));
        memory.setLong(MSG_IOVLEN, 1);
        memory.setPointer(MSG_CONTROL, memory.share(CONTROL_AT));
        memory.setLong(MSG_CONTROLLEN, CONTROL_SIZE);
        memory.setPointer(IOV_AT + IOV_BASE, memory.share(PAYLOAD_AT));
        memory.setLong(IOV_AT + IOV_LEN, PAYLOAD_SIZE);
        return memory;
    }

    int flags() {
        return memory.getInt(MSG_FLAGS);
    }

    /** The address the original datagram was sent to, as the kernel filled msg_name. */
    byte[] name() {
        int length = Math.min(memory.getInt(MSG_NAMELEN), LinuxSockaddr.SIZEOF_STORAGE);
        return length <= 0 ? new byte[0] : memory.getByteArray(NAME_AT, length);
    }

    /**
     * The data of the first control message at {@code level} and {@code type} (CMSG_FIRSTHDR /
     * CMSG_NXTHDR walked by hand), or null when there is none.
     */
    byte[] controlData(int level, int type) {
        long controlLength = Math.min(memory.getLong(MSG_CONTROLLEN), CONTROL_SIZE);
        long at = 0;
        while (at + SIZEOF_CMSGHDR <= controlLength) {
            long length = memory.getLong(CONTROL_AT + at + CMSG_LEN);
            if (length < SIZEOF_CMSGHDR || at + length > controlLength) {
                return null;
            }
            if (memory.getInt(CONTROL_AT + at + CMSG_LEVEL) == level && memory.getInt(CONTROL_AT + at + CMSG_TYPE) == type) {
                return memory.getByteArray(CONTROL_AT + at + CMSG_DATA, (int) (length - CMSG_DATA));
            }
            at += (length + 7) & ~7L;
        }
        return null;
    }

    @Override
    public void close() {
        memory.close();
    }
}
