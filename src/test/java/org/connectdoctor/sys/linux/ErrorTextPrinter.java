package org.connectdoctor.sys.linux;

import org.connectdoctor.sys.*;

import org.connectdoctor.net.GaiError;
import org.connectdoctor.net.NumberTable;
import org.connectdoctor.net.Os;
import org.connectdoctor.net.ResolveError;
import org.connectdoctor.net.SysError;

/**
 * Run by ErrorTextLocaleTest in a child JVM under a chosen locale: prints, tab-separated, what
 * the native layer makes of ECONNREFUSED and of a failed lookup, and for every getaddrinfo code
 * glibc's gai_strerror text beside the English table's.
 */
public final class ErrorTextPrinter {
    private ErrorTextPrinter() {
    }

    public static void main(String[] args) {
        SysError refused = LinuxSockets.INSTANCE.error(111);
        System.out.println("errno\t" + refused.message() + "\t" + refused.localizedMessage());
        // AI_NUMERICHOST with a name: EAI_NONAME at once, no resolver and no traffic.
        ResolveError e = LinuxSockets.INSTANCE.resolve("not-an-address", "80", null,
                org.connectdoctor.net.SocketType.STREAM, true).error();
        System.out.println("gai\t" + e.message() + "\t" + e.localizedMessage());
        NumberTable<GaiError> table = NumberTable.gai(Os.LINUX);
        for (GaiError code : GaiError.values()) {
            var n = table.number(code);
            if (n.isPresent()) {
                System.out.println("table\t" + code + "\t" + GlibcGaiText.english(code) + "\t"
                        + LinuxLibC.gai_strerror(n.getAsInt()));
            }
        }
    }
}
