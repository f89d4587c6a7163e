package org.connectdoctor.sys.linux;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal D-Bus client over a Unix-domain socket: the wire protocol of the D-Bus Specification
 * (authentication, message framing, marshalling), enough to call a method and read its reply,
 * and for tests to own a name and answer calls. No library: D-Bus is the system's own interface
 * here, as netlink is, and reading one property must not need libdbus through JNA.
 *
 * <p>Every read and write waits at most until the deadline the connection was opened with, so a
 * bus that accepts and then never answers ends the call with {@link SocketTimeoutException}
 * instead of freezing a probe or the window. Anything that is not D-Bus on the wire ends it with
 * {@link Garbled}; an error reply with {@link ErrorReply}. Not thread-safe: one caller at a time.
 *
 * <p>Marshalling (D-Bus Specification, "Message Protocol"): every value is aligned to its size
 * (a struct, a dict entry, 64-bit values to 8) counted from the start of the message; the header
 * is 12 fixed bytes and an array of (BYTE code, VARIANT value) fields, padded to 8, then the body.
 */
final class DBus implements AutoCloseable {

    static final int METHOD_CALL = 1;
    static final int METHOD_RETURN = 2;
    static final int ERROR = 3;
    static final int SIGNAL = 4;
    /** Header flag: do not start a service to take this call (a reader must not start NetworkManager). */
    static final int NO_AUTO_START = 0x2;

    static final int FIELD_PATH = 1;
    static final int FIELD_INTERFACE = 2;
    static final int FIELD_MEMBER = 3;
    static final int FIELD_ERROR_NAME = 4;
    static final int FIELD_REPLY_SERIAL = 5;
    static final int FIELD_DESTINATION = 6;
    static final int FIELD_SENDER = 7;
    static final int FIELD_SIGNATURE = 8;

    /** Larger than any answer a property read gets; a length beyond it is taken as garbage. */
    static final int MAX_MESSAGE = 1 << 20;

    /** The wire did not carry D-Bus: a bad line in the authentication, a header or value that cannot be. */
    static final class Garbled extends IOException {
        Garbled(String message) {
            super(message);
        }
    }

    /** The bus or the service answered the call with an error. */
    static final class ErrorReply extends IOException {
        private final String name;

        ErrorReply(String name, String message) {
            super(message == null ? name : name + ": " + message);
            this.name = name;
        }

        /** The error's D-Bus name: org.freedesktop.DBus.Error.ServiceUnknown. */
        String name() {
            return name;
        }
    }

    /** The bus refused the credentials this process offered. */
    static final class AuthRejected extends IOException {
        AuthRejected(String message) {
            super(message);
        }
    }

    /** A VARIANT as read: its signature and value. */
    record Variant(String signature, Object value) {
    }

    /**
     * A message as read.
     *
     * @param fields the header fields by code: String for PATH, INTERFACE, MEMBER, ERROR_NAME,
     *               DESTINATION, SENDER, SIGNATURE; Long for REPLY_SERIAL
     * @param body   the body's values, in the order of its signature
     */
    record Message(int type, int flags, long serial, Map<Integer, Object> fields, List<Object> body) {
        String field(int code) {
            Object v = fields.get(code);
            return v instanceof String s ? s : null;
        }

        long replySerial() {
            Object v = fields.get(FIELD_REPLY_SERIAL);
            return v instanceof Long l ? l : -1;
        }
    }

    private final SocketChannel channel;
    private final Selector selector;
    private final long deadline;
    private long serial;
    private String uniqueName;

    private DBus(SocketChannel channel, Selector selector, long deadlineNanos) {
        this.channel = channel;
        this.selector = selector;
        this.deadline = deadlineNanos;
    }

