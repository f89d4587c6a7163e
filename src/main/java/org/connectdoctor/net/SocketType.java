package org.connectdoctor.net;

import java.util.Locale;

/** The socket types a probe can open (the type argument of socket(2)). */
public enum SocketType {
    STREAM("stream", "SOCK_STREAM", "TCP, or a Unix stream socket: a connection with a handshake"),
    DGRAM("dgram", "SOCK_DGRAM", "UDP, or a Unix datagram socket: single messages, no handshake"),
    SEQPACKET("seqpacket", "SOCK_SEQPACKET", "SCTP, or a Unix seqpacket socket: a connection that keeps message boundaries");

    private final String cliName;
    private final String constant;
    private final String description;

    SocketType(String cliName, String constant, String description) {
        this.cliName = cliName;
        this.constant = constant;
        this.description = description;
    }

    /** The word the command line accepts: stream, dgram, seqpacket. */
    public String cliName() {
        return cliName;
    }

    /** The C constant, as the man pages name it. */
    public String constant() {
        return constant;
    }

    public String description() {
        return description;
    }

    /** Parses a command-line word (also "datagram", "udp", "tcp", "sctp"); null when unknown. */
    public static SocketType fromWord(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "stream": case "tcp": return STREAM;
            case "dgram": case "datagram": case "udp": return DGRAM;
            case "seqpacket": case "sctp": return SEQPACKET;
            default: return null;
        }
    }
}
