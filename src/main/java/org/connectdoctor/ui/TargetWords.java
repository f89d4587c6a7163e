package org.connectdoctor.ui;

import org.connectdoctor.net.Family;
import org.connectdoctor.net.SocketType;
import org.connectdoctor.sys.Capabilities;

/**
 * The target field's and the help's examples in the running system's own forms: Windows paths and
 * interface indexes on Windows, no abstract Unix names where the system has none, the hosts file
 * where that system keeps it.
 */
final class TargetWords {

    private TargetWords() {
    }

    private static boolean windows(Capabilities caps) {
        return "Windows".equals(caps.osName());
    }

    private static boolean unix(Capabilities caps) {
        return caps.supports(SocketType.STREAM, Family.UNIX) || caps.supports(SocketType.DGRAM, Family.UNIX);
    }

    /** The field's prompt: "host:port, [v6]:port or /path/to.sock". */
    static String prompt(Capabilities caps) {
        if (!unix(caps)) {
            return "host:port or [v6]:port";
        }
        return "host:port, [v6]:port or " + (windows(caps) ? "unix:C:\\path\\to.sock" : "/path/to.sock");
    }

    /** The field's tooltip, with one example of each form the system has. */
    static String tooltip(Capabilities caps) {
        StringBuilder sb = new StringBuilder("What the application fails to reach: db.example.org:5432, [2001:db8::1]:443");
        if (windows(caps)) {
            sb.append(", [fe80::1%12]:443");
            if (unix(caps)) {
                sb.append(", unix:C:\\ProgramData\\app\\app.sock");
            }
        } else if (unix(caps)) {
            sb.append(", /run/postgresql/.s.PGSQL.5432");
            if (caps.abstractUnixNames()) {
                sb.append(", unix:@name");
            }
        }
        return sb.toString();
    }

    /** The help's words for the Unix family. */
    static String unixFamily(Capabilities caps) {
        if (!unix(caps)) {
            return "Unix-domain sockets: " + caps.osName() + " here offers none.";
        }
        if (windows(caps)) {
            return "A socket file on this computer (unix:C:\\ProgramData\\app\\app.sock; Windows 10 and later, stream "
                    + "sockets only); chosen by itself when the target is written as unix:PATH.";
        }
        return "A socket file on this computer (/run/app.sock)" + (caps.abstractUnixNames()
                ? ", or an abstract name (unix:@name)" : "") + "; chosen by itself when the target is a path.";
    }

    /** The help's words for the lookup phase: where the system's own names come from. */
    static String lookupPhase(Capabilities caps) {
        String hosts = windows(caps) ? "the hosts file C:\\Windows\\System32\\drivers\\etc\\hosts" : "/etc/hosts";
        return "Turning the name into addresses (DNS, " + hosts + "). A failure here is a verdict of its own: the name "
                + "was not found, or the lookup took longer than the time limit.";
    }
}
