package org.connectdoctor.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.connectdoctor.net.Errno;
import org.connectdoctor.net.Family;
import org.connectdoctor.net.NetInterface;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.SockAddr;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.net.SysError;
import org.connectdoctor.sys.Interest;
import org.connectdoctor.sys.Lookup;
import org.connectdoctor.sys.NativeSocket;
import org.connectdoctor.sys.NativeSockets;
import org.connectdoctor.sys.Readiness;
import org.connectdoctor.sys.SocketOption;
import org.connectdoctor.sys.SysException;
import org.connectdoctor.sys.Waker;

/**
 * The real native layer with chosen calls made slow: each {@link Call} can be given a delay that
 * the call spends (on the calling thread, as a slow system call would) before the real call runs.
 * Everything else is the real system: real sockets, real poll(2). {@link Call#RECEIVE_EAGAIN}
 * stands for a recv(2) that finds no datagram although poll said readable (a datagram dropped for
 * a bad checksum): after its delay it fails with EAGAIN and leaves the queued datagram in place.
 */
public final class DelayingSockets implements NativeSockets {

    /** The calls that can be delayed. */
    public enum Call { OPEN, CONNECT, AWAIT, SEND, RECEIVE_EAGAIN, RESOLVE }

    private final NativeSockets real;
    private final Map<Call, Long> delays = new ConcurrentHashMap<>();
    private volatile Lookup answer;

    public DelayingSockets(NativeSockets real) {
        this.real = real;
    }

    /** Makes {@code call} spend {@code nanos} before it runs; returns this for chaining. */
    public DelayingSockets delay(Call call, long nanos) {
        delays.put(call, nanos);
        return this;
    }

    /** Makes every name lookup answer {@code lookup} (after any RESOLVE delay) instead of asking getaddrinfo. */
    public DelayingSockets answer(Lookup lookup) {
        answer = lookup;
        return this;
    }

    private void pause(Call call) {
        Long nanos = delays.get(call);
        if (nanos == null) {
            return;
        }
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public Os os() {
        return real.os();
    }

    @Override
    public SysError error(int number) {
        return real.error(number);
    }

    @Override
    public NativeSocket open(Family family, SocketType type) throws SysException {
        pause(Call.OPEN);
        return new Slow(real.open(family, type));
    }

    @Override
    public Waker waker() throws SysException {
        return real.waker();
    }

    /** The real wait on the real sockets, after an AWAIT delay. */
    @Override
    public org.connectdoctor.sys.FirstReady awaitAnyConnect(List<NativeSocket> sockets, Waker waker, long deadlineNanos)
            throws SysException {
        pause(Call.AWAIT);
        List<NativeSocket> inner = sockets.stream().map(s -> s instanceof Slow slow ? slow.socket : s).toList();
        return real.awaitAnyConnect(inner, waker, deadlineNanos);
    }

    @Override
    public Lookup resolve(String host, String service, Family family, SocketType type, boolean numericHost) {
        pause(Call.RESOLVE);
        Lookup fixed = answer;
        return fixed != null ? fixed : real.resolve(host, service, family, type, numericHost);
    }

    @Override
    public Optional<List<String>> resolvers() {
        return real.resolvers();
    }

    @Override
    public Optional<String> networkNamespace() {
        return real.networkNamespace();
    }

    @Override
    public List<NetInterface> interfaces() {
        return real.interfaces();
    }

    private final class Slow implements NativeSocket {
        private final NativeSocket socket;

        Slow(NativeSocket socket) {
            this.socket = socket;
        }

        @Override
        public int fd() {
            return socket.fd();
        }

        @Override
        public void receiveErrors(org.connectdoctor.net.Family family) throws SysException {
            socket.receiveErrors(family);
        }

        @Override
        public int sendTo(byte[] data, SockAddr to) throws SysException {
            pause(Call.SEND);
            return socket.sendTo(data, to);
        }

        @Override
        public org.connectdoctor.sys.ReceivedDatagram receiveFrom(byte[] buffer) throws SysException {
            if (delays.containsKey(Call.RECEIVE_EAGAIN)) {
                pause(Call.RECEIVE_EAGAIN);
                throw new SysException("recvfrom", real.error(Errno.EAGAIN));
            }
            return socket.receiveFrom(buffer);
        }

        @Override
        public org.connectdoctor.sys.QueuedError takeQueuedError() throws SysException {
            return socket.takeQueuedError();
        }

        @Override
        public void setOption(SocketOption option, boolean on) throws SysException {
            socket.setOption(option, on);
        }

        @Override
        public void setLingerZero() throws SysException {
            socket.setLingerZero();
        }

        @Override
        public void bind(SockAddr local) throws SysException {
            socket.bind(local);
        }

        @Override
        public void autobind() throws SysException {
            socket.autobind();
        }

        @Override
        public boolean connect(SockAddr remote) throws SysException {
            boolean done = socket.connect(remote);
            pause(Call.CONNECT); // between connect() and the wait
            return done;
        }

        @Override
        public Readiness awaitUntil(Interest interest, Waker waker, long deadlineNanos) throws SysException {
            pause(Call.AWAIT);
            return socket.awaitUntil(interest, waker, deadlineNanos);
        }

        @Override
        public SysError takeError() throws SysException {
            return socket.takeError();
        }

        @Override
        public SockAddr localAddress() throws SysException {
            return socket.localAddress();
        }

        @Override
        public int send(byte[] data) throws SysException {
            pause(Call.SEND);
            return socket.send(data);
        }

        @Override
        public int receive(byte[] buffer) throws SysException {
            if (delays.containsKey(Call.RECEIVE_EAGAIN)) {
                pause(Call.RECEIVE_EAGAIN);
                throw new SysException("recv", real.error(Errno.EAGAIN));
            }
            return socket.receive(buffer);
        }

        @Override
        public void listen(int backlog) throws SysException {
            socket.listen(backlog);
        }

        @Override
        public NativeSocket accept() throws SysException {
            return socket.accept();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
