package org.connectdoctor.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Standard output's encoder: text to UTF-8 in one buffer of {@value #SIZE} bytes, written to the
 * stream when full and on {@link #flush}. What {@code OutputStreamWriter} writes, byte for byte,
 * (a lone surrogate becomes '?', a pair split across two writes is joined), at a fraction of the
 * cost for the short lines a flood of probes prints: a string goes through
 * {@link String#getBytes(java.nio.charset.Charset)}, a copy for ASCII text, where the JDK's
 * encoder copied it into a char array, wrapped it and encoded it char by char (the command line
 * runs on the client compiler, which has neither of those loops as an intrinsic).
 */
final class Utf8Writer extends Writer {
    static final int SIZE = 8192;

    private final OutputStream out;
    private final byte[] buf = new byte[SIZE];
    private int count;
    /** A high surrogate that ended the last write, waiting for its low half; 0 when none. */
    private char pendingHigh;

    Utf8Writer(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        if (len <= 0) {
            return;
        }
        if (pendingHigh == 0 && off == 0 && len == s.length() && !Character.isHighSurrogate(s.charAt(len - 1))) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            return;
        }
        for (int i = off; i < off + len; i++) {
            encode(s.charAt(i));
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            encode(cbuf[i]);
        }
    }

    @Override
    public void write(int c) throws IOException {
        encode((char) c);
    }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Flushes; a high surrogate still waiting for its other half is written as '?', as the JDK's encoder does. */
    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            pendingHigh = 0;
            put((byte) '?');
        }
        flush();
    }

    private void bytes(byte[] b) throws IOException {
        if (b.length > SIZE - count) {
            drain();
            if (b.length > SIZE) {
                out.write(b);
                return;
            }
        }
        System.arraycopy(b, 0, buf, count, b.length);
        count += b.length;
    }

    private void encode(char c) throws IOException {
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                int cp = Character.toCodePoint(high, c);
                put((byte) (0xf0 | cp >> 18));
                put((byte) (0x80 | cp >> 12 & 0x3f));
                put((byte) (0x80 | cp >> 6 & 0x3f));
                put((byte) (0x80 | cp & 0x3f));
                return;
            }
            put((byte) '?');
        }
        if (c < 0x80) {
            put((byte) c);
        } else if (c < 0x800) {
            put((byte) (0xc0 | c >> 6));
            put((byte) (0x80 | c & 0x3f));
        } else if (Character.isHighSurrogate(c)) {
            pendingHigh = c;
        } else if (Character.isLowSurrogate(c)) {
            put((byte) '?');
        } else {
            put((byte) (0xe0 | c >> 12));
            put((byte) (0x80 | c >> 6 & 0x3f));
            put((byte) (0x80 | c & 0x3f));
        }
    }

    private void put(byte b) throws IOException {
        if (count == SIZE) {
            drain();
        }
        buf[count++] = b;
    }

    private void drain() throws IOException {
        if (count > 0) {
            int n = count;
            count = 0;
            out.write(buf, 0, n);
        }
    }
}