    /**
     * Connects to the bus at {@code socket}, authenticates as {@code uid} with EXTERNAL (the bus
     * checks it against the socket's peer credentials) and says Hello, all before {@code deadlineNanos}
     * (System.nanoTime()).
     */
    static DBus open(Path socket, long uid, long deadlineNanos) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector sel = null;
        DBus bus = null;
        try {
            ch.configureBlocking(false);
            sel = Selector.open();
            bus = new DBus(ch, sel, deadlineNanos);
            if (!ch.connect(UnixDomainSocketAddress.of(socket))) {
                bus.await(SelectionKey.OP_CONNECT);
                while (!ch.finishConnect()) {
                    bus.await(SelectionKey.OP_CONNECT);
                }
            }
            bus.authenticate(uid);
            Message hello = bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello",
                    "", List.of());
            bus.uniqueName = hello.body().isEmpty() ? null : String.valueOf(hello.body().get(0));
            return bus;
        } catch (IOException | RuntimeException e) {
            if (bus != null) {
                bus.close();
            } else {
                if (sel != null) {
                    sel.close();
                }
                ch.close();
            }
            throw e;
        }
    }

    /** The name the bus gave this connection (":1.42"). */
    String uniqueName() {
        return uniqueName;
    }

    private void authenticate(long uid) throws IOException {
        // A NUL byte first (it carries the credentials on some systems), then the SASL exchange.
        String hex = hex(Long.toString(uid));
        write(("\0AUTH EXTERNAL " + hex + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String line = readLine();
        if (line.startsWith("REJECTED")) {
            throw new AuthRejected("the bus rejected AUTH EXTERNAL for uid " + uid + " (" + line + ")");
        }
        if (!line.startsWith("OK ")) {
            throw new Garbled("the answer to AUTH was not OK or REJECTED: " + printable(line));
        }
        write("BEGIN\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.US_ASCII)) {
            sb.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return sb.toString();
    }

    private String readLine() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            one.clear();
            readFully(one);
            int c = one.get(0) & 0xff;
            if (c == '\n' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '\r') {
                return sb.substring(0, sb.length() - 1);
            }
            if (c < 0x20 && c != '\r' || c > 0x7e || sb.length() > 512) {
                throw new Garbled("the bus's authentication line is not text: " + printable(sb + String.valueOf((char) c)));
            }
            sb.append((char) c);
        }
    }

    private static String printable(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder sb = new StringBuilder();
        for (char c : t.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f || c == '…' ? String.valueOf(c) : String.format(Locale.ROOT, "\\x%02x", (int) c));
        }
        return "\"" + sb + "\"";
    }

    /**
     * Calls {@code member} and waits for its reply, skipping signals and other messages meanwhile.
     * {@code signature} and {@code args} are the body: s, o, g (String), u (Long or Integer), b (Boolean), y.
     */
    Message call(String destination, String path, String iface, String member, String signature, List<?> args)
            throws IOException {
        long mySerial = ++serial;
        Map<Integer, Object[]> fields = new java.util.LinkedHashMap<>();
        fields.put(FIELD_PATH, new Object[]{"o", path});
        if (iface != null) {
            fields.put(FIELD_INTERFACE, new Object[]{"s", iface});
        }
        fields.put(FIELD_MEMBER, new Object[]{"s", member});
        if (destination != null) {
            fields.put(FIELD_DESTINATION, new Object[]{"s", destination});
        }
        write(encode(METHOD_CALL, NO_AUTO_START, mySerial, fields, signature, args));
        while (true) {
            Message m = read();
            if ((m.type() == METHOD_RETURN || m.type() == ERROR) && m.replySerial() == mySerial) {
                if (m.type() == ERROR) {
                    String name = m.field(FIELD_ERROR_NAME);
                    throw new ErrorReply(name == null ? "(an error without a name)" : name,
                            !m.body().isEmpty() && m.body().get(0) instanceof String s ? s : null);
                }
                return m;
            }
        }
    }

    /** Answers {@code call} with a method return carrying {@code args} (a test's fake service). */
    void reply(Message call, String signature, List<?> args) throws IOException {
        Map<Integer, Object[]> fields = new java.util.LinkedHashMap<>();
        fields.put(FIELD_REPLY_SERIAL, new Object[]{"u", call.serial()});
        String sender = call.field(FIELD_SENDER);
        if (sender != null) {
            fields.put(FIELD_DESTINATION, new Object[]{"s", sender});
        }
        write(encode(METHOD_RETURN, 0, ++serial, fields, signature, args));
    }

    /** Answers {@code call} with the error {@code name} (a test's fake service). */
    void replyError(Message call, String name, String message) throws IOException {
        Map<Integer, Object[]> fields = new java.util.LinkedHashMap<>();
        fields.put(FIELD_ERROR_NAME, new Object[]{"s", name});
        fields.put(FIELD_REPLY_SERIAL, new Object[]{"u", call.serial()});
        String sender = call.field(FIELD_SENDER);
        if (sender != null) {
            fields.put(FIELD_DESTINATION, new Object[]{"s", sender});
        }
        write(encode(ERROR, 0, ++serial, fields, "s", List.of(message)));
    }

    /** The next message on the connection. */
    Message read() throws IOException {
        ByteBuffer fixed = ByteBuffer.allocate(16);
        readFully(fixed);
        byte[] head = fixed.array();
        ByteOrder order = switch (head[0]) {
            case 'l' -> ByteOrder.LITTLE_ENDIAN;
            case 'B' -> ByteOrder.BIG_ENDIAN;
            default -> throw new Garbled("a message does not start with 'l' or 'B' but with byte 0x"
                    + Integer.toHexString(head[0] & 0xff));
        };
        if (head[3] != 1) {
            throw new Garbled("a message has protocol version " + (head[3] & 0xff) + ", not 1");
        }
        ByteBuffer h = ByteBuffer.wrap(head).order(order);
        long bodyLength = h.getInt(4) & 0xffff_ffffL;
        long fieldsLength = h.getInt(12) & 0xffff_ffffL;
        long headerEnd = (16 + fieldsLength + 7) & ~7L;
        if (bodyLength > MAX_MESSAGE || fieldsLength > MAX_MESSAGE || headerEnd + bodyLength > MAX_MESSAGE) {
            throw new Garbled("a message claims " + (headerEnd + bodyLength) + " bytes, more than any answer here");
        }
        ByteBuffer all = ByteBuffer.allocate((int) (headerEnd + bodyLength));
        all.put(head);
        readFully(all);
        byte[] bytes = all.array();
        Decoder d = new Decoder(bytes, 0, (int) headerEnd, order);
        d.pos = 12;
        List<Object> rawFields = d.values("a(yv)");
        Map<Integer, Object> fields = new HashMap<>();
        for (Object o : (List<?>) rawFields.get(0)) {
            List<?> f = (List<?>) o;
            fields.put((Integer) f.get(0), ((Variant) f.get(1)).value());
        }
        String sig = fields.get(FIELD_SIGNATURE) instanceof String s ? s : "";
        Decoder body = new Decoder(bytes, (int) headerEnd, bytes.length, order);
        List<Object> values = body.values(sig);
        return new Message(head[1] & 0xff, head[2] & 0xff, h.getInt(8) & 0xffff_ffffL, fields, values);
    }

    private static byte[] encode(int type, int flags, long serial, Map<Integer, Object[]> fields, String signature,
                                 List<?> args) {
        Encoder body = new Encoder();
        Sig sig = new Sig(signature);
        for (Object a : args) {
            body.value(sig, a);
        }
        if (sig.i != signature.length()) {
            throw new IllegalArgumentException("the arguments do not fill the signature " + signature);
        }
        Encoder m = new Encoder();
        m.u8('l');
        m.u8(type);
        m.u8(flags);
        m.u8(1);
        m.u32(body.size());
        m.u32(serial);
        Map<Integer, Object[]> all = new java.util.LinkedHashMap<>(fields);
        if (!signature.isEmpty()) {
            all.put(FIELD_SIGNATURE, new Object[]{"g", signature});
        }
        int lengthAt = m.size();
        m.u32(0);
        m.align(8);
        int start = m.size();
        for (Map.Entry<Integer, Object[]> e : all.entrySet()) {
            m.align(8);
            m.u8(e.getKey());
            m.value(new Sig("v"), new Variant((String) e.getValue()[0], e.getValue()[1]));
        }
        m.putU32At(lengthAt, m.size() - start);
        m.align(8);
        m.bytes(body.toArray());
        return m.toArray();
    }

    private void await(int op) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("the bus did not answer in time");
        }
        SelectionKey key = channel.register(selector, op);
        try {
            selector.select(Math.max(1, left / 1_000_000));
        } finally {
            key.interestOps(0);
            selector.selectedKeys().clear();
        }
    }

    private void readFully(ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                throw new EOFException("the bus closed the connection");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            }
        }
    }

    private void write(byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }

    /** A cursor over a signature: the next complete type and the alignment of each type code. */
    private static final class Sig {
        final String s;
        int i;

        Sig(String s) {
            this.s = s;
        }

        boolean more() {
            return i < s.length();
        }

        char next() throws Garbled {
            if (i >= s.length()) {
                throw new Garbled("the signature \"" + s + "\" ends inside a type");
            }
            return s.charAt(i++);
        }

        /** Moves past one complete type without reading a value (an empty array's element). */
        void skip() throws Garbled {
            char c = next();
            if (c == 'a') {
                skip();
            } else if (c == '(' || c == '{') {
                char close = c == '(' ? ')' : '}';
                while (i < s.length() && s.charAt(i) != close) {
                    skip();
                }
                next();
            }
        }

        static int alignment(char c) {
            return switch (c) {
                case 'n', 'q' -> 2;
                case 'b', 'i', 'u', 's', 'o', 'a', 'h' -> 4;
                case 'x', 't', 'd', '(', '{' -> 8;
                default -> 1;
            };
        }
    }

    /** Reads values from {@code bytes[start, end)}, aligning relative to {@code start}. */
    private static final class Decoder {
        private final byte[] bytes;
        private final int start;
        private final int end;
        private final ByteBuffer buf;
        int pos;
        private int depth;

        Decoder(byte[] bytes, int start, int end, ByteOrder order) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
            this.buf = ByteBuffer.wrap(bytes).order(order);
            this.pos = start;
        }

        List<Object> values(String signature) throws Garbled {
            Sig sig = new Sig(signature);
            List<Object> out = new ArrayList<>();
            while (sig.more()) {
                out.add(value(sig));
            }
            return out;
        }

        private void align(int n) throws Garbled {
            int p = start + ((pos - start + n - 1) / n) * n;
            need(p - pos);
            pos = p;
        }

        private void need(int n) throws Garbled {
            if (n < 0 || pos + n > end) {
                throw new Garbled("a value runs past the end of its message");
            }
        }

        private long u32() throws Garbled {
            align(4);
            need(4);
            long v = buf.getInt(pos) & 0xffff_ffffL;
            pos += 4;
            return v;
        }

        private String text(int length) throws Garbled {
            need(length + 1);
            String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
            if (bytes[pos + length] != 0) {
                throw new Garbled("a string is not NUL-terminated");
            }
            pos += length + 1;
            return s;
        }

        Object value(Sig sig) throws Garbled {
            if (++depth > 64) {
                throw new Garbled("values nested deeper than D-Bus allows");
            }
            try {
                char c = sig.next();
                switch (c) {
                    case 'y' -> {
                        need(1);
                        return bytes[pos++] & 0xff;
                    }
                    case 'b' -> {
                        long v = u32();
                        if (v > 1) {
                            throw new Garbled("a BOOLEAN is " + v + ", neither 0 nor 1");
                        }
                        return v == 1;
                    }
                    case 'n', 'q' -> {
                        align(2);
                        need(2);
                        short v = buf.getShort(pos);
                        pos += 2;
                        return c == 'n' ? (int) v : v & 0xffff;
                    }
                    case 'i' -> {
                        return (int) u32();
                    }
                    case 'u', 'h' -> {
                        return u32();
                    }
                    case 'x', 't', 'd' -> {
                        align(8);
                        need(8);
                        long v = buf.getLong(pos);
                        pos += 8;
                        return c == 'd' ? (Object) Double.longBitsToDouble(v) : (Object) v;
                    }
                    case 's', 'o' -> {
                        long n = u32();
                        if (n > end - pos) {
                            throw new Garbled("a string claims " + n + " bytes, past the end of its message");
                        }
                        return text((int) n);
                    }
                    case 'g' -> {
                        need(1);
                        int n = bytes[pos++] & 0xff;
                        return text(n);
                    }
                    case 'v' -> {
                        need(1);
                        int n = bytes[pos++] & 0xff;
                        String inner = text(n);
                        Sig s = new Sig(inner);
                        Object v = value(s);
                        if (s.more()) {
                            throw new Garbled("a VARIANT's signature \"" + inner + "\" holds more than one type");
                        }
                        return new Variant(inner, v);
                    }
                    case 'a' -> {
                        long n = u32();
                        int elementAt = sig.i;
                        if (!sig.more()) {
                            throw new Garbled("an ARRAY without an element type");
                        }
                        align(Sig.alignment(sig.s.charAt(elementAt)));
                        if (n > end - pos) {
                            throw new Garbled("an array claims " + n + " bytes, past the end of its message");
                        }
                        int stop = pos + (int) n;
                        List<Object> items = new ArrayList<>();
                        while (pos < stop) {
                            sig.i = elementAt;
                            items.add(value(sig));
                        }
                        if (pos != stop) {
                            throw new Garbled("an array's elements do not end where its length says");
                        }
                        sig.i = elementAt;
                        sig.skip();
                        return items;
                    }
                    case '(', '{' -> {
                        align(8);
                        char close = c == '(' ? ')' : '}';
                        List<Object> members = new ArrayList<>();
                        while (sig.more() && sig.s.charAt(sig.i) != close) {
                            members.add(value(sig));
                        }
                        sig.next();
                        return members;
                    }
                    default -> throw new Garbled("the type code '" + c + "' is not D-Bus");
                }
            } finally {
                depth--;
            }
        }
    }

    /** Writes values little-endian, aligned from the start of what it writes. */
    private static final class Encoder {
        private byte[] bytes = new byte[256];
        private int size;

        int size() {
            return size;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }

        private void ensure(int n) {
            if (size + n > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }

        void align(int n) {
            while (size % n != 0) {
                u8(0);
            }
        }

        void u8(int v) {
            ensure(1);
            bytes[size++] = (byte) v;
        }

        void u32(long v) {
            align(4);
            ensure(4);
            ByteBuffer.wrap(bytes, size, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
            size += 4;
        }

        void putU32At(int at, long v) {
            ByteBuffer.wrap(bytes, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void value(Sig sig, Object v) {
            char c;
            try {
                c = sig.next();
            } catch (Garbled e) {
                throw new IllegalArgumentException("more arguments than the signature " + sig.s + " takes");
            }
            switch (c) {
                case 'y' -> u8(((Number) v).intValue());
                case 'b' -> u32((Boolean) v ? 1 : 0);
                case 'u', 'i' -> u32(((Number) v).longValue());
                case 's', 'o' -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    u32(b.length);
                    bytes(b);
                    u8(0);
                }
                case 'g' -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.US_ASCII);
                    u8(b.length);
                    bytes(b);
                    u8(0);
                }
                case 'v' -> {
                    Variant var = (Variant) v;
                    value(new Sig("g"), var.signature());
                    Sig inner = new Sig(var.signature());
                    value(inner, var.value());
                }
                case 'a' -> {
                    // only arrays of dict entries {sv} are written: a fake service's GetAll answer
                    int elementAt = sig.i;
                    u32(0);
                    int lengthAt = size - 4;
                    align(Sig.alignment(sig.s.charAt(elementAt)));
                    int start = size;
                    for (Object item : (List<?>) v) {
                        sig.i = elementAt;
                        value(sig, item);
                    }
                    putU32At(lengthAt, size - start);
                    sig.i = elementAt;
                    try {
                        sig.skip();
                    } catch (Garbled e) {
                        throw new IllegalArgumentException(e.getMessage());
                    }
                }
                case '{', '(' -> {
                    align(8);
                    char close = c == '(' ? ')' : '}';
                    for (Object member : (List<?>) v) {
                        value(sig, member);
                    }
                    if (sig.i >= sig.s.length() || sig.s.charAt(sig.i) != close) {
                        throw new IllegalArgumentException("members do not fill " + sig.s);
                    }
                    sig.i++;
                }
                default -> throw new IllegalArgumentException("writing type " + c + " is not written");
            }
        }
    }
}
