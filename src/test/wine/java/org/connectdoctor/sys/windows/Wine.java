package org.connectdoctor.sys.windows;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/** Whether this Windows JVM runs under Wine, whose ntdll exports wine_get_version. */
final class Wine {

    private static final String VERSION = detect();

    private Wine() {
    }

    private static String detect() {
        try {
            Function f = NativeLibrary.getInstance("ntdll").getFunction("wine_get_version");
            return (String) f.invoke(String.class, new Object[0]);
        } catch (UnsatisfiedLinkError e) {
            return null;
        }
    }

    static boolean running() {
        return VERSION != null;
    }

    /** "Wine 8.0", or "Windows". */
    static String describe() {
        return VERSION == null ? "Windows" : "Wine " + VERSION;
    }
}
