/* Prints the layouts LinuxMsgHdr hard-codes, as this machine's C compiler sees them. */
#include <stdio.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <netinet/in.h>
#include <linux/errqueue.h>
#include <locale.h>

int main(void) {
    printf("SIZEOF_MSGHDR %zu\n", sizeof(struct msghdr));
    printf("MSG_NAME %zu\n", offsetof(struct msghdr, msg_name));
    printf("MSG_NAMELEN %zu\n", offsetof(struct msghdr, msg_namelen));
    printf("MSG_IOV %zu\n", offsetof(struct msghdr, msg_iov));
    printf("MSG_IOVLEN %zu\n", offsetof(struct msghdr, msg_iovlen));
    printf("MSG_CONTROL %zu\n", offsetof(struct msghdr, msg_control));
    printf("MSG_CONTROLLEN %zu\n", offsetof(struct msghdr, msg_controllen));
    printf("MSG_FLAGS %zu\n", offsetof(struct msghdr, msg_flags));
    printf("SIZEOF_IOVEC %zu\n", sizeof(struct iovec));
    printf("IOV_BASE %zu\n", offsetof(struct iovec, iov_base));
    printf("IOV_LEN %zu\n", offsetof(struct iovec, iov_len));
    printf("SIZEOF_CMSGHDR %zu\n", sizeof(struct cmsghdr));
    printf("CMSG_LEN %zu\n", offsetof(struct cmsghdr, cmsg_len));
    printf("CMSG_LEVEL %zu\n", offsetof(struct cmsghdr, cmsg_level));
    printf("CMSG_TYPE %zu\n", offsetof(struct cmsghdr, cmsg_type));
    printf("CMSG_DATA %zu\n", (size_t) CMSG_LEN(0));
    printf("SIZEOF_EXTENDED_ERR %zu\n", sizeof(struct sock_extended_err));
    printf("EE_ERRNO %zu\n", offsetof(struct sock_extended_err, ee_errno));
    printf("EE_ORIGIN %zu\n", offsetof(struct sock_extended_err, ee_origin));
    printf("EE_TYPE %zu\n", offsetof(struct sock_extended_err, ee_type));
    printf("EE_CODE %zu\n", offsetof(struct sock_extended_err, ee_code));
    printf("EE_PAD %zu\n", offsetof(struct sock_extended_err, ee_pad));
    printf("EE_INFO %zu\n", offsetof(struct sock_extended_err, ee_info));
    printf("EE_DATA %zu\n", offsetof(struct sock_extended_err, ee_data));
    printf("EE_OFFENDER %zu\n", (size_t) ((char *) SO_EE_OFFENDER((struct sock_extended_err *) 0) - (char *) 0));
    printf("IP_RECVERR %d\n", IP_RECVERR);
    printf("IPV6_RECVERR %d\n", IPV6_RECVERR);
    printf("SOL_IP %d\n", SOL_IP);
    printf("SOL_IPV6 %d\n", SOL_IPV6);
    printf("MSG_ERRQUEUE %d\n", MSG_ERRQUEUE);
    printf("MSG_TRUNC %d\n", MSG_TRUNC);
    printf("MSG_CTRUNC %d\n", MSG_CTRUNC);
    printf("SO_EE_ORIGIN_LOCAL %d\n", SO_EE_ORIGIN_LOCAL);
    printf("SO_EE_ORIGIN_ICMP %d\n", SO_EE_ORIGIN_ICMP);
    printf("SO_EE_ORIGIN_ICMP6 %d\n", SO_EE_ORIGIN_ICMP6);
    printf("LC_ALL_MASK %d\n", LC_ALL_MASK);
    return 0;
}
