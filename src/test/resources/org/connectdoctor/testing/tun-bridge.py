# A userspace point-to-point tunnel for the tests: attaches to a persistent tun device in each of
# two network namespaces (argv: NS1 DEV1 NS2 DEV2 [IDLE_SECONDS]) and copies every packet from one
# to the other, as a VPN client does with its far end. Prints "ready" once attached; exits after
# IDLE_SECONDS without a packet, so it never outlives a test that forgot it.
import ctypes, fcntl, os, select, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454ca
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
def attach(ns, name):
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns " + ns)
    os.close(fd)
    t = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(t, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return t
a = attach(sys.argv[1], sys.argv[2])
b = attach(sys.argv[3], sys.argv[4])
print("ready", flush=True)
idle = float(sys.argv[5]) if len(sys.argv) > 5 else 60
while True:
    ready, _, _ = select.select([a, b], [], [], idle)
    if not ready:
        break
    for fd in ready:
        os.write(b if fd == a else a, os.read(fd, 65535))
