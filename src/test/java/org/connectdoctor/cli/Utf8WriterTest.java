package org.connectdoctor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Standard output's encoder writes the bytes the JDK's OutputStreamWriter writes, however the text is cut. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Utf8WriterTest {

    private static final String[] PIECES = {"* Connected to 127.0.0.1 port 80", "", "\n", "é", "ß€", "日本語",
        "\uD83D\uDE00", "\uD83D", "\uDE00", "x\uD800y", "\u2028", "\"quoted\\\"", "\t\r\n",
        "a".repeat(9000), "ü".repeat(5000)};

    private static byte[] jdk(String[] writes, boolean asChars) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            feed(w, writes, asChars);
        }
        return bytes.toByteArray();
    }

    private static byte[] ours(String[] writes, boolean asChars) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new Utf8Writer(bytes)) {
            feed(w, writes, asChars);
        }
        return bytes.toByteArray();
    }

    private static void feed(Writer w, String[] writes, boolean asChars) throws IOException {
        for (int i = 0; i < writes.length; i++) {
            String s = writes[i];
            if (asChars) {
                w.write(s.toCharArray(), 0, s.length());
            } else if (i % 3 == 2 && s.length() > 1) {
                w.write(s, 1, s.length() - 1); // a part of a string
            } else if (s.length() == 1 && i % 2 == 0) {
                w.write(s.charAt(0));
            } else {
                w.write(s);
            }
            if (i % 7 == 6) {
                w.flush();
            }
        }
    }

    @Test
    void everyPieceAloneAndInRandomSequences() throws IOException {
        for (String p : PIECES) {
            assertArrayEquals(jdk(new String[] {p}, false), ours(new String[] {p}, false), p);
            assertArrayEquals(jdk(new String[] {p}, true), ours(new String[] {p}, true), p);
        }
        SplittableRandom random = new SplittableRandom(8);
        for (int run = 0; run < 500; run++) {
            String[] writes = new String[random.nextInt(1, 12)];
            for (int i = 0; i < writes.length; i++) {
                writes[i] = PIECES[random.nextInt(PIECES.length)];
            }
            boolean asChars = run % 4 == 3;
            assertArrayEquals(jdk(writes, asChars), ours(writes, asChars), String.join("|", writes));
        }
    }

    @Test
    void aSurrogatePairSplitAcrossTwoWritesIsOneCharacter() throws IOException {
        String[] writes = {"smile \uD83D", "\uDE00 done", "end \uD83D"};
        assertArrayEquals(jdk(writes, false), ours(writes, false));
    }
}
