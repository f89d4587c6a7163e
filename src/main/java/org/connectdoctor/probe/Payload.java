package org.connectdoctor.probe;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** The bytes a datagram probe sends, or a reply it received. Immutable. */
public final class Payload {
    /** The most a UDP datagram over IPv4 can carry. */
    public static final int MAX_BYTES = 65_507;
    public static final Payload EMPTY = new Payload(new byte[0]);

    private final byte[] bytes;

    private Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Payload of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Payload(bytes.clone());
    }

    public static Payload ofText(String text) throws InvalidInputException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > MAX_BYTES) {
            throw new InvalidInputException("The payload is " + b.length + " bytes; a datagram carries at most "
                    + MAX_BYTES + ".");
        }
        return of(b);
    }

    /** Hex digits, optionally separated by spaces, ':' or '-', optionally starting with 0x. */
    public static Payload ofHex(String hex) throws InvalidInputException {
        String s = hex.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) >= 0 && c < 128) {
                digits.append(c);
            } else if (c != ' ' && c != ':' && c != '-') {
                throw new InvalidInputException("The hex payload contains '" + (c < 0x20 ? TargetParser.codePoint(c) : c)
                        + "' at position " + (i + 1) + ". Use hex digits 0-9 and a-f, in pairs, e.g. 48 65 6c 6c 6f.");
            }
        }
        if (digits.length() % 2 != 0) {
            throw new InvalidInputException("The hex payload has an odd number of digits (" + digits.length()
                    + "); every byte takes two, e.g. 0a rather than a.");
        }
        if (digits.length() / 2 > MAX_BYTES) {
            throw new InvalidInputException("The payload is " + digits.length() / 2
                    + " bytes; a datagram carries at most " + MAX_BYTES + ".");
        }
        return of(HexFormat.of().parseHex(digits));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** The bytes as text when they are printable UTF-8, otherwise null. */
    public String textOrNull() {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes)) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                return null;
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        String t = textOrNull();
        return t != null ? "\"" + t + "\"" : "0x" + hex();
    }
}
