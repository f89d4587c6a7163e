package org.connectdoctor.explain;

/** Who is usually at fault for a result, in the words a help-desk reader needs. */
public enum Fault {
    THIS_COMPUTER("this computer"),
    NETWORK("the network"),
    REMOTE_SERVICE("the remote service"),
    PROGRAM("the program itself"),
    NONE("nobody: this is not a failure");

    private final String words;

    Fault(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    static Fault parse(String s) {
        return switch (s.strip()) {
            case "this-computer" -> THIS_COMPUTER;
            case "network" -> NETWORK;
            case "remote-service" -> REMOTE_SERVICE;
            case "program" -> PROGRAM;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown fault: " + s);
        };
    }
}
