package org.connectdoctor.probe.proxy;

import java.nio.charset.StandardCharsets;

/**
 * A proxy's words made safe to show: no control or bidirectional-formatting characters, no markup,
 * whitespace collapsed, bounded. A proxy is a stranger; its text never reaches a terminal raw.
 */
final class Sanitize {

    private Sanitize() {
    }

    /** One line of header text. */
    static String line(String raw, int max) {
        // terminal escape sequences go whole (CSI "ESC [ … final", OSC "ESC ] … BEL/ST"), not just their ESC
        String s = raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "").replaceAll("\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)?", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT) {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        String out = sb.toString().replaceAll("\\s+", " ").strip();
        return s.length() > max ? out + "…" : out;
    }

    /** Raw bytes as one bounded line (a partial answer). */
    static String text(byte[] raw, int max) {
        return line(new String(raw, StandardCharsets.UTF_8), max);
    }

    /** A body: HTML tags and entities dropped, chunk sizes removed, one bounded line. */
    static String body(byte[] raw, boolean chunked, int max) {
        String s = new String(raw, StandardCharsets.UTF_8);
        if (chunked) {
            s = s.replaceAll("(?m)^[0-9a-fA-F]{1,8}(;[^\r\n]*)?\r?$", " ");
        }
        s = s.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>?", " ")
                .replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replaceAll("&#?[A-Za-z0-9]{1,8};", " ");
        String out = line(s, max);
        return out.isBlank() ? null : out;
    }
}
