package org.connectdoctor.net;

import java.util.Locale;

/** The operating systems whose numbers and layouts the product knows. */
public enum Os {
    LINUX("linux", "Linux"), MACOS("macos", "macOS"), WINDOWS("windows", "Windows");

    private final String tableSuffix;
    private final String displayName;

    Os(String tableSuffix, String displayName) {
        this.tableSuffix = tableSuffix;
        this.displayName = displayName;
    }

    /** Linux, macOS, Windows. */
    public String displayName() {
        return displayName;
    }

    String tableSuffix() {
        return tableSuffix;
    }

    /** The word catalogue qualifiers and reports use: linux, macos, windows. */
    public String id() {
        return tableSuffix;
    }

    /** The system whose {@link #id} is {@code id}, or null for any other word. */
    public static Os byId(String id) {
        for (Os os : values()) {
            if (os.tableSuffix.equals(id)) {
                return os;
            }
        }
        return null;
    }

    /** The system this JVM runs on, or {@code null} when it is none of the known ones. */
    public static Os current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return MACOS;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        return null;
    }
}
