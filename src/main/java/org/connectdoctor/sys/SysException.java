package org.connectdoctor.sys;

import org.connectdoctor.net.Errno;
import org.connectdoctor.net.SysError;

/**
 * A system call failed. Carries the call's name and the error it reported. It has no stack
 * trace: failures such as ECONNREFUSED are ordinary results for this product, and they are
 * produced in loops where a stack walk would be the largest cost.
 */
public final class SysException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String call;
    private final transient SysError error;

    public SysException(String call, SysError error) {
        super(call + ": " + error, null, false, false);
        this.call = call;
        this.error = error;
    }

    /** The C function that failed: "connect", "socket", … */
    public String call() {
        return call;
    }

    public SysError error() {
        return error;
    }

    public Errno errno() {
        return error.errno();
    }
}
