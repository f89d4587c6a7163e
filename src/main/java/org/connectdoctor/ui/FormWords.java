package org.connectdoctor.ui;

import org.connectdoctor.net.SocketType;
import org.connectdoctor.probe.FamilyChoice;
import org.connectdoctor.probe.InvalidInputException;
import org.connectdoctor.probe.Target;
import org.connectdoctor.probe.TargetParser;

/**
 * What the form says about what was typed and chosen: the target field's error (the engine's own
 * message), the note for a pasted URL, whether the target is a Unix socket, and the type and
 * family buttons' words. Reads only its arguments, so the field can ask it on every key.
 */
final class FormWords {

    private FormWords() {
    }

    /** The engine's own message for the target field, or "" when it parses (or is still empty). */
    static String targetError(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        try {
            TargetParser.parse(text);
            return "";
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }

    /** "Using db01:5432 from the URL. " for a pasted URL, else "". */
    static String urlNote(String text) {
        try {
            TargetParser.FromUrl url = TargetParser.fromUrl(text);
            return url == null ? "" : url.note() + " ";
        } catch (InvalidInputException e) {
            return "";
        }
    }

    /** Whether the text parses as a Unix socket's path (or abstract name). */
    static boolean isUnix(String text) {
        try {
            return TargetParser.parse(text) instanceof Target.Unix;
        } catch (InvalidInputException e) {
            return false;
        }
    }

    /** The type buttons' words. */
    static String typeWords(SocketType t) {
        return typeWords(t, false);
    }

    /** The type buttons' words for a Unix socket target ({@code unix}) or an address. */
    static String typeWords(SocketType t, boolean unix) {
        return switch (t) {
            case STREAM -> unix ? "Stream (Unix)" : "Stream (TCP)";
            case DGRAM -> unix ? "Datagram (Unix)" : "Datagram (UDP)";
            case SEQPACKET -> unix ? "Seqpacket (Unix)" : "Seqpacket";
        };
    }

    /** The family buttons' words. */
    static String familyWords(FamilyChoice f) {
        return switch (f) {
            case AUTO -> "Auto";
            case IPV4 -> "IPv4";
            case IPV6 -> "IPv6";
            case UNIX -> "Unix";
        };
    }
}
