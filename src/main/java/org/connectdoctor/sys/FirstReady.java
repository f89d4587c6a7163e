package org.connectdoctor.sys;

/**
 * How a wait on several sockets at once ended ({@link NativeSockets#awaitAnyConnect}).
 *
 * @param readiness READY when a socket's connect finished (either way: read SO_ERROR),
 *                  TIMED_OUT or WOKEN otherwise
 * @param index     for READY the position of the first finished socket in the list given; -1 otherwise
 */
public record FirstReady(Readiness readiness, int index) {

    public static final FirstReady TIMED_OUT = new FirstReady(Readiness.TIMED_OUT, -1);
    public static final FirstReady WOKEN = new FirstReady(Readiness.WOKEN, -1);

    public FirstReady {
        if ((readiness == Readiness.READY) != (index >= 0)) {
            throw new IllegalArgumentException(readiness + " with index " + index);
        }
    }
}
