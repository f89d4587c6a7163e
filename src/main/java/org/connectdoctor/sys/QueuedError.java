package org.connectdoctor.sys;

import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SysError;

/**
 * One entry of a socket's error queue (recvmsg with MSG_ERRQUEUE, after IP_RECVERR or
 * IPV6_RECVERR): the fields of {@code struct sock_extended_err} in Java terms.
 *
 * @param error       ee_errno, the error the kernel made of it (ECONNREFUSED for port unreachable)
 * @param origin      ee_origin: who produced it
 * @param type        ee_type: the ICMP or ICMPv6 type (0 for a local error)
 * @param code        ee_code: the ICMP or ICMPv6 code
 * @param info        ee_info: for "fragmentation needed" / "packet too big", the next-hop MTU
 * @param offender    SO_EE_OFFENDER: the host or router that sent the ICMP message; null when
 *                    the kernel names none (a local error)
 * @param destination msg_name: where the datagram that caused it was going; null if not given
 */
public record QueuedError(SysError error, Origin origin, int type, int code, int info, SockAddr offender,
                          SockAddr destination) {

    /** ee_origin (linux/errqueue.h SO_EE_ORIGIN_*), restricted to what a datagram probe meets. */
    public enum Origin {
        /** SO_EE_ORIGIN_LOCAL: the local stack (EMSGSIZE against the path MTU). */
        LOCAL,
        /** SO_EE_ORIGIN_ICMP: an ICMP (IPv4) error message. */
        ICMP,
        /** SO_EE_ORIGIN_ICMP6: an ICMPv6 error message. */
        ICMP6,
        /** Anything else (timestamping, zero-copy notifications). */
        OTHER
    }
}
